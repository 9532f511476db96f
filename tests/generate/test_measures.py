"""Numbers and dates that survive a first look: an audit over the analyzer's schemas and
plain-typed ones (no impossible ages, no negative money or quantities, ratings on their scale,
years in range, skewed statuses), the user's bounds winning, rhythms of business events, and
the same bytes whatever the batch size."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import synthdata as sd
from synthdata.generate.columns.choices import enum_weights
from synthdata.generate.plan import REFERENCE_DATE
from synthdata.schema.semantics import meaning

DESCRIPTIONS = [
    "Online bookstore with customers, orders, order lines, books by authors",
    "Music streaming service with artists, albums, tracks, playlists and users",
    "Support desk: customers open tickets, agents reply with comments",
    "Car dealership with 40 salespeople selling new and used cars",
    "Hotel chain with hotels, rooms, guests and bookings",
    "A primary school with pupils, teachers, classes and grades",
    "Hospital with patients, doctors, appointments and prescriptions",
    "Company HR system with employees, departments, salaries and projects",
    "Grocery delivery app with customers, products, orders and drivers",
    "Restaurant with menu items, orders and payments",
    "Airline with flights, passengers, bookings and airports",
    "Bank with customers, accounts, transactions and loans",
]

_PLAIN = [
    {
        "name": "employees",
        "fields": [
            {"name": "first_name", "type": "STRING"},
            {"name": "salary", "type": "DECIMAL"},
            {"name": "birth_date", "type": "DATE"},
            {"name": "hire_date", "type": "DATE"},
            {"name": "age", "type": "INTEGER"},
        ],
    },
    {
        "name": "books",
        "fields": [
            {"name": "title", "type": "STRING"},
            {"name": "price", "type": "DECIMAL"},
            {"name": "rating", "type": "DECIMAL"},
            {"name": "publication_year", "type": "INTEGER"},
        ],
    },
    {
        "name": "orders",
        "fields": [
            {
                "name": "status",
                "type": "ENUM",
                "enum_values": ["pending", "processing", "shipped", "delivered", "cancelled"],
            },
            {"name": "subtotal", "type": "DECIMAL"},
            {"name": "tax", "type": "DECIMAL"},
            {"name": "total", "type": "DECIMAL"},
            {"name": "ordered_at", "type": "DATETIME"},
        ],
    },
    {
        "name": "order_items",
        "fields": [
            {"name": "quantity", "type": "INTEGER"},
            {"name": "unit_price", "type": "DECIMAL"},
        ],
    },
    {
        "name": "cars",
        "fields": [
            {"name": "year", "type": "INTEGER"},
            {"name": "price", "type": "FLOAT"},
            {"name": "mileage", "type": "INTEGER"},
        ],
    },
    {
        "name": "tracks",
        "fields": [
            {"name": "milliseconds", "type": "INTEGER"},
            {"name": "unit_price", "type": "DECIMAL"},
        ],
    },
    {
        "name": "pupils",
        "fields": [{"name": "dob", "type": "DATE"}, {"name": "age", "type": "INTEGER"}],
    },
    {
        "name": "reviews",
        "fields": [{"name": "stars", "type": "INTEGER"}, {"name": "body", "type": "TEXT"}],
    },
]

_MONEY = (
    "price",
    "amount",
    "order_total",
    "invoice_amount",
    "balance",
    "salary",
    "tax_amount",
    "fee",
    "tip",
    "hourly_rate",
    "shipping_cost",
    "loan_amount",
    "budget",
    "revenue",
)
_SCALES = {"rating": (1, 5), "rating_10": (1, 10), "score_100": (0, 100), "hotel_stars": (1, 5)}
_STATUS = {"status", "order_status", "priority", "payment_status", "state", "payment_method"}


def _years_before(dates: pl.Series) -> np.ndarray:
    days = dates.cast(pl.Date).cast(pl.Int32).drop_nulls().to_numpy()
    today = (REFERENCE_DATE.date() - dt.date(1970, 1, 1)).days
    return (today - days) / 365.2425


def _audit(schemas: list[sd.Schema], rows: int = 400) -> int:
    """Every number, date and status column of the schemas passes the audit; how many did."""
    frames = sd.sample(schemas, rows=rows, seed=11)
    checked = 0
    for s in schemas:
        frame = frames[s.name]
        for f in s.fields:
            kind = meaning(f, s.name, s.field_names)
            values = frame[f.name].drop_nulls()
            if not len(values):
                continue
            where = (s.name, f.name, kind)
            if kind is not None and kind.startswith("birth_date"):
                ages = _years_before(values)
                assert ages.min() >= 0, where
                assert ages.max() <= 110, where
                if f.min is not None or f.max is not None:
                    pass  # the schema's own bounds win
                elif kind == "birth_date_pupil":
                    assert ages.min() >= 4, where
                    assert ages.max() < 20, where
                elif kind in ("birth_date", "birth_date_worker"):
                    assert ages.min() >= 18, where
                    assert ages.max() < 91, where
                checked += 1
            elif kind in ("hire_date", "signup_date", "consumer_event", "business_event"):
                assert _years_before(values).min() >= 0, where  # never in the future
                checked += 1
            elif kind is not None and (kind.startswith(_MONEY) or kind in ("quantity",)):
                assert values.cast(pl.Float64).min() >= 0, where
                checked += 1
            elif kind in _SCALES:
                lo, hi = _SCALES[kind] if f.min is None else (f.min, f.max)
                numbers = values.cast(pl.Float64)
                assert numbers.min() >= lo, where
                assert numbers.max() <= hi, where
                checked += 1
            elif kind is not None and (kind.endswith("year") or kind == "year_built"):
                assert values.min() >= 1900, where
                assert values.max() <= 2030, where
                checked += 1
            elif kind is not None and kind.startswith("age"):
                assert values.min() >= 0, where
                assert values.max() <= 110, where
                checked += 1
            if f.enum_values and f.enum_weights is None and f.name in _STATUS:
                hinted = enum_weights(f.enum_values)
                if hinted is not None:
                    counts = values.value_counts()["count"]
                    # Statuses then follow the row's dates (a past appointment is not still
                    # scheduled), which evens the shares out a little: skewed, not exactly so.
                    expected = min(hinted.max() / hinted.min(), 4.0)
                    assert counts.max() > (1 + expected) / 2 * counts.min(), where
                    checked += 1
    return checked


@pytest.mark.parametrize("description", DESCRIPTIONS)
def test_the_analyzers_schemas_pass_the_audit(description):
    schemas = sd.infer_schemas(sd.analyze(description))
    _audit(schemas)


def test_plain_typed_schemas_pass_the_audit():
    schemas = sd.load_schemas([{**t, "volume": 400} for t in _PLAIN])
    assert _audit(schemas) >= 15


def test_plain_typed_values_look_like_the_world():
    schemas = sd.load_schemas([{**t, "volume": 2000} for t in _PLAIN])
    frames = sd.sample(schemas, rows=2000, seed=4)
    employees, books = frames["employees"], frames["books"]
    salary = employees["salary"].cast(pl.Float64)
    assert salary.min() >= 25_000
    assert salary.max() <= 250_000
    assert 45_000 < salary.median() < 80_000
    hired = _years_before(employees["hire_date"])
    assert hired.min() >= 0
    assert np.median(hired) < 5
    assert 5 < books["price"].cast(pl.Float64).median() < 30
    assert books["rating"].cast(pl.Float64).mean() > 3.6
    quantity = frames["order_items"]["quantity"]
    assert (quantity <= 3).mean() > 0.8
    assert quantity.max() > 5
    cars = frames["cars"]
    assert cars["year"].min() >= 1990
    assert cars["year"].max() <= 2025
    assert 10_000 < cars["price"].median() < 60_000
    ms = frames["tracks"]["milliseconds"]
    assert ms.min() >= 120_000
    assert ms.max() <= 480_000
    stars = frames["reviews"]["stars"]
    assert set(stars.unique()) <= {1, 2, 3, 4, 5}
    assert (stars >= 4).mean() > 0.6
    status = frames["orders"]["status"].value_counts(sort=True)
    assert status["status"][0] == "delivered"


def test_business_events_fall_on_weekdays_in_working_hours():
    schemas = sd.load_schemas(
        [
            {
                "name": "tickets",
                "volume": 4000,
                "fields": [{"name": "created_at", "type": "DATETIME"}],
            }
        ]
    )
    created = sd.sample(schemas, rows=4000, seed=1)["tickets"]["created_at"]
    assert (created.dt.weekday() <= 5).mean() > 0.85  # Monday 1 … Friday 5
    hours = created.dt.hour()
    assert ((hours >= 8) & (hours < 18)).mean() > 0.75
    assert created.max() <= REFERENCE_DATE


def test_uniform_where_the_world_is():
    assert enum_weights(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]) is None
    assert enum_weights(["red", "green", "blue"]) is None
    weights = enum_weights(["low", "medium", "high", "critical"])
    assert weights is not None
    assert list(weights) == sorted(weights, reverse=True)


def test_given_weights_win_over_hints():
    schemas = sd.load_schemas(
        [
            {
                "name": "orders",
                "volume": 1000,
                "fields": [
                    {
                        "name": "status",
                        "type": "ENUM",
                        "enum_values": ["delivered", "cancelled"],
                        "enum_weights": [1, 9],
                    }
                ],
            }
        ]
    )
    status = sd.sample(schemas, rows=1000, seed=1)["orders"]["status"]
    assert (status == "cancelled").mean() > 0.8


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    column=st.sampled_from(
        ["price", "salary", "quantity", "rating", "year", "age", "milliseconds"]
    ),
    table=st.sampled_from(["books", "cars", "employees", "tracks", "reviews", "orders"]),
    kind=st.sampled_from(["INTEGER", "DECIMAL", "FLOAT"]),
    lo=st.integers(-50, 3000),
    width=st.integers(0, 5000),
)
def test_the_users_bounds_win(column, table, kind, lo, width):
    field = {"name": column, "type": kind, "min": lo, "max": lo + width}
    schemas = sd.load_schemas([{"name": table, "volume": 200, "fields": [field]}])
    values = sd.sample(schemas, rows=200, seed=2)[table][column].cast(pl.Float64)
    assert values.min() >= lo
    assert values.max() <= lo + width


@settings(max_examples=10, deadline=None)
@given(column=st.sampled_from(["birth_date", "hire_date", "created_at", "expiry_date"]))
def test_date_bounds_win(column):
    field = {"name": column, "type": "DATE", "min": "2020-01-01", "max": "2020-12-31"}
    schemas = sd.load_schemas([{"name": "employees", "volume": 300, "fields": [field]}])
    values = sd.sample(schemas, rows=300, seed=2)["employees"][column]
    assert values.min() >= dt.date(2020, 1, 1)
    assert values.max() <= dt.date(2020, 12, 31)


def test_same_bytes_whatever_the_batch_size_and_workers(tmp_path):
    schemas = sd.load_schemas([{**t, "volume": 3000} for t in _PLAIN])
    out = []
    for batch_size, workers in ((700, 1), (3000, 3)):
        corpus = sd.generate(
            schemas,
            seed=9,
            out_dir=tmp_path / f"{batch_size}",
            format="csv",
            batch_size=batch_size,
            workers=workers,
        )
        out.append({t: corpus.tables[t][0].read_bytes() for t in corpus.tables})
    assert out[0] == out[1]


def test_prices_follow_the_rows_category():
    schema = sd.Schema(
        name="products",
        fields=[
            sd.Field(name="id", type="INTEGER", primary_key=True),
            sd.Field(name="category", type="ENUM", enum_values=["Groceries", "Furniture", "Misc"]),
            sd.Field(name="price", type="DECIMAL"),
        ],
    )
    frame = sd.sample([schema], rows=2000, seed=4)["products"]
    medians = dict(
        frame.group_by("category").agg(pl.col("price").cast(pl.Float64).median()).iter_rows()
    )
    assert medians["Groceries"] < 10 < 100 < medians["Furniture"]
    assert 10 < medians["Misc"] < 100  # a category that names no family: the table's prices
    assert frame["price"].cast(pl.Float64).min() > 0


def test_birth_dates_from_names_have_no_fixed_range_and_fit_the_table():
    from synthdata.analysis.naming import field_from_name

    assert field_from_name("date_of_birth").bounds() == (None, None)
    schemas = sd.infer_schemas(sd.analyze("A paediatric and family clinic with patients"))
    patients = next(s for s in schemas if s.name == "patients")
    born = sd.sample(schemas, rows=2000, seed=2)["patients"]["date_of_birth"].drop_nulls()
    ages = (pl.lit(REFERENCE_DATE) - born).dt.total_days() / 365.2425
    ages = pl.select(ages).to_series()
    assert patients.field("date_of_birth").min is None
    assert ages.min() >= 0
    assert (ages < 18).mean() > 0.05  # patients include children; the old range gave none
