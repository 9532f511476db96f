"""Internet values: URLs, IPv4 addresses and small JSON documents."""

from __future__ import annotations

import numpy as np
import polars as pl

from synthdata import _rng
from synthdata.errors import InvalidInputError
from synthdata.generate import vocab
from synthdata.generate.columns.people import unique_suffix
from synthdata.generate.context import Batch
from synthdata.schema import Field

__all__ = ["ip_address", "json_value", "url"]


def url(batch: Batch, f: Field) -> pl.Series:
    words = vocab.words(batch.locale(f), "domain_word")
    site = words.gather(batch.choice(len(words), f.name, "site"))
    tld = pl.Series(vocab.TLDS).gather(batch.choice(len(vocab.TLDS), f.name, "tld"))
    path = vocab.words("en_US", "word").gather(batch.choice(1000, f.name, "path"))
    parts = [
        pl.lit("https://www."),
        pl.lit(site),
        pl.lit("."),
        pl.lit(tld),
        pl.lit("/"),
        pl.lit(path),
    ]
    if f.is_unique:
        parts += [pl.lit("/"), pl.lit(unique_suffix(batch, f))]
    return pl.select(pl.concat_str(parts)).to_series()


def ip_address(batch: Batch, f: Field) -> pl.Series:
    if f.is_unique:
        if batch.plan.volume > 1 << 32:
            msg = f"Field '{f.name}' cannot hold {batch.plan.volume} unique IPv4 addresses"
            raise InvalidInputError(msg)
        value = _rng.permute(batch.index(), 1 << 32, batch.key(f.name, "ip"))
    else:
        value = batch.raw(f.name) >> np.uint64(32)
    octets = [((value >> np.uint64(s)) & np.uint64(255)).astype(np.int64) for s in (24, 16, 8, 0)]
    octets[0] = np.clip(octets[0], 1, 223) if not f.is_unique else octets[0]
    return pl.select(
        pl.concat_str([pl.lit(pl.Series(o)).cast(pl.String) for o in octets], separator=".")
    ).to_series()


def json_value(batch: Batch, f: Field) -> pl.Series:
    words = vocab.words("en_US", "word")
    tag = words.gather(batch.choice(len(words), f.name, "tag"))
    score = pl.Series(np.round(batch.uniform(f.name, "score"), 3)).cast(pl.String)
    flag = pl.Series(batch.uniform(f.name, "flag") < 0.5).cast(pl.String).str.to_lowercase()
    return pl.select(
        pl.concat_str(
            [
                pl.lit('{"tag": "'),
                pl.lit(tag),
                pl.lit('", "score": '),
                pl.lit(score),
                pl.lit(', "active": '),
                pl.lit(flag),
                pl.lit("}"),
            ]
        )
    ).to_series()
