"""An audit of issue 15's targets over many schemas: the analyzer's own, hand-written plain ones
and generated ones.

* random words (Faker's lorem list strung together) in text columns: at most 5 % of the columns;
* impossible ages (a birth date or age giving less than 0 or more than 110 years, or an adult
  customer or employee under 16) and impossible money (a negative price or salary, a book over
  1000, a yearly salary under 10,000): at most 0.1 % of the values;
* status-, priority- and rating-like ENUM columns lean as the world does (the most common value
  clearly more common than the least), while values the world has evenly stay even.

Each check is independent of the meaning layer (it reads names, not :func:`semantics.meaning`),
so a column the layer misreads is still judged by what a reader of its name would expect. A
failure prints a short report naming ``table.column`` and a few values.
"""

from __future__ import annotations

import datetime as dt
import string
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import numpy.typing as npt
import polars as pl
import pytest
from faker.providers.lorem.en_US import Provider as Lorem
from hypothesis import given, settings, strategies as st

import synthdata as sd
from synthdata.generate import vocabularies
from synthdata.generate.columns import semantic
from synthdata.schema import FieldType, semantics

#: A few dozen businesses as people describe them; the analyzer makes their schemas.
DESCRIPTIONS = [
    "A dental clinic with patients, dentists, appointments, treatments and invoices.",
    "An online bookshop selling books by authors from publishers, with customers and reviews.",
    "A youth football league with teams, players, coaches, matches and referees.",
    "A clinical lab that receives samples from doctors, runs tests and reports results.",
    "A dairy farm tracking cows, milking sessions, feed purchases and veterinary visits.",
    "A logistics company with warehouses, trucks, drivers, shipments and deliveries.",
    "A SaaS product with accounts, users, subscriptions, plans, invoices and support tickets.",
    "A primary school with pupils, teachers, classes, grades and attendance records.",
    "A boutique hotel with rooms, guests, reservations, staff and housekeeping tasks.",
    "A car dealership with cars, salespeople, customers, test drives and sales.",
    "A restaurant chain with branches, menu items, orders, employees and suppliers.",
    "An HR system with employees, departments, salaries, job titles and performance reviews.",
    "A music streaming service with artists, albums, tracks, playlists and listeners.",
    "A veterinary practice with pet owners, pets, vets, appointments and vaccinations.",
    "A gym with members, trainers, classes, bookings and membership payments.",
    "A public library with books, members, loans, fines and branches.",
    "An online store with products in categories, customers, orders, order items and payments.",
    "A real estate agency with properties, agents, listings, viewings and offers.",
    "A university with students, courses, professors, enrollments and exams.",
    "A bakery with products, orders, customers and daily production batches.",
    "A cinema with films, screenings, halls, tickets and customers.",
    "An airline with flights, aircraft, passengers, bookings and crew members.",
    "A law firm with clients, cases, lawyers, documents and billable hours.",
    "A bank with customers, accounts, transactions, loans and branches.",
    "A hospital with patients, doctors, nurses, wards, admissions and prescriptions.",
    "A software company tracking projects, sprints, tasks, developers and bugs.",
    "A nonprofit with donors, donations, campaigns, volunteers and events.",
    "A coffee shop with baristas, drinks, orders and loyalty members.",
    "A construction company with sites, workers, equipment, suppliers and purchase orders.",
    "An insurance company with policyholders, policies, claims, agents and payments.",
    "A museum with exhibits, artists, visitors, tickets and guided tours.",
    "A pet shop selling pet supplies to customers, with orders and suppliers.",
    "A wedding planner with couples, weddings, vendors, guests and budgets.",
    "A car rental company with vehicles, customers, rentals and damage reports.",
    "A recruiting agency with candidates, job openings, applications and interviews.",
    "An event ticketing site with events, venues, ticket types and orders.",
]

#: Plain-typed schemas named like real columns (how DDL and spreadsheets type them).
_PLAIN: dict[str, list[tuple[str, str]]] = {
    "books": [
        ("title", "STRING"),
        ("author", "STRING"),
        ("genre", "STRING"),
        ("price", "DECIMAL"),
        ("pages", "INTEGER"),
        ("description", "TEXT"),
        ("published_date", "DATE"),
    ],
    "employees": [
        ("first_name", "STRING"),
        ("last_name", "STRING"),
        ("email", "STRING"),
        ("job_title", "STRING"),
        ("department", "STRING"),
        ("salary", "DECIMAL"),
        ("birth_date", "DATE"),
        ("hire_date", "DATE"),
        ("city", "STRING"),
        ("country", "STRING"),
        ("status", "STRING"),
    ],
    "customers": [
        ("name", "STRING"),
        ("email", "STRING"),
        ("date_of_birth", "DATE"),
        ("city", "STRING"),
        ("country", "STRING"),
        ("notes", "TEXT"),
    ],
    "products": [
        ("name", "STRING"),
        ("category", "STRING"),
        ("price", "DECIMAL"),
        ("description", "TEXT"),
    ],
    "order_items": [
        ("product_name", "STRING"),
        ("category", "STRING"),
        ("quantity", "INTEGER"),
        ("unit_price", "DECIMAL"),
    ],
    "tickets": [
        ("subject", "STRING"),
        ("description", "TEXT"),
        ("priority", "STRING"),
        ("status", "STRING"),
    ],
    "departments": [("name", "STRING"), ("description", "TEXT"), ("budget", "DECIMAL")],
    "staff": [("full_name", "STRING"), ("age", "INTEGER"), ("wage", "DECIMAL")],
    "courses": [("title", "STRING"), ("subject", "STRING"), ("fee", "DECIMAL")],
    "reviews": [("rating", "INTEGER"), ("comment", "TEXT"), ("title", "STRING")],
    "articles": [("headline", "STRING"), ("body", "TEXT"), ("summary", "TEXT")],
    "warehouses": [("name", "STRING"), ("city", "STRING"), ("notes", "TEXT")],
}

#: Realistic column names with the plain type a DDL would give them, for generated schemas.
POOL: dict[str, str] = {
    **{name: kind for columns in _PLAIN.values() for name, kind in columns},
    "full_name": "STRING",
    "dob": "DATE",
    "age": "INTEGER",
    "amount": "DECIMAL",
    "total": "DECIMAL",
    "cost": "DECIMAL",
    "list_price": "DECIMAL",
    "monthly_salary": "DECIMAL",
    "discount": "DECIMAL",
    "label": "STRING",
    "headline": "STRING",
    "summary": "TEXT",
    "message": "TEXT",
    "remarks": "TEXT",
    "bio": "TEXT",
    "details": "TEXT",
    "short_description": "STRING",
    "display_name": "STRING",
    "item_name": "STRING",
    "project_name": "STRING",
    "event_name": "STRING",
    "course_name": "STRING",
    "store_name": "STRING",
    "customer_name": "STRING",
    "brand": "STRING",
    "manager": "STRING",
    "publisher": "STRING",
    "team": "STRING",
    "role": "STRING",
    "region": "STRING",
    "color": "STRING",
    "language": "STRING",
    "created_at": "DATETIME",
}
TABLES = sorted(
    {
        *_PLAIN,
        "orders",
        "patients",
        "students",
        "members",
        "users",
        "films",
        "albums",
        "projects",
        "events",
        "invoices",
        "listings",
        "assets",
        "records",
        "things",
    }
)

REFERENCE = dt.date(2025, 12, 31)  # synthdata's reference day when none is given
_LOREM = frozenset(Lorem.word_list)
_PUNCTUATION = string.punctuation + "“”‘’"
#: A text column is word salad when this share of its values are.
_SALAD_COLUMN = 0.2
#: Tables of adults (customers and employees), whose members are 16 or older.
_ADULTS = frozenset(
    "customer client employee staff user member worker driver agent nurse doctor teacher "
    "lawyer policyholder donor volunteer trainer salesperson guest account_holder".split()
)
_BIRTH = frozenset("birth dob born birthday birthdate bday".split())
_MONEY = frozenset("price cost salary wage fee fare amount total subtotal".split())
#: Words that make a money-sounding name something else (``total_hours``, ``price_per_kg``).
_NOT_MONEY = frozenset(
    "count quantity qty hours minutes seconds days weight kg km ft depth points score items "
    "units pages seats rating time percent pct rate ratio distance calories".split()
)
_LEANING = frozenset("status priority severity rating stage urgency".split())
#: ENUM values the world has evenly (days, colours, sizes of a fixed set).
_EVEN = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass
class Audit:
    """Counts of what was checked and what failed, with a few examples per failing column."""

    counts: Counter[str] = field(default_factory=Counter)
    findings: list[str] = field(default_factory=list)

    def note(self, what: str, column: str, examples: Iterable[object]) -> None:
        shown = ", ".join(repr(e) for e in list(examples)[:3])
        self.findings.append(f"{what}: {column}: {shown}")

    def share(self, bad: str, of: str) -> float:
        return self.counts[bad] / max(1, self.counts[of])

    def report(self) -> str:
        figures = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        return "\n".join([figures, *self.findings[:40]])


# --- Detectors -----------------------------------------------------------------------------------


def _tokens(value: str) -> list[str]:
    return [t for t in (w.strip(_PUNCTUATION).lower() for w in value.split()) if t]


def is_salad(value: str, vocabulary: frozenset[str] = frozenset()) -> bool:
    """Whether a value is random common words: two or more of Faker's lorem words with no digit
    and no structure, and not a value of the column's own vocabulary."""
    if value in vocabulary or any(c.isdigit() for c in value) or "@" in value:
        return False
    tokens = _tokens(value)
    return len(tokens) >= 2 and sum(t in _LOREM for t in tokens) >= 0.85 * len(tokens)


@cache
def _vocabulary(kind: str | None) -> frozenset[str]:
    """The values a meaning draws from (its offline lists and fixed values)."""
    made_of = semantic.sources(kind)
    return frozenset(made_of.values) | frozenset(
        v for k in made_of.kinds for v in vocabularies.load(k)
    )


def _words(name: str) -> set[str]:
    return set(semantics.words(name))


def _head(table: str) -> str:
    return semantics.singular(semantics.words(table)[-1]) if semantics.words(table) else ""


def _ages(series: pl.Series) -> npt.NDArray[np.float64]:
    days = (pl.lit(REFERENCE) - series.drop_nulls().cast(pl.Date)).dt.total_days()
    ages: npt.NDArray[np.float64] = pl.select(days).to_series().to_numpy() / 365.2425
    return ages


def _audit_text(audit: Audit, schema: sd.Schema, f: sd.Field, values: pl.Series) -> None:
    kind = semantics.meaning(f, schema.name, schema.field_names)
    vocabulary = _vocabulary(kind)
    present = [v for v in values.to_list() if v is not None]
    salad = [v for v in present if is_salad(v, vocabulary)]
    audit.counts["text columns"] += 1
    if present and len(salad) >= _SALAD_COLUMN * len(present):
        audit.counts["word-salad columns"] += 1
        audit.note("word salad", f"{schema.name}.{f.name}", salad)


def _audit_age(audit: Audit, schema: sd.Schema, f: sd.Field, values: pl.Series) -> None:
    col = _words(f.name)
    if f.type in (FieldType.DATE, FieldType.DATETIME) and col & _BIRTH:
        ages = _ages(values)
    elif f.type in (FieldType.INTEGER, FieldType.FLOAT, FieldType.DECIMAL) and "age" in col:
        ages = values.drop_nulls().cast(pl.Float64).to_numpy()
    else:
        return
    youngest = 16 if _head(schema.name) in _ADULTS else 0
    bad = ages[(ages < youngest) | (ages > 110)]
    audit.counts["ages"] += len(ages)
    audit.counts["impossible ages"] += len(bad)
    if len(bad):
        audit.note("impossible age", f"{schema.name}.{f.name}", np.round(bad, 1))


def _audit_money(audit: Audit, schema: sd.Schema, f: sd.Field, values: pl.Series) -> None:
    col = _words(f.name)
    measured = f.type in (FieldType.INTEGER, FieldType.FLOAT, FieldType.DECIMAL, FieldType.AMOUNT)
    if not measured or not col & _MONEY or col & _NOT_MONEY:
        return
    money = values.drop_nulls().cast(pl.Float64).to_numpy()
    bad = money < 0
    if "price" in col and "book" in _words(schema.name) | {_head(schema.name)}:
        bad |= money > 1000
    if col & {"salary"} and not col & {"monthly", "hourly", "weekly", "grade"}:
        bad |= money < 10_000
    audit.counts["money values"] += len(money)
    audit.counts["impossible money"] += int(bad.sum())
    if bad.any():
        audit.note("impossible money", f"{schema.name}.{f.name}", money[bad])


def _audit_enum(audit: Audit, schema: sd.Schema, f: sd.Field, values: pl.Series) -> None:
    if f.type is not FieldType.ENUM or f.enum_weights or not f.enum_values:
        return
    counts = values.drop_nulls().value_counts()["count"].to_numpy()
    full = np.zeros(len(f.enum_values))
    full[: len(counts)] = counts
    if len(f.enum_values) < 2 or full.sum() < 500:
        return
    leans = full.max() >= 1.5 * full.min()
    if semantics.words(f.name)[-1] in _LEANING:
        audit.counts["status-like enums"] += 1
        if not leans:
            audit.counts["even status-like enums"] += 1
            audit.note("even", f"{schema.name}.{f.name}", f.enum_values)
    elif sorted(f.enum_values) == sorted(_EVEN):
        audit.counts["even-world enums"] += 1
        if full.max() >= 1.3 * full.min():
            audit.counts["skewed even-world enums"] += 1
            audit.note("skewed", f"{schema.name}.{f.name}", full)


def audit(
    schemas: Sequence[sd.Schema], rows: int, seed: int = 1, into: Audit | None = None
) -> Audit:
    """Sample every table and run every check on every column."""
    found = into if into is not None else Audit()
    frames = sd.sample(schemas, rows=rows, seed=seed)
    for schema in schemas:
        frame = frames[schema.name]
        for f in schema.fields:
            values = frame[f.name]
            if f.type in (FieldType.STRING, FieldType.TEXT):
                _audit_text(found, schema, f, values)
            _audit_age(found, schema, f, values)
            _audit_money(found, schema, f, values)
            _audit_enum(found, schema, f, values)
    return found


def _check(found: Audit) -> None:
    assert found.share("word-salad columns", "text columns") <= 0.05, found.report()
    assert found.share("impossible ages", "ages") <= 0.001, found.report()
    assert found.share("impossible money", "money values") <= 0.001, found.report()


def _plain(name: str, columns: Iterable[tuple[str, str]]) -> sd.Schema:
    fields = [sd.Field(name="id", type="INTEGER", primary_key=True)]
    fields += [sd.Field(name=n, type=t) for n, t in columns]
    return sd.Schema(name=name, fields=fields)


# --- Tests ---------------------------------------------------------------------------------------


def test_the_detector_tells_word_salad_from_real_values():
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(7)
    salad = [fake.sentence(nb_words=4) for _ in range(50)] + [
        " ".join(fake.words(3)) for _ in range(50)
    ]
    assert sum(map(is_salad, salad)) >= 90
    real = [
        "The Last Fisherman of Fenwick Hall",
        "Digital Marketing",
        "Notes for Kanehaven Warehouse",
        "Zone 17",
        "Funnel with Flexible Spout",
        "Michelle Reyes",
        "It scratched the first time I used it.",
    ]
    assert not [v for v in real if is_salad(v)]
    assert not is_salad("Human Resources", frozenset({"Human Resources"}))


@pytest.fixture(scope="module")
def analyzed() -> list[list[sd.Schema]]:
    return [sd.infer_schemas(sd.analyze(text)) for text in DESCRIPTIONS]


def test_the_analyzers_schemas_have_believable_values(analyzed):
    found = Audit()
    for schemas in analyzed:
        audit(schemas, rows=300, into=found)
    assert found.counts["text columns"] >= 50
    assert found.counts["ages"] >= 1000
    assert found.counts["money values"] >= 5000
    _check(found)


def _enums_alone(schemas: Iterable[sd.Schema]) -> list[sd.Schema]:
    """Each ENUM column in a table of its own (so it can have many rows: a unique code beside it
    may not)."""
    key = sd.Field(name="id", type="INTEGER", primary_key=True)
    return [
        sd.Schema(name=f"{s.name}_{f.name}", fields=[key, f])
        for s in schemas
        for f in s.fields
        if f.type is FieldType.ENUM
    ]


def test_the_analyzers_status_like_enums_lean_as_the_world_does(analyzed):
    found = Audit()
    for schemas in analyzed:
        audit(_enums_alone(schemas), rows=4000, seed=2, into=found)
    assert found.counts["status-like enums"] >= 30
    # Statuses, priorities and ratings are never even in the world: most orders are delivered.
    assert found.share("even status-like enums", "status-like enums") <= 0.05, found.report()


def test_plain_typed_schemas_have_believable_values():
    schemas = [_plain(name, columns) for name, columns in _PLAIN.items()]
    found = audit(schemas, rows=1000)
    assert found.counts["text columns"] >= 30
    assert found.counts["ages"] >= 3000
    _check(found)
    assert found.counts["word-salad columns"] == 0, found.report()


def test_enums_stay_even_where_the_world_is():
    shifts = sd.Schema(
        name="shifts",
        fields=[
            sd.Field(name="id", type="INTEGER", primary_key=True),
            sd.Field(name="day_of_week", type="ENUM", enum_values=_EVEN),
            sd.Field(name="status", type="ENUM", enum_values=["scheduled", "completed", "missed"]),
        ],
    )
    found = audit([shifts], rows=3000)
    assert found.counts["even-world enums"] == 1
    assert found.counts["status-like enums"] == 1
    assert found.counts["skewed even-world enums"] == 0, found.report()
    assert found.counts["even status-like enums"] == 0, found.report()


@st.composite
def plain_schemas(draw: st.DrawFn) -> sd.Schema:
    table = draw(st.sampled_from(TABLES))
    names = draw(st.lists(st.sampled_from(sorted(POOL)), min_size=2, max_size=8, unique=True))
    return _plain(table, ((n, POOL[n]) for n in names))


@settings(max_examples=40, deadline=None)
@given(schema=plain_schemas(), seed=st.integers(0, 2**16))
def test_generated_plain_schemas_have_no_word_salad_and_no_impossible_values(schema, seed):
    found = audit([schema], rows=200, seed=seed)
    assert found.counts["word-salad columns"] == 0, found.report()
    assert found.counts["impossible ages"] == 0, found.report()
    assert found.counts["impossible money"] == 0, found.report()
