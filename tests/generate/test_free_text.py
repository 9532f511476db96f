"""Free text: notes, feedback and descriptions read like what people type, by the table's kind
of thing; listings of homes get property headlines, not product names."""

from __future__ import annotations

import re
from pathlib import Path

import synthdata as sd
from synthdata.generate import vocabularies
from synthdata.schema.semantics import meaning

ESTATE = (
    "Estate agency database. Branches: name, address, phone. Agents work at one branch and have "
    "a name, email and mobile number. Listings are the properties we have for sale, each handled "
    "by one agent: address, asking price, bedrooms, bathrooms, floor area in square metres, date "
    "listed and status. Buyers register with name, email, phone and maximum budget. A viewing is "
    "booked for a buyer at a listing with an agent at a given date and time, and the agent writes "
    "feedback afterwards. Buyers make offers on listings - amount, date, and whether it was "
    "accepted, rejected or withdrawn."
)
PLACEHOLDER = re.compile(r"^\w[\w ]* (for|of) [\w ]+ \d+$|^[A-Z]\w* \d+$")


def _sample(seed: int = 1) -> dict:
    return sd.sample(sd.infer_schemas(sd.analyze(ESTATE)), rows=60, seed=seed)


def test_viewing_feedback_is_written_text_that_varies_and_repeats_by_seed():
    frames = _sample()
    feedback = frames["viewings"]["feedback"].drop_nulls()
    assert len(feedback) > 20
    assert not feedback.str.contains(PLACEHOLDER.pattern).any()
    assert feedback.n_unique() > 10
    assert set(feedback) <= set(vocabularies.load("text_viewing_feedback"))
    assert frames["viewings"]["feedback"].equals(_sample()["viewings"]["feedback"])


def test_listing_titles_are_property_headlines_not_products():
    titles = _sample()["listings"]["title"]
    products = {
        v for k in vocabularies.KINDS if k.startswith("products_") for v in vocabularies.load(k)
    }
    assert not set(titles) & products
    assert set(titles) <= set(vocabularies.load("property_headlines"))
    assert (
        titles.str.contains(
            r"(?i)house|home|flat|apartment|cottage|bungalow|villa|terrace|maisonette|townhouse|penthouse|barn|farmhouse|lodge|studio|semi|mews"
        ).mean()
        > 0.8
    )


def _kind(table: str, column: str, *siblings: str, type_: str = "TEXT") -> str | None:
    return meaning(sd.Field(name=column, type=type_), table, (column, *siblings))


def test_the_column_word_and_the_table_choose_the_text():
    assert _kind("viewings", "feedback") == "viewing_feedback"
    assert _kind("inspections", "notes") == "inspection_notes"
    assert _kind("tickets", "description") == "issue_description"
    assert _kind("maintenance_requests", "description") == "repair_description"
    assert _kind("claims", "description") == "claim_description"
    assert _kind("transactions", "description", type_="STRING") == "transaction_description"
    assert _kind("appointments", "reason", "patient_id") == "visit_reason"
    assert _kind("returns", "reason") == "return_reason"
    assert _kind("deliveries", "instructions") == "delivery_instructions"
    assert _kind("shipments", "notes") == "notes"
    assert _kind("offers", "description", "listing_id") == "offer_terms"
    assert _kind("properties", "description") == "property_description"
    assert _kind("listings", "title", "bedrooms", type_="STRING") == "property_headline"
    assert _kind("job_listings", "title", type_="STRING") == "job_title"
    assert _kind("listings", "title", "sku", type_="STRING") == "product_name"
    assert _kind("listings", "title", type_="STRING") is None  # nothing says the rows are goods
    assert _kind("exams", "comments", "score") is None  # no text fits every exam


def test_a_description_of_a_thing_names_the_thing():
    schema = sd.Schema(
        name="warehouse_zones",
        fields=[
            sd.Field(name="id", type="INTEGER", unique=True),
            sd.Field(name="description", type="TEXT"),
        ],
        primary_key="id",
    )
    values = sd.sample([schema], rows=200, seed=3)["warehouse_zones"]["description"]
    assert not values.str.contains(r"\{thing\}").any()
    assert values.str.contains("warehouse zone").any()
    assert values.n_unique() > 10


def test_every_free_text_kind_has_a_file():
    here = Path(vocabularies.__file__).parent / "en_US"
    for kind in vocabularies.FREE_TEXTS:
        assert (here / f"{kind}.txt").is_file()


def test_notes_on_any_other_record_are_short_neutral_notes():
    schema = sd.Schema(
        name="soil_tests",
        fields=[
            sd.Field(name="id", type="UUID", primary_key=True),
            sd.Field(name="tested_on", type="DATE"),
            sd.Field(name="notes", type="TEXT"),
        ],
    )
    notes = sd.sample([schema], rows=40, seed=2)["soil_tests"]["notes"].drop_nulls()
    assert len(notes) > 10
    assert not notes.str.contains(PLACEHOLDER.pattern).any()
    assert set(notes) <= set(vocabularies.load("text_record_notes"))
