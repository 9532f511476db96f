"""Words from the locale's vocabularies: companies, jobs, colours, short strings and text."""

from __future__ import annotations

import polars as pl

from synthdata.generate import vocab
from synthdata.generate.columns.codes import code
from synthdata.generate.context import Batch
from synthdata.schema import Field

__all__ = ["color", "company", "job_title", "pick_word", "string", "text", "truncate"]


def pick_word(batch: Batch, f: Field, kind: str) -> pl.Series:
    pool = vocab.words(batch.locale(f), kind)
    return pool.gather(batch.choice(len(pool), f.name))


def company(batch: Batch, f: Field) -> pl.Series:
    return pick_word(batch, f, "company")


def job_title(batch: Batch, f: Field) -> pl.Series:
    return pick_word(batch, f, "job")


def color(batch: Batch, f: Field) -> pl.Series:
    return pick_word(batch, f, "color")


def string(batch: Batch, f: Field) -> pl.Series:
    if f.is_unique or f.pattern:
        return code(batch, f)
    pool = vocab.words(batch.locale(f), "word")
    picks = [pool.gather(batch.choice(len(pool), f.name, i)) for i in range(3)]
    three = pl.lit(pl.Series(batch.uniform(f.name, "len") < 0.4))
    two = pl.concat_str([pl.lit(picks[0]).str.to_titlecase(), pl.lit(picks[1])], separator=" ")
    out = pl.when(three).then(pl.concat_str([two, pl.lit(picks[2])], separator=" ")).otherwise(two)
    return truncate(pl.select(out).to_series(), f)


def truncate(series: pl.Series, f: Field) -> pl.Series:
    if isinstance(f.max, int | float) and f.max >= 1:
        return series.str.slice(0, int(f.max))
    return series


def text(batch: Batch, f: Field) -> pl.Series:
    written = batch.plan.text_pools.get(f.name)
    if written:
        values = pl.Series(written, dtype=pl.String)
        return truncate(values.gather(batch.choice(len(values), f.name, "written")), f)
    pool = vocab.words(batch.locale(f), "sentence")
    picks = [pool.gather(batch.choice(len(pool), f.name, i)) for i in range(3)]
    count = batch.choice(3, f.name, "count")
    out = (
        pl.when(pl.lit(count) == 0)
        .then(pl.lit(picks[0]))
        .when(pl.lit(count) == 1)
        .then(pl.concat_str([pl.lit(picks[0]), pl.lit(picks[1])], separator=" "))
        .otherwise(pl.concat_str([pl.lit(p) for p in picks], separator=" "))
    )
    return truncate(pl.select(out).to_series(), f)
