"""Numbers within bounds, shaped by a distribution, and ordered against another field."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
import polars as pl

from synthdata.generate import keys
from synthdata.generate.columns.measures import NUMBERS, number, span
from synthdata.generate.columns.places import address_part
from synthdata.generate.context import Batch
from synthdata.schema import Distribution, Field, FieldType
from synthdata.schema.traits import FIELD_TRAITS

__all__ = ["anchored", "as_number", "bounds", "draw", "numeric", "shaped"]

#: Default (min, max) per numeric type, and whether values are whole or how many decimals to keep.
_NUMERIC_DEFAULTS: dict[FieldType, tuple[float, float, int]] = {
    FieldType.INTEGER: (0, 1000, 0),
    FieldType.FLOAT: (0.0, 1000.0, 4),
    FieldType.DECIMAL: (0.0, 10_000.0, 2),
    FieldType.AMOUNT: (1.0, 100_000.0, 2),
    FieldType.PERCENT: (0.0, 100.0, 2),
    FieldType.LATITUDE: (-90.0, 90.0, 6),
    FieldType.LONGITUDE: (-180.0, 180.0, 6),
}
_DEFAULT_DISTRIBUTION = {FieldType.AMOUNT: Distribution.LOGNORMAL}


def shaped(
    u: npt.NDArray[np.float64],
    u2: npt.NDArray[np.float64],
    lo: float,
    hi: float,
    dist: Distribution,
) -> npt.NDArray[np.float64]:
    """Map uniform draws onto ``[lo, hi]`` with the given distribution's shape."""
    span = hi - lo
    if dist is Distribution.UNIFORM:
        return lo + u * span
    normal = np.sqrt(-2.0 * np.log1p(-u)) * np.cos(2.0 * math.pi * u2)
    if dist is Distribution.NORMAL:
        return np.clip(lo + span / 2 + normal * span / 6, lo, hi)
    if dist is Distribution.LOGNORMAL:
        # Median near 2 % of the range, long right tail, as prices and balances have.
        return np.clip(lo + span * 0.02 * np.exp(normal * 1.2), lo, hi)
    # Zipf-like: log-uniform ranks, so small values are far more common than large ones.
    log_span: np.float64 = np.log1p(span)  # numpy's stubs type a ufunc on a float as Any
    return lo + np.expm1(u * log_span)


def bounds(f: Field) -> tuple[float, float]:
    """The range a numeric field's values are drawn from: its min and max, else the type's."""
    lo_default, hi_default, _ = _NUMERIC_DEFAULTS[f.type]
    lo, hi = f.bounds()
    lo = float(lo_default if lo is None else lo)
    return lo, float(hi if hi is not None else max(hi_default, lo + (hi_default - lo_default)))


def numeric(batch: Batch, f: Field) -> pl.Series:
    """Numbers within the field's bounds; a column whose name says what it holds (a book's
    price, a salary, a rating) is shaped by its meaning (:mod:`.measures`)."""
    decimals = _NUMERIC_DEFAULTS[f.type][2]
    if f.type is FieldType.INTEGER and f.is_unique:
        return keys.unique_values(
            batch.plan.seed, batch.schema, f, batch.plan.volume, batch.index()
        )
    kind = batch.meaning(f)
    if kind in ("latitude", "longitude") and f.min is None and f.max is None:
        # The row's address's coordinates, as a LATITUDE or LONGITUDE field has.
        values = address_part(kind)(batch, f).to_numpy()
        return _typed(f, values, -180.0, 180.0, decimals)
    if kind in NUMBERS:
        lo, hi = span(batch, f, kind)
    else:
        lo, hi = bounds(f)
        kind = None
    ordered = anchored(batch, f, lo, hi)
    if ordered is not None:
        # The ordering wins over default bounds (f0 > f1 when f1 drew the default maximum);
        # only the user's own bounds still clip.
        big = float(2**53)
        floor = float(f.min) if isinstance(f.min, int | float) else -big
        ceiling = float(f.max) if isinstance(f.max, int | float) else big
        return _typed(f, ordered, floor, ceiling, decimals)
    if kind is not None and f.distribution is None:
        values = number(batch, f, kind, lo, hi)
    else:
        dist = f.distribution or _DEFAULT_DISTRIBUTION.get(f.type, Distribution.UNIFORM)
        values = draw(batch, f, lo, hi, dist, step=1.0 if decimals == 0 else 0.0)
    return _typed(f, values, lo, hi, decimals)


def _typed(
    f: Field, values: npt.NDArray[np.float64], lo: float, hi: float, decimals: int
) -> pl.Series:
    """Values as the field's type holds them: whole, or rounded to its decimals."""
    if decimals == 0:
        return pl.Series(np.clip(np.floor(values), math.ceil(lo), math.floor(hi)).astype(np.int64))
    values = np.clip(np.round(values, decimals), lo, hi)
    if FIELD_TRAITS[f.type].dtype.is_decimal():
        return pl.Series(values).cast(pl.Decimal(18, decimals))
    return pl.Series(values)


def anchored(batch: Batch, f: Field, lo: float, hi: float) -> npt.NDArray[np.float64] | None:
    """Values that respect an ordering constraint against an already generated field."""
    for c in batch.schema.constraints:
        if c.field != f.name or c.other not in batch.columns:
            continue
        other = batch.columns[c.other]
        base = as_number(other)
        gap = (
            shaped(
                batch.uniform(f.name, "gap"),
                batch.uniform(f.name, "gap2"),
                0.0,
                1.0,
                Distribution.LOGNORMAL,
            )
            * (hi - lo)
            * 0.5
        )
        if f.type is FieldType.INTEGER or other.dtype == pl.Date:
            gap = np.ceil(gap)
        strict = c.op in {">", "<"}
        step = 1.0 if f.type is FieldType.INTEGER or other.dtype in (pl.Date, pl.Int64) else 1e-6
        gap = np.maximum(gap, step if strict else 0.0)
        values = base + gap if c.op in {">=", ">"} else base - gap
        bounded = np.clip(values, lo, hi)
        # The ordering wins over the bounds when both cannot hold.
        if c.op in {">=", ">"}:
            values = np.where(bounded >= base + (step if strict else 0), bounded, values)
        else:
            values = np.where(bounded <= base - (step if strict else 0), bounded, values)
        fill = shaped(
            batch.uniform(f.name, "u"),
            batch.uniform(f.name, "u2"),
            lo,
            hi,
            f.distribution or Distribution.UNIFORM,
        )
        return np.where(np.isnan(base), fill, values)
    return None


def as_number(series: pl.Series) -> npt.NDArray[np.float64]:
    """Days for dates, seconds for datetimes and times, the value for numbers; NaN for nulls."""
    if series.dtype == pl.Date:
        numbers = series.cast(pl.Int32).cast(pl.Float64)
    elif series.dtype == pl.Datetime("us"):
        numbers = series.cast(pl.Int64).cast(pl.Float64) / 1e6
    elif series.dtype == pl.Time:
        numbers = series.cast(pl.Int64).cast(pl.Float64) / 1e9
    else:
        numbers = series.cast(pl.Float64)
    return numbers.fill_null(float("nan")).to_numpy()


def draw(
    batch: Batch, f: Field, lo: float, hi: float, dist: Distribution, step: float
) -> npt.NDArray[np.float64]:
    """Draws on ``[lo, hi]``; with a ``step`` (1 day, 1 unit) both ends are reachable."""
    u, u2 = batch.uniform(f.name, "u"), batch.uniform(f.name, "u2")
    if not step:
        return shaped(u, u2, lo, hi, dist)
    values = np.floor(shaped(u, u2, lo, hi + step, dist) / step) * step
    return np.clip(values, lo, hi)
