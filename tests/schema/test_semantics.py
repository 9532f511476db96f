"""Meaning from names: a STRING or TEXT column's name, its table's name and its siblings' names
say what it holds; the ``semantic`` option overrides them, is checked, and is shown."""

from __future__ import annotations

import json

import pytest

import synthdata as sd
from synthdata.schema.semantics import (
    MEANINGS,
    PRODUCT_GROUPS,
    anchor,
    fallback,
    meaning,
    product_group,
    singular,
)

#: (table, column, type, siblings) → the meaning read from the names.
CASES: list[tuple[str, str, str, tuple[str, ...], str | None]] = [
    # The plain-typed schemas
    ("books", "title", "STRING", ("author", "price"), "book_title"),
    ("books", "author", "STRING", ("title", "price"), "full_name"),
    ("departments", "name", "STRING", (), "department"),
    ("order_items", "product_name", "STRING", ("quantity", "unit_price"), "product_name"),
    ("employees", "first_name", "STRING", ("country",), "first_name"),
    ("employees", "country", "STRING", ("first_name",), "country"),
    # People
    ("customers", "last_name", "STRING", (), "last_name"),
    ("customers", "surname", "STRING", (), "last_name"),
    ("users", "givenName", "STRING", (), "first_name"),
    ("users", "full_name", "TEXT", (), "full_name"),
    ("customers", "name", "STRING", (), "full_name"),
    ("patients", "name", "STRING", (), "full_name"),
    ("invoices", "customer", "STRING", ("total",), "full_name"),
    ("deliveries", "recipient_name", "STRING", (), "full_name"),
    ("teams", "head_coach", "STRING", ("name",), "full_name"),
    ("documents", "created_by", "STRING", (), "full_name"),
    ("employees", "title", "STRING", ("first_name",), "job_title"),
    ("customers", "title", "STRING", ("first_name",), "honorific"),
    # Organisations and places
    ("suppliers", "name", "STRING", (), "company_name"),
    ("contacts", "company", "STRING", (), "company_name"),
    ("accounts", "name", "STRING", ("industry",), "company_name"),
    ("warehouses", "name", "STRING", (), "place_name"),
    ("hotels", "name", "STRING", (), "place_name"),
    ("customers", "city", "STRING", ("state",), "city"),
    ("customers", "state", "STRING", ("city", "zip"), "state"),
    ("customers", "zip", "STRING", (), "postal_code"),
    ("customers", "billing_address", "STRING", (), "address"),
    ("customers", "street", "STRING", (), "street_address"),
    ("customers", "email", "STRING", (), "email"),
    ("customers", "mobile_phone", "STRING", (), "phone"),
    ("companies", "website", "STRING", (), "url"),
    ("sessions", "ip_address", "STRING", (), "ip_address"),
    ("airports", "code", "STRING", ("name",), "iata_code"),
    ("flights", "origin", "STRING", ("destination",), "iata_code"),
    # Titles by table
    ("movies", "title", "STRING", (), "film_title"),
    ("films", "title", "TEXT", (), "film_title"),
    ("albums", "title", "STRING", (), "album_title"),
    ("tracks", "name", "STRING", (), "song_title"),
    ("songs", "title", "STRING", (), "song_title"),
    ("courses", "name", "STRING", (), "course_title"),
    ("enrollments", "course_name", "STRING", (), "course_title"),
    ("projects", "name", "STRING", (), "project_name"),
    ("events", "name", "STRING", (), "event_name"),
    ("conferences", "title", "STRING", (), "event_name"),
    ("playlists", "book_title", "STRING", (), "book_title"),
    # Work
    ("employees", "department", "STRING", (), "department"),
    ("teams", "name", "STRING", (), "team_name"),
    ("employees", "job_title", "STRING", (), "job_title"),
    ("job_postings", "title", "STRING", (), "job_title"),
    ("employees", "role", "STRING", (), "job_title"),
    ("users", "role", "STRING", (), "user_role"),
    ("tickets", "subject", "STRING", (), "ticket_subject"),
    ("support_tickets", "title", "STRING", (), "ticket_subject"),
    ("issues", "summary", "STRING", (), "ticket_subject"),
    ("cases", "title", "STRING", ("priority", "status"), "ticket_subject"),
    ("cases", "title", "STRING", ("case_type", "status"), None),
    ("incidents", "description", "TEXT", ("inmate_id",), None),
    ("tickets", "priority", "STRING", (), "priority"),
    # Commerce
    ("products", "name", "STRING", ("category", "price"), "product_name"),
    ("products", "product_name", "STRING", (), "product_name"),
    ("grocery_items", "name", "STRING", (), "product_name_grocery"),
    ("electronics", "name", "STRING", (), None),
    ("products", "category", "STRING", ("name",), "product_category"),
    ("categories", "name", "STRING", (), "product_category"),
    ("expense_categories", "name", "STRING", (), None),
    ("reviews", "comment", "TEXT", ("rating",), "review"),
    ("product_reviews", "body", "TEXT", ("stars",), "review"),
    ("feedback", "text", "STRING", (), "review"),
    ("exams", "comments", "TEXT", ("score",), None),
    ("payments", "method", "STRING", (), "payment_method"),
    ("menu_items", "name", "STRING", ("price",), "dish"),
    # Statuses
    ("orders", "status", "STRING", (), "order_status"),
    ("orders", "payment_status", "STRING", (), "payment_status"),
    ("invoices", "status", "STRING", (), "invoice_status"),
    ("tickets", "status", "STRING", (), "ticket_status"),
    ("users", "status", "STRING", (), "account_status"),
    ("appointments", "status", "STRING", (), "booking_status"),
    ("widgets", "status", "STRING", (), "status"),
    ("orders", "state", "STRING", ("total",), "order_status"),
    # Skills, tags, pets, genres and small sets
    ("skills", "name", "STRING", (), "skill"),
    ("candidates", "skill", "STRING", (), "skill"),
    ("posts", "tag", "STRING", (), "tag"),
    ("tags", "name", "STRING", (), "tag"),
    ("pets", "breed", "STRING", (), "pet_breed"),
    ("dogs", "breed", "STRING", (), "dog_breed"),
    ("cats", "breed", "STRING", (), "cat_breed"),
    ("dogs", "breed", "STRING", ("species",), "pet_breed"),
    ("pets", "species", "STRING", ("breed",), "species"),
    ("books", "genre", "STRING", (), "book_genre"),
    ("movies", "genre", "STRING", (), "film_genre"),
    ("tracks", "genre", "STRING", (), "music_genre"),
    ("users", "gender", "STRING", (), "gender"),
    ("po_lines", "uom", "STRING", ("qty",), "unit_of_measure"),
    ("order_lines", "unit", "STRING", ("quantity",), "unit_of_measure"),
    ("apartments", "unit", "STRING", ("floor",), None),
    ("employees", "office_location", "STRING", (), "city"),
    ("samples", "storage_location", "STRING", (), None),
    ("events", "venue", "STRING", (), "venue_name"),
    ("venues", "name", "STRING", (), "venue_name"),
    ("teams", "home_ground", "STRING", ("name",), "venue_name"),
    ("users", "preferred_language", "STRING", (), "language"),
    ("products", "color", "STRING", (), "color"),
    ("prices", "currency", "STRING", (), "currency_code"),
    # Codes
    ("orders", "order_number", "STRING", (), "code"),
    ("products", "sku", "STRING", (), "code"),
    ("books", "isbn", "STRING", (), "isbn"),
    ("vehicles", "license_plate", "STRING", (), "code"),
    # Unknown names: neutral phrases (see the fallback tests)
    ("zones", "name", "STRING", (), None),
    ("warehouse_zones", "description", "TEXT", ("name",), "description"),
    ("vehicles", "model", "STRING", (), None),
    ("stores", "region", "STRING", (), None),
    ("posts", "body", "TEXT", (), None),
    ("things", "value", "STRING", (), None),
]


@pytest.mark.parametrize(("table", "column", "kind", "siblings", "expected"), CASES)
def test_meaning_is_read_from_the_names(table, column, kind, siblings, expected):
    field = sd.Field(name=column, type=kind)
    assert meaning(field, table, (column, *siblings)) == expected


def test_there_are_many_cases_and_every_guess_is_a_known_meaning():
    assert len(CASES) >= 60
    assert {expected for *_, expected in CASES} - {None} <= set(MEANINGS)


def test_other_types_have_no_meaning_and_codes_stay_codes():
    assert meaning(sd.Field(name="title", type="INTEGER"), "books") is None
    assert meaning(sd.Field(name="first_name", type="FIRST_NAME"), "users") is None
    assert meaning(sd.Field(name="title", type="STRING", unique=True), "books") == "code"
    assert meaning(sd.Field(name="title", type="STRING", pattern="B-###"), "books") == "code"


def test_a_given_semantic_wins_and_is_normalized():
    field = sd.Field(name="label", type="STRING", semantic="Book title")
    assert field.semantic == "book_title"
    assert meaning(field, "widgets") == "book_title"
    assert sd.Field(name="x", type="TEXT", semantic="review").semantic == "review"


def test_a_misspelt_semantic_names_the_closest_meaning():
    with pytest.raises(ValueError, match="Did you mean book_title") as caught:
        sd.load_schemas(
            [{"name": "t", "fields": [{"name": "t", "type": "STRING", "semantic": "book_titel"}]}]
        )
    assert isinstance(caught.value, sd.InvalidInputError)
    with pytest.raises(ValueError, match="Unknown semantic 'zzz'"):
        sd.Field(name="x", type="STRING", semantic="zzz")


def test_a_semantic_fits_only_text_that_is_drawn():
    with pytest.raises(ValueError, match="STRING and TEXT"):
        sd.Field(name="x", type="INTEGER", semantic="book_title")
    with pytest.raises(ValueError, match="cannot mean 'book_title'"):
        sd.Field(name="x", type="STRING", unique=True, semantic="book_title")
    assert sd.Field(name="x", type="STRING", unique=True, semantic="code").semantic == "code"


def test_details_show_the_meaning():
    (books,) = sd.load_schemas(
        [
            {
                "name": "books",
                "fields": [
                    {"name": "id", "type": "UUID"},
                    {"name": "title", "type": "STRING"},
                    {"name": "blurb", "type": "TEXT", "semantic": "review"},
                ],
            }
        ]
    )
    assert books.field("title").details("books", books.field_names) == "means: book title"
    assert books.field("title").details() == ""  # no table: nothing to read it from
    assert "means: review text" in books.field("blurb").details()
    assert "means: book title" in books._repr_html_()


def test_the_option_is_left_out_of_dumps_when_not_given():
    (plain,) = sd.load_schemas([{"name": "t", "fields": [{"name": "title", "type": "STRING"}]}])
    assert "semantic" not in plain.to_reference()["fields"][0]
    assert "semantic" not in json.dumps(plain.model_dump(mode="json", exclude_none=True))
    (given,) = sd.load_schemas(
        [{"name": "t", "fields": [{"name": "title", "type": "STRING", "semantic": "album_title"}]}]
    )
    assert given.to_reference()["fields"][0]["semantic"] == "album_title"
    assert sd.load_schemas([given.model_dump(mode="json")])[0] == given


def test_anchors_name_the_sibling_a_row_follows():
    def follows(table: str, column: str, siblings: tuple[str, ...]) -> str | None:
        return anchor(sd.Field(name=column, type="STRING"), table, (column, *siblings))

    assert follows("products", "name", ("category", "price")) == "category"
    assert follows("reviews", "comment", ("rating",)) == "rating"
    assert follows("pets", "breed", ("species",)) == "species"
    assert follows("zones", "summary", ("name",)) == "name"
    assert follows("zones", "name", ("summary",)) is None
    assert follows("products", "name", ("price",)) is None


def test_fallbacks_are_short_phrases_of_the_names():
    assert fallback("name", "warehouse_zones") == ("", "Warehouse zone ", "row", "")
    assert fallback("zone_name", "warehouse_zones") == ("", "Warehouse zone ", "row", "")
    assert fallback("drug_name", "treatments") == ("", "Drug ", "many", "")
    assert fallback("description", "zones", sd.FieldType.TEXT) == (
        "Description for ",
        "zone ",
        "row",
        "",
    )
    assert fallback("account_type", "accounts") == ("", "Account type ", "few", "")
    assert fallback("model", "vehicles") == ("", "Model ", "many", "")
    assert fallback("common_name", "species") == ("", "Species ", "row", "")
    assert fallback("file_name", "reports") == ("", "report_", "row", ".pdf")


def test_product_groups_come_from_category_and_table_words():
    assert product_group("Men's Shoes") == "clothing"
    assert product_group("Small Kitchen Appliances") == "kitchen"
    assert product_group("garden") == "garden"
    assert product_group("Living Room Furniture") == "furniture"
    assert product_group("Dog Supplies") == "pet_supplies"
    assert product_group("Children's Books") == "book"
    assert product_group("cake") == "grocery"
    assert product_group("Gift Cards") is None
    assert set(PRODUCT_GROUPS) >= {product_group(g) for g in ("tools", "toys", "laptops")}


def test_singulars():
    for plural, one in [
        ("categories", "category"),
        ("addresses", "address"),
        ("people", "person"),
        ("statuses", "status"),
        ("boxes", "box"),
        ("series", "series"),
        ("analyses", "analysis"),
        ("classes", "class"),
        ("items", "item"),
    ]:
        assert singular(plural) == one


def test_the_views_and_the_sample_body_show_every_columns_meaning():
    from rich.console import Console

    from synthdata.reference import sample_body

    (books,) = sd.load_schemas(
        [
            {
                "name": "books",
                "fields": [
                    {"name": "id", "type": "INTEGER", "primary_key": True},
                    {"name": "title", "type": "STRING"},
                    {"name": "price", "type": "DECIMAL"},
                    {"name": "published_on", "type": "DATE"},
                    {"name": "isbn_checked", "type": "BOOLEAN"},
                ],
            }
        ]
    )
    assert books.meanings() == {
        "title": "book title",
        "price": "price of a book",
        "published_on": "publication or release date",
    }
    html = books._repr_html_()
    console = Console(width=200, record=True)
    console.print(books)
    text = console.export_text()
    for words in books.meanings().values():
        assert f"means: {words}" in html
        assert f"means: {words}" in text
    body = sample_body([books], sd.sample([books], rows=2))
    assert body["meanings"] == {"books": books.meanings()}
