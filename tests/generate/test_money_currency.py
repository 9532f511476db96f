"""Money follows the row's currency where a table has a currency code column, and the currency
leans to the locale's: EUR for de_DE, fr_FR and es_ES, JPY in whole yen for ja_JP."""

from __future__ import annotations

import polars as pl
import pytest

import synthdata as sd
from synthdata.generate import vocab

MONEY = ["subtotal", "total", "unit_price", "shipping_cost", "tip"]


def _orders(locale: str, currency: bool = True, **extra: object) -> list[sd.Schema]:
    fields: list[dict] = [
        {"name": "id", "type": "UUID", "primary_key": True},
        {"name": "subtotal", "type": "AMOUNT"},
        {"name": "total", "type": "AMOUNT"},
        {"name": "unit_price", "type": "DECIMAL"},
        {"name": "shipping_cost", "type": "FLOAT"},
        {"name": "tip", "type": "INTEGER"},
        {"name": "discount", "type": "AMOUNT", "min": 0, "max": 50},
        {"name": "quantity", "type": "INTEGER"},
    ]
    if currency:
        fields.insert(1, {"name": "currency", "type": "CURRENCY_CODE"})
    table = {"name": "orders", "locale": locale, "fields": fields, **extra}
    return sd.load_schemas([{**table, "constraints": ["total >= subtotal"]}])


def _sample(locale: str, currency: bool = True, rows: int = 3000) -> pl.DataFrame:
    return sd.sample(_orders(locale, currency), rows=rows, seed=4, locale=locale)["orders"]


@pytest.mark.parametrize(
    ("locale", "own"), [("de_DE", "EUR"), ("fr_FR", "EUR"), ("es_ES", "EUR"), ("ja_JP", "JPY")]
)
def test_the_currency_leans_to_the_locales(locale, own):
    counts = _sample(locale)["currency"].value_counts(sort=True)
    assert counts["currency"][0] == own
    assert counts["count"][0] >= 0.6 * counts["count"].sum()


def test_yen_amounts_are_whole_and_in_yen_magnitudes():
    frame = _sample("ja_JP")
    yen = frame.filter(pl.col("currency") == "JPY")
    dollars = frame.filter(pl.col("currency") == "USD")
    assert yen.height > 1000
    assert dollars.height > 50
    for name in MONEY:
        values = yen[name].cast(pl.Float64).drop_nulls()
        assert (values == values.round(0)).all(), name
        ratio = values.median() / dollars[name].cast(pl.Float64).drop_nulls().median()
        assert 50 < ratio < 400, (name, ratio)
    # the field with its own range and the quantity (not money) are as drawn
    assert frame["discount"].cast(pl.Float64).is_between(0, 50).all()
    assert frame["quantity"].equals(_sample("ja_JP", currency=False)["quantity"])
    assert (frame["total"] >= frame["subtotal"]).all()


@pytest.mark.parametrize("locale", ["de_DE", "ja_JP"])
def test_dollar_like_currencies_keep_the_drawn_amounts(locale):
    """Shops price per market: €12.99 where the dollar price is 12.99; only currencies of
    other magnitudes move, and a table without a currency column is as drawn."""
    with_currency, without = _sample(locale), _sample(locale, currency=False)
    kept = ~with_currency["currency"].is_in([*vocab.PRICE_FACTORS, *vocab.WHOLE_CURRENCIES])
    assert kept.sum() > 500
    for name in MONEY:
        assert with_currency[name].filter(kept).equals(without[name].filter(kept)), name
    moved = with_currency["currency"].is_in(list(vocab.PRICE_FACTORS))
    assert not with_currency["unit_price"].filter(moved).equals(without["unit_price"].filter(moved))


def test_a_string_currency_column_counts_too_and_rows_are_the_same_in_any_batching(tmp_path):
    (schema,) = sd.load_schemas(
        [
            {
                "name": "payments",
                "locale": "ja_JP",
                "fields": [
                    {"name": "id", "type": "UUID", "primary_key": True},
                    {"name": "currency", "type": "STRING"},
                    {"name": "amount", "type": "AMOUNT"},
                ],
            }
        ]
    )
    frame = sd.sample([schema], rows=2000, seed=2, locale="ja_JP")["payments"]
    yen = frame.filter(pl.col("currency") == "JPY")["amount"].cast(pl.Float64)
    assert yen.len() > 1000
    assert (yen == yen.round(0)).all()
    runs = []
    for batch_size in (300, 5000):
        corpus = sd.generate(
            [schema],
            total_rows=2000,
            seed=2,
            out_dir=tmp_path / str(batch_size),
            batch_size=batch_size,
            locale="ja_JP",
            workers=1,
        )
        assert sd.validate(corpus).ok
        runs.append(corpus.frame("payments").collect())
    assert runs[0].equals(runs[1])
