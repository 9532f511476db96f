"""A two-minute tour: a sentence becomes related tables, a sample to review, then a full corpus,
checked and exported.

Run with ``make demo``. Everything runs offline.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Mapping
from pathlib import Path

import polars as pl
from rich.console import Console
from rich.table import Table

import synthdata as sd
from synthdata.schema import FieldType, Schema

OUT = Path("demo_output")
CONTEXT = "Healthcare clinic with 200 patients needs patient records and appointment scheduling"

#: How wide a sample column may grow, and how far a long one may shrink before it is hidden.
WIDEST, NARROWEST = 28, 10
#: Free text, which reads well enough cut short; other columns show whole or not at all.
_PROSE = {
    FieldType.STRING,
    FieldType.TEXT,
    FieldType.ADDRESS,
    FieldType.STREET,
    FieldType.EMAIL,
    FieldType.URL,
    FieldType.JSON,
    FieldType.COMPANY,
    FieldType.JOB_TITLE,
    FieldType.NAME,
}
#: Field types that say least at a glance: shown only when the terminal has room for them.
_LONG = {
    FieldType.TEXT,
    FieldType.ADDRESS,
    FieldType.JSON,
    FieldType.PASSWORD_HASH,
    FieldType.URL,
    FieldType.UUID,
    FieldType.IBAN,
    FieldType.CREDIT_CARD,
    FieldType.NATIONAL_ID,
}
_NAMES = {
    FieldType.NAME,
    FieldType.FIRST_NAME,
    FieldType.LAST_NAME,
    FieldType.COMPANY,
    FieldType.JOB_TITLE,
}
_AMOUNTS = {FieldType.AMOUNT, FieldType.DECIMAL, FieldType.ENUM, FieldType.PERCENT}


def short_key(value: object) -> str:
    """A UUID's first 8 hex digits and an ellipsis: enough to match a child's key to its parent."""
    text = str(value)
    return f"{text[:8]}…" if len(text) > 9 else text


def _cell(value: object, is_key: bool) -> str:
    if value is None:
        return ""
    if is_key or isinstance(value, uuid.UUID):
        return short_key(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return " ".join(str(value).split())  # one line per row, whatever the text holds


def _type(schema: Schema, name: str) -> FieldType | None:
    return schema.field(name).type if name in schema.field_names else None


def _rank(schema: Schema, name: str) -> int:
    """Which columns a reader wants first: keys, names and titles, amounts and states, the rest."""
    kind = _type(schema, name)
    if name == schema.primary_key:
        return 0
    if any(fk.field == name for fk in schema.foreign_keys):
        return 1
    if kind in _NAMES or name.endswith(("name", "title")):
        return 2
    if kind in _AMOUNTS:
        return 3
    return 5 if kind in _LONG else 4


def sample_table(schema: Schema, frame: pl.DataFrame, width: int) -> Table:
    """A sample as a table no wider than ``width``: key columns shortened, one line per row,
    the columns that matter most first, and a caption naming the ones left out."""
    keys = {schema.primary_key} | {fk.field for fk in schema.foreign_keys}
    keyed = {n for n in keys if n is not None and _type(schema, n) is FieldType.UUID}
    cells = {
        name: [_cell(v, name in keyed) for v in frame.get_column(name)] for name in frame.columns
    }
    natural = {
        name: min(max([len(name)] + [len(c) for c in column]), WIDEST)
        for name, column in cells.items()
    }
    least = {  # free text may be cut short, down to its header; the rest shows whole
        name: min(full, max(len(name), NARROWEST)) if _type(schema, name) in _PROSE else full
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
            grow = min(natural[name] - chosen[name], room)
            chosen[name] += max(grow, 0)
            room -= max(grow, 0)
    hidden = [n for n in frame.columns if n not in chosen]
    caption = f"not shown: {', '.join(hidden)}" if hidden else None
    table = Table(
        title=f"{schema.name} (sample)",
        title_justify="left",
        header_style="bold cyan",
        caption=caption,
        caption_justify="left",
    )
    shown = [n for n in frame.columns if n in chosen]
    for name in shown:
        table.add_column(name, width=chosen[name], no_wrap=True, overflow="ellipsis")
    for row in zip(*(cells[n] for n in shown), strict=True):
        table.add_row(*row)
    return table


def show_sample(
    console: Console, schemas: list[Schema], frames: Mapping[str, pl.DataFrame]
) -> None:
    by_name = {s.name: s for s in schemas}
    for name, frame in frames.items():
        console.print(sample_table(by_name[name], frame, console.width))


def first_screen(console: Console, context: str = CONTEXT) -> list[Schema]:
    """Steps 1 and 2: the analysis, the schemas it infers and a small sample of each table."""
    console.rule("[bold]1. A business, in one sentence")
    console.print(f'"{context}"')
    analysis = sd.analyze(context)
    console.print(
        f"domain: [bold]{analysis.domain}[/] (confidence {analysis.confidence}); "
        f"tables: {', '.join(analysis.suggested_schemas)}"
    )
    schemas = sd.infer_schemas(analysis)
    for schema in schemas:
        console.print(schema)
    console.rule("[bold]2. A sample to review (keys point into the other tables)")
    show_sample(console, schemas, sd.sample(schemas, rows=4, seed=42))
    return schemas


def main() -> None:
    console = Console()
    schemas = first_screen(console)
    console.rule("[bold]3. A corpus of 300,000 records, streamed to Parquet")
    started = time.perf_counter()
    corpus = sd.generate(
        schemas, total_rows=300_000, seed=42, out_dir=OUT / "corpus", progress=True
    )
    for name, count in corpus.row_counts.items():
        console.print(f"  {name:<14} {count:>9,} rows")
    console.print(f"  written in {time.perf_counter() - started:.1f} s")
    console.rule("[bold]4. Checked against the schemas, then exported")
    console.print(sd.validate(corpus).summary())
    for fmt in ("csv", "sql", "xlsx"):
        paths = sd.export(corpus, fmt, OUT / fmt, schemas=["patients", "doctors"])
        names = ", ".join(p.name for p in paths.values())
        console.print(f"  {fmt:<5} → {OUT / fmt}/: {names}")


if __name__ == "__main__":
    main()
