"""Profile a real database or files into schemas that regenerate data of the same shape.

:func:`profile` reads a source (:func:`synthdata.profile.sources.read_source`), finds its keys
(:mod:`synthdata.profile.relations`), measures every column (:mod:`synthdata.profile.shapes`) and
writes what it found as ordinary schema options: types, keys, null rates, listed values with
their weights, quantiles, code patterns, meanings, children-per-parent counts and the orderings
the data keeps. No real row is written down, and a value is listed only if at least ``k`` rows
hold it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from synthdata.errors import InvalidInputError
from synthdata.profile import dependencies, relations, shapes
from synthdata.profile.shapes import number
from synthdata.profile.sources import Source, SourceLike, TableMeta, read_source
from synthdata.schema import Cardinality, Constraint, Field, FieldType, Schema
from synthdata.schema.field import QuantilesBy, ValuesBy
from synthdata.schema.semantics import DATE_TYPES
from synthdata.schema.table import SchemaList
from synthdata.schema.traits import FIELD_TRAITS

__all__ = ["SAMPLE_ROWS", "Profile", "ProfileEvent", "profile"]

logger = logging.getLogger("synthdata")

#: A table holding more rows than this is measured on a random sample of this many rows
#: (``sample_rows`` overrides); its row count and children per parent stay exact.
SAMPLE_ROWS = 1_000_000
#: Share of rows an inferred ordering may break in the real data and still be kept.
_TOLERANCE = 0.005


@dataclass(frozen=True)
class ProfileEvent:
    """Sent to the ``progress`` callback before each step: reading, then one per table."""

    step: str
    done: int
    total: int


class Profile(SchemaList):
    """The schemas :func:`profile` wrote, with ``warnings``: what it found from the data
    (implicit keys) and what the schema model could not keep (composite keys)."""

    def __init__(
        self, schemas: Sequence[Schema] = (), warnings: Sequence[str] = (), location: str = ""
    ) -> None:
        super().__init__(schemas)
        self.warnings = list(warnings)
        self.location = location


def profile(
    source: SourceLike,
    *,
    tables: Sequence[str] | None = None,
    sample_rows: int | None = None,
    k: int = 5,
    seed: int = 0,
    progress: Callable[[ProfileEvent], None] | None = None,
) -> Profile:
    """Schemas shaped like a real database or set of files, holding no real rows.

    Args:
        source: a database URL (``sqlite:///file.db``, ``postgresql://…``, ``mysql://…``,
            ``mariadb://…``), a folder of CSV/Parquet files, or a list of such files.
        tables: profile only these tables (default: all).
        sample_rows: measure a random sample of about this many rows of each table that holds
            more (default :data:`SAMPLE_ROWS`, one million). Volumes stay the exact row counts
            and children per parent are counted by the database over every row; PostgreSQL
            and MySQL/MariaDB sample rows independently in one pass without sorting the table.
        k: a categorical value is kept only if at least ``k`` rows hold it; the rest become an
            ``other`` share. Quantile steps also hold ``k`` rows or more.
        seed: the seed of the row sample.
        progress: called with a :class:`ProfileEvent` before each step.

    Returns:
        A :class:`Profile`: a list of schemas, one per table, parents first, with ``warnings``.

    Raises:
        InvalidInputError: a bad option, or a source the readers refuse.
        NotFoundError: a missing file or table.
        LoadError: the source could not be read.

    >>> import tempfile, pathlib, polars as pl, synthdata as sd
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> pl.DataFrame({"id": range(1, 51), "size": ["S", "M"] * 25}).write_csv(folder / "t.csv")
    >>> schema = sd.profile(folder)[0]
    >>> schema.primary_key, schema.field("size").values, schema.volume
    ('id', ['M', 'S'], 50)
    """
    # Callers outside the type checker (notebooks, the API) may pass anything.
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:  # type: ignore[redundant-expr]
        msg = f"k must be a whole number of at least 1 (got {k!r})"
        raise InvalidInputError(msg)
    report = progress or (lambda event: None)
    report(ProfileEvent("reading", 0, 1))
    sample = SAMPLE_ROWS if sample_rows is None else sample_rows
    src = read_source(source, tables=tables, sample_rows=sample, seed=seed)
    keys, links, warnings = relations.find_keys(src)
    key_fields = {t: _key_field(src, t, c, k) for t, c in keys.items()}
    for table, f in list(key_fields.items()):
        if f.type not in _KEY_TYPES:
            warnings.append(f"{table}: key {f.name!r} is {f.type.value}, which cannot be a key")
            del key_fields[table]
    links = [ln for ln in links if ln.parent in key_fields]
    composite = _composite_keys(src, links, key_fields, k, warnings)
    clinks, links = _composite_links(src, composite, links, warnings)
    schemas = []
    for done, name in enumerate(src.tables):
        report(ProfileEvent(name, done, len(src.tables)))
        schema, notes = _table(src, name, key_fields, links, k, composite, clinks)
        schemas.append(schema)
        warnings += notes
    out = Profile(_parents_first(schemas), warnings, src.location)
    for w in warnings:
        logger.info("profile: %s", w)
    report(ProfileEvent("done", len(src.tables), len(src.tables)))
    return out


_KEY_TYPES = frozenset(t for t, x in FIELD_TRAITS.items() if x.key)


def _declared(src: Source, table: str, column: str) -> str:
    if not src.from_catalogue:
        return ""
    return next((c.sql_type for c in src.meta[table].columns if c.name == column), "")


def _key_field(src: Source, table: str, column: str, k: int) -> Field:
    frame = src.tables[table]
    shape = shapes.column_field(
        frame[column],
        table=table,
        siblings=frame.columns,
        declared=_declared(src, table, column),
        k=k,
        role="key",
    )
    options = {o: v for o, v in shape.options.items() if o not in ("required", "null_rate")}
    return Field.model_validate(options)


def _composite_keys(
    src: Source,
    links: list[relations.Link],
    key_fields: dict[str, Field],
    k: int,
    warnings: list[str],
) -> dict[str, list[Field]]:
    """Per table with a composite primary key, its key columns as fields with a finite set of
    values each (a foreign key's parent rows, listed values, whole numbers or dates from min to
    max by their measured step); a key some column of which has none is not kept."""
    out: dict[str, list[Field]] = {}
    for name, meta in src.meta.items():
        if len(meta.primary_key) < 2 or name not in src.tables:
            continue
        refs = {ln.column: ln for ln in links if ln.child == name}
        parts = []
        for column in meta.primary_key:
            if column in refs and refs[column].parent != name:
                parts.append(_reference(src, refs[column], key_fields, k, required=True))
                continue
            part = _key_part(src, name, column, k)
            if part is None:
                cols = ", ".join(meta.primary_key)
                warnings.append(
                    f"{name}: composite primary key ({cols}) not kept: column {column!r} has "
                    "no finite set of values to combine (the columns are profiled as ordinary "
                    "columns)"
                )
                break
            parts.append(part)
        else:
            out[name] = parts
    return out


def _key_part(src: Source, table: str, column: str, k: int) -> Field | None:
    """A composite key column that is not a foreign key: its values, range or step."""
    series = src.tables[table][column].drop_nulls()
    shape = shapes.column_field(
        series, table=table, siblings=src.tables[table].columns, declared="", k=k
    )
    kind: FieldType = shape.options["type"]
    options: dict[str, Any] = {"name": column, "type": kind}
    if series.len() == 0:
        return None
    if kind in DATE_TYPES or kind is FieldType.INTEGER:
        # The whole range (not clipped k values in): the key needs every step of it.
        options |= {"min": series.min(), "max": series.max()}
        if kind is not FieldType.INTEGER:
            options["step"] = _step(series, kind)
        return Field.model_validate(options)
    if kind is FieldType.BOOLEAN:
        return Field.model_validate(options)
    values = shape.options.get("values")
    if values:
        return Field.model_validate(options | {"values": values})
    return None


_UNITS = (("week", 604_800), ("day", 86_400), ("hour", 3_600), ("minute", 60), ("second", 1))


def _step(series: pl.Series, kind: FieldType) -> str:
    """The most common difference between consecutive distinct values (``"1 hour"``)."""
    distinct = series.unique().sort()
    diffs = distinct.diff().drop_nulls()
    if diffs.len() == 0:
        return "1 day"
    common = diffs.mode().sort()[0]
    seconds = max(1, int(common.total_seconds() if hasattr(common, "total_seconds") else 86_400))
    if kind is FieldType.DATE:
        seconds = max(86_400, seconds - seconds % 86_400)
    unit, size = next((u, n) for u, n in _UNITS if seconds % n == 0)
    count = seconds // size
    return f"{count} {unit}{'s' if count > 1 else ''}"


def _composite_links(
    src: Source,
    composite: dict[str, list[Field]],
    links: list[relations.Link],
    warnings: list[str],
) -> tuple[list[relations.CompositeLink], list[relations.Link]]:
    """The composite foreign keys to kept composite keys, and the single-column links left:
    a column of a composite foreign key that also refers to a table alone keeps that link only
    when the parent's column refers to the same table (the composite key decides its value)."""
    out = [c for c in relations.composite_links(src) if c.parent in composite]
    for c in relations.composite_links(src):
        if c.parent not in composite:
            where = f"{c.child} ({', '.join(c.columns)}) → {c.parent}"
            warnings.append(f"{where}: composite foreign key not kept (its parent's key is not)")
    single = {(ln.child, ln.column): ln for ln in links}
    dropped: set[tuple[str, str]] = set()
    for c in out:
        for mine, theirs in zip(c.columns, c.parent_columns, strict=True):
            ln = single.get((c.child, mine))
            through = single.get((c.parent, theirs))
            if ln is not None and (
                through is None
                or (through.parent, through.parent_column) != (ln.parent, ln.parent_column)
            ):
                dropped.add((c.child, mine))
                warnings.append(
                    f"{c.child}.{mine}: foreign key to {ln.parent} not kept (its composite "
                    f"foreign key to {c.parent} decides its values)"
                )
    return out, [ln for ln in links if (ln.child, ln.column) not in dropped]


def _composite_reference(src: Source, link: relations.CompositeLink, k: int) -> dict[str, Any]:
    """The ``composite_foreign_keys`` entry of ``link``, with children per parent measured."""
    counts = relations.composite_child_counts(
        src.tables[link.child], link.columns, src.tables[link.parent], link.parent_columns, k
    )
    out: dict[str, Any] = {
        "fields": list(link.columns),
        "parent": link.parent,
        "parent_fields": list(link.parent_columns),
    }
    if counts:
        out["cardinality"] = {"counts": counts}
    return out


def _composite_column(src: Source, table: str, column: str, rate: float) -> Field:
    """A field of a composite foreign key: its type and nulls (its values are the parent's)."""
    series = src.tables[table][column]
    kind = shapes.column_field(
        series.drop_nulls(), table=table, siblings=src.tables[table].columns, declared=""
    ).options["type"]
    options: dict[str, Any] = {"name": column, "type": kind}
    if rate > 0:
        options |= {"required": False, "null_rate": round(rate, 6)}
    return Field.model_validate(options)


def _table(
    src: Source,
    name: str,
    key_fields: dict[str, Field],
    links: list[relations.Link],
    k: int,
    composite: dict[str, list[Field]],
    clinks: list[relations.CompositeLink],
) -> tuple[Schema, list[str]]:
    frame, meta = src.tables[name], src.meta[name]
    refs = {ln.column: ln for ln in links if ln.child == name}
    unique = {u[0] for u in meta.unique if len(u) == 1}
    notes: list[str] = []
    fields = []
    parts = {f.name: f for f in composite.get(name, [])}
    mine = [c for c in clinks if c.child == name]
    in_composite: dict[str, float] = {}
    for c in mine:
        cols = list(c.columns)
        rate = number(frame.select(pl.any_horizontal(pl.col(cols).is_null()).mean()).item())
        in_composite |= dict.fromkeys(cols, rate)
    for column in frame.columns:
        if name in key_fields and key_fields[name].name == column:
            fields.append(key_fields[name])
            continue
        if column in parts:
            fields.append(parts[column])
            continue
        if column in refs:
            fields.append(_reference(src, refs[column], key_fields, k))
            continue
        if column in in_composite:
            fields.append(_composite_column(src, name, column, in_composite[column]))
            continue
        shape = shapes.column_field(
            frame[column],
            table=name,
            siblings=frame.columns,
            declared=_declared(src, name, column),
            k=k,
            role="unique" if column in unique else "",
        )
        fields.append(_field(shape.options, meta, notes, name))
    keyed = set(parts) | set(in_composite)
    constraints = [c for c in _orderings(src, name, fields, links, k) if c.field not in keyed]
    fields = _with_dependencies(frame, fields, constraints, k, keyed)
    extra: dict[str, Any] = {}
    if parts:
        extra["composite_key"] = list(meta.primary_key)
    if mine:
        extra["composite_foreign_keys"] = [_composite_reference(src, c, k) for c in mine]
    schema = Schema.model_validate(
        {
            "name": name,
            "fields": fields,
            "volume": meta.row_count,
            "constraints": constraints,
            "description": _description(src, meta, k),
            **extra,
        }
    )
    notes += [
        f"{name}.{f.name}: computed from a strongly correlated column as {f.derived}"
        for f in fields
        if f.derived
    ]
    return _checked_rules(schema, frame, constraints, {f.name for f in fields if f.derived}), notes


_DRAWN = (
    "values",
    "weights",
    "other",
    "quantiles",
    "quantiles_by",
    "values_by",
    "semantic",
    "min",
    "max",
    "distribution",
)


def _with_dependencies(
    frame: pl.DataFrame,
    fields: list[Field],
    constraints: list[Constraint],
    k: int,
    keyed: frozenset[str] | set[str] = frozenset(),
) -> list[Field]:
    """Fields with strong linear dependencies kept as ``derived`` expressions, and numbers a
    category explains drawn by ``quantiles_by``, and categories that co-occur picked by
    ``values_by`` (never the ``keyed`` columns of composite keys)."""
    fixed = {c.field for c in constraints} | {c.other for c in constraints} | keyed
    found = dependencies.linear_derivations(frame, fields, fixed, k)
    out = []
    for f in fields:
        if f.name in found:
            data = f.model_dump(exclude_none=True, exclude=set(_DRAWN))
            f = Field.model_validate(
                data | {o: v for o, v in found[f.name].items() if v is not None}
            )
        out.append(f)
    driven = dependencies.category_drivers(frame, out, fixed, k)
    out = [
        f.model_copy(update={"quantiles_by": QuantilesBy.model_validate(driven[f.name])})
        if f.name in driven
        else f
        for f in out
    ]
    paired = dependencies.category_pairs(frame, out, fixed, k)
    return [
        f.model_copy(update={"values_by": ValuesBy.model_validate(paired[f.name])})
        if f.name in paired
        else f
        for f in out
    ]


def _reference(
    src: Source,
    link: relations.Link,
    key_fields: dict[str, Field],
    k: int,
    *,
    required: bool = False,
) -> Field:
    child = src.tables[link.child][link.column]
    nulls = child.null_count() / child.len() if child.len() else 0.0
    declared = next(c for c in src.meta[link.child].columns if c.name == link.column)
    options: dict[str, Any] = {
        "name": link.column,
        "type": key_fields[link.parent].type,
        "references": f"{link.parent}.{link.parent_column}",
    }
    if not required and (nulls > 0 or (declared.nullable and link.parent == link.child)):
        options |= {"required": False, "null_rate": round(nulls, 6)}
    if link.parent != link.child:
        counted = src.fan_out.get((link.child, link.column))
        if counted is not None:
            counts = relations.pooled_counts(counted, k)
        else:
            parent_keys = src.tables[link.parent][link.parent_column]
            counts = relations.child_counts(child, parent_keys, k)
        options["cardinality"] = Cardinality(counts=counts)
    if link.implicit:
        options["description"] = (
            f"Implicit foreign key to {link.parent}.{link.parent_column}, found from the data"
        )
    return Field.model_validate(options)


def _field(options: dict[str, Any], meta: TableMeta, notes: list[str], table: str) -> Field:
    declared = next((c for c in meta.columns if c.name == options["name"]), None)
    if declared is not None and not declared.nullable:
        options = {o: v for o, v in options.items() if o not in ("required", "null_rate")}
    if options.get("unique"):
        kind = options["type"]
        spelled = kind is not FieldType.STRING or "pattern" in options
        if FIELD_TRAITS[kind].unique is None or not spelled:
            del options["unique"]
            notes.append(
                f"{table}.{options['name']}: unique in the catalogue, not kept (its values are "
                f"regenerated as {kind.value}, which cannot keep them distinct)"
            )
    return Field.model_validate(options)


def _orderings(
    src: Source, name: str, fields: list[Field], links: list[relations.Link], k: int
) -> list[Constraint]:
    """Date orderings the data keeps within the table, and child dates after their parent's
    (through a table's only foreign key to that parent)."""
    frame = src.tables[name]
    fixed = {f.name for f in fields if f.is_unique or f.references is not None}
    found: list[str | dict[str, Any]] = list(relations.date_orderings(frame, k))
    mine = [ln for ln in links if ln.child == name and ln.parent != name]
    for ln in mine:
        if sum(other.parent == ln.parent for other in mine) == 1:
            parent = src.tables[ln.parent]
            found += relations.parent_orderings(
                frame, ln.column, parent, ln.parent_column, ln.parent, k
            )
    return [c for c in map(Constraint.model_validate, found) if c.field not in fixed]


def _checked_rules(
    schema: Schema, frame: pl.DataFrame, written: list[Constraint], derived: set[str]
) -> Schema:
    """The schema with only the rules the data keeps: orderings and status rules the names
    imply are checked against the rows and dropped where more than 0.5 % break them."""
    kept = [c for c in schema.constraints if c in written or _holds(c, frame)]
    rules = [r for r in schema.status_rules if _rule_holds(r, frame)]
    data = schema.model_dump(exclude_none=True)
    data |= {"constraints": kept, "status_rules": rules, "infer_rules": False}
    data["fields"] = [
        f.model_dump(exclude_none=True, exclude=set() if f.name in derived else {"derived"})
        for f in schema.fields
    ]
    return Schema.model_validate(data)


def _holds(c: Constraint, frame: pl.DataFrame) -> bool:
    if c.parent is not None or c.field not in frame.columns or c.other not in frame.columns:
        return False
    other = pl.col(c.other)
    duration = c.duration()
    if duration is not None:
        other = other.dt.offset_by(duration)
    ops = {">=": pl.col(c.field) >= other, ">": pl.col(c.field) > other}
    ops |= {"<=": pl.col(c.field) <= other, "<": pl.col(c.field) < other}
    checked = frame.select(ops[c.op].alias("ok")).drop_nulls()["ok"]
    return checked.len() == 0 or shapes.number(checked.mean()) >= 1 - _TOLERANCE


def _rule_holds(rule: Any, frame: pl.DataFrame) -> bool:
    if rule.field not in frame.columns:
        return False
    for value, have in rule.when.items():
        rows = frame.filter(pl.col(rule.field) == value)
        for m in rule.milestones:
            if m not in frame.columns or rows.height == 0:
                continue
            nulls = rows[m].null_count() / rows.height
            if (m in have and nulls > _TOLERANCE) or (m not in have and nulls < 1 - _TOLERANCE):
                return False
    return True


def _description(src: Source, meta: TableMeta, k: int) -> str:
    read = src.tables[meta.name].height
    sampled = f" (measured on {read:,} sampled rows)" if read < meta.row_count else ""
    return (
        f"Profiled from {src.location or 'a source'}: {meta.row_count:,} rows{sampled}. "
        "Holds the shape of the data only and no real rows: listed values occur in at least "
        f"{k} rows, quantiles end {k} values in from the smallest and the largest, and names, "
        "e-mails, phones, addresses and free text are regenerated from vocabularies."
    )


def _parents_first(schemas: list[Schema]) -> list[Schema]:
    by_name = {s.name: s for s in schemas}
    ordered: list[Schema] = []
    seen: set[str] = set()

    def visit(s: Schema) -> None:
        if s.name in seen:
            return
        seen.add(s.name)
        for fk in s.foreign_keys:
            if fk.parent in by_name and fk.parent != s.name:
                visit(by_name[fk.parent])
        ordered.append(s)

    for s in schemas:
        visit(s)
    return ordered
