"""Meaning from names for numbers and dates: a price is a book's or a car's by its table, a
rating leans to 4 and 5, a birth date is an employee's or a pupil's; the ``semantic`` option
names them too, and fits only the types that can hold them."""

from __future__ import annotations

import pytest

import synthdata as sd
from synthdata.schema.semantics import (
    DATE_MEANINGS,
    MEANINGS,
    NUMBER_MEANINGS,
    meaning,
    types_for,
)

#: (table, column, type) → the meaning read from the names.
CASES: list[tuple[str, str, str, str | None]] = [
    # The plain-typed schemas
    ("vendors", "rating", "DECIMAL", "rating"),
    ("books", "price", "DECIMAL", "price_book"),
    ("employees", "salary", "DECIMAL", "salary"),
    ("employees", "birth_date", "DATE", "birth_date_worker"),
    ("employees", "hire_date", "DATE", "hire_date"),
    ("cars", "year", "INTEGER", "model_year"),
    ("tracks", "milliseconds", "INTEGER", "track_length_ms"),
    ("order_items", "quantity", "INTEGER", "quantity"),
    ("order_items", "unit_price", "DECIMAL", "price"),
    ("orders", "subtotal", "DECIMAL", "order_total"),
    ("orders", "tax", "DECIMAL", "tax_amount"),
    ("orders", "total", "DECIMAL", "order_total"),
    # Prices by the kind of goods
    ("cars", "price", "DECIMAL", "price_car"),
    ("vehicles", "list_price", "AMOUNT", "price_car"),
    ("hotels", "price_per_night", "DECIMAL", "price_hotel_night"),
    ("rooms", "nightly_rate", "DECIMAL", "price_hotel_night"),
    ("grocery_items", "price", "DECIMAL", "price_grocery"),
    ("electronics", "price", "FLOAT", "price_electronics"),
    ("menu_items", "price", "DECIMAL", "price_dish"),
    ("flights", "fare", "DECIMAL", "price_flight"),
    ("tracks", "unit_price", "DECIMAL", "price_track"),
    ("widgets", "price", "DECIMAL", "price"),
    # Money
    ("invoices", "amount", "DECIMAL", "invoice_amount"),
    ("accounts", "balance", "AMOUNT", "balance"),
    ("loans", "principal_amount", "DECIMAL", "loan_amount"),
    ("loans", "interest_rate", "DECIMAL", "interest_rate"),
    ("contractors", "hourly_rate", "DECIMAL", "hourly_rate"),
    ("employees", "annual_salary", "INTEGER", "salary"),
    ("orders", "tax_rate", "DECIMAL", "tax_rate"),
    ("orders", "tax_pct", "DECIMAL", "tax_rate_percent"),
    ("orders", "discount_percent", "INTEGER", "discount_percent"),
    ("orders", "discount", "DECIMAL", "discount_amount"),
    ("orders", "shipping_cost", "DECIMAL", "shipping_cost"),
    ("orders", "min_order_value", "DECIMAL", None),
    # Scales
    ("reviews", "stars", "INTEGER", "rating"),
    ("reviews", "score", "INTEGER", "rating"),
    ("movies", "imdb_rating", "FLOAT", "rating_10"),
    ("exams", "score", "INTEGER", "score_100"),
    ("students", "gpa", "DECIMAL", "gpa"),
    ("hotels", "stars", "INTEGER", "hotel_stars"),
    ("products", "rating_count", "INTEGER", "count"),
    ("campaigns", "conversion_rate", "FLOAT", "fraction"),
    ("tasks", "completion_percent", "DECIMAL", "percent"),
    ("applicants", "credit_score", "INTEGER", "credit_score"),
    # Ages and years
    ("customers", "age", "INTEGER", "age"),
    ("pupils", "age", "INTEGER", "age_pupil"),
    ("patients", "age", "INTEGER", "age_patient"),
    ("dogs", "age", "INTEGER", "age_pet"),
    ("warehouses", "age", "INTEGER", "age_years"),
    ("books", "publication_year", "INTEGER", "publication_year"),
    ("albums", "year", "INTEGER", "release_year"),
    ("companies", "founded_year", "INTEGER", "founded_year"),
    ("houses", "year_built", "INTEGER", "year_built"),
    ("vehicles", "model_year", "INTEGER", "model_year"),
    # Durations
    ("songs", "duration_seconds", "INTEGER", "track_length_seconds"),
    ("movies", "runtime", "INTEGER", "runtime_minutes"),
    ("appointments", "duration_minutes", "INTEGER", "appointment_minutes"),
    ("calls", "duration", "INTEGER", "call_seconds"),
    ("requests", "latency_ms", "FLOAT", "latency_ms"),
    ("bookings", "nights", "INTEGER", "nights"),
    ("timesheets", "hours_worked", "DECIMAL", "hours_worked"),
    # Counts and measures
    ("books", "pages", "INTEGER", "page_count"),
    ("products", "units_in_stock", "INTEGER", "stock_quantity"),
    ("cars", "seats", "INTEGER", "seats"),
    ("venues", "capacity", "INTEGER", "capacity_venue"),
    ("classrooms", "capacity", "INTEGER", "capacity_room"),
    ("listings", "bedrooms", "INTEGER", "bedrooms"),
    ("companies", "employee_count", "INTEGER", "headcount"),
    ("videos", "views", "INTEGER", "popularity"),
    ("cars", "mileage", "INTEGER", "mileage"),
    ("tracks", "bytes", "INTEGER", "file_size"),
    ("stores", "latitude", "FLOAT", "latitude"),
    ("stores", "lng", "FLOAT", "longitude"),
    ("patients", "weight_kg", "FLOAT", "weight_person"),
    ("shipments", "weight_lbs", "FLOAT", "weight_parcel"),
    ("products", "weight", "DECIMAL", "weight_product"),
    ("athletes", "height_cm", "FLOAT", "height_person"),
    ("students", "grade_level", "INTEGER", "grade_level"),
    ("orders", "item_count", "INTEGER", "count"),
    ("sensors", "reading", "FLOAT", None),
    # Dates
    ("customers", "birth_date", "DATE", "birth_date"),
    ("customers", "date_of_birth", "DATE", "birth_date"),
    ("pupils", "dob", "DATE", "birth_date_pupil"),
    ("patients", "birthdate", "DATE", "birth_date_patient"),
    ("pets", "birth_date", "DATE", "birth_date_pet"),
    ("users", "created_at", "DATETIME", "signup_date"),
    ("customers", "signup_date", "DATE", "signup_date"),
    ("members", "joined_on", "DATE", "signup_date"),
    ("orders", "ordered_at", "DATETIME", "consumer_event"),
    ("orders", "created_at", "DATETIME", "consumer_event"),
    ("tickets", "created_at", "DATETIME", "business_event"),
    ("invoices", "issued_on", "DATE", "business_event"),
    ("invoices", "due_date", "DATE", "scheduled_date"),
    ("users", "last_login", "DATETIME", "last_activity"),
    ("products", "updated_at", "DATETIME", "last_activity"),
    ("memberships", "expiry_date", "DATE", "expiry_date"),
    ("books", "published_on", "DATE", "published_date"),
    ("companies", "founded_on", "DATE", "founded_date"),
    ("products", "created_at", "DATETIME", "event_date"),
    ("shifts", "start_time", "TIME", None),
]


@pytest.mark.parametrize(("table", "column", "kind", "expected"), CASES)
def test_a_number_or_date_meaning_is_read_from_the_names(table, column, kind, expected):
    field = sd.Field(name=column, type=kind)
    assert meaning(field, table, (column,)) == expected


def test_there_are_many_cases_and_every_guess_fits_its_type():
    assert len(CASES) >= 40
    for table, column, kind, expected in CASES:
        if expected is not None:
            assert expected in MEANINGS
            assert sd.FieldType(kind) in types_for(expected), (table, column)


def test_a_pupil_is_a_student_in_a_school():
    field = sd.Field(name="birth_date", type="DATE")
    assert meaning(field, "students", ("birth_date", "grade_level")) == "birth_date_pupil"
    assert meaning(field, "students", ("birth_date", "major")) == "birth_date_student"


def test_keys_and_references_hold_no_quantity():
    assert meaning(sd.Field(name="year", type="INTEGER", unique=True), "cars") is None
    ref = sd.Field(name="price", type="INTEGER", references="prices")
    assert meaning(ref, "books") is None


def test_amounts_hold_only_money_and_percents_only_shares():
    assert meaning(sd.Field(name="price", type="AMOUNT"), "books") == "price_book"
    assert meaning(sd.Field(name="quantity", type="AMOUNT"), "orders") is None
    assert meaning(sd.Field(name="discount_pct", type="PERCENT"), "orders") == "discount_percent"
    assert meaning(sd.Field(name="price", type="PERCENT"), "orders") is None


def test_the_option_names_number_and_date_meanings_and_checks_the_type():
    assert sd.Field(name="x", type="DECIMAL", semantic="Price book").semantic == "price_book"
    assert sd.Field(name="x", type="DATE", semantic="hire date").semantic == "hire_date"
    with pytest.raises(ValueError, match="applies to DECIMAL, FLOAT and INTEGER fields"):
        sd.Field(name="x", type="STRING", semantic="quantity")
    with pytest.raises(ValueError, match="applies to DATE and DATETIME"):
        sd.Field(name="x", type="INTEGER", semantic="birth_date")
    with pytest.raises(ValueError, match="Did you mean salary"):
        sd.Field(name="x", type="DECIMAL", semantic="salery")


def test_details_show_number_and_date_meanings():
    (books,) = sd.load_schemas(
        [
            {
                "name": "books",
                "fields": [
                    {"name": "price", "type": "DECIMAL"},
                    {"name": "published_on", "type": "DATE"},
                ],
            }
        ]
    )
    price, published = books.fields
    assert "means: price of a book" in price.details("books", books.field_names)
    assert "means: publication or release date" in published.details("books", books.field_names)


def test_meanings_do_not_overlap():
    assert not set(NUMBER_MEANINGS) & set(DATE_MEANINGS)
