"""Words from the locale's vocabularies: companies, jobs and colours; cutting text to length."""

from __future__ import annotations

import numpy as np
import polars as pl

from synthdata.generate import vocab
from synthdata.generate.columns.choices import weighted
from synthdata.generate.context import Batch
from synthdata.schema import Field
from synthdata.schema.semantics import singular, words

__all__ = ["animal_kind", "color", "company", "job_title", "pick_word", "truncate"]


def pick_word(batch: Batch, f: Field, kind: str) -> pl.Series:
    pool = vocab.words(batch.locale(f), kind)
    return pool.gather(batch.choice(len(pool), f.name))


def company(batch: Batch, f: Field) -> pl.Series:
    return pick_word(batch, f, "company")


def job_title(batch: Batch, f: Field) -> pl.Series:
    return pick_word(batch, f, "job")


#: Coat colours by the kind of animal a table holds (a cat is not "Teal" or "BlanchedAlmond").
_COATS: dict[str, dict[str, float]] = {
    "cat": {
        "Black": 20,
        "Tabby": 22,
        "Ginger": 12,
        "Black and White": 12,
        "Grey": 10,
        "Tortoiseshell": 8,
        "Calico": 6,
        "White": 5,
        "Cream": 3,
        "Siamese Point": 2,
    },
    "dog": {
        "Black": 18,
        "Brown": 16,
        "Golden": 12,
        "Black and Tan": 12,
        "White": 8,
        "Tricolour": 10,
        "Brindle": 7,
        "Cream": 6,
        "Grey": 5,
        "Merle": 4,
        "Red": 2,
    },
    "horse": {
        "Bay": 30,
        "Chestnut": 22,
        "Grey": 15,
        "Black": 10,
        "Dun": 6,
        "Palomino": 5,
        "Roan": 5,
        "Skewbald": 4,
        "Piebald": 3,
    },
    "animal": {"Black": 25, "Brown": 25, "White": 15, "Grey": 15, "Mixed": 20},
}
_KINDS = {
    "cat": "cat",
    "kitten": "cat",
    "dog": "dog",
    "puppy": "dog",
    "horse": "horse",
    "pony": "horse",
    "foal": "horse",
    "pet": "animal",
    "animal": "animal",
}


def animal_kind(table: str) -> str | None:
    """The kind of animal a table's rows are, by its last word (``rescue_cats`` → cat; a
    table of ``cat_owners`` holds people), or None."""
    parts = words(table)
    return _KINDS.get(singular(parts[-1])) if parts else None


def color(batch: Batch, f: Field) -> pl.Series:
    """A colour name; a coat colour where the table holds animals."""
    kind = animal_kind(batch.schema.name)
    if kind is None:
        return pick_word(batch, f, "color")
    coats = _COATS[kind]
    return weighted(batch, f, list(coats), np.array(list(coats.values()), dtype=float))


def truncate(series: pl.Series, f: Field) -> pl.Series:
    if isinstance(f.max, int | float) and f.max >= 1:
        return series.str.slice(0, int(f.max))
    return series
