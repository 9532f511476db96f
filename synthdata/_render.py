"""Samples as terminal tables that fit the terminal: keys shortened, one line per row, the
columns a reader wants first, and a caption naming the ones left out.

Which columns come first and which may be cut short are facts of their field types
(:attr:`FieldTraits.glance <synthdata.schema.traits.FieldTraits.glance>` and ``clips``), so a
new type is placed by its entry in the traits table. Used by ``synthdata sample`` and by
``examples/demo.py``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence

import polars as pl
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from synthdata.schema import FieldType, Schema, traits
from synthdata.schema.traits import Glance

__all__ = ["NARROWEST", "WIDEST", "print_samples", "sample_table", "short_key"]

#: How wide a sample column may grow, and how far a long one may shrink before it is hidden.
WIDEST, NARROWEST = 28, 10

#: Columns in the order a reader wants them: keys, names and titles, amounts and states, the
#: rest, and long or opaque values last.
_RANK = {Glance.NAME: 2, Glance.FIGURE: 3, Glance.DETAIL: 4, Glance.BULK: 5}


def short_key(value: object) -> str:
    """A UUID's first 8 hex digits and an ellipsis: enough to match a child's key to its parent.

    >>> short_key("3f2a9c1d-0000-4000-8000-000000000000")
    '3f2a9c1d…'
    >>> short_key(42)
    '42'
    """
    text = str(value)
    return f"{text[:8]}…" if len(text) > 9 else text


def _cell(value: object, shorten: bool) -> str:
    if value is None:
        return ""
    if shorten or isinstance(value, uuid.UUID):
        return short_key(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, float) and len(repr(value)) > 10:
        return format(value, ".6g")
    return " ".join(str(value).split())  # one line per row, whatever the text holds


def _keys(schema: Schema) -> tuple[str | None, set[str]]:
    return schema.primary_key, {fk.field for fk in schema.foreign_keys}


def _rank(schema: Schema, name: str) -> int:
    primary, foreign = _keys(schema)
    if name == primary:
        return 0
    if name in foreign:
        return 1
    if name not in schema.field_names:
        return _RANK[Glance.DETAIL]
    glance = traits(schema.field(name).type).glance
    if glance is not Glance.BULK and name.endswith(("name", "title")):
        return _RANK[Glance.NAME]
    return _RANK[glance]


def _clips(schema: Schema, name: str) -> bool:
    return name in schema.field_names and traits(schema.field(name).type).clips


def _is_uuid(schema: Schema, name: str) -> bool:
    return name in schema.field_names and schema.field(name).type is FieldType.UUID


def sample_table(
    schema: Schema, frame: pl.DataFrame, width: int, title: str | None = None
) -> Table:
    """A sample as a table no wider than ``width`` terminal cells.

    UUIDs show their first 8 hex digits (a child's key still matches its parent's), every row
    is one line, columns are chosen by rank (keys, names, figures, details, long values) until
    the width is used, free text may be cut short with an ellipsis, and a caption names the
    columns left out. Columns keep the schema's order on screen.
    """
    cells = {
        name: [_cell(v, _is_uuid(schema, name)) for v in frame.get_column(name)]
        for name in frame.columns
    }
    natural = {
        name: min(max([cell_len(name)] + [cell_len(c) for c in column]), WIDEST)
        for name, column in cells.items()
    }
    least = {  # free text may be cut short, down to its header; the rest shows whole
        name: min(full, max(cell_len(name), NARROWEST)) if _clips(schema, name) else full
        for name, full in natural.items()
    }
    order = sorted(frame.columns, key=lambda n: (_rank(schema, n), frame.columns.index(n)))
    room = width - 1  # the table's left border; each column takes its width and 3 more
    chosen: dict[str, int] = {}
    for name in order:
        if least[name] + 3 <= room:
            chosen[name] = least[name]
            room -= least[name] + 3
        elif not chosen:  # a terminal too narrow for anything still shows the key, cut short
            chosen[name] = max(room - 3, 1)
            room = 0
    for name in order:  # give what is left to the columns that were shrunk, in the same order
        if name in chosen:
            grow = max(min(natural[name] - chosen[name], room), 0)
            chosen[name] += grow
            room -= grow
    hidden = [n for n in frame.columns if n not in chosen]
    table = Table(
        title=f"{schema.name} (sample)" if title is None else title,
        title_justify="left",
        header_style="bold cyan",
        caption=f"not shown: {', '.join(hidden)}" if hidden else None,
        caption_justify="left",
    )
    shown = [n for n in frame.columns if n in chosen]
    for name in shown:
        table.add_column(name, width=chosen[name], no_wrap=True, overflow="ellipsis")
    for row in zip(*(cells[n] for n in shown), strict=True):
        table.add_row(*row)
    return table


def print_samples(
    console: Console,
    schemas: Sequence[Schema],
    frames: Mapping[str, pl.DataFrame],
    width: int | None = None,
) -> None:
    """Print each sample frame as a :func:`sample_table` as wide as the console (or ``width``)."""
    by_name = {s.name: s for s in schemas}
    for name, frame in frames.items():
        console.print(sample_table(by_name[name], frame, width or console.width))
