"""Derived columns: numbers computed from the row's other columns by the field's ``derived``
expression (:mod:`synthdata.schema.expressions`), one polars expression per column.

The inputs are already in the batch (:func:`synthdata.generate.batch.field_order` puts them
first); the value is rounded to the decimals the column's type keeps, so the arithmetic holds
on the values as written, and the column's own nulls are applied after.
"""

from __future__ import annotations

import polars as pl

from synthdata.generate.context import Batch
from synthdata.schema import Field, FieldType, Schema
from synthdata.schema.expressions import (
    aggregate_column,
    aggregates,
    decimals,
    names,
    parse,
    to_polars,
)
from synthdata.schema.traits import FIELD_TRAITS

__all__ = ["derived_column", "derived_inputs", "value_expr"]


def derived_inputs(f: Field) -> list[str]:
    """The columns a derived field reads (none for a field that is not derived)."""
    return [] if f.derived is None else names(parse(f.derived))


def value_expr(schema: Schema, f: Field) -> pl.Expr:
    """The field's expression over a frame of its table, as the column's type holds it."""
    assert f.derived is not None
    types = {g.name: g.type for g in schema.fields}
    raw = to_polars(parse(f.derived), types)
    places = decimals(f.type)
    finite = pl.when(raw.is_finite()).then(raw.round(places))
    if f.type is FieldType.INTEGER:
        return finite.cast(pl.Int64)
    if FIELD_TRAITS[f.type].dtype.is_decimal():
        return finite.cast(pl.Decimal(18, places))
    return finite


def derived_column(batch: Batch, f: Field) -> pl.Series:
    """One batch of a derived field, with its own nulls."""
    assert f.derived is not None
    tree = parse(f.derived)
    inputs = [*derived_inputs(f), *map(aggregate_column, aggregates(tree))]
    frame = pl.DataFrame(
        [batch.columns[name] for name in inputs] or [pl.zeros(batch.n, eager=True)]
    )
    # with_columns broadcasts an expression of constants to the batch's height.
    values = frame.with_columns(value_expr(batch.schema, f).alias("__derived"))["__derived"]
    rate = f.effective_null_rate
    if rate > 0:
        mask = pl.Series(batch.uniform(f.name, "null") < rate)
        values = pl.select(pl.when(pl.lit(mask)).then(None).otherwise(pl.lit(values))).to_series()
    return values.alias(f.name)
