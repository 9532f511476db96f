"""Addresses: one record per role and row, so street, city, state and postal code agree."""

from __future__ import annotations

import polars as pl

from synthdata.generate import vocab
from synthdata.generate.columns.words import pick_word
from synthdata.generate.context import Batch, ColumnGenerator, group_of
from synthdata.schema import Field
from synthdata.schema.traits import FIELD_TRAITS

__all__ = ["ADDRESS_MEANINGS", "address", "address_part", "country"]


def _address(batch: Batch, f: Field) -> pl.DataFrame:
    group = group_of(f.derived_from or f.name, "address")
    locale = batch.locale(f)

    def make() -> pl.DataFrame:
        pool = vocab.addresses(locale)
        return pool[batch.choice(pool.height, "address", group)]

    return batch.latent(("address", group, locale), make)


def address_part(part: str) -> ColumnGenerator:
    def generate(batch: Batch, f: Field) -> pl.Series:
        return _address(batch, f)[part]

    generate.__name__ = part
    return generate


def address(batch: Batch, f: Field) -> pl.Series:
    a = _address(batch, f)
    return a.select(
        pl.concat_str(
            [
                pl.col("street"),
                pl.lit(", "),
                pl.col("city"),
                pl.lit(", "),
                pl.col("state"),
                pl.lit(" "),
                pl.col("postal_code"),
            ]
        )
    ).to_series()


#: Meanings of STRING and TEXT fields whose values come from the row's address.
ADDRESS_MEANINGS = frozenset({"street_address", "address", "city", "state", "postal_code"})


def country(batch: Batch, f: Field) -> pl.Series:
    """The row's address's country when a sibling holds part of that address, else any."""
    if any(_in_address(batch, g) for g in batch.schema.fields if g.name != f.name):
        return _address(batch, f)["country"]
    return pick_word(batch, f, "country")


def _in_address(batch: Batch, g: Field) -> bool:
    return FIELD_TRAITS[g.type].address or batch.meaning(g) in ADDRESS_MEANINGS
