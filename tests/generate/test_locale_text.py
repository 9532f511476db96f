"""Text columns with meanings in de_DE, fr_FR, es_ES and ja_JP: English phrase shapes where the
locale has no word lists of its own, never Latin or the locale's lorem words strung together."""

from __future__ import annotations

import contextlib
import importlib
import re
from functools import cache

import polars as pl
import pytest
from faker import Faker

import synthdata as sd
from synthdata.generate import vocabularies
from synthdata.generate.columns import semantic
from synthdata.schema import semantics, traits

LOCALES = ["de_DE", "fr_FR", "es_ES", "ja_JP"]
#: Locales whose Faker sentences join words without spaces.
SPACELESS = {"ja_JP"}

#: Tables whose text columns have meanings (titles, product names, departments, descriptions,
#: job titles, ticket subjects) and names no meaning knows (neutral phrases).
TABLES = [
    {
        "name": "books",
        "fields": [
            {"name": "id", "type": "UUID", "primary_key": True},
            {"name": "title", "type": "STRING"},
            {"name": "genre", "type": "STRING"},
            {"name": "summary", "type": "TEXT"},
        ],
    },
    {
        "name": "products",
        "fields": [
            {"name": "id", "type": "UUID", "primary_key": True},
            {"name": "category", "type": "STRING"},
            {"name": "name", "type": "STRING"},
            {"name": "description", "type": "TEXT"},
            {"name": "tags", "type": "STRING"},
        ],
    },
    {
        "name": "employees",
        "fields": [
            {"name": "id", "type": "UUID", "primary_key": True},
            {"name": "department", "type": "STRING"},
            {"name": "job_title", "type": "STRING"},
            {"name": "position", "type": "JOB_TITLE"},
            {"name": "employer", "type": "COMPANY"},
            {"name": "bio", "type": "TEXT"},
        ],
    },
    {
        "name": "tickets",
        "fields": [
            {"name": "id", "type": "UUID", "primary_key": True},
            {"name": "subject", "type": "STRING"},
            {"name": "body", "type": "TEXT"},
            {"name": "comment", "type": "TEXT"},
        ],
    },
    {
        "name": "gizmos",
        "fields": [
            {"name": "id", "type": "UUID", "primary_key": True},
            {"name": "name", "type": "STRING"},
            {"name": "flux_label", "type": "STRING"},
            {"name": "zorp", "type": "STRING"},
            {"name": "blurb", "type": "TEXT"},
            {"name": "remarks", "type": "TEXT"},
        ],
    },
]

#: Businesses for the analyzer, whose schemas are generated in each locale too.
DESCRIPTIONS = [
    "An online store with products in categories, customers, orders and reviews.",
    "An HR system with employees, departments, job titles and performance reviews.",
    "A help desk with agents, customers, support tickets and comments.",
    "A public library with books, authors, members and loans.",
]

#: Meanings that read an offline vocabulary: outside en_US they use the English lists.
ENGLISH_LISTS = {
    ("books", "title"): ("book_titles",),
    ("employees", "department"): ("departments",),
    ("employees", "job_title"): ("job_titles",),
    ("tickets", "subject"): ("ticket_subjects",),
}
NEUTRAL = re.compile(r"^[A-Z][a-z]+( [A-Za-z]+)* \d+$|^[A-Z][a-z]+ for \S")


@cache
def lorem(locale: str, own: bool = True) -> frozenset[str]:
    """Faker's Latin lorem words, and with ``own`` the locale's lorem list too (when Faker has
    one: de_DE, fr_FR, es_ES and ja_JP do; theirs are common words of real text, so only
    values synthdata writes itself, in English, are held to them)."""
    found = set(importlib.import_module("faker.providers.lorem.la").Provider.word_list)
    if own:
        with contextlib.suppress(ModuleNotFoundError):
            found |= set(
                importlib.import_module(f"faker.providers.lorem.{locale}").Provider.word_list
            )
    return frozenset(w.lower() for w in found)


def _segments(text: str, words: frozenset[str]) -> int:
    """How few lorem words spell ``text`` end to end (0 when they cannot): ja_JP's lorem joins
    its words without spaces."""
    longest = max(map(len, words))
    best = [0] + [-1] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - longest), end):
            if best[start] >= 0 and text[start:end] in words:
                pieces = best[start] + 1
                best[end] = pieces if best[end] < 0 else min(best[end], pieces)
    return max(best[-1], 0)


def is_lorem(value: str, locale: str, own: bool = True) -> bool:
    """Two or more lorem words and (almost) nothing else."""
    words = lorem(locale, own)
    tokens = [t for t in (w.strip(".,;:!?。、").lower() for w in value.split()) if t]
    if len(tokens) >= 2:
        return sum(t in words for t in tokens) >= 0.85 * len(tokens)
    # one token: lorem words written without spaces, as ja_JP's sentences are (elsewhere a
    # single word is a name, such as a German surname that splits into two short lorem words)
    spaceless = len(tokens) == 1 and locale in SPACELESS
    return spaceless and _segments(tokens[0], words) >= 2


@pytest.mark.parametrize("locale", LOCALES)
def test_the_detector_finds_lorem_in_each_locale(locale):
    """Faker's sentences and word lists, Latin and the locale's own, are all caught."""
    for source in ("la", locale):
        fake = Faker(locale)
        fake.seed_instance(3)
        provider = importlib.import_module(f"faker.providers.lorem.{source}").Provider
        salad = [fake.sentence(nb_words=4, ext_word_list=provider.word_list) for _ in range(40)]
        salad += [fake.sentence(nb_words=3) for _ in range(40)]
        assert sum(is_lorem(v, locale) for v in salad) >= 76, (source, salad[:5])
    real = ["The Last Fisherman of Fenwick Hall", "Notes for ticket 5", "Gizmo 12", "QA Analyst"]
    assert not [v for v in real if is_lorem(v, locale)]
    # Faker's own names and job titles of the locale are real words, held only to Latin
    fake = Faker(locale)
    fake.seed_instance(5)
    made = [fake.job() for _ in range(100)] + [fake.name() for _ in range(100)]
    assert not [v for v in made if is_lorem(v, locale, own=False)]


def _text_columns(schemas: list[sd.Schema], frames: dict[str, pl.DataFrame]):
    """Each text column, its values, and whether synthdata writes them itself (a STRING or TEXT
    meaning that is no other type's: not a person's name, a place, a company from Faker)."""
    for schema in schemas:
        for f in schema.fields:
            frame = frames[schema.name]
            if frame[f.name].dtype != pl.String or f.name == schema.primary_key or f.references:
                continue
            kind = semantics.meaning(f, schema.name, schema.field_names)
            own = traits(f.type).semantic and kind not in semantic.DELEGATES
            yield schema, f, frame[f.name].drop_nulls().to_list(), own


@pytest.mark.parametrize("locale", LOCALES)
def test_text_meanings_are_never_lorem(locale):
    schemas = sd.load_schemas([{**t, "locale": locale} for t in TABLES])
    frames = sd.sample(schemas, rows=200, seed=11, locale=locale)
    checked = 0
    for schema, f, values, own in _text_columns(schemas, frames):
        assert values, f"{schema.name}.{f.name}"
        lorem_values = [v for v in values if is_lorem(v, locale, own)]
        assert lorem_values == [], f"{locale} {schema.name}.{f.name}: {lorem_values[:3]}"
        kinds = ENGLISH_LISTS.get((schema.name, f.name))
        if kinds is not None:  # English phrases: the en_US list, as the locale has none
            english = {v for k in kinds for v in vocabularies.load(k, "en_US")}
            assert set(values) <= english, f"{schema.name}.{f.name}"
        unknown = semantics.meaning(f, schema.name, schema.field_names) is None
        if unknown and traits(f.type).semantic:  # a name no meaning knows: a neutral phrase
            assert all(NEUTRAL.match(v) for v in values), (f.name, values[:3])
        checked += 1
    assert checked == 20


@pytest.mark.parametrize("locale", LOCALES)
def test_analyzed_schemas_are_never_lorem_in_other_locales(locale):
    checked = 0
    for text in DESCRIPTIONS:
        schemas = sd.infer_schemas(sd.analyze(text))
        schemas = sd.load_schemas(
            [{**s.model_dump(mode="json", exclude_none=True), "locale": locale} for s in schemas]
        )
        frames = sd.sample(schemas, rows=100, seed=5, locale=locale)
        for schema, f, values, own in _text_columns(schemas, frames):
            lorem_values = [v for v in values if is_lorem(v, locale, own)]
            assert lorem_values == [], f"{locale} {schema.name}.{f.name}: {lorem_values[:3]}"
            checked += 1
    assert checked >= 40
