"""The fidelity measures, computed as SDMetrics defines them, with numpy and polars.

Each function mirrors one SDMetrics metric (0.32) and notes where it follows a quirk on purpose,
so that ``synthdata.compare`` and SDMetrics' ``QualityReport`` give the same numbers:

- ``ks_complement``: ``KSComplement`` (1 − the two-sample KS statistic; values rounded to 14
  decimals; dates as numbers).
- ``tv_complement``: ``TVComplement`` (1 − total variation over the categories, nulls dropped,
  a synthetic-only category weighs 1e-6 in the real counts).
- ``correlation``: ``CorrelationSimilarity`` (Pearson; 1 − |r_real − r_synthetic| / 2).
- ``contingency``: ``ContingencySimilarity`` (1 − total variation over the joint categories,
  nulls kept as a category), with Cramér's V of the real table for the report's threshold.
- ``discretize``: the column-pair property's binning of a continuous column: ten equal-width bins
  over each side's own range (``np.histogram_bin_edges``), ``np.digitize`` labels.
- ``children_per_parent``: what ``CardinalityShapeSimilarity`` compares with ``ks_complement``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import polars as pl

__all__ = [
    "as_numbers",
    "children_per_parent",
    "contingency",
    "correlation",
    "discretize",
    "ks_complement",
    "labels",
    "same_types",
    "tv_complement",
]

_DECIMALS = 14  # sys.float_info.dig - 1, as KSComplement rounds


def as_numbers(series: pl.Series) -> np.ndarray:
    """A numeric or date column as float64 (dates in microseconds since the epoch; null → NaN)."""
    if series.dtype in (pl.Date, pl.Datetime) or isinstance(series.dtype, pl.Datetime):
        series = series.cast(pl.Datetime("us")).to_physical()
    elif series.dtype == pl.String:
        series = series.cast(pl.Float64, strict=False)
    out: np.ndarray = series.cast(pl.Float64).fill_null(float("nan")).to_numpy()
    return out


def ks_complement(real: np.ndarray, synthetic: np.ndarray) -> float:
    """1 − the largest gap between the two empirical CDFs (NaN when a side is empty)."""
    r = np.sort(np.round(real[~np.isnan(real)], _DECIMALS))
    s = np.sort(np.round(synthetic[~np.isnan(synthetic)], _DECIMALS))
    if not len(r) or not len(s):
        return math.nan
    points = np.concatenate([r, s])
    gap = np.searchsorted(r, points, side="right") / len(r)
    gap -= np.searchsorted(s, points, side="right") / len(s)
    return float(1.0 - np.max(np.abs(gap)))


def labels(series: pl.Series) -> pl.Series:
    """A categorical column as text, NaN read as missing (as pandas does)."""
    if series.dtype.is_float():
        series = series.fill_nan(None)
    return series.cast(pl.String).rename("v")


def tv_complement(real: pl.Series, synthetic: pl.Series) -> float:
    """1 − total variation distance between the category frequencies (nulls dropped)."""
    r = labels(real).drop_nulls().value_counts(name="r")
    s = labels(synthetic).drop_nulls().value_counts(name="s")
    if r.height == 0 or s.height == 0:
        return math.nan
    both = r.join(s, on="v", how="full", coalesce=True, nulls_equal=True)
    real_counts = both["r"].cast(pl.Float64).fill_null(1e-6).to_numpy()
    synth_counts = both["s"].cast(pl.Float64).fill_null(0).to_numpy()
    shares = synth_counts / synth_counts.sum() - real_counts / real_counts.sum()
    return float(1.0 - 0.5 * np.abs(shares).sum())


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    keep = ~(np.isnan(x) | np.isnan(y))
    x, y = x[keep], y[keep]
    if len(x) < 2:
        return math.nan
    dx, dy = x - x.mean(), y - y.mean()
    norm = math.sqrt(float(dx @ dx) * float(dy @ dy))
    return float(np.clip((dx @ dy) / norm, -1.0, 1.0)) if norm > 0 else math.nan


def _constant(*columns: np.ndarray) -> bool:
    return any(len(np.unique(c[~np.isnan(c)])) == 1 for c in columns)


def correlation(
    real: tuple[np.ndarray, np.ndarray], synthetic: tuple[np.ndarray, np.ndarray]
) -> tuple[float, float, float]:
    """(score, real r, synthetic r) for two continuous columns; NaN when undefined (a constant
    column, fewer than two complete rows)."""
    if _constant(*real, *synthetic):
        return math.nan, math.nan, math.nan
    r, s = _pearson(*real), _pearson(*synthetic)
    if math.isnan(r) or math.isnan(s):
        return math.nan, r, s
    return 1.0 - abs(r - s) / 2.0, r, s


def discretize(values: np.ndarray) -> pl.Series:
    """Ten equal-width bins over this side's own range; NaN (and the maximum) label 11."""
    edges = np.histogram_bin_edges(values[~np.isnan(values)])
    return pl.Series("v", np.digitize(values, bins=edges)).cast(pl.String)


def _joint(a: pl.Series, b: pl.Series, name: str) -> pl.DataFrame:
    frame = pl.DataFrame({"a": a, "b": b})
    return frame.group_by("a", "b").len(name=name).with_columns(pl.col(name) / frame.height)


def cramers_v(counts: pl.DataFrame) -> float:
    """Cramér's V of a contingency table given as (a, b, share) rows (no Yates correction)."""
    rows = counts.group_by("a").agg(pl.col("r").sum().alias("ra"))
    cols = counts.group_by("b").agg(pl.col("r").sum().alias("cb"))
    k = min(rows.height, cols.height)
    if k < 2:
        return math.nan
    joined = counts.join(rows, on="a", nulls_equal=True).join(cols, on="b", nulls_equal=True)
    # Σ (O − E)² / E over every cell equals Σ O² / E over the observed cells − n (here n = 1).
    phi2 = float((joined["r"] ** 2 / (joined["ra"] * joined["cb"])).sum()) - 1.0
    return math.sqrt(max(phi2, 0.0) / (k - 1))


def contingency(
    real: tuple[pl.Series, pl.Series], synthetic: tuple[pl.Series, pl.Series]
) -> tuple[float, float]:
    """(score, Cramér's V of the real pair): 1 − total variation over the joint categories."""
    r = _joint(*real, "r")
    s = _joint(*synthetic, "s")
    both = r.join(s, on=["a", "b"], how="full", coalesce=True, nulls_equal=True).fill_null(0)
    return 1.0 - 0.5 * float((both["r"] - both["s"]).abs().sum()), cramers_v(r)


def children_per_parent(
    parent: pl.DataFrame, child: pl.DataFrame, key: Sequence[str], foreign_key: Sequence[str]
) -> np.ndarray:
    """How many child rows refer to each parent row (0 for a parent without children)."""
    left, right = same_types(parent.select(key), child.select(foreign_key), key, foreign_key)
    counts = right.group_by(list(foreign_key)).len(name="__n")
    per_parent = left.join(
        counts, left_on=list(key), right_on=list(foreign_key), how="left", nulls_equal=True
    )
    out: np.ndarray = per_parent["__n"].fill_null(0).cast(pl.Float64).to_numpy()
    return out


def same_types(
    left: pl.DataFrame, right: pl.DataFrame, left_on: Sequence[str], right_on: Sequence[str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Join columns of different types (an integer key read back as text, say) both as text."""
    for a, b in zip(left_on, right_on, strict=True):
        if left.schema[a] != right.schema[b]:
            left = left.with_columns(pl.col(a).cast(pl.String))
            right = right.with_columns(pl.col(b).cast(pl.String))
    return left, right
