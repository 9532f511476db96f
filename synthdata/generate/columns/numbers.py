"""Numbers within bounds, shaped by a distribution, and ordered against another field."""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import polars as pl

from synthdata.generate import keys
from synthdata.generate.columns.measures import NUMBERS, number, span
from synthdata.generate.columns.places import address_part
from synthdata.generate.context import Batch
from synthdata.schema import Constraint, Distribution, Field, FieldType
from synthdata.schema.milestones import PARENT_GAP, Spacing, gap_between
from synthdata.schema.semantics import DATE_TYPES
from synthdata.schema.traits import FIELD_TRAITS

__all__ = [
    "anchored",
    "as_number",
    "bounds",
    "draw",
    "grouped_quantiles",
    "numeric",
    "quantile_draws",
    "shaped",
]

_EPOCH = dt.datetime(1970, 1, 1)

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
    """The range a numeric field's values are drawn from: its min and max (or first and last
    quantile), else the type's."""
    lo_default, hi_default, _ = _NUMERIC_DEFAULTS[f.type]
    lo, hi = f.limits()
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
    quantiled = f.quantiles is not None
    if quantiled and f.type is FieldType.FLOAT:
        decimals = _decimals(f)
    kind = None if quantiled else batch.meaning(f)
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
    if quantiled:
        values = quantile_draws(batch, f)
        values = np.round(values) if decimals == 0 else values
    elif kind is not None and f.distribution is None:
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


def anchored(
    batch: Batch,
    f: Field,
    lo: float,
    hi: float,
    own: Callable[[], npt.NDArray[np.float64]] | None = None,
) -> npt.NDArray[np.float64] | None:
    """Values that respect the field's ordering constraints against already generated fields
    (None when it has none): after the latest of its ``>=`` anchors (or before the earliest of
    its ``<=`` ones), by a gap its milestone's meaning gives (days for shipping, nights for a
    stay) or else a share of its range. A milestone that keeps its own date (a hire date after
    a birth date) is moved only when it would come too early; ``own`` draws that date."""
    found = [c for c in batch.schema.constraints if c.field == f.name and c.ref in batch.columns]
    if not found:
        return None
    if own is not None:
        own = functools.cache(own)
    after = found[0].op in {">=", ">"}
    found = [c for c in found if (c.op in {">=", ">"}) == after]
    bases = [_base(batch, f, c, after) for c in found]
    base = functools.reduce(np.fmax if after else np.fmin, bases)
    whole = f.type is FieldType.INTEGER or f.type is FieldType.DATE
    step = 1.0 if whole or FIELD_TRAITS[f.type].temporal else 1e-6
    least = step if any(c.op in {">", "<"} for c in found) else 0.0
    spacing = _spacing(batch, f, found[0])
    if spacing is not None:
        lo, hi = _milestone_range(batch, f, spacing)
    if spacing is None:
        gap = shaped(
            batch.uniform(f.name, "gap"),
            batch.uniform(f.name, "gap2"),
            0.0,
            1.0,
            Distribution.LOGNORMAL,
        ) * ((hi - lo) * 0.5)
        keep = None
    else:
        gap = _milestone_gap(batch, f, spacing)
        keep = own() if spacing.own and own is not None else None
    if whole:
        gap = np.ceil(gap) if spacing is None else np.round(gap)
    gap = np.maximum(gap, least)
    values = base + gap if after else base - gap
    if keep is not None:
        fits = keep >= base + least if after else keep <= base - least
        values = np.where(fits, keep, values)
    if spacing is not None:
        values = _inside(batch, f, values, base, least, lo, hi, after)
    bounded = np.clip(values, lo, hi)
    # The ordering wins over the bounds when both cannot hold.
    if after:
        values = np.where(bounded >= base + least, bounded, values)
    else:
        values = np.where(bounded <= base - least, bounded, values)
    if not np.isnan(base).any():
        return values
    fill = (
        own()
        if own is not None
        else shaped(
            batch.uniform(f.name, "u"),
            batch.uniform(f.name, "u2"),
            lo,
            hi,
            f.distribution or Distribution.UNIFORM,
        )
    )
    return np.where(np.isnan(base), fill, values)


def _base(batch: Batch, f: Field, c: Constraint, after: bool) -> npt.NDArray[np.float64]:
    """The anchor's values (as drawn, before nulls, plus the constraint's offset) in the
    field's unit: days for a DATE (a timestamp's day rounded the safe way), seconds for a
    DATETIME or TIME, the number otherwise."""
    other = batch.dense.get(c.ref, batch.columns[c.ref])
    duration = c.duration()
    if duration is not None and other.dtype in (pl.Date, pl.Datetime("us")):
        other = other.dt.offset_by(duration)
    base = as_number(other)
    if f.type is FieldType.DATE and other.dtype == pl.Datetime("us"):
        days = base / 86400.0
        return np.ceil(days) if after else np.floor(days)
    if f.type is FieldType.DATETIME and other.dtype == pl.Date:
        return base * 86400.0
    return base


def _milestone_range(batch: Batch, f: Field, spacing: Spacing) -> tuple[float, float]:
    """A milestone's bounds: its own min and max, else none before and the reference date
    after (a plan, such as a due date, may lie beyond it)."""
    mine = f.bounds()
    ref = batch.plan.reference
    if f.type is FieldType.DATE:
        lo = -math.inf if mine[0] is None else float((mine[0] - _EPOCH.date()).days)
        top = mine[1] if mine[1] is not None else (None if spacing.planned else ref.date())
        return lo, math.inf if top is None else float((top - _EPOCH.date()).days)
    lo = -math.inf if mine[0] is None else (mine[0] - _EPOCH).total_seconds()
    end = mine[1] if mine[1] is not None else (None if spacing.planned else ref)
    return lo, math.inf if end is None else float((end - _EPOCH).total_seconds())


def _inside(
    batch: Batch,
    f: Field,
    values: npt.NDArray[np.float64],
    base: npt.NDArray[np.float64],
    least: float,
    lo: float,
    hi: float,
    after: bool,
) -> npt.NDArray[np.float64]:
    """Milestones the gap would carry past a bound, drawn again evenly between the anchor and
    that bound (an order placed yesterday is delivered by today, not piled up on today)."""
    u = batch.uniform(f.name, "inside")
    room = hi - (base + least) if after else (base - least) - lo
    with np.errstate(invalid="ignore"):
        spread = np.floor(u * (room + 1)) if f.type is FieldType.DATE else u * room
        if after:
            return np.where((values > hi) & (room >= 0), base + least + spread, values)
        return np.where((values < lo) & (room >= 0), base - least - spread, values)


def _spacing(batch: Batch, f: Field, c: Constraint) -> Spacing | None:
    """How far a milestone lies from its anchor, when both name stages of a record's life."""
    if f.type not in DATE_TYPES:
        return None
    if c.parent is not None and c.gap is not None:  # a measured gap after the parent's date
        return Spacing(PARENT_GAP, own=False, planned=False, quantiles=tuple(c.gap))
    if c.parent is not None:  # after the parent row's creation: its own date when that fits
        return Spacing(PARENT_GAP, own=True, planned=False)
    return gap_between(batch.schema.fields, f.name, c.other, f.type is FieldType.DATETIME)


def _milestone_gap(batch: Batch, f: Field, spacing: Spacing) -> npt.NDArray[np.float64]:
    """Gaps in the field's unit (days, or seconds for timestamps): log-normal by the stages'
    meaning, or drawn from measured quantiles (linear between adjacent points)."""
    u, u2 = batch.uniform(f.name, "gap"), batch.uniform(f.name, "gap2")
    if spacing.quantiles is not None:
        points = np.asarray(spacing.quantiles, dtype=np.float64)
        place = u * (len(points) - 1)
        low = np.minimum(place.astype(np.int64), len(points) - 2)
        days: npt.NDArray[np.float64] = points[low] + (points[low + 1] - points[low]) * (
            place - low
        )
        return days * 86400.0 if f.type is FieldType.DATETIME else days
    gap = spacing.gap
    normal = np.sqrt(-2.0 * np.log1p(-u)) * np.cos(2.0 * math.pi * u2)
    days = np.clip(gap.median * np.exp(gap.sigma * normal), gap.lo, gap.hi)
    return days * 86400.0 if f.type is FieldType.DATETIME else days


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


def quantile_draws(batch: Batch, f: Field) -> npt.NDArray[np.float64]:
    """Draws shaped by the field's ``quantiles`` (inverse CDF, linear between adjacent points):
    numbers as they are, dates in days and datetimes and times in seconds. A repeated point
    holds its share of rows on one value (a spike); a wide step spreads its share thinly (a
    gap). With ``quantiles_by``, each row reads the points listed for its driving column's
    value (the field's own quantiles where the value is not listed or null)."""
    u = batch.uniform(f.name, "u")
    if f.quantiles_by is None:
        points = quantile_units(f.type, tuple(f.quantiles or ()))
        # Points sit at even steps of probability, so a draw's step is found without a search.
        place = u * (len(points) - 1)
        step = np.minimum(place.astype(np.int64), len(points) - 2)
        low: npt.NDArray[np.float64] = points[step]
        drawn: npt.NDArray[np.float64] = low + (place - step) * (points[step + 1] - low)
        return drawn
    by = tuple((k, tuple(v)) for k, v in f.quantiles_by.quantiles.items())
    flat, starts, sizes, keys = grouped_quantiles(f.type, tuple(f.quantiles or ()), by)
    driver = batch.dense.get(f.quantiles_by.column, batch.columns[f.quantiles_by.column])
    # Group 0 is the field's own quantiles; a listed value's group is its place in ``keys`` + 1.
    group = (
        driver.cast(pl.String)
        .replace_strict(
            pl.Series(keys, dtype=pl.String),
            range(1, len(keys) + 1),
            default=0,
            return_dtype=pl.Int64,
        )
        .to_numpy()
    )
    size = sizes[group]
    place = u * (size - 1)
    step = np.minimum(place.astype(np.int64), size - 2)
    at = starts[group] + step
    low = flat[at]
    drawn = low + (place - step) * (flat[at + 1] - low)
    return drawn


@functools.lru_cache(maxsize=64)
def grouped_quantiles(
    kind: FieldType,
    own: tuple[float | int | str | None, ...],
    by: tuple[tuple[str, tuple[float | int | str | None, ...]], ...],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64], npt.NDArray[np.int64], tuple[str, ...]]:
    """A field's own quantiles and its ``quantiles_by`` lists (``by``: value → points), end to
    end in the field's unit: the points, where each list starts and how long it is (the field's
    own first), and the driving values in list order.

    Cache: filled by the first batch of each field with ``quantiles_by`` in each process, so
    batches do not parse the lists each time; read-only arrays that are pure functions of the
    type and the points (the last 64 fields stay).
    """
    keys = tuple(k for k, _ in by)
    lists = [quantile_units(kind, own)] + [quantile_units(kind, points) for _, points in by]
    sizes = np.array([len(p) for p in lists], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    flat = np.concatenate(lists)
    for array in (flat, starts, sizes):
        array.flags.writeable = False
    return flat, starts, sizes, keys


@functools.lru_cache(maxsize=64)
def quantile_units(
    kind: FieldType, quantiles: tuple[float | int | str, ...]
) -> npt.NDArray[np.float64]:
    """A field's ``quantiles`` as numbers in its unit (days, seconds, the number).

    Cache: filled by the first batch of each field with quantiles in each process, so batches
    do not parse up to a thousand points each; read-only arrays that are pure functions of the
    type and the points (the last 64 fields stay).
    """
    f = Field(name="q", type=kind, quantiles=list(quantiles))
    points = np.array([_in_units(p) for p in f.quantile_points()], dtype=np.float64)
    points.flags.writeable = False
    return points


def _in_units(point: object) -> float:
    if isinstance(point, dt.datetime):
        return (point - _EPOCH).total_seconds()
    if isinstance(point, dt.date):
        return float((point - _EPOCH.date()).days)
    if isinstance(point, dt.time):
        return point.hour * 3600.0 + point.minute * 60.0 + point.second + point.microsecond / 1e6
    assert isinstance(point, int | float)
    return float(point)


def _decimals(f: Field) -> int:
    """The decimals a FLOAT drawn from quantiles keeps: four, or as many as its quantiles
    spell (up to 12), so small measures are not rounded away."""
    most = 4
    listed = [*(f.quantiles or [])]
    if f.quantiles_by is not None:
        listed += [q for points in f.quantiles_by.quantiles.values() for q in points]
    for q in listed:
        text = repr(float(q)) if isinstance(q, int | float) else str(q)
        if "e" in text or "E" in text:
            return 12
        most = max(most, len(text.partition(".")[2]))
    return min(most, 12)


def draw(
    batch: Batch, f: Field, lo: float, hi: float, dist: Distribution, step: float
) -> npt.NDArray[np.float64]:
    """Draws on ``[lo, hi]``; with a ``step`` (1 day, 1 unit) both ends are reachable."""
    u, u2 = batch.uniform(f.name, "u"), batch.uniform(f.name, "u2")
    if not step:
        return shaped(u, u2, lo, hi, dist)
    values = np.floor(shaped(u, u2, lo, hi + step, dist) / step) * step
    return np.clip(values, lo, hi)
