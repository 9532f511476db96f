"""Dates, datetimes and times up to the reference date, and ages derived from birth dates."""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt
import polars as pl

from synthdata.generate.columns.measures import DATES, date
from synthdata.generate.columns.numbers import anchored, as_number, draw, quantile_draws
from synthdata.generate.context import Batch
from synthdata.schema import Distribution, Field, FieldType

__all__ = ["age", "temporal"]

_EPOCH = dt.datetime(1970, 1, 1)


def _temporal_range(batch: Batch, f: Field) -> tuple[float, float]:
    """The field's bounds (or first and last quantile) in the unit of its type (days, or
    seconds)."""
    lo, hi = f.limits()
    ref = batch.plan.reference
    if f.type is FieldType.DATE:
        lo = lo or (ref.date() - dt.timedelta(days=5 * 365))
        hi = hi or ref.date()
        return float((lo - _EPOCH.date()).days), float((hi - _EPOCH.date()).days)
    if f.type is FieldType.DATETIME:
        lo = lo or (ref - dt.timedelta(days=5 * 365))
        hi = hi or ref
        return (lo - _EPOCH).total_seconds(), (hi - _EPOCH).total_seconds()
    lo = lo or dt.time(8, 0)
    hi = hi or dt.time(18, 0)
    return (
        float(lo.hour * 3600 + lo.minute * 60 + lo.second),
        float(hi.hour * 3600 + hi.minute * 60 + hi.second),
    )


def temporal(batch: Batch, f: Field) -> pl.Series:
    """Dates, datetimes and times: by the column's meaning (a birth date, a business event) or
    evenly within its bounds, and after (or before) the fields its constraints order it by."""
    kind = batch.meaning(f)
    lo, hi = _temporal_range(batch, f)

    def own() -> npt.NDArray[np.float64]:
        if f.quantiles is not None:  # whole days, or whole seconds
            return np.round(quantile_draws(batch, f))
        if kind in DATES and f.type is not FieldType.TIME:
            mine = f.bounds()
            return date(
                batch,
                f,
                kind,
                lo if mine[0] is not None else None,
                hi if mine[1] is not None else None,
            )
        step = {FieldType.DATE: 1.0, FieldType.TIME: 60.0}.get(f.type, 1.0)
        return draw(batch, f, lo, hi, f.distribution or Distribution.UNIFORM, step)

    values = anchored(batch, f, lo, hi, own)
    if values is None:
        values = own()
    return _typed(f, values, lo, hi)


def _typed(f: Field, values: npt.NDArray[np.float64], lo: float, hi: float) -> pl.Series:
    if f.type is FieldType.DATE:
        return pl.Series(np.floor(values).astype(np.int32)).cast(pl.Date)
    if f.type is FieldType.TIME:
        step = 1 if f.quantiles is not None else 60  # quantiles keep their seconds
        steps = np.clip(np.floor(values / step) * step, lo, hi)
        return pl.Series((steps * 1e9).astype(np.int64)).cast(pl.Time)
    return pl.Series((np.floor(values) * 1e6).astype(np.int64)).cast(pl.Datetime("us"))


def age(batch: Batch, f: Field) -> pl.Series:
    """Whole years between a birth date field and the reference date."""
    assert f.derived_from is not None
    born = as_number(batch.columns[f.derived_from])
    if batch.columns[f.derived_from].dtype == pl.Datetime("us"):
        born = born / 86400
    today = (batch.plan.reference.date() - _EPOCH.date()).days
    years = np.floor((today - born) / 365.2425)
    return pl.Series(years).cast(pl.Int64)
