"""Check tables against their schemas: counts, keys, nulls, values and constraints."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from html import escape

import polars as pl
from pydantic import BaseModel, ConfigDict

from synthdata.corpus import Corpus
from synthdata.errors import InvalidInputError
from synthdata.schema import (
    CompositeForeignKey,
    Constraint,
    Field,
    FieldType,
    ForeignKey,
    Schema,
    StatusRule,
    check_schemas,
)
from synthdata.schema.checks import child_key, parent_key
from synthdata.schema.expressions import (
    Aggregate,
    aggregate_column,
    aggregates,
    decimals,
    parse,
    to_polars,
)
from synthdata.schema.paths import key_paths
from synthdata.schema.traits import FIELD_TRAITS

__all__ = ["Check", "Report", "validate"]

Frames = Mapping[str, pl.DataFrame | pl.LazyFrame]


class Check(BaseModel):
    """One check on a table or field; ``ok`` says whether it passed."""

    model_config = ConfigDict(frozen=True)

    table: str
    field: str | None = None
    check: str
    ok: bool
    detail: str = ""


class Report(BaseModel):
    """The outcome of :func:`validate`: every check, and ``ok`` when all passed."""

    model_config = ConfigDict(frozen=True)

    checks: list[Check]
    row_counts: dict[str, int]

    @property
    def ok(self) -> bool:
        """True when every check passed."""
        return all(c.ok for c in self.checks)

    @property
    def failures(self) -> list[Check]:
        """The checks that failed."""
        return [c for c in self.checks if not c.ok]

    def summary(self) -> str:
        """One line per failure, or a line saying everything passed."""
        if self.ok:
            return f"All {len(self.checks)} checks passed on {len(self.row_counts)} tables."
        lines = [f"{len(self.failures)} of {len(self.checks)} checks failed:"]
        lines += [f"  {c.table}.{c.field or '*'} {c.check}: {c.detail}" for c in self.failures]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{'✅' if c.ok else '❌'}</td><td>{escape(c.table)}</td>"
            f"<td>{escape(c.field or '')}</td><td>{escape(c.check)}</td>"
            f"<td>{escape(c.detail)}</td></tr>"
            for c in self.checks
        )
        return f"<p>{escape(self.summary())}</p><table>{rows}</table>"


def validate(data: Corpus | Frames, schemas: Sequence[Schema] | None = None) -> Report:
    """Check tables against their schemas.

    Args:
        data: a :class:`Corpus`, or a mapping of table name to polars DataFrame/LazyFrame.
        schemas: the schemas (taken from the corpus when omitted).

    Returns:
        A :class:`Report` of row counts, foreign-key integrity, uniqueness, null rates, value
        validity and constraint checks.

    >>> import synthdata as sd
    >>> s = sd.Schema(name="t", fields=[sd.Field(name="id", type="UUID", primary_key=True)])
    >>> sd.validate(sd.sample([s]), [s]).ok
    True
    """
    if isinstance(data, Corpus):
        frames: dict[str, pl.LazyFrame] = {n: data.frame(n) for n in data.tables}
        expected: dict[str, int] | None = dict(data.row_counts)
        schemas = list(schemas) if schemas is not None else data.schemas
    else:
        if schemas is None:
            msg = "validate() needs schemas when given frames rather than a Corpus"
            raise InvalidInputError(msg)
        frames = {n: f.lazy() for n, f in data.items()}
        expected = None
    ordered = check_schemas(list(schemas))
    counts = {n: int(f.select(pl.len()).collect().item()) for n, f in frames.items()}
    checks: list[Check] = []
    tables = {s.name: s for s in ordered}
    for s in ordered:
        checks += _table_checks(s, frames, counts, expected, tables)
    return Report(checks=checks, row_counts=counts)


def _table_checks(
    s: Schema,
    frames: dict[str, pl.LazyFrame],
    counts: dict[str, int],
    expected: dict[str, int] | None,
    tables: dict[str, Schema],
) -> list[Check]:
    if s.name not in frames:
        return [Check(table=s.name, check="present", ok=False, detail="table is missing")]
    frame, n = frames[s.name], counts[s.name]
    out = [_row_count(s, n, expected)]
    present = set(frame.collect_schema().names())
    missing = [f.name for f in s.fields if f.name not in present]
    if missing:
        return [*out, Check(table=s.name, check="columns", ok=False, detail=f"missing {missing}")]
    out += _field_checks(s, frame, n)
    for fk in s.foreign_keys:
        out += _fk_checks(s, fk, frames, counts)
    for group in s.one_of:
        filled = pl.sum_horizontal([pl.col(n).is_not_null().cast(pl.Int32) for n in group])
        bad = frame.filter(filled != 1).select(pl.len()).collect().item()
        out.append(
            Check(
                table=s.name,
                field=",".join(group),
                check=f"one_of {', '.join(group)}",
                ok=bad == 0,
                detail=f"{bad} rows fill none or several",
            )
        )
    if s.composite_key:
        out.append(_unique_group(s, frame, s.composite_key, "primary_key"))
    for cfk in s.composite_foreign_keys:
        out += _composite_fk_checks(s, cfk, frames, counts)
    for group in s.unique_together:
        # As in SQL, a combination with a null in it never clashes with another.
        combos = frame.select(group).drop_nulls()
        dupes = combos.group_by(group).len().filter(pl.col("len") > 1).select(pl.len())
        dupes = dupes.collect().item()
        out.append(
            Check(
                table=s.name,
                field=",".join(group),
                check="unique_together",
                ok=dupes == 0,
                detail=f"{dupes} repeated combinations",
            )
        )
    for c in s.constraints:
        rows = frame if c.parent is None else _with_parent(s, c, frame, frames)
        if rows is None:
            continue
        bad = rows.filter(_violates(c)).select(pl.len()).collect().item()
        out.append(
            Check(
                table=s.name,
                field=c.field,
                check=f"constraint {c}",
                ok=bad == 0,
                detail=f"{bad} rows violate it",
            )
        )
    for rule in s.status_rules:
        out += _status_checks(s, rule, frame)
    out += _derived_checks(s, frame, frames, tables)
    out += _path_checks(s, frame, frames, tables)
    return out


def _path_checks(
    s: Schema, frame: pl.LazyFrame, frames: dict[str, pl.LazyFrame], tables: dict[str, Schema]
) -> list[Check]:
    """Keys that agree along a path (:func:`synthdata.generate.plan.key_paths`): an
    appointment's owner is its pet's owner."""
    out = []
    by_field = {fk.field: fk for fk in s.foreign_keys}
    for key, (through, way) in key_paths(s, tables).items():
        middle = by_field[through]
        if middle.parent not in frames:
            continue
        theirs = frames[middle.parent].select(
            pl.col(middle.parent_field).alias("__through"), pl.col(way).alias("__way")
        )
        rows = frame.select(pl.col(through).alias("__through"), pl.col(key)).join(
            theirs, on="__through"
        )
        bad = rows.filter(pl.col(key) != pl.col("__way")).select(pl.len()).collect().item()
        out.append(
            Check(
                table=s.name,
                field=key,
                check=f"key path {key} = {middle.parent}.{way} through {through}",
                ok=bad == 0,
                detail=f"{bad} rows differ from the {middle.parent} row they refer to",
            )
        )
    return out


def _derived_checks(
    s: Schema, frame: pl.LazyFrame, frames: dict[str, pl.LazyFrame], tables: dict[str, Schema]
) -> list[Check]:
    """Per derived field: rows whose value differs from its expression by more than rounding
    to the column's decimals (rows where the value or an input is null are not judged); an
    aggregate is computed from the child table's rows by its key."""
    derived = [
        f
        for f in s.fields
        if f.derived is not None
        and all(a.table in frames for a in aggregates(parse(f.derived)))
        and (s.primary_key is not None or not aggregates(parse(f.derived)))
    ]
    if not derived:
        return []
    found = {a for f in derived for a in aggregates(parse(f.derived or ""))}
    for agg in sorted(found, key=str):
        frame = _with_aggregate(s, agg, frame, frames, tables)
    types = {f.name: f.type for f in s.fields}
    exprs = []
    for f in derived:
        assert f.derived is not None
        want = to_polars(parse(f.derived), types)
        have = pl.col(f.name).cast(pl.Float64)
        slack = 0.5 * 10.0 ** -decimals(f.type) + 1e-9 * (1.0 + have.abs())
        off = (have - want).abs() > slack
        exprs.append((have.is_not_null() & want.is_not_null() & off).sum().alias(f.name))
    counts = frame.select(exprs).collect().row(0, named=True)
    return [
        Check(
            table=s.name,
            field=f.name,
            check=f"derived {f.name} = {f.derived}",
            ok=counts[f.name] == 0,
            detail=f"{counts[f.name]} rows differ from it",
        )
        for f in derived
    ]


def _with_aggregate(
    s: Schema,
    agg: Aggregate,
    frame: pl.LazyFrame,
    frames: dict[str, pl.LazyFrame],
    tables: dict[str, Schema],
) -> pl.LazyFrame:
    """``frame`` with a column of ``agg`` over each row's children."""
    fk = child_key(tables[agg.table], s.name)
    value = pl.col(agg.column or fk.field).cast(pl.Float64)
    measure = {
        "sum": value.sum(),
        "count": pl.len(),
        "avg": value.mean(),
        "min": value.min(),
        "max": value.max(),
    }[agg.func]
    name = aggregate_column(agg)
    grouped = (
        frames[agg.table]
        .filter(pl.col(fk.field).is_not_null())
        .group_by(fk.field)
        .agg(measure.alias(name))
    )
    assert s.primary_key is not None
    joined = frame.join(grouped, left_on=s.primary_key, right_on=fk.field, how="left")
    if agg.func in ("sum", "count"):
        joined = joined.with_columns(pl.col(name).fill_null(0))
    return joined


def _status_checks(s: Schema, rule: StatusRule, frame: pl.LazyFrame) -> list[Check]:
    """Per milestone of a status rule: rows whose status says it exists but it is null, and
    rows whose status rules it out but it is there."""
    status = pl.col(rule.field).cast(pl.String)
    counts = (
        frame.select(
            *[
                (
                    (status.is_in(_having(rule, m)) & pl.col(m).is_null())
                    | (status.is_in(_lacking(rule, m)) & pl.col(m).is_not_null())
                )
                .sum()
                .alias(m)
                for m in rule.milestones
            ]
        )
        .collect()
        .row(0, named=True)
    )
    return [
        Check(
            table=s.name,
            field=m,
            check=f"status_rule {rule.field} → {m}",
            ok=counts[m] == 0,
            detail=f"{counts[m]} rows contradict their {rule.field}",
        )
        for m in rule.milestones
    ]


def _having(rule: StatusRule, milestone: str) -> list[str]:
    return [v for v, listed in rule.when.items() if milestone in listed]


def _lacking(rule: StatusRule, milestone: str) -> list[str]:
    return [v for v, listed in rule.when.items() if milestone not in listed]


def _row_count(s: Schema, n: int, expected: dict[str, int] | None) -> Check:
    if expected is None:
        return Check(table=s.name, check="row_count", ok=True, detail=f"{n} rows")
    want = expected.get(s.name)
    return Check(table=s.name, check="row_count", ok=n == want, detail=f"{n} rows, expected {want}")


def _with_parent(
    s: Schema, c: Constraint, frame: pl.LazyFrame, frames: dict[str, pl.LazyFrame]
) -> pl.LazyFrame | None:
    """The child's rows with the parent's ``c.other`` as column ``c.ref`` (joined by the
    foreign key; null where the key is); None when the parent table is absent."""
    fk = parent_key(s, c)
    if fk.parent not in frames:
        return None
    parent = frames[fk.parent].select(
        pl.col(fk.parent_field).alias("__parent_key"), pl.col(c.other).alias(c.ref)
    )
    joined = frame.join(parent, left_on=fk.field, right_on="__parent_key", how="left")
    types = joined.collect_schema()
    if {types[c.field], types[c.ref]} == {pl.Date, pl.Datetime("us")}:  # both as timestamps
        joined = joined.with_columns(pl.col(c.field, c.ref).cast(pl.Datetime("us")))
    return joined


def _violates(c: Constraint) -> pl.Expr:
    a, b = pl.col(c.field), pl.col(c.ref)
    duration = c.duration()
    if duration is not None:
        b = b.dt.offset_by(duration)
    holds = {">=": a >= b, ">": a > b, "<=": a <= b, "<": a < b}[c.op]
    return a.is_not_null() & b.is_not_null() & ~holds


def _field_checks(s: Schema, frame: pl.LazyFrame, n: int) -> list[Check]:
    # A milestone a status rule decides is null as its status says; its own null rate holds
    # on the rows whose status the rule does not name.
    free = {
        m: ~pl.col(r.field).cast(pl.String).is_in(list(r.when)).fill_null(False)
        for r in s.status_rules
        for m in r.milestones
    }
    # A one_of group decides every row's nulls (the one_of check judges them).
    free.update({name: pl.repeat(False, pl.len()) for group in s.one_of for name in group})
    stats = (
        frame.select(
            *[
                (pl.col(f.name).is_null() & free[f.name]).sum().alias(f"{f.name}__nulls")
                if f.name in free
                else pl.col(f.name).null_count().alias(f"{f.name}__nulls")
                for f in s.fields
            ],
            *[free[name].sum().alias(f"{name}__free") for name in free],
            *[
                pl.col(f.name).drop_nulls().n_unique().alias(f"{f.name}__unique")
                for f in s.fields
                if f.is_unique
            ],
        )
        .collect()
        .row(0, named=True)
    )
    anchored = {c.field for c in s.constraints} | {f.name for f in s.fields if f.derived}
    out: list[Check] = []
    dtypes = frame.collect_schema()
    for f in s.fields:
        want = FIELD_TRAITS[f.type].dtype
        if dtypes[f.name] != want:
            out.append(
                Check(
                    table=s.name,
                    field=f.name,
                    check="dtype",
                    ok=False,
                    detail=f"{dtypes[f.name]} instead of {want}",
                )
            )
        nulls = stats[f"{f.name}__nulls"]
        out.append(_null_check(s, f, nulls, stats.get(f"{f.name}__free", n)))
        if f.is_unique:
            distinct = stats[f"{f.name}__unique"]
            out.append(
                Check(
                    table=s.name,
                    field=f.name,
                    check="unique",
                    ok=distinct == n - nulls,
                    detail=f"{n - nulls - distinct} repeated values",
                )
            )
        # A composite foreign key's fields hold the parent's values, checked by the key.
        composite = f.name in s.composite_fields()
        invalid = None if composite else _invalid_values(s, f, anchored)
        if invalid is not None:
            bad = (
                frame.filter(pl.col(f.name).is_not_null() & invalid)
                .select(pl.len())
                .collect()
                .item()
            )
            out.append(
                Check(
                    table=s.name,
                    field=f.name,
                    check="values",
                    ok=bad == 0,
                    detail=f"{bad} invalid values",
                )
            )
    return out


def _null_check(s: Schema, f: Field, nulls: int, n: int) -> Check:
    if not f.effective_null_rate or n == 0:
        return Check(
            table=s.name, field=f.name, check="not_null", ok=nulls == 0, detail=f"{nulls} nulls"
        )
    is_self_ref = any(fk.field == f.name and fk.parent == s.name for fk in s.foreign_keys)
    rate = f.effective_null_rate
    observed = nulls / n
    # Five standard deviations plus one row: a false alarm is far rarer than a real bug.
    tolerance = 5 * math.sqrt(rate * (1 - rate) / n) + 1 / n
    ok = is_self_ref or abs(observed - rate) <= tolerance
    return Check(
        table=s.name,
        field=f.name,
        check="null_rate",
        ok=ok,
        detail=f"{observed:.3f} observed, {rate:.3f} expected",
    )


def _pattern_regex(pattern: str) -> str:
    parts = {"#": "[0-9]", "?": "[A-Z]", "*": "[0-9A-Z]"}
    return "^" + "".join(parts.get(ch, re.escape(ch)) for ch in pattern) + "$"


def _invalid_values(s: Schema, f: Field, anchored: set[str]) -> pl.Expr | None:
    col, traits = pl.col(f.name), FIELD_TRAITS[f.type]
    if f.values is not None and f.name not in anchored:
        if traits.numeric:  # decimals compared as the numbers they are
            unlisted = ~col.cast(pl.Float64).is_in([float(v) for v in f.listed()])
        else:
            unlisted = ~col.is_in(pl.Series(f.listed()).cast(traits.dtype).to_list())
        if not f.other:
            return unlisted
        # Rows the column's own kind drew (``other``) are judged as that kind's are.
        own = f.model_copy(update={"values": None, "weights": None, "other": None})
        rest = _invalid_values(s, own, anchored)
        return None if rest is None else unlisted & rest
    if f.type is FieldType.ENUM and f.enum_values:
        return ~col.cast(pl.String).is_in(f.enum_values)
    if traits.format is not None:
        return ~col.cast(pl.String).str.contains(traits.format)
    if traits.patterned and f.pattern:
        return ~col.cast(pl.String).str.contains(_pattern_regex(f.pattern))
    if traits.orderable and f.name not in anchored:
        lo, hi = f.limits()
        checks = [
            e
            for e in (col < lo if lo is not None else None, col > hi if hi is not None else None)
            if e is not None
        ]
        if checks:
            return pl.any_horizontal(checks)
    return None


def _fk_checks(
    s: Schema, fk: ForeignKey, frames: dict[str, pl.LazyFrame], counts: dict[str, int]
) -> list[Check]:
    if fk.parent not in frames:
        return [
            Check(
                table=s.name,
                field=fk.field,
                check="foreign_key",
                ok=False,
                detail=f"parent table '{fk.parent}' is missing",
            )
        ]
    child = frames[s.name].select(pl.col(fk.field).alias("k")).drop_nulls()
    parent = frames[fk.parent].select(pl.col(fk.parent_field).alias("k"))
    orphans = child.join(parent, on="k", how="anti").select(pl.len()).collect().item()
    out = [
        Check(
            table=s.name,
            field=fk.field,
            check="foreign_key",
            ok=orphans == 0,
            detail=f"{orphans} values missing from {fk.parent}.{fk.parent_field}",
        )
    ]
    if fk.parent == s.name:
        loops = frames[s.name].filter(pl.col(fk.field) == pl.col(fk.parent_field))
        n_loops = loops.select(pl.len()).collect().item()
        out.append(
            Check(
                table=s.name,
                field=fk.field,
                check="no_self_loops",
                ok=n_loops == 0,
                detail=f"{n_loops} rows reference themselves",
            )
        )
    elif fk.cardinality.bounded:
        out.append(_cardinality_check(s, fk, frames, counts))
    return out


def _unique_group(s: Schema, frame: pl.LazyFrame, group: list[str], check: str) -> Check:
    """Rows repeating a combination of ``group`` (combinations with a null never clash)."""
    combos = frame.select(group).drop_nulls()
    dupes = combos.group_by(group).len().filter(pl.col("len") > 1).select(pl.len())
    n = dupes.collect().item()
    return Check(
        table=s.name,
        field=",".join(group),
        check=check,
        ok=n == 0,
        detail=f"{n} repeated combinations",
    )


def _composite_fk_checks(
    s: Schema, fk: CompositeForeignKey, frames: dict[str, pl.LazyFrame], counts: dict[str, int]
) -> list[Check]:
    """Every child combination without nulls occurs in the parent's key, a row's fields are
    all null or none, and a bounded cardinality holds."""
    where = ",".join(fk.fields)
    if fk.parent not in frames:
        detail = f"parent table '{fk.parent}' is missing"
        return [Check(table=s.name, field=where, check="foreign_key", ok=False, detail=detail)]
    names = [f"__k{i}" for i in range(len(fk.fields))]
    child = frames[s.name].select(
        [pl.col(c).alias(n) for c, n in zip(fk.fields, names, strict=True)]
    )
    parent = frames[fk.parent].select(
        [pl.col(c).alias(n) for c, n in zip(fk.referenced, names, strict=True)]
    )
    orphans = (
        child.drop_nulls().join(parent, on=names, how="anti").select(pl.len()).collect().item()
    )
    nulls = [pl.col(n).is_null() for n in names]
    partial = (
        child.filter(pl.any_horizontal(nulls) & ~pl.all_horizontal(nulls))
        .select(pl.len())
        .collect()
        .item()
    )
    referenced = ", ".join(fk.referenced)
    out = [
        Check(
            table=s.name,
            field=where,
            check="foreign_key",
            ok=orphans == 0,
            detail=f"{orphans} combinations missing from {fk.parent} ({referenced})",
        ),
        Check(
            table=s.name,
            field=where,
            check="foreign_key_nulls",
            ok=partial == 0,
            detail=f"{partial} rows null in some fields of the key but not all",
        ),
    ]
    card = fk.cardinality
    if card.min or card.max is not None:
        per_parent = frames[s.name].drop_nulls(fk.fields).group_by(fk.fields).len()
        stats = (
            per_parent.select(
                pl.col("len").min().alias("lo"),
                pl.col("len").max().alias("hi"),
                pl.len().alias("parents"),
            )
            .collect()
            .row(0, named=True)
        )
        lo = 0 if stats["parents"] < counts[fk.parent] else (stats["lo"] or 0)
        hi = stats["hi"] or 0
        want_lo, want_hi = card.min or 0, card.max
        out.append(
            Check(
                table=s.name,
                field=where,
                check="cardinality",
                ok=lo >= want_lo and (want_hi is None or hi <= want_hi),
                detail=f"{lo} to {hi} children per parent, wanted {want_lo} to {want_hi}",
            )
        )
    return out


def _cardinality_check(
    s: Schema, fk: ForeignKey, frames: dict[str, pl.LazyFrame], counts: dict[str, int]
) -> Check:
    per_parent = frames[s.name].group_by(fk.field).len().drop_nulls(fk.field)
    stats = (
        per_parent.select(
            pl.col("len").min().alias("lo"),
            pl.col("len").max().alias("hi"),
            pl.len().alias("parents"),
        )
        .collect()
        .row(0, named=True)
    )
    lo = 0 if stats["parents"] < counts[fk.parent] else (stats["lo"] or 0)
    hi = stats["hi"] or 0
    want_lo, want_hi = fk.cardinality.min or 0, fk.cardinality.max
    ok = lo >= want_lo and (want_hi is None or hi <= want_hi)
    return Check(
        table=s.name,
        field=fk.field,
        check="cardinality",
        ok=ok,
        detail=f"{lo} to {hi} children per parent, wanted {want_lo} to {want_hi}",
    )
