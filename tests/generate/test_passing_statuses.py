"""Statuses a record holds for a while (pending, processing, in transit) belong to recent
records: an order placed two years ago is delivered or cancelled by now."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import synthdata as sd
from synthdata.generate.plan import REFERENCE_DATE
from synthdata.generate.statuses import PASSING, PASSING_DAYS

ORDERS: dict[str, Any] = {
    "name": "orders",
    "fields": [
        {"name": "id", "type": "INTEGER", "primary_key": True},
        {"name": "ordered_at", "type": "DATETIME"},
        {
            "name": "status",
            "type": "ENUM",
            "enum_values": ["pending", "processing", "in_transit", "delivered", "cancelled"],
            "enum_weights": [0.3, 0.2, 0.1, 0.3, 0.1],
        },
        {"name": "delivered_at", "type": "DATETIME", "required": False},
    ],
}
LIMIT = REFERENCE_DATE - dt.timedelta(days=PASSING_DAYS)


def _old_and_passing(frame: pl.DataFrame, opened: str) -> int:
    old = pl.col(opened).cast(pl.Datetime("us")) < LIMIT
    return frame.filter(old & pl.col("status").is_in(list(PASSING))).height


@pytest.mark.parametrize(("workers", "batch_size"), [(1, 50_000), (4, 333)])
def test_old_records_have_moved_on(tmp_path: Path, workers: int, batch_size: int):
    corpus = sd.generate(
        sd.load_schemas([ORDERS]), total_rows=5000, seed=2, out_dir=tmp_path,
        workers=workers, batch_size=batch_size,
    )  # fmt: skip
    frame = corpus.frame("orders").collect()
    assert _old_and_passing(frame, "ordered_at") == 0
    recent = frame.filter(pl.col("ordered_at") >= LIMIT)
    assert recent["status"].is_in(list(PASSING)).any()  # recent ones still wait
    # the settled values keep their proportions: delivered about three times cancelled
    counts = dict(frame["status"].value_counts().iter_rows())
    assert 2 < counts["delivered"] / counts["cancelled"] < 4.5
    report = sd.validate(corpus)
    assert report.ok, report.summary()  # delivered rows got their delivery dates


def test_the_same_bytes_for_any_batch_size(tmp_path: Path):
    for size in (50_000, 97):
        sd.generate(
            sd.load_schemas([ORDERS]), total_rows=3000, seed=5, out_dir=tmp_path / str(size),
            batch_size=size, format="csv",
        )  # fmt: skip
    files = [sorted((tmp_path / str(size)).glob("*.csv")) for size in (50_000, 97)]
    assert files[0]
    assert [p.read_bytes() for p in files[0]] == [p.read_bytes() for p in files[1]]


def test_the_analyzers_orders_and_infer_rules_false(tmp_path: Path):
    schemas = sd.infer_schemas(sd.analyze("An online shop with customers, products and orders"))
    corpus = sd.generate(schemas, total_rows=6000, seed=3, out_dir=tmp_path / "a")
    orders = corpus.frame("orders").collect()
    assert "pending" in set(orders["status"])
    assert _old_and_passing(orders, "ordered_at") == 0
    off = sd.load_schemas([{**ORDERS, "infer_rules": False}])
    frame = sd.sample(off, rows=400, seed=1)["orders"]
    assert _old_and_passing(frame, "ordered_at") > 0  # as written: nothing is moved


STAYS: dict[str, Any] = {
    "name": "stays",
    "fields": [
        {"name": "id", "type": "INTEGER", "primary_key": True},
        {"name": "check_in_date", "type": "DATE"},
        {"name": "check_out_date", "type": "DATE"},
        {
            "name": "status",
            "type": "ENUM",
            "enum_values": ["confirmed", "checked_in", "checked_out", "cancelled", "no_show"],
        },
    ],
}
BILLS: dict[str, Any] = {
    "name": "bills",
    "fields": [
        {"name": "id", "type": "INTEGER", "primary_key": True},
        {"name": "issued_on", "type": "DATE"},
        {"name": "due_on", "type": "DATE"},
        {"name": "status", "type": "ENUM", "enum_values": ["sent", "paid", "overdue"]},
    ],
}


def test_statuses_agree_with_planned_dates_and_due_dates(tmp_path: Path):
    """A stay that ended is over (checked out, cancelled, no-show), one still to come is
    confirmed; a bill is overdue only after its due date, and a sent one past it is overdue."""
    corpus = sd.generate(sd.load_schemas([STAYS, BILLS]), total_rows=6000, seed=4, out_dir=tmp_path)
    today = REFERENCE_DATE.date()
    stays = corpus.frame("stays").collect()
    ended = stays.filter(pl.col("check_out_date") < today)
    assert set(ended["status"]) <= {"checked_out", "cancelled", "no_show"}
    coming = stays.filter(pl.col("check_in_date") > today)
    assert coming.height > 0
    assert set(coming["status"]) == {"confirmed"}
    bills = corpus.frame("bills").collect()
    late = bills.filter(pl.col("status") == "overdue")
    assert late.height > 0
    assert (late["due_on"] < today).all()
    assert bills.filter((pl.col("status") == "sent") & (pl.col("due_on") < today)).height == 0


@pytest.mark.parametrize(
    ("values", "passing"),
    [
        (["pending", "shipped", "delivered", "cancelled"], "shipped"),  # shipped, then delivered
        (["pending", "paid", "shipped", "cancelled"], "paid"),  # paid, then shipped
    ],
)
def test_a_stage_on_the_way_to_a_later_value_passes(tmp_path: Path, values, passing):
    """Where the column names a later stage, the one before it is passing too: an order
    shipped two years ago has been delivered by now; where nothing comes after ``shipped``
    (the second column), shipped is where old orders end and stays."""
    table = {
        **ORDERS,
        "fields": [
            ORDERS["fields"][0],
            ORDERS["fields"][1],
            {"name": "status", "type": "ENUM", "enum_values": values},
        ],
    }
    corpus = sd.generate(sd.load_schemas([table]), total_rows=4000, seed=4, out_dir=tmp_path)
    frame = corpus.frame("orders").collect()
    old = frame.filter(pl.col("ordered_at").cast(pl.Datetime("us")) < LIMIT)
    assert old.height > 1000
    assert old.filter(pl.col("status") == passing).height == 0
    ends = "shipped" if "delivered" not in values else "delivered"
    assert old.filter(pl.col("status") == ends).height > 300


def test_a_refund_is_not_the_way_on(tmp_path: Path):
    """``refunded`` comes after ``shipped`` but is not where shipped orders go: with pending,
    paid, shipped and refunded, old paid orders move on (mostly to shipped, in the weights) and
    shipped ones stay shipped; refunds keep their small share."""
    table = {
        **ORDERS,
        "fields": [
            ORDERS["fields"][0],
            ORDERS["fields"][1],
            {
                "name": "status",
                "type": "ENUM",
                "enum_values": ["pending", "paid", "shipped", "refunded"],
                "enum_weights": [1, 2, 6, 0.5],
            },
        ],
    }
    corpus = sd.generate(sd.load_schemas([table]), total_rows=4000, seed=4, out_dir=tmp_path)
    frame = corpus.frame("orders").collect()
    old = frame.filter(pl.col("ordered_at").cast(pl.Datetime("us")) < LIMIT)
    counts = dict(old["status"].value_counts().iter_rows())
    assert counts.get("paid", 0) == 0
    assert counts["shipped"] > 8 * counts["refunded"]


def test_a_membership_is_active_until_it_ends(tmp_path: Path):
    """``active`` only while the end date is still to come, ``expired`` only after it;
    cancelled and frozen ones keep their status whatever the date."""
    memberships = sd.Schema.model_validate(
        {
            "name": "memberships",
            "fields": [
                {"name": "id", "type": "INTEGER", "primary_key": True},
                {"name": "starts_on", "type": "DATE", "min": "2023-01-01", "max": "2025-12-31"},
                {"name": "ends_on", "type": "DATE", "min": "2023-06-01", "max": "2027-06-30"},
                {
                    "name": "status",
                    "type": "ENUM",
                    "enum_values": ["active", "expired", "cancelled", "frozen"],
                    "enum_weights": [0.5, 0.3, 0.1, 0.1],
                },
            ],
        }
    )
    sd.generate([memberships], total_rows=4000, seed=3, out_dir=tmp_path, format="parquet")
    rows = pl.read_parquet(tmp_path / "memberships" / "*.parquet")
    today = REFERENCE_DATE.date()
    active = rows.filter(pl.col("status") == "active")
    expired = rows.filter(pl.col("status") == "expired")
    assert active.height > 100
    assert expired.height > 300
    assert active.filter(pl.col("ends_on") < today).height == 0
    assert expired.filter(pl.col("ends_on") >= today).height == 0
    kept = rows.filter(pl.col("status").is_in(["cancelled", "frozen"]))
    assert kept.filter(pl.col("ends_on") >= today).height > 0  # left as drawn
