"""Money that follows its row's currency, when the table has a currency code column.

Amounts are drawn in US-dollar magnitudes (:mod:`synthdata.generate.columns.measures`); a row
whose currency code says otherwise has its amounts set as a shop in that market would
(:data:`vocab.PRICE_FACTORS <synthdata.generate.vocab.PRICE_FACTORS>`: ¥1,949 or 94.00 kr for a
12.99 item, €12.99 and £12.99 unchanged) and in the currency's minor units (whole yen). The
currency column itself leans to the locale's currency (:func:`choices.currency_code`), so a
de_DE table is mostly EUR and a ja_JP one mostly JPY in whole yen. A table without a currency
column is left as drawn.

Only money the generator chose is converted: a field with its own ``min``/``max`` keeps them, and
a field tied by a constraint or ``derived_from`` to one that is not converted stays as drawn, so
every rule of the schema still holds.
"""

from __future__ import annotations

import polars as pl

from synthdata.generate import vocab
from synthdata.generate.context import Batch
from synthdata.schema import Field, expressions, traits
from synthdata.schema.semantics import MONEY_MEANINGS, is_currency_code

__all__ = ["currency_field", "follow_currency", "money_fields"]


def currency_field(batch: Batch) -> Field | None:
    """The table's first currency code column (a CURRENCY_CODE, or a STRING that means one)."""
    return next((f for f in batch.schema.fields if is_currency_code(f, batch.meaning(f))), None)


def money_fields(batch: Batch) -> list[Field]:
    """Money columns whose magnitudes the generator chose and no rule of the schema fixes."""
    schema = batch.schema
    if any(_sums_children(f) for f in schema.fields):
        # a total adding up its lines is in the lines' magnitudes, and so is the rest of the
        # row's money (tax and shipping beside that subtotal): converting it would undo the sum
        return []
    money = {
        f.name
        for f in schema.fields
        if f.min is None
        and f.max is None
        and f.quantiles is None  # measured magnitudes stay as measured
        and f.values is None
        and f.name != schema.primary_key
        and f.references is None
        and not f.is_unique
        and (
            traits(f.type).measure == "money"
            or (traits(f.type).measure == "number" and batch.meaning(f) in MONEY_MEANINGS)
        )
    }
    ties = [(c.field, c.ref) for c in schema.constraints]
    ties += [(f.name, f.derived_from) for f in schema.fields if f.derived_from]
    changed = True
    while changed:  # a tie to a field that stays as drawn keeps this one as drawn too
        changed = False
        for a, b in ties:
            if (a in money) != (b in money):
                money.discard(a)
                money.discard(b)
                changed = True
    return [f for f in schema.fields if f.name in money]


def _sums_children(f: Field) -> bool:
    """Whether a field adds up (or averages, or bounds) its child rows' values."""
    if f.derived is None or "(" not in f.derived:
        return False
    found = expressions.aggregates(expressions.parse(f.derived))
    return any(a.func != "count" for a in found)


def follow_currency(batch: Batch) -> bool:
    """Set each row's amounts in its currency (in place, in ``batch.columns``); whether any
    amounts were set."""
    currency = currency_field(batch)
    if currency is None or currency.name not in batch.columns:
        return False
    fields = money_fields(batch)
    if not fields:
        return False
    codes = batch.columns[currency.name].cast(pl.String)
    factor = codes.replace_strict(
        vocab.PRICE_FACTORS, default=1.0, return_dtype=pl.Float64
    ).fill_null(1.0)
    whole = codes.is_in(vocab.WHOLE_CURRENCIES).fill_null(False)
    moved = (factor != 1.0) | whole
    if not moved.any():
        return False
    for f in fields:
        drawn = batch.columns[f.name]
        scaled = drawn.cast(pl.Float64) * factor
        if drawn.dtype.is_integer():
            rounded = scaled.round(0)
        else:
            rounded = pl.select(
                pl.when(pl.lit(whole)).then(scaled.round(0)).otherwise(scaled.round(2))
            ).to_series()
        # rows in dollar-like currencies keep their exact values
        batch.columns[f.name] = (
            pl.select(
                pl.when(pl.lit(moved)).then(pl.lit(rounded.cast(drawn.dtype))).otherwise(drawn)
            )
            .to_series()
            .alias(f.name)
        )
    return True


def in_whole_units(batch: Batch, f: Field, values: pl.Series) -> pl.Series:
    """A computed amount rounded to whole units on rows whose currency has none (yen), so sums
    over converted amounts stay in yen."""
    currency = currency_field(batch)
    measure = traits(f.type).measure
    money = measure == "money" or (measure == "number" and batch.meaning(f) in MONEY_MEANINGS)
    if currency is None or currency.name not in batch.columns or not money:
        return values
    whole = batch.columns[currency.name].cast(pl.String).is_in(vocab.WHOLE_CURRENCIES)
    rounded = values.cast(pl.Float64).round(0).cast(values.dtype)
    return (
        pl.select(
            pl.when(pl.lit(whole.fill_null(False))).then(pl.lit(rounded)).otherwise(pl.lit(values))
        )
        .to_series()
        .alias(f.name)
    )
