"""Values picked from a short list: enums (optionally weighted), booleans, currency codes."""

from __future__ import annotations

import numpy as np
import polars as pl

from synthdata.generate import vocab
from synthdata.generate.context import Batch
from synthdata.schema import Field

__all__ = ["boolean", "currency_code", "enum", "weighted"]


def currency_code(batch: Batch, f: Field) -> pl.Series:
    own = vocab.LOCALE_CURRENCY.get(batch.locale(f), "USD")
    values = [own, *[c for c in vocab.CURRENCIES if c != own]]
    weights = np.array([8.0] + [1.0 / (i + 1) for i in range(len(values) - 1)])
    return weighted(batch, f, values, weights)


def weighted(batch: Batch, f: Field, values: list[str], weights: np.ndarray) -> pl.Series:
    cum = np.cumsum(weights / weights.sum())
    idx = np.minimum(
        np.searchsorted(cum, batch.uniform(f.name, "pick"), side="right"), len(values) - 1
    )
    return pl.Series(values, dtype=pl.String).gather(idx)


def enum(batch: Batch, f: Field) -> pl.Series:
    assert f.enum_values is not None  # guaranteed by Field validation
    weights = np.array(f.enum_weights or [1.0] * len(f.enum_values), dtype=float)
    return weighted(batch, f, f.enum_values, weights)


def boolean(batch: Batch, f: Field) -> pl.Series:
    return pl.Series(batch.uniform(f.name) < 0.5)
