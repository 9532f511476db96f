"""Fidelity of synthetic data to real data: the measures SDMetrics' quality report uses.

``compare(real, synthetic)`` scores four properties exactly as SDMetrics' multi-table
``QualityReport`` does (column shapes, column pair trends, cardinality, intertable trends; the
overall score is their mean) and adds two checks: referential validity of the synthetic foreign
keys, and the share of synthetic rows that copy a real row on every non-key column.

Which columns are keys and which are numbers, dates or categories comes from ``metadata`` when
given (SDMetrics' metadata dictionary), else from the real side's schemas (a Corpus) or database
catalogue, else from the synthetic side's, else from the data: key columns, free text and
identifiers are left out, as SDMetrics leaves out ``id`` and ``pii`` columns.
"""

from __future__ import annotations

import itertools
import json
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import polars as pl

from synthdata import _fidelity as fm
from synthdata.corpus import Corpus
from synthdata.errors import InvalidInputError
from synthdata.profile.metadata import Kind, Metadata, Relationship, metadata_for
from synthdata.profile.sources import Source, read_source
from synthdata.schema import Schema

__all__ = ["FidelityReport", "Metadata", "Relationship", "compare"]

Side = Corpus | Mapping[str, pl.DataFrame | pl.LazyFrame] | str | os.PathLike[str] | Sequence[str]
PROPERTIES = ("Column Shapes", "Column Pair Trends", "Cardinality", "Intertable Trends")
CORRELATION_THRESHOLD = 0.5  # SDMetrics' QualityReport: pairs count only when the real data
ASSOCIATION_THRESHOLD = 0.3  # shows |Pearson r| > 0.5 or Cramér's V > 0.3
_CONTINUOUS = {"numerical", "datetime"}
_SCORED = {"numerical", "datetime", "categorical", "boolean"}


@dataclass(frozen=True)
class ColumnScore:
    """One column's shape score (KSComplement or TVComplement)."""

    table: str
    column: str
    metric: str
    score: float


@dataclass(frozen=True)
class PairScore:
    """One column pair's trend score; ``counted`` when the real data passes the threshold.

    For intertable pairs ``table`` is ``parent→child`` and ``column_1`` is the parent's column.
    """

    table: str
    column_1: str
    column_2: str
    metric: str
    score: float
    real: float
    synthetic: float
    counted: bool


@dataclass(frozen=True)
class RelationshipScore:
    """A per-relationship measure (cardinality similarity or referential validity)."""

    parent: str
    child: str
    foreign_key: tuple[str, ...]
    score: float


@dataclass
class FidelityReport:
    """Scores in [0, 1], higher is closer; ``overall`` is the mean of the four properties.

    ``referential_validity`` is the share of synthetic child keys found in the parent;
    ``copied_rows`` the share of synthetic rows equal to a real row on every non-key column.
    """

    overall: float
    properties: dict[str, float]
    tables: dict[str, dict[str, float]]
    column_shapes: list[ColumnScore]
    column_pairs: list[PairScore]
    cardinality: list[RelationshipScore]
    intertable_trends: list[PairScore]
    referential_validity: list[RelationshipScore]
    copied_rows: dict[str, float]
    row_counts: dict[str, tuple[int, int]]
    metadata: Metadata
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (NaN as None), ready for JSON; ``metadata`` in SDMetrics' format."""
        data = asdict(self)
        data["metadata"] = self.metadata.to_sdmetrics()
        return _no_nan(data)  # type: ignore[no-any-return]

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text."""
        return json.dumps(self.to_dict(), indent=indent)

    def summary(self) -> str:
        """One line per property and check, for a terminal."""
        lines = [f"Overall quality: {_pct(self.overall)}"]
        lines += [f"  {name}: {_pct(score)}" for name, score in self.properties.items()]
        valid = [r.score for r in self.referential_validity]
        lines.append(f"Referential validity: {_pct(_mean(valid))}")
        lines.append(
            f"Rows copied from the real data: {_pct(_mean(list(self.copied_rows.values())))}"
        )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from synthdata._fidelity_html import report_html

        return report_html(self)


def _pct(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.1%}"


def _mean(values: Sequence[float]) -> float:
    kept = [v for v in values if not math.isnan(v)]
    return sum(kept) / len(kept) if kept else math.nan


def _no_nan(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _no_nan(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_no_nan(v) for v in value]
    return value


def compare(
    real: Side,
    synthetic: Side,
    *,
    metadata: Metadata | Mapping[str, Any] | None = None,
    tables: Sequence[str] | None = None,
    sample_rows: int | None = None,
) -> FidelityReport:
    """Score how closely synthetic data follows real data, table by table and overall.

    Args:
        real: a :class:`Corpus`, a mapping of table name to polars DataFrame, a database URL,
            a folder of CSV/Parquet files or a list of such files.
        synthetic: the same kinds of thing, with the same table and column names.
        metadata: column kinds, keys and relationships: a :class:`Metadata` or SDMetrics'
            metadata dictionary; by default taken from schemas or catalogues, else inferred.
        tables: compare only these tables.
        sample_rows: read at most this many random rows per table from databases and files.

    Returns:
        A :class:`FidelityReport`.

    Raises:
        InvalidInputError: a table or column of the metadata is missing from one side.

    >>> import polars as pl
    >>> real = {"t": pl.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "c": ["a", "b", "a", "b"]})}
    >>> fake = {"t": pl.DataFrame({"x": [1.0, 2.0, 3.0, 9.0], "c": ["a", "a", "a", "b"]})}
    >>> report = compare(real, fake)
    >>> report.properties["Column Shapes"]
    0.75
    """
    real_tables, real_hint = _load(real, tables, sample_rows)
    synth_tables, synth_hint = _load(synthetic, tables, sample_rows)
    if metadata is None:
        meta = metadata_for(real_tables, real_hint or synth_hint)
    elif isinstance(metadata, Metadata):
        meta = metadata
    else:
        meta = Metadata.from_sdmetrics(metadata)
    _check(meta, real_tables, "real")
    _check(meta, synth_tables, "synthetic")
    real_tables = {t: real_tables[t] for t in meta.kinds}
    synth_tables = {t: synth_tables[t] for t in meta.kinds}
    return _score(meta, real_tables, synth_tables)


def _load(
    side: Side, tables: Sequence[str] | None, sample_rows: int | None
) -> tuple[dict[str, pl.DataFrame], list[Schema] | Source | None]:
    if isinstance(side, Corpus):
        names = tables or list(side.tables)
        return {t: side.frame(t).collect() for t in names}, side.schemas
    if isinstance(side, Mapping):
        frames = {
            t: f.collect() if isinstance(f, pl.LazyFrame) else f
            for t, f in side.items()
            if tables is None or t in tables
        }
        return frames, None
    source = read_source(side, tables=tables, sample_rows=sample_rows)
    return source.tables, source if source.from_catalogue else None


def _check(meta: Metadata, frames: Mapping[str, pl.DataFrame], side: str) -> None:
    for table, kinds in meta.kinds.items():
        if table not in frames:
            msg = f"The {side} data has no table {table!r} (it has: {', '.join(frames)})"
            raise InvalidInputError(msg)
        missing = [c for c in kinds if c not in frames[table].columns]
        if missing:
            msg = f"The {side} table {table!r} has no column {missing[0]!r}"
            raise InvalidInputError(msg)


# --- scores -------------------------------------------------------------------------------------


def _score(
    meta: Metadata, real: dict[str, pl.DataFrame], synth: dict[str, pl.DataFrame]
) -> FidelityReport:
    shapes = [s for t in real for s in _shapes(t, meta.kinds[t], real[t], synth[t])]
    pairs: list[PairScore] = []
    for t in real:
        scored = [c for c, k in meta.kinds[t].items() if k in _SCORED]
        pairs += _pairs(t, meta.kinds[t], real[t], synth[t], itertools.combinations(scored, 2))
    cardinality, intertable, validity = [], [], []
    for r in meta.relationships:
        real_counts = fm.children_per_parent(
            real[r.parent], real[r.child], r.parent_columns, r.child_columns
        )
        synth_counts = fm.children_per_parent(
            synth[r.parent], synth[r.child], r.parent_columns, r.child_columns
        )
        score = fm.ks_complement(real_counts, synth_counts)
        cardinality.append(RelationshipScore(r.parent, r.child, r.child_columns, score))
        validity.append(RelationshipScore(r.parent, r.child, r.child_columns, _valid(r, synth)))
        intertable += _intertable(r, meta, real, synth)
    properties = {
        "Column Shapes": _mean([s.score for s in shapes]),
        "Column Pair Trends": _counted(pairs),
        "Cardinality": _mean([c.score for c in cardinality]),
        "Intertable Trends": _counted(intertable),
    }
    per_table = {
        t: {
            "Column Shapes": _mean([s.score for s in shapes if s.table == t]),
            "Column Pair Trends": _counted([p for p in pairs if p.table == t]),
            "Cardinality": _mean([c.score for c in cardinality if t in (c.parent, c.child)]),
            "Intertable Trends": _counted(
                [p for p, r in _owners(intertable, meta) if t in (r.parent, r.child)]
            ),
        }
        for t in real
    }
    return FidelityReport(
        overall=_mean(list(properties.values())),
        properties=properties,
        tables=per_table,
        column_shapes=shapes,
        column_pairs=pairs,
        cardinality=cardinality,
        intertable_trends=intertable,
        referential_validity=validity,
        copied_rows={t: _copied(meta.kinds[t], real[t], synth[t]) for t in real},
        row_counts={t: (real[t].height, synth[t].height) for t in real},
        metadata=meta,
    )


def _counted(pairs: Sequence[PairScore]) -> float:
    return _mean([p.score for p in pairs if p.counted])


def _label(r: Relationship) -> str:
    return f"{r.parent}→{r.child}({', '.join(r.child_columns)})"


def _owners(pairs: list[PairScore], meta: Metadata) -> list[tuple[PairScore, Relationship]]:
    by_label = {_label(r): r for r in meta.relationships}
    return [(p, by_label[p.table]) for p in pairs]


def _shapes(
    table: str, kinds: Mapping[str, Kind], real: pl.DataFrame, synth: pl.DataFrame
) -> list[ColumnScore]:
    out = []
    for column, kind in kinds.items():
        if kind in _CONTINUOUS:
            score = fm.ks_complement(fm.as_numbers(real[column]), fm.as_numbers(synth[column]))
            out.append(ColumnScore(table, column, "KSComplement", score))
        elif kind in ("categorical", "boolean"):
            score = fm.tv_complement(real[column], synth[column])
            out.append(ColumnScore(table, column, "TVComplement", score))
    return out


@dataclass
class _Prepared:
    """A column ready for pair measures: numbers and bins when continuous, labels otherwise."""

    numbers: np.ndarray | None
    labels: pl.Series


def _prepare(series: pl.Series, kind: Kind) -> _Prepared:
    if kind in _CONTINUOUS:
        numbers = fm.as_numbers(series)
        return _Prepared(numbers, fm.discretize(numbers))
    return _Prepared(None, fm.labels(series))


def _pairs(
    table: str,
    kinds: Mapping[str, Kind],
    real: pl.DataFrame,
    synth: pl.DataFrame,
    pairs: Iterable[tuple[str, str]],
) -> list[PairScore]:
    todo = list(pairs)
    used = {c for pair in todo for c in pair}
    r = {c: _prepare(real[c], kinds[c]) for c in used}
    s = {c: _prepare(synth[c], kinds[c]) for c in used}
    out = []
    for a, b in todo:
        ra, rb, sa, sb = r[a], r[b], s[a], s[b]
        if ra.numbers is not None and rb.numbers is not None:
            assert sa.numbers is not None
            assert sb.numbers is not None
            score, real_r, synth_r = fm.correlation(
                (ra.numbers, rb.numbers), (sa.numbers, sb.numbers)
            )
            counted = not math.isnan(real_r) and abs(real_r) > CORRELATION_THRESHOLD
            out.append(
                PairScore(table, a, b, "CorrelationSimilarity", score, real_r, synth_r, counted)
            )
        else:
            score, v = fm.contingency((ra.labels, rb.labels), (sa.labels, sb.labels))
            counted = not math.isnan(v) and v > ASSOCIATION_THRESHOLD
            out.append(PairScore(table, a, b, "ContingencySimilarity", score, v, math.nan, counted))
    return out


def _intertable(
    r: Relationship, meta: Metadata, real: dict[str, pl.DataFrame], synth: dict[str, pl.DataFrame]
) -> list[PairScore]:
    def joined(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
        child = tables[r.child].rename(lambda c: f"c.{c}")
        parent = tables[r.parent].rename(lambda c: f"p.{c}")
        left_on, right_on = (
            [f"c.{c}" for c in r.child_columns],
            [f"p.{c}" for c in r.parent_columns],
        )
        child, parent = fm.same_types(child, parent, left_on, right_on)
        return child.join(parent, left_on=left_on, right_on=right_on, how="inner", coalesce=False)

    parent_cols = [c for c, k in meta.kinds[r.parent].items() if k in _SCORED]
    child_cols = [c for c, k in meta.kinds[r.child].items() if k in _SCORED]
    kinds = {f"p.{c}": meta.kinds[r.parent][c] for c in parent_cols}
    kinds |= {f"c.{c}": meta.kinds[r.child][c] for c in child_cols}
    product = [(f"p.{a}", f"c.{b}") for a, b in itertools.product(parent_cols, child_cols)]
    scores = _pairs(_label(r), kinds, joined(real), joined(synth), product)
    return [
        PairScore(
            p.table,
            p.column_1[2:],
            p.column_2[2:],
            p.metric,
            p.score,
            p.real,
            p.synthetic,
            p.counted,
        )
        for p in scores
    ]


def _valid(r: Relationship, synth: dict[str, pl.DataFrame]) -> float:
    child = synth[r.child].select(r.child_columns).drop_nulls()
    if child.height == 0:
        return math.nan
    parent = synth[r.parent].select(r.parent_columns)
    child, parent = fm.same_types(child, parent, r.child_columns, r.parent_columns)
    found = child.join(
        parent.unique(), left_on=list(r.child_columns), right_on=list(r.parent_columns), how="semi"
    )
    return found.height / child.height


def _copied(kinds: Mapping[str, Kind], real: pl.DataFrame, synth: pl.DataFrame) -> float:
    columns = [c for c, k in kinds.items() if k != "id"]
    if not columns or synth.height == 0:
        return math.nan
    left, right = fm.same_types(synth.select(columns), real.select(columns), columns, columns)
    found = left.join(right.unique(), on=columns, how="semi", nulls_equal=True)
    return found.height / synth.height
