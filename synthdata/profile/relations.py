"""Keys and relationships of real tables: declared in a catalogue, or found in the data.

A primary key is what the catalogue declares, else (files) a table's unique, non-null integer or
text column named like a key or first in the table. A foreign key is what the catalogue declares,
else a column whose non-null values all occur in another table's key; such implicit keys are
ranked by their names (``carrier`` → ``airlines.carrier``, ``customer_id`` → ``customers.id``)
and reported. Per foreign key, :func:`child_counts` measures how many children each parent has,
and :func:`parent_orderings` finds child dates that always follow a date of their parent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from synthdata.profile.shapes import number, quantile_points
from synthdata.profile.sources import Source
from synthdata.schema import semantics as sem

__all__ = [
    "CompositeLink",
    "Link",
    "child_counts",
    "composite_child_counts",
    "composite_links",
    "date_orderings",
    "find_keys",
    "parent_orderings",
    "pooled_counts",
]

_KEY_SUFFIXES = ("id", "key", "code", "num", "no", "number")
_DATES = (pl.Date, pl.Datetime)


@dataclass(frozen=True)
class Link:
    """``child.column`` refers to ``parent.parent_column`` (the parent's primary key)."""

    child: str
    column: str
    parent: str
    parent_column: str
    implicit: bool = False


def find_keys(source: Source) -> tuple[dict[str, str], list[Link], list[str]]:
    """Each table's single-column primary key, the foreign keys a schema can hold, and warnings
    for what the schema model cannot hold (composite keys, keys to non-key columns)."""
    warnings: list[str] = []
    keys: dict[str, str] = {}
    for name, meta in source.meta.items():
        if len(meta.primary_key) == 1:
            keys[name] = meta.primary_key[0]
        elif len(meta.primary_key) > 1:
            pass  # a composite key: :func:`composite_links`
        elif not source.from_catalogue:
            found = _data_key(source.tables[name])
            if found is not None:
                keys[name] = found
                warnings.append(f"{name}: primary key {found!r} found from the data")
    links = _declared_links(source, keys, warnings)
    if not any(m.foreign_keys for m in source.meta.values()):
        links = _implicit_links(source.tables, keys)
        warnings += [
            f"{ln.child}.{ln.column}: implicit foreign key to {ln.parent}.{ln.parent_column} "
            "(found from the data: every value occurs there)"
            for ln in links
        ]
    return keys, links, warnings


@dataclass(frozen=True)
class CompositeLink:
    """``child.columns`` refer to ``parent.parent_columns`` (the parent's composite key)."""

    child: str
    columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...]


def composite_links(source: Source) -> list[CompositeLink]:
    """The composite foreign keys the catalogue declares to a profiled parent's composite
    primary key (their warnings come from :func:`composite_warnings`)."""
    out = []
    for child, meta in source.meta.items():
        for fk in meta.foreign_keys:
            parent = source.meta.get(fk.parent)
            if (
                len(fk.columns) > 1
                and parent is not None
                and fk.parent in source.tables
                and fk.parent != child
                and sorted(fk.parent_columns) == sorted(parent.primary_key)
            ):
                out.append(CompositeLink(child, fk.columns, fk.parent, fk.parent_columns))
    return out


def composite_child_counts(
    child: pl.DataFrame,
    columns: Sequence[str],
    parent: pl.DataFrame,
    parent_columns: Sequence[str],
    k: int,
) -> dict[int, float]:
    """:func:`child_counts` for a composite key: children per parent combination."""
    names = [f"__k{i}" for i in range(len(columns))]
    keys = parent.select(
        [pl.col(c).alias(n) for c, n in zip(parent_columns, names, strict=True)]
    ).unique()
    mine = (
        child.select([pl.col(c).alias(n) for c, n in zip(columns, names, strict=True)])
        .drop_nulls()
        .group_by(names)
        .len()
    )
    per_parent = keys.join(mine, on=names, how="left").select(pl.col("len").fill_null(0))
    hist = per_parent.group_by("len").len(name="parents").sort("len")
    return pooled_counts(
        list(zip(hist["len"].to_list(), hist["parents"].to_list(), strict=True)), k
    )


def _data_key(frame: pl.DataFrame) -> str | None:
    candidates = [
        c
        for c in frame.columns
        if (frame[c].dtype.is_integer() or frame[c].dtype == pl.String)
        and frame[c].null_count() == 0
        and frame.height > 0
        and frame[c].n_unique() == frame.height
    ]
    named = [c for c in candidates if c.lower() == "id" or c.lower().endswith(_KEY_SUFFIXES)]
    if named:
        return named[0]
    return candidates[0] if candidates and candidates[0] == frame.columns[0] else None


def _declared_links(source: Source, keys: dict[str, str], warnings: list[str]) -> list[Link]:
    links: list[Link] = []
    taken: set[tuple[str, str]] = set()
    for child, meta in source.meta.items():
        for fk in meta.foreign_keys:
            where = (
                f"{child} ({', '.join(fk.columns)}) → {fk.parent} ({', '.join(fk.parent_columns)})"
            )
            if fk.parent not in source.tables:
                warnings.append(f"{where}: not kept, the parent table is not profiled")
            elif len(fk.columns) > 1:
                pass  # a composite foreign key: :func:`composite_links`
            elif keys.get(fk.parent) != fk.parent_columns[0]:
                warnings.append(f"{where}: not kept, it does not refer to the parent's key")
            elif (child, fk.columns[0]) in taken:
                warnings.append(f"{where}: not kept, the column already has a foreign key")
            else:
                taken.add((child, fk.columns[0]))
                links.append(Link(child, fk.columns[0], fk.parent, fk.parent_columns[0]))
    return links


def _implicit_links(frames: Mapping[str, pl.DataFrame], keys: dict[str, str]) -> list[Link]:
    """A column whose non-null values all occur in a parent's key (of the same type) refers to
    it. Whole numbers need a name that says so (``customer_id``); text codes only need to fit.
    When several parents fit, the one the name points at wins, then the smallest key."""
    links = []
    for child, frame in frames.items():
        for column in frame.columns:
            if column == keys.get(child):
                continue
            found = [
                (not _named_for(column, parent, key), frames[parent].height, parent)
                for parent, key in keys.items()
                if _fits(frame[column], frames[parent][key])
                and (_named_for(column, parent, key) or frame[column].dtype == pl.String)
            ]
            if found:
                parent = min(found)[2]
                links.append(Link(child, column, parent, keys[parent], implicit=True))
    return links


def _named_for(column: str, parent: str, key: str) -> bool:
    col = column.lower()
    single = sem.singular(parent.lower())
    names = {f"{single}_{key}", f"{parent}_{key}", f"{single}_id", f"parent_{key}"}
    return col in names or (col == key.lower() and key.lower() != "id")


def _fits(column: pl.Series, key: pl.Series) -> bool:
    if column.dtype != key.dtype or (
        column.dtype not in (pl.String,) and not column.dtype.is_integer()
    ):
        return False
    values = column.drop_nulls()
    if values.len() == 0 or values.n_unique() < 2:
        return False
    return bool(values.is_in(key.implode()).all())


def child_counts(children: pl.Series, keys: pl.Series, k: int) -> dict[int, float]:
    """The share of parents with 0, 1, 2, … children; counts that fewer than ``k`` parents have
    are pooled with their neighbours (at the pool's mean), so no parent's exact fan-out is
    written down and the heavy tail stays as one bucket."""
    per_parent = (
        pl.DataFrame({"key": keys})
        .join(
            children.drop_nulls().rename("key").to_frame().group_by("key").len(),
            on="key",
            how="left",
        )
        .select(pl.col("len").fill_null(0))
        .to_series()
    )
    hist = per_parent.value_counts(sort=False).sort(per_parent.name)
    pairs = zip(hist[per_parent.name].to_list(), hist["count"].to_list(), strict=True)
    return pooled_counts(list(pairs), k)


def pooled_counts(hist: Sequence[tuple[int, int]], k: int) -> dict[int, float]:
    """:func:`child_counts` from a histogram ``[(children, parents), …]`` in order of children
    (as a database's GROUP BY counts it)."""
    total = sum(n for _, n in hist)
    if total == 0:
        return {}
    pools: list[list[tuple[int, int]]] = [[]]  # (children, parents) runs, k parents or more
    for size, n in hist:
        pools[-1].append((size, n))
        if sum(p for _, p in pools[-1]) >= k:
            pools.append([])
    left = pools.pop()
    if left and pools:
        # The largest counts left over, fewer than k parents: joined by the largest of the
        # pool before them, so no parent's exact fan-out is written down.
        before, need = pools.pop(), k - sum(p for _, p in left)
        if sum(p for _, p in before) - need >= k:
            while need:
                size, n = before.pop()
                moved = min(n, need)
                left.insert(0, (size, moved))
                if n > moved:
                    before.append((size, n - moved))
                need -= moved
            pools.append(before)
        else:
            left = before + left
    if left:
        pools.append(left)
    out: dict[int, float] = {}
    for pool in pools:
        parents = sum(p for _, p in pool)
        _put(out, round(sum(size * p for size, p in pool) / parents), parents / total)
    return {size: round(share, 6) for size, share in sorted(out.items())}


def _put(out: dict[int, float], size: int, share: float) -> None:
    out[size] = out.get(size, 0.0) + share


def parent_orderings(
    child: pl.DataFrame, column: str, parent: pl.DataFrame, key: str, parent_name: str, k: int
) -> list[dict[str, Any]]:
    """``ordered_at >= customers.created_at`` for each child date that is never before a date
    of its parent row (the latest such parent date, in at least ``k`` joined rows), with the
    measured days between them as the constraint's ``gap`` (quantiles, ends at the ``k``-th
    values, as for any column)."""
    child_dates = [
        c for c in child.columns if isinstance(child[c].dtype, _DATES) or child[c].dtype == pl.Date
    ]
    parent_dates = [
        c
        for c in parent.columns
        if isinstance(parent[c].dtype, _DATES) or parent[c].dtype == pl.Date
    ]
    if not child_dates or not parent_dates:
        return []
    right = parent.select(
        pl.col(key).alias(column), *[pl.col(c).alias(f"__p_{c}") for c in parent_dates]
    )
    joined = child.select(column, *child_dates).join(right, on=column, how="inner")
    out = []
    for c in child_dates:
        best: tuple[float, str] | None = None
        for p in parent_dates:
            pair = joined.select(c, f"__p_{p}").drop_nulls()
            if pair.height < k or pair[c].dtype != pair[f"__p_{p}"].dtype:
                continue
            if bool((pair[c] >= pair[f"__p_{p}"]).all()):
                median = number(pair[f"__p_{p}"].to_physical().median())
                if best is None or median > best[0]:
                    best = (median, p)
        if best is not None:
            pair = joined.select(c, f"__p_{best[1]}").drop_nulls()
            gap = pair[c] - pair[f"__p_{best[1]}"]
            days = (
                gap.cast(pl.Int64).cast(pl.Float64)
                if pair[c].dtype == pl.Date
                else gap.dt.total_microseconds().cast(pl.Float64) / 86_400e6
            )
            ordering: dict[str, Any] = {
                "field": c,
                "op": ">=",
                "other": best[1],
                "parent": parent_name,
            }
            points = [float(x) for x in quantile_points(days.rename("gap"), k)]
            if len(points) >= 2 and points[0] >= 0:
                ordering["gap"] = points
            out.append(ordering)
    return out


def date_orderings(frame: pl.DataFrame, k: int) -> list[str]:
    """``"b >= a"`` for date columns of one table where b is never before a (in at least ``k``
    rows with both, and not always equal), leaving out what follows through a third column."""
    dates = [
        c
        for c in frame.columns
        if frame[c].dtype == pl.Date or isinstance(frame[c].dtype, pl.Datetime)
    ]
    holds: set[tuple[str, str]] = set()
    for a in dates:
        for b in dates:
            if a == b or frame[a].dtype != frame[b].dtype:
                continue
            pair = frame.select(a, b).drop_nulls()
            if (
                pair.height >= k
                and bool((pair[b] >= pair[a]).all())
                and bool((pair[b] > pair[a]).any())
            ):
                holds.add((b, a))
    return [
        f"{b} >= {a}"
        for b, a in sorted(holds)
        if not any((b, c) in holds and (c, a) in holds for c in dates)
    ]
