"""Animals look like animals: pet names, coat colours, born before they come in."""

from __future__ import annotations

from pathlib import Path

import polars as pl

import synthdata as sd
from synthdata.generate.columns.people import PET_NAMES


def _cats() -> sd.Schema:
    return sd.Schema.model_validate(
        {
            "name": "rescue_cats",
            "fields": [
                {"name": "id", "type": "UUID", "primary_key": True},
                {"name": "name", "type": "FIRST_NAME"},
                {"name": "colour", "type": "COLOR"},
                {"name": "date_of_birth", "type": "DATE"},
                {"name": "intake_date", "type": "DATE"},
            ],
        }
    )


def test_cats_have_pet_names_and_coat_colours():
    rows = sd.sample([_cats()], rows=200, seed=4)["rescue_cats"]
    assert set(rows["name"]) <= set(PET_NAMES)
    coats = set(rows["colour"])
    assert coats <= {
        "Black", "Tabby", "Ginger", "Black and White", "Grey", "Tortoiseshell", "Calico",
        "White", "Cream", "Siamese Point",
    }  # fmt: skip
    assert len(coats) >= 6


def test_people_keep_their_names_and_colours_stay_colours():
    people = sd.Schema.model_validate(
        {
            "name": "volunteers",
            "fields": [
                {"name": "id", "type": "UUID", "primary_key": True},
                {"name": "name", "type": "FIRST_NAME"},
                {"name": "favourite_colour", "type": "COLOR"},
            ],
        }
    )
    rows = sd.sample([people], rows=200, seed=4)["volunteers"]
    assert not set(rows["name"]) <= set(PET_NAMES)
    assert "Tabby" not in set(rows["favourite_colour"])


def test_an_animal_is_born_before_it_comes_in(tmp_path: Path):
    sd.generate([_cats()], total_rows=2000, seed=2, out_dir=tmp_path, format="parquet")
    rows = pl.read_parquet(tmp_path / "rescue_cats" / "*.parquet")
    assert rows.filter(pl.col("date_of_birth") > pl.col("intake_date")).height == 0


def test_owners_of_cats_are_people():
    from synthdata.generate.columns.words import animal_kind

    assert animal_kind("rescue_cats") == "cat"
    assert animal_kind("puppies") == "dog"
    assert animal_kind("cat_owners") is None
    assert animal_kind("horse_shows") is None
