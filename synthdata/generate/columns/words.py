"""Words from the locale's vocabularies: companies, jobs and colours; cutting text to length."""

from __future__ import annotations

import polars as pl

from synthdata.generate import vocab
from synthdata.generate.context import Batch
from synthdata.schema import Field

__all__ = ["color", "company", "job_title", "pick_word", "truncate"]


def pick_word(batch: Batch, f: Field, kind: str) -> pl.Series:
    pool = vocab.words(batch.locale(f), kind)
    return pool.gather(batch.choice(len(pool), f.name))


def company(batch: Batch, f: Field) -> pl.Series:
    return pick_word(batch, f, "company")


def job_title(batch: Batch, f: Field) -> pl.Series:
    return pick_word(batch, f, "job")


def color(batch: Batch, f: Field) -> pl.Series:
    return pick_word(batch, f, "color")


def truncate(series: pl.Series, f: Field) -> pl.Series:
    if isinstance(f.max, int | float) and f.max >= 1:
        return series.str.slice(0, int(f.max))
    return series
