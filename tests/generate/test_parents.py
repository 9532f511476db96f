"""Children after their parents (issue 16, part 2B): a child's first event follows the parent
row's creation, gathered by foreign key, with the same bytes for any batch size and workers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

import synthdata as sd
from synthdata.errors import InvalidInputError
from synthdata.schema import Constraint, check_schemas

CUSTOMERS: dict[str, Any] = {
    "name": "customers",
    "volume": 300,
    "fields": [
        {"name": "id", "type": "UUID", "primary_key": True},
        {"name": "name", "type": "NAME"},
        {"name": "signup_date", "type": "DATE"},
    ],
}
ORDERS: dict[str, Any] = {
    "name": "orders",
    "volume": 2500,
    "fields": [
        {"name": "id", "type": "INTEGER", "primary_key": True},
        {"name": "customer_id", "type": "UUID", "references": "customers.id"},
        {"name": "ordered_at", "type": "DATETIME"},
        {"name": "shipped_at", "type": "DATETIME"},
    ],
}


def _parent_of(child: str) -> dict[str, Any]:
    return {**CUSTOMERS, "fields": [*CUSTOMERS["fields"][:2], {"name": child, "type": "DATETIME"}]}


def test_the_string_form_names_the_parent():
    c = Constraint.model_validate("ordered_at >= customers.created_at")
    assert (c.field, c.op, c.parent, c.other) == ("ordered_at", ">=", "customers", "created_at")
    assert str(c) == "ordered_at >= customers.created_at"
    assert str(Constraint.model_validate("a > b")) == "a > b"


def test_inferred_when_the_schemas_are_checked_together():
    checked = {s.name: s for s in check_schemas(sd.load_schemas([CUSTOMERS, ORDERS]))}
    assert "ordered_at >= customers.signup_date" in [str(c) for c in checked["orders"].constraints]
    off = {**ORDERS, "infer_rules": False}
    checked = {s.name: s for s in check_schemas(sd.load_schemas([CUSTOMERS, off]))}
    assert checked["orders"].constraints == []
    optional = {**ORDERS, "fields": [*ORDERS["fields"]]}
    optional["fields"][1] = {**optional["fields"][1], "required": False}
    checked = {s.name: s for s in check_schemas(sd.load_schemas([CUSTOMERS, optional]))}
    assert all(c.parent is None for c in checked["orders"].constraints)


def test_a_written_parent_column_must_exist():
    bad = {**ORDERS, "constraints": ["ordered_at >= customers.created"]}
    with pytest.raises(InvalidInputError, match="created"):
        check_schemas(sd.load_schemas([CUSTOMERS, bad]))


def _before_parents(frames: dict[str, pl.DataFrame], child: str, parent: str) -> int:
    orders, customers = frames["orders"], frames["customers"]
    joined = orders.join(
        customers.select(pl.col("id").alias("customer_id"), pl.col(parent).alias("__p")),
        on="customer_id",
    )
    a = joined[child].cast(pl.Datetime("us"))
    b = joined["__p"].cast(pl.Datetime("us"))
    return int((a < b).sum())


@pytest.mark.parametrize("parent", ["signup_date", "created_at"])
def test_children_never_come_before_parents(tmp_path: Path, parent: str):
    customers = CUSTOMERS if parent == "signup_date" else _parent_of(parent)
    schemas = sd.load_schemas([customers, ORDERS])
    outputs = []
    for workers, batch_size in ((1, 50_000), (4, 333)):
        out = tmp_path / f"{workers}-{batch_size}"
        corpus = sd.generate(
            schemas, seed=7, out_dir=out, workers=workers, batch_size=batch_size, format="csv"
        )
        report = sd.validate(corpus)
        name = f"constraint ordered_at >= customers.{parent}"
        assert [c.ok for c in report.checks if c.check == name] == [True]
        assert report.ok, report.summary()
        frames = {t: corpus.frame(t).collect() for t in ("orders", "customers")}
        assert _before_parents(frames, "ordered_at", parent) == 0
        outputs.append({p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))})
    assert outputs[0] == outputs[1]
    # The orders keep their own spread of dates: most come long after the signup.
    gaps = (frames["orders"]["ordered_at"].dt.date().cast(pl.Int32)).n_unique()
    assert gaps > 500


def test_validate_finds_children_before_parents():
    frames = sd.sample(sd.load_schemas([CUSTOMERS, ORDERS]), rows=50, seed=1)
    early = frames["orders"].with_columns(pl.datetime(2000, 1, 1).alias("ordered_at"))
    report = sd.validate({**frames, "orders": early}, sd.load_schemas([CUSTOMERS, ORDERS]))
    bad = [c for c in report.checks if c.check == "constraint ordered_at >= customers.signup_date"]
    assert [c.ok for c in bad] == [False]


def test_the_analyzed_shop_orders_after_its_customers(tmp_path: Path):
    schemas = sd.infer_schemas(sd.analyze("An online shop with customers and orders"))
    checked = {s.name: s for s in check_schemas(list(schemas))}
    crossing = [c for s in checked.values() for c in s.constraints if c.parent is not None]
    assert crossing
    outputs = []
    for workers, batch_size in ((1, 50_000), (4, 250)):
        out = tmp_path / f"{workers}-{batch_size}"
        corpus = sd.generate(
            schemas, total_rows=4000, seed=3, out_dir=out, workers=workers,
            batch_size=batch_size, format="csv",
        )  # fmt: skip
        report = sd.validate(corpus)
        names = {f"constraint {c}" for c in crossing}
        assert {c.check for c in report.checks if c.ok} >= names
        assert report.ok, report.summary()
        outputs.append({p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))})
    assert outputs[0] == outputs[1]
