"""STRING and TEXT values that fit what the column holds: its meaning, read from the names.

:mod:`synthdata.schema.semantics` says what a column means (``books.title`` → ``book_title``);
here each meaning becomes values, with the batch's seeded draws and whole-column gathers:

* **delegates**: a meaning a field type already makes (``first_name``, ``city``, ``email``)
  uses that type's generator, so a STRING ``first_name`` belongs to the row's person;
* **vocabularies**: titles, departments, job titles, product names… from the offline lists
  (:mod:`synthdata.generate.vocabularies`);
* **choices**: small fixed sets with realistic weights (statuses, priorities, genres);
* **mixtures**: values whose list depends on a sibling in the same row (a product name in the
  row's category, a review that fits its rating, a breed of its species);
* everything else gets a neutral phrase made of the names (``warehouses.name`` → "Warehouse 17",
  ``notes`` → "Notes for inspection 17"), never random words.

A unique or patterned STRING stays a code, as before.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import polars as pl

from synthdata import _rng
from synthdata.generate import vocab, vocabularies
from synthdata.generate.columns.choices import currency_code, weighted
from synthdata.generate.columns.codes import code, iban, phone
from synthdata.generate.columns.measures import NUMBERS, span
from synthdata.generate.columns.numbers import as_number, bounds
from synthdata.generate.columns.people import email, first_name, last_name, name, person, username
from synthdata.generate.columns.places import address, address_part, country
from synthdata.generate.columns.web import ip_address, url
from synthdata.generate.columns.words import color, company, truncate
from synthdata.generate.context import Batch, ColumnGenerator
from synthdata.schema import Field, FieldType
from synthdata.schema.semantics import (
    FREE_TEXT,
    MEANINGS,
    PRODUCT_GROUPS,
    STATUS_CHOICES,
    anchor,
    fallback,
    product_group,
    singular,
    words,
)
from synthdata.schema.traits import FIELD_TRAITS, Pool

__all__ = ["DELEGATES", "Sources", "mixture", "sources", "string", "text", "values"]

#: Meanings a field type's generator already makes, with that type (CSV quoting follows it).
DELEGATES: dict[str, tuple[FieldType, ColumnGenerator]] = {
    "first_name": (FieldType.FIRST_NAME, first_name),
    "last_name": (FieldType.LAST_NAME, last_name),
    "full_name": (FieldType.NAME, name),
    "company_name": (FieldType.COMPANY, company),
    "email": (FieldType.EMAIL, email),
    "phone": (FieldType.PHONE, phone),
    "url": (FieldType.URL, url),
    "username": (FieldType.USERNAME, username),
    "ip_address": (FieldType.IP_ADDRESS, ip_address),
    "iban": (FieldType.IBAN, iban),
    "street_address": (FieldType.STREET, address_part("street")),
    "address": (FieldType.ADDRESS, address),
    "city": (FieldType.CITY, address_part("city")),
    "state": (FieldType.STATE, address_part("state")),
    "postal_code": (FieldType.POSTAL_CODE, address_part("postal_code")),
    "country": (FieldType.COUNTRY, country),
    "color": (FieldType.COLOR, color),
    "currency_code": (FieldType.CURRENCY_CODE, currency_code),
    "code": (FieldType.CODE, code),
}

#: Meanings drawn uniformly from one offline vocabulary.
VOCABULARY: dict[str, str] = {
    "book_title": "book_titles",
    "film_title": "film_titles",
    "album_title": "album_titles",
    "song_title": "song_titles",
    "course_title": "course_titles",
    "project_name": "project_names",
    "event_name": "event_names",
    "dish": "dishes",
    "department": "departments",
    "team_name": "team_names",
    "job_title": "job_titles",
    "ticket_subject": "ticket_subjects",
    "product_category": "product_categories",
    "skill": "skills",
    "tag": "tags",
    "dog_breed": "dog_breeds",
    "cat_breed": "cat_breeds",
    "iata_code": "airport_codes",
    "property_headline": "property_headlines",
    **{kind: vocabulary for kind, (vocabulary, _) in FREE_TEXT.items() if kind != "description"},
    **{f"product_name_{group}": f"products_{group}" for group in PRODUCT_GROUPS},
}

#: Meanings drawn from a small set, each value with its weight (the world is rarely uniform).
CHOICES: dict[str, dict[str, float]] = {
    **STATUS_CHOICES,
    "honorific": {"Mr.": 40, "Ms.": 30, "Mrs.": 18, "Dr.": 8, "Mx.": 4},
    "user_role": {"member": 70, "editor": 15, "admin": 8, "viewer": 5, "owner": 2},
    "priority": {"low": 45, "medium": 35, "high": 15, "critical": 5},
    "payment_method": {
        "Credit Card": 48,
        "Debit Card": 22,
        "PayPal": 12,
        "Apple Pay": 7,
        "Google Pay": 4,
        "Bank Transfer": 5,
        "Gift Card": 2,
    },
    "language": {
        "English": 40,
        "Spanish": 15,
        "French": 8,
        "German": 8,
        "Chinese": 7,
        "Portuguese": 5,
        "Japanese": 5,
        "Italian": 4,
        "Arabic": 3,
        "Hindi": 3,
        "Korean": 2,
    },
    "gender": {"Female": 49, "Male": 49, "Non-binary": 2},
    "unit_of_measure": {
        "each": 50,
        "box": 12,
        "case": 10,
        "pack": 8,
        "kg": 6,
        "lb": 5,
        "m": 3,
        "L": 3,
        "pallet": 3,
    },
    "species": {"Dog": 55, "Cat": 35, "Rabbit": 4, "Bird": 3, "Guinea Pig": 2, "Reptile": 1},
    "book_genre": {
        "Fiction": 20,
        "Mystery": 12,
        "Romance": 12,
        "Fantasy": 10,
        "Science Fiction": 8,
        "Thriller": 10,
        "Biography": 6,
        "History": 6,
        "Self-Help": 6,
        "Children's": 6,
        "Poetry": 2,
        "Horror": 2,
    },
    "film_genre": {
        "Drama": 22,
        "Comedy": 18,
        "Action": 14,
        "Thriller": 10,
        "Horror": 8,
        "Romance": 7,
        "Science Fiction": 6,
        "Documentary": 6,
        "Animation": 5,
        "Fantasy": 4,
    },
    "music_genre": {
        "Pop": 22,
        "Rock": 16,
        "Hip-Hop": 16,
        "Electronic": 10,
        "R&B": 8,
        "Country": 8,
        "Jazz": 6,
        "Classical": 5,
        "Folk": 5,
        "Metal": 4,
    },
}

#: Kinds of venue a "<City> <kind>" venue name ends with.
VENUES = (
    "Convention Center",
    "Arena",
    "Theater",
    "Community Center",
    "Stadium",
    "Hall",
    "Park",
    "Pavilion",
    "Conference Center",
    "Amphitheater",
)

_PRODUCT_KINDS = (*(f"products_{group}" for group in PRODUCT_GROUPS), "book_titles")
_PRODUCT_INDEX = {group: i for i, group in enumerate((*PRODUCT_GROUPS, "book"))}
_REVIEW_KINDS = tuple(f"reviews_{stars}" for stars in range(1, 6))
_BREED_KINDS = ("dog_breeds", "cat_breeds")
#: Sibling values rarely worth reading one by one: beyond this many distinct ones, rows mix.
_MAX_DISTINCT = 2000


class Sources(NamedTuple):
    """What a meaning's values are made of, for CSV quoting: a field type's (``delegate``), the
    offline vocabularies ``kinds``, fixed ``values`` and Faker ``pools``; nothing else than
    digits and the names of the table and column otherwise."""

    delegate: FieldType | None = None
    kinds: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    pools: tuple[Pool, ...] = ()


def sources(kind: str | None) -> Sources:
    """What the values of a meaning (``None``: the neutral phrases) are made of."""
    if kind is None or kind == "isbn":
        return Sources()
    if kind in DELEGATES:
        return Sources(delegate=DELEGATES[kind][0])
    if kind in VOCABULARY:
        return Sources(kinds=(VOCABULARY[kind],))
    if kind in CHOICES:
        return Sources(values=tuple(CHOICES[kind]))
    mixed = {"product_name": _PRODUCT_KINDS, "review": _REVIEW_KINDS, "pet_breed": _BREED_KINDS}
    if kind in mixed:
        return Sources(kinds=mixed[kind], values=("Mixed",) if kind == "pet_breed" else ())
    if kind == "description":  # the table's words fill ``{thing}``
        return Sources(kinds=(FREE_TEXT[kind][0],))
    if kind == "place_name":
        return Sources(pools=(Pool("addresses", "city"),))
    if kind == "venue_name":
        return Sources(values=VENUES, pools=(Pool("addresses", "city"),))
    msg = f"no values for meaning {kind!r}"  # every meaning is covered; the tests check
    raise AssertionError(msg)


@lru_cache(maxsize=64)
def mixture(kinds: tuple[str, ...], locale: str) -> tuple[pl.Series, npt.NDArray[np.int64]]:
    """The kinds' values back to back in one series, and where each kind starts (and the end).

    Cache: filled on first use per (kinds, locale), kept for the life of the process (the last
    64 asked for); the vocabularies never change while it runs, so emptying it (see
    :mod:`synthdata.generate.caches`) only costs rebuilding the series.
    """
    parts = [vocabularies.load(kind, locale) for kind in kinds]
    starts = np.cumsum([0, *map(len, parts)]).astype(np.int64)
    return pl.Series([value for part in parts for value in part], dtype=pl.String), starts


def _gather(
    batch: Batch, f: Field, kinds: tuple[str, ...], which: npt.NDArray[np.int64]
) -> pl.Series:
    """Row ``i`` takes a uniformly drawn value of ``kinds[which[i]]``."""
    pool, starts = mixture(kinds, batch.locale(f))
    sizes = starts[1:] - starts[:-1]
    picks = np.minimum((batch.uniform(f.name) * sizes[which]).astype(np.int64), sizes[which] - 1)
    return pool.gather(starts[which] + picks)


def values(batch: Batch, f: Field, kind: str) -> pl.Series:
    """Values of one meaning for the batch (not yet cut to the field's ``max`` length)."""
    if kind in DELEGATES:
        field_type, generate = DELEGATES[kind]
        return generate(batch, f.model_copy(update={"type": field_type}))
    if kind in VOCABULARY:
        pool, _ = mixture((VOCABULARY[kind],), batch.locale(f))
        return pool.gather(batch.choice(len(pool), f.name))
    if kind == "gender":
        return _genders(batch, f)
    if kind in CHOICES:
        return _weighted(batch, f, kind)
    if kind == "product_name":
        return _gather(batch, f, _PRODUCT_KINDS, _product_groups(batch, f))
    if kind == "review":
        return _gather(batch, f, _REVIEW_KINDS, _stars(batch, f) - 1)
    if kind == "pet_breed":
        return _breeds(batch, f)
    if kind == "place_name":
        return _place_names(batch, f, pl.lit(f" {_title(batch.schema.name)}"))
    if kind == "venue_name":
        kinds = pl.Series(VENUES).gather(batch.choice(len(VENUES), f.name, "kind"))
        return _place_names(batch, f, " " + kinds)
    if kind == "isbn":
        return _isbn(batch, f)
    if kind == "description":
        pool = _described(batch.schema.name, batch.locale(f))
        return pool.gather(batch.choice(len(pool), f.name))
    msg = f"no values for meaning {kind!r} (known: {', '.join(MEANINGS)})"
    raise AssertionError(msg)


@lru_cache(maxsize=64)
def _described(table: str, locale: str) -> pl.Series:
    """Descriptions of the table's thing: ``{thing}`` in the sentences becomes its noun.

    Cache: filled on first use per (table, locale), kept for the life of the process (the last
    64 asked for); emptying it (see :mod:`synthdata.generate.caches`) only costs the rebuild.
    """
    thing = " ".join(singular(w) for w in words(table)) or "item"
    sentences = vocabularies.load(FREE_TEXT["description"][0], locale)
    return pl.Series([s.replace("{thing}", thing) for s in sentences], dtype=pl.String)


def _sibling(batch: Batch, f: Field) -> tuple[Field, pl.Series] | None:
    """The sibling this field's values follow, and its values in this batch, if it has one."""
    schema = batch.schema
    name = anchor(f, schema.name, schema.field_names)
    if name is None or name not in batch.columns:
        return None
    return schema.field(name), batch.columns[name]


def _lookup(series: pl.Series, read: dict[str, int], default: int) -> npt.NDArray[np.int64]:
    """Each row's code from its value's text, ``default`` for nulls and unknown values."""
    text = series.cast(pl.String)
    return (
        text.replace_strict(read, default=default, return_dtype=pl.Int64)
        .fill_null(default)
        .to_numpy()
        .astype(np.int64)
    )


def _distinct(series: pl.Series) -> list[str] | None:
    """The distinct texts of a column, or None when there are too many to read one by one."""
    found = series.cast(pl.String).drop_nulls().unique()
    return None if len(found) > _MAX_DISTINCT else found.to_list()


def _product_groups(batch: Batch, f: Field) -> npt.NDArray[np.int64]:
    """Each row's product family: its category's, else the table's, else drawn at random."""
    mixed = batch.choice(len(PRODUCT_GROUPS), f.name, "group")
    sibling = _sibling(batch, f)
    if sibling is not None:
        found = _distinct(sibling[1])
        if found is not None:
            read = {v: _PRODUCT_INDEX[g] for v in found if (g := product_group(v)) is not None}
            groups = _lookup(sibling[1], read, -1)
            return np.where(groups < 0, mixed, groups)
    own = product_group(batch.schema.name)
    if own is not None:
        return np.full(batch.n, _PRODUCT_INDEX[own], dtype=np.int64)
    return mixed


def _stars(batch: Batch, f: Field) -> npt.NDArray[np.int64]:
    """Each row's rating on a 1–5 scale, read from its rating sibling (random without one)."""
    drawn = batch.choice(5, f.name, "stars") + 1
    sibling = _sibling(batch, f)
    if sibling is None:
        return drawn
    rating, series = sibling
    if rating.enum_values:
        last = max(len(rating.enum_values) - 1, 1)
        read = {v: 1 + round(i * 4 / last) for i, v in enumerate(rating.enum_values)}
        stars = _lookup(series, read, 0)
        return np.where(stars == 0, drawn, stars)
    if series.dtype == pl.String:
        number = series.str.extract(r"(\d+(?:\.\d+)?)").cast(pl.Float64, strict=False)
        lo, hi = 1.0, 5.0
    elif FIELD_TRAITS[rating.type].numeric:
        number = series
        kind = batch.meaning(rating)
        lo, hi = span(batch, rating, kind) if kind in NUMBERS else bounds(rating)
    else:
        return drawn
    # The rating's place on its scale, as whole stars (4.2 of 5 is 4 stars, 8 of 10 is 4).
    scaled = 1 + (as_number(number) - lo) / max(hi - lo, 1e-9) * 4
    stars = np.clip(np.round(np.nan_to_num(scaled, nan=1.0)), 1, 5).astype(np.int64)
    return np.where(np.isnan(scaled), drawn, stars)


def _breeds(batch: Batch, f: Field) -> pl.Series:
    """Dog breeds for dogs and cat breeds for cats (by the row's species), "Mixed" otherwise."""
    which = (batch.uniform(f.name, "species") >= 0.6).astype(np.int64)
    sibling = _sibling(batch, f)
    if sibling is not None:
        found = _distinct(sibling[1])
        if found is not None:
            family = _lookup(sibling[1], {v: _species(v) for v in found}, -1)
            which = np.where(family < 0, which, family)  # nulls keep the drawn family
    picked = _gather(batch, f, _BREED_KINDS, np.minimum(which, 1))
    return pl.select(
        pl.when(pl.lit(pl.Series(which == 2))).then(pl.lit("Mixed")).otherwise(pl.lit(picked))
    ).to_series()


def _species(value: str) -> int:
    """0 for dogs, 1 for cats, 2 for other animals."""
    text = value.lower()
    if any(w in text for w in ("dog", "canine", "puppy")):
        return 0
    if any(w in text for w in ("cat", "feline", "kitten")):
        return 1
    return 2


def _title(table: str) -> str:
    return " ".join(w.capitalize() for w in map(singular, words(table))) or "Place"


def _place_names(batch: Batch, f: Field, kind: pl.Series | pl.Expr) -> pl.Series:
    """A city of the locale and a kind of place: "Lakeview Clinic"."""
    cities = vocab.addresses(batch.locale(f))["city"]
    city = cities.gather(batch.choice(len(cities), f.name))
    return pl.select(
        pl.concat_str([pl.lit(city), pl.lit(kind) if isinstance(kind, pl.Series) else kind])
    ).to_series()


def _weighted(batch: Batch, f: Field, kind: str) -> pl.Series:
    table = CHOICES[kind]
    return weighted(batch, f, list(table), np.array(list(table.values()), dtype=float))


def _genders(batch: Batch, f: Field) -> pl.Series:
    """The gender the row's first name suggests; drawn when it has none or suggests neither."""
    drawn = _weighted(batch, f, "gender")
    named = next(
        (g for g in batch.schema.fields if g.name != f.name and _first_named(batch, g)), None
    )
    if named is None:
        return drawn
    known = vocab.first_name_genders(batch.locale(named)).gather(person(batch, named)["first"])
    return known.fill_null(drawn)


_FEMALE = frozenset({"female", "f", "woman", "w", "girl", "femme", "weiblich", "mujer"})
_MALE = frozenset({"male", "m", "man", "boy", "homme", "mannlich", "maennlich", "hombre"})


def enum_gender(batch: Batch, f: Field, drawn: pl.Series) -> pl.Series:
    """An ENUM gender (``female | male | other``) as the row's first name suggests: its female
    and male values follow the name, the others stay as drawn."""
    if f.enum_values is None or f.name.rsplit("_", 1)[-1].lower() not in ("gender", "sex"):
        return drawn
    female = next((v for v in f.enum_values if v.lower() in _FEMALE), None)
    male = next((v for v in f.enum_values if v.lower() in _MALE), None)
    named = next(
        (g for g in batch.schema.fields if g.name != f.name and _first_named(batch, g)), None
    )
    if female is None or male is None or named is None:
        return drawn
    known = vocab.first_name_genders(batch.locale(named)).gather(person(batch, named)["first"])
    mapped = known.replace_strict({"Female": female, "Male": male}, default=None)
    keep = drawn.is_in([female, male]).not_()  # "other" and the like stay as drawn
    return pl.select(
        pl.when(pl.lit(keep)).then(pl.lit(drawn)).otherwise(pl.lit(mapped).fill_null(pl.lit(drawn)))
    ).to_series()


def _first_named(batch: Batch, g: Field) -> bool:
    """Whether a field holds a person's first name (alone or in a full name)."""
    if g.type is FieldType.FIRST_NAME or g.type is FieldType.NAME:
        return True
    return batch.meaning(g) in ("first_name", "full_name")


def _isbn(batch: Batch, f: Field) -> pl.Series:
    """ISBN-13s (978 and nine random digits, then a valid check digit)."""
    body = code(batch, f.model_copy(update={"pattern": "978#########", "unique": False}))
    chars = np.frombuffer(body.str.join("").to_list()[0].encode(), np.uint8).reshape(-1, 12)
    digits = chars.astype(np.int64) - ord("0")
    check = (10 - (digits * np.tile([1, 3], 6)).sum(axis=1) % 10) % 10
    return body + pl.Series(check).cast(pl.String)


def neutral(batch: Batch, f: Field) -> pl.Series:
    """A short phrase made of the names: "Warehouse 17", "Notes for Lakeview Clinic"."""
    phrase = fallback(f.name, batch.schema.name, f.type)
    if phrase.scope == "row":
        # The row's own number in its table, the same for all its row-scoped columns.
        volume = max(batch.plan.volume, 1)
        key = batch.key("row number")
        number = _rng.permute(batch.index(), volume, key).astype(np.int64) + 1
    elif phrase.scope == "few":
        number = batch.choice(5, f.name, "number") + 1
    else:
        number = batch.choice(max(batch.plan.volume, 9), f.name, "number") + 1
    numbered = phrase.lead + phrase.noun + pl.Series(number).cast(pl.String)
    named = anchor(f, batch.schema.name, batch.schema.field_names)
    if named is None or named not in batch.columns or batch.columns[named].dtype != pl.String:
        return numbered
    # A description of the row names it: "Notes for Lakeview Clinic".
    about = phrase.lead + batch.columns[named]
    return about.fill_null(numbered)


def string(batch: Batch, f: Field) -> pl.Series:
    if f.is_unique or f.pattern:
        return code(batch, f)
    kind = batch.meaning(f)
    return truncate(neutral(batch, f) if kind is None else values(batch, f, kind), f)


def text(batch: Batch, f: Field) -> pl.Series:
    written = batch.plan.text_pools.get(f.name)
    if written:
        pool = pl.Series(written, dtype=pl.String)
        return truncate(pool.gather(batch.choice(len(pool), f.name, "written")), f)
    kind = batch.meaning(f)
    return truncate(neutral(batch, f) if kind is None else values(batch, f, kind), f)
