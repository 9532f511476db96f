"""Text columns get values that fit their meaning: titles from the vocabularies, names from the
row's person, reviews that fit the row's rating, product names in the row's category, neutral
phrases for the rest, and never random words; the CSV fast path and determinism still hold."""

from __future__ import annotations

import io
import re

import polars as pl
import pytest

import synthdata as sd
from synthdata._formats import CSV_OPTIONS
from synthdata.generate import vocab
from synthdata.generate.batch import generate_batch
from synthdata.generate.columns import semantic
from synthdata.generate.plan import plan_tables
from synthdata.generate.sinks import render_csv
from synthdata.generate.vocabularies import load
from synthdata.schema.semantics import PRODUCT_GROUPS, TEXT_MEANINGS


def _table(name: str, *fields: dict, volume: int = 300) -> list[sd.Schema]:
    spec = [{"name": "id", "type": "INTEGER", "primary_key": True}, *fields]
    return sd.load_schemas([{"name": name, "volume": volume, "fields": spec}])


def _frame(schemas: list[sd.Schema], table: str | None = None, rows: int = 300) -> pl.DataFrame:
    frames = sd.sample(schemas, rows=rows, seed=5)
    return frames[table or schemas[0].name]


def _products() -> set[str]:
    return {v for group in PRODUCT_GROUPS for v in load(f"products_{group}")}


@pytest.mark.parametrize("kind", sorted(TEXT_MEANINGS))
@pytest.mark.parametrize("field_type", ["STRING", "TEXT"])
def test_every_meaning_makes_values_and_keeps_the_csv_fast_path_exact(kind, field_type):
    schemas = _table("t", {"name": "v", "type": field_type, "semantic": kind})
    (plan,) = plan_tables(schemas, seed=3)
    frame = generate_batch(plan, 0, 300)
    assert frame["v"].null_count() == 0
    assert frame["v"].dtype == pl.String
    assert frame["v"].str.len_chars().min() > 0
    buffer = io.BytesIO()
    frame.write_csv(buffer, include_header=False, **CSV_OPTIONS)
    assert render_csv(plan, 0, 300) == buffer.getvalue()


def test_every_meaning_has_sources_and_values():
    for kind in TEXT_MEANINGS:
        made_of = semantic.sources(kind)
        assert (
            made_of.delegate or made_of.kinds or made_of.values or made_of.pools or kind == "isbn"
        )


def test_the_issues_plain_schemas_read_as_what_they_are():
    schemas = sd.load_schemas(
        [
            {
                "name": "books",
                "fields": [
                    {"name": "title", "type": "STRING"},
                    {"name": "author", "type": "STRING"},
                ],
            },
            {"name": "departments", "fields": [{"name": "name", "type": "STRING"}]},
            {
                "name": "order_items",
                "fields": [
                    {"name": "product_name", "type": "STRING"},
                    {"name": "quantity", "type": "INTEGER"},
                ],
            },
            {
                "name": "employees",
                "fields": [
                    {"name": "first_name", "type": "STRING"},
                    {"name": "country", "type": "STRING"},
                ],
            },
        ]
    )
    frames = sd.sample(schemas, rows=200, seed=3)
    assert set(frames["books"]["title"]) <= set(load("book_titles"))
    firsts = set(vocab.people("en_US")["first"])
    lasts = set(vocab.people("en_US")["last"])
    authors = frames["books"]["author"].str.split(" ")
    assert all(len(a) == 2 and a[0] in firsts and a[1] in lasts for a in authors)
    assert set(frames["departments"]["name"]) <= set(load("departments"))
    assert set(frames["order_items"]["product_name"]) <= _products()
    assert set(frames["employees"]["first_name"]) <= firsts
    assert set(frames["employees"]["country"]) <= set(vocab.words("en_US", "country"))


def test_a_review_fits_the_rows_rating():
    for rating in (
        {"name": "rating", "type": "INTEGER", "min": 1, "max": 5},
        {"name": "rating", "type": "DECIMAL", "min": 1, "max": 10},
        {"name": "rating", "type": "ENUM", "enum_values": ["bad", "poor", "ok", "good", "great"]},
    ):
        frame = _frame(_table("reviews", {"name": "comment", "type": "TEXT"}, rating))
        lo, hi = (1, 5) if rating["type"] != "DECIMAL" else (1, 10)
        for value, text in frame.select("rating", "comment").iter_rows():
            if rating["type"] == "ENUM":
                stars = rating["enum_values"].index(value) + 1
            else:
                stars = round(1 + (float(value) - lo) / (hi - lo) * 4)
            assert text in load(f"reviews_{stars}"), (value, text)


def test_a_product_name_is_in_the_rows_category():
    frame = _frame(
        _table(
            "products",
            {"name": "name", "type": "STRING"},
            {
                "name": "category",
                "type": "ENUM",
                "enum_values": ["Electronics", "Dog Food", "Mystery Box"],
            },
        )
    )
    electronics, pets = set(load("products_electronics")), set(load("products_pet_supplies"))
    for name, category in frame.select("name", "category").iter_rows():
        if category == "Electronics":
            assert name in electronics
        elif category == "Dog Food":
            assert name in pets
        else:
            assert name in _products()  # no family: any product


def test_a_category_column_without_values_of_its_own_drives_names_too():
    frame = _frame(
        _table(
            "products", {"name": "name", "type": "STRING"}, {"name": "category", "type": "STRING"}
        )
    )
    assert set(frame["category"]) <= set(load("product_categories"))
    books = set(load("book_titles"))
    for name, category in frame.select("name", "category").iter_rows():
        if category in ("Books", "Children's Books"):
            assert name in books
        elif category == "Power Tools":
            assert name in set(load("products_tools_hardware"))


def test_a_breed_fits_the_rows_species():
    frame = _frame(
        _table(
            "pets",
            {"name": "breed", "type": "STRING"},
            {"name": "species", "type": "ENUM", "enum_values": ["dog", "cat", "rabbit"]},
        )
    )
    for breed, species in frame.select("breed", "species").iter_rows():
        expected = {"dog": load("dog_breeds"), "cat": load("cat_breeds"), "rabbit": ("Mixed",)}
        assert breed in expected[species]


def test_unknown_names_get_neutral_phrases_that_agree_within_a_row():
    frame = _frame(
        _table(
            "zones",
            {"name": "name", "type": "STRING"},
            {"name": "summary", "type": "TEXT"},
            {"name": "zone_type", "type": "STRING"},
            {"name": "model", "type": "STRING"},
            volume=50,
        ),
        rows=50,
    )
    assert frame["name"].str.contains(r"^Zone \d+$").all()
    assert frame["name"].n_unique() == 50  # each row its own number
    assert (frame["summary"] == "Summary for " + frame["name"]).all()
    assert frame["zone_type"].str.contains(r"^Zone type [1-5]$").all()
    assert frame["model"].str.contains(r"^Model \d+$").all()


def test_statuses_are_skewed_like_the_world():
    frame = _frame(_table("orders", {"name": "status", "type": "STRING"}), rows=2000)
    shares = frame["status"].value_counts(normalize=True, sort=True)
    assert shares["status"][0] == "delivered"
    assert shares["proportion"][0] > 0.5


def test_a_gender_fits_the_rows_first_name():
    frame = _frame(
        _table(
            "employees",
            {"name": "full_name", "type": "STRING"},
            {"name": "gender", "type": "STRING"},
        ),
        rows=500,
    )
    names = vocab.people("en_US")
    told = dict(zip(names["first"], vocab.first_name_genders("en_US"), strict=True))
    for full, gender in frame.select("full_name", "gender").iter_rows():
        known = told[full.split(" ")[0]]
        assert gender == known or (known is None and gender in ("Female", "Male", "Non-binary"))
    alone = _frame(_table("users", {"name": "gender", "type": "STRING"}), rows=500)
    assert set(alone["gender"]) == {"Female", "Male", "Non-binary"}


def test_venues_and_places_are_named_after_a_city():
    frame = _frame(_table("events", {"name": "venue", "type": "STRING"}))
    cities = set(vocab.addresses("en_US")["city"])
    for venue in frame["venue"]:
        kind = next(k for k in semantic.VENUES if venue.endswith(f" {k}"))
        assert venue.removesuffix(f" {kind}") in cities
    clinics = _frame(_table("clinics", {"name": "name", "type": "STRING"}))
    assert all(name.endswith(" Clinic") and name[:-7] in cities for name in clinics["name"])


def test_isbns_have_valid_check_digits():
    frame = _frame(_table("books", {"name": "isbn", "type": "STRING"}))
    for isbn in frame["isbn"]:
        assert re.fullmatch(r"978\d{10}", isbn)
        digits = [int(d) for d in isbn]
        assert sum(d * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10 == 0


def test_string_siblings_share_one_person_and_one_address():
    frame = _frame(
        _table(
            "customers",
            {"name": "first_name", "type": "STRING"},
            {"name": "last_name", "type": "STRING"},
            {"name": "email", "type": "STRING"},
            {"name": "city", "type": "STRING"},
            {"name": "state", "type": "STRING"},
            {"name": "zip", "type": "STRING"},
            {"name": "country", "type": "STRING"},
        )
    )
    addresses = vocab.addresses("en_US")
    pairs = set(zip(addresses["city"], addresses["state"], addresses["postal_code"], strict=True))
    for city, state, zip_code, country in frame.select(
        "city", "state", "zip", "country"
    ).iter_rows():
        assert (city, state, zip_code) in pairs
        assert country == addresses["country"][0]
    handles = frame["email"].str.split("@").list.first()
    firsts = frame["first_name"].str.to_lowercase().str.slice(0, 1)
    assert (handles.str.slice(0, 1) == firsts).mean() > 0.95


def test_max_length_cuts_values_and_unique_strings_stay_codes():
    frame = _frame(
        _table(
            "books",
            {"name": "title", "type": "STRING", "max": 12},
            {"name": "ref", "type": "STRING", "unique": True},
        )
    )
    assert frame["title"].str.len_chars().max() <= 12
    assert frame["ref"].n_unique() == frame.height
    assert frame["ref"].str.contains(r"^[A-Z]+-\d+$").all()


@pytest.mark.parametrize("locale", ["de_DE", "ja_JP"])
def test_other_locales_fall_back_to_english_lists(locale):
    schemas = sd.load_schemas(
        [
            {
                "name": "books",
                "locale": locale,
                "fields": [
                    {"name": "title", "type": "STRING"},
                    {"name": "author", "type": "STRING"},
                ],
            }
        ]
    )
    frame = sd.sample(schemas, rows=50, seed=1)["books"]
    assert set(frame["title"]) <= set(load("book_titles"))
    assert frame["author"].null_count() == 0


def test_same_bytes_whatever_the_batch_size(tmp_path):
    schemas = _table(
        "reviews",
        {"name": "rating", "type": "INTEGER", "min": 1, "max": 5},
        {"name": "body", "type": "TEXT"},
        {"name": "product_name", "type": "STRING"},
        {"name": "category", "type": "STRING"},
        {"name": "name", "type": "STRING", "required": False},
        {"name": "notes", "type": "TEXT"},
        volume=1000,
    )
    out = []
    for batch_size in (37, 1000):
        corpus = sd.generate(
            schemas,
            seed=4,
            out_dir=tmp_path / str(batch_size),
            format="csv",
            batch_size=batch_size,
            workers=2,
        )
        out.append(corpus.tables["reviews"][0].read_bytes())
    assert out[0] == out[1]


#: Descriptions like the users' (the analyzer's own schemas for them, checked below).
DESCRIPTIONS = [
    "Online bookstore with customers, orders, order lines, books by authors",
    "Music streaming service with artists, albums, tracks, playlists and users",
    "Support desk: customers open tickets, agents reply with comments",
    "A dog grooming salon with 300 customers and their dogs, appointments and groomers",
    "University with departments, professors, students, courses and enrollments",
    "Online store with products in categories, customers, orders and product reviews",
    "Company HR system with employees, departments, teams, projects and skills",
    "Event management: venues, events, attendees and tickets",
]


def _salad(value: str, words: set[str]) -> bool:
    """Two or more words, all from Faker's filler word list, and no digit: random words."""
    parts = re.findall(r"[A-Za-z']+", value.lower())
    return len(parts) >= 2 and not re.search(r"\d", value) and all(p in words for p in parts)


def test_no_text_column_of_the_analyzers_schemas_is_random_words():
    """The old generator wrote "Necessary food game": words of Faker's filler list."""
    filler = set(vocab.words("en_US", "word").str.to_lowercase())
    sentences = set(vocab.words("en_US", "sentence"))
    kinds = [*semantic.VOCABULARY.values(), *(f"reviews_{stars}" for stars in range(1, 6))]
    known = {v.lower() for kind in kinds for v in load(kind)}
    for text in DESCRIPTIONS:
        schemas = sd.infer_schemas(sd.analyze(text))
        frames = sd.sample(schemas, rows=40, seed=2)
        for s in schemas:
            described = {v.lower() for v in semantic._described(s.name, "en_US")}
            for f in s.fields:
                if f.type.value not in ("STRING", "TEXT"):
                    continue
                for value in frames[s.name][f.name].drop_nulls():
                    assert value not in sentences, (s.name, f.name, value)
                    written = value.lower() in known or value.lower() in described
                    assert written or not _salad(value, filler), (
                        s.name,
                        f.name,
                        value,
                    )


def test_an_enum_gender_follows_the_first_name():
    schema = sd.Schema.model_validate(
        {
            "name": "members",
            "fields": [
                {"name": "id", "type": "UUID", "primary_key": True},
                {"name": "first_name", "type": "FIRST_NAME"},
                {"name": "gender", "type": "ENUM", "enum_values": ["F", "M", "X"]},
            ],
        }
    )
    frame = sd.sample([schema], rows=400, seed=2)["members"]
    names = vocab.first_name_genders("en_US")
    firsts = vocab.people("en_US")["first"]
    said = dict(zip(firsts.to_list(), names.to_list(), strict=True))
    expected = {"Female": "F", "Male": "M"}
    rows = [(n, g) for n, g in frame.select("first_name", "gender").iter_rows() if g != "X"]
    agree = [expected.get(said.get(n) or "", g) == g for n, g in rows]
    assert sum(agree) == len(agree), rows[:10]
    assert "X" in frame["gender"].to_list()  # the value no name suggests is still drawn
