"""The CSV sink's shortcuts (no quote scan for plain tables, dates formatted once per day)
change no byte."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import synthdata as sd
from synthdata._formats import CSV_OPTIONS
from synthdata.generate.batch import generate_batch
from synthdata.generate.plan import TablePlan, plan_tables
from synthdata.generate.quoting import csv_plain
from synthdata.generate.sinks import render_csv
from synthdata.generate.vocab import SUPPORTED_LOCALES
from tests.strategies import schema_sets_with_fks

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop.json"


def _plans(schemas: list[sd.Schema], locale: str = "en_US") -> list[TablePlan]:
    return plan_tables(schemas, seed=3, locale=locale)


def _reference(plan, n: int) -> bytes:
    """What polars writes for the batch when it scans every value for characters to quote."""
    buffer = io.BytesIO()
    generate_batch(plan, 0, n).write_csv(buffer, include_header=False, **CSV_OPTIONS)
    return buffer.getvalue()


def _table(spec: dict, locale: str) -> list[sd.Schema]:
    fields = [{"name": "id", "type": "UUID", "primary_key": True}, spec]
    return sd.load_schemas([{"name": "t", "volume": 400, "locale": locale, "fields": fields}])


def _specs() -> list[dict]:
    specs: list[dict] = []
    for kind in sd.FieldType:
        spec: dict = {"name": "v", "type": kind.value}
        if kind is sd.FieldType.ENUM:
            spec["enum_values"] = ["plain", "with, comma", 'with "quote"']
        specs.append(spec)
    specs += [
        {"name": "v", "type": "CODE", "pattern": "A,###"},
        {"name": "v", "type": "PHONE", "pattern": '"###"'},
        {"name": "v", "type": "STRING", "unique": True},
        {"name": "v", "type": "PHONE", "unique": True},
        {
            "name": "v",
            "type": "ENUM",
            "enum_values": ["a", "b"],
            "null_rate": 0.3,
            "required": False,
        },
        {"name": "v", "type": "DATE", "null_rate": 0.5, "required": False},
        {"name": "v", "type": "TEXT", "null_rate": 0.2, "required": False},
    ]
    return specs


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_type_in_every_locale_writes_the_reference_bytes(locale):
    for spec in _specs():
        (plan,) = _plans(_table(spec, locale), locale)
        assert render_csv(plan, 0, 400) == _reference(plan, 400), spec


@settings(max_examples=40, deadline=None)
@given(schemas=schema_sets_with_fks(), rows=st.integers(1, 300))
def test_random_schemas_write_the_reference_bytes(schemas, rows):
    for plan in _plans(schemas):
        n = min(rows, plan.volume)
        if n:
            assert render_csv(plan, 0, n) == _reference(plan, n)


def test_typical_tables_take_the_fast_path():
    shop = sd.load_schemas(str(SHOP))
    customers = next(p for p in _plans(shop) if p.schema.name == "customers")
    assert all(csv_plain(customers, f) for f in customers.schema.fields)
    orders = next(p for p in _plans(shop) if p.schema.name == "orders")
    fk = orders.schema.foreign_keys[0]
    assert csv_plain(orders, orders.schema.field(fk.field))  # a parent's UUID key
    quoted = _table({"name": "v", "type": "ENUM", "enum_values": ["a,b", "c"]}, "en_US")
    (plan,) = _plans(quoted)
    assert not csv_plain(plan, plan.schema.field("v"))
    assert b'"a,b"' in render_csv(plan, 0, 50)
