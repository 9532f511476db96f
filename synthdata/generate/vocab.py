"""Vocabularies built once per locale from Faker's provider data.

Faker is only a source of realistic words here: each pool is drawn once, with a fixed seed, and
cached for the life of the process; generation then picks from the pools with vectorized draws.
Pools keep Faker's frequencies (common names appear more often) because they are samples, not sets.

Pools (people, addresses, word lists, phone templates) are also kept on disk, under
``<SYNTHDATA_HOME>/cache/pools`` as Arrow files named by a digest of everything that decides
their contents (this module's source, Faker's and Python's versions, the pool and its
arguments): a new process reads them in milliseconds instead of drawing them from Faker for
seconds, and gets the same values. ``SYNTHDATA_POOL_CACHE=0`` turns it off; a folder that cannot
be written, or a damaged file, just means the pool is drawn again.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import re
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import polars as pl

if TYPE_CHECKING:
    from faker import Faker

T = TypeVar("T")

__all__ = [
    "DEFAULT_LOCALE",
    "SUPPORTED_LOCALES",
    "addresses",
    "clear_pools",
    "email_domains",
    "faker_for",
    "first_name_genders",
    "handle_parts",
    "people",
    "preload",
    "snapshot",
    "templates",
    "words",
]

DEFAULT_LOCALE = "en_US"
#: Locales tested end to end; any other Faker locale works as well as Faker supports it.
SUPPORTED_LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "ja_JP")
_POOL = 3000
_SEED = 20240101

#: Major currencies, most traded first; the locale's own currency is weighted up.
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CNY", "CAD", "AUD", "CHF", "INR", "MXN", "BRL", "SEK")
LOCALE_CURRENCY = {
    "en_US": "USD",
    "en_GB": "GBP",
    "de_DE": "EUR",
    "fr_FR": "EUR",
    "es_ES": "EUR",
    "ja_JP": "JPY",
}
#: What an item priced 1 in US dollars is priced at in currencies of other magnitudes (rounded
#: market rates); shops price per market, so currencies within a factor of two of the dollar
#: (EUR, GBP, CHF, CAD, AUD) keep the number: €12.99, £12.99. Unlisted currencies: 1.
PRICE_FACTORS = {"JPY": 150.0, "CNY": 7.2, "INR": 83.0, "MXN": 17.0, "BRL": 5.0, "SEK": 10.5}
#: Currencies without minor units: their amounts are whole.
WHOLE_CURRENCIES = ("JPY",)


#: Cache: every pool built so far, by (builder, arguments). Filled on first use by the builders
#: below (or, in a worker process, by :func:`preload` with the parent's :func:`snapshot`), it lives
#: for the life of the process; :func:`clear_pools` empties it (see
#: :mod:`synthdata.generate.caches`). Pools are drawn with fixed seeds, so a rebuilt pool is
#: identical.
_POOLS: dict[tuple[Any, ...], Any] = {}


def _pool(build: Callable[..., T]) -> Callable[..., T]:
    """Build a pool once per process (or take it from a preloaded snapshot)."""

    @functools.wraps(build)
    def cached(*args: Any) -> T:
        key = (build.__name__, *args)
        if key not in _POOLS:
            kept = _read_kept(key)
            _POOLS[key] = build(*args) if kept is None else kept
            if kept is None:
                _keep(key, _POOLS[key])
        return cast(T, _POOLS[key])  # the pool ``build`` made for this key

    return cached


@lru_cache(maxsize=1)
def _source_digest() -> str:
    """What decides every pool's contents besides its arguments."""
    from importlib.metadata import version

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"{version('faker')}|{sys.version_info[:2]}".encode())
    return digest.hexdigest()[:16]


def _kept_path(key: tuple[Any, ...]) -> Path:
    from synthdata._home import home

    name = "-".join(re.sub(r"[^A-Za-z0-9_]", "_", str(part)) for part in key)
    digest = hashlib.sha256(f"{_source_digest()}|{key!r}".encode()).hexdigest()[:16]
    return home() / "cache" / "pools" / f"{name}-{digest}.arrow"


def _read_kept(key: tuple[Any, ...]) -> Any:
    """The pool kept on disk for ``key``, or None (none kept, turned off, or unreadable)."""
    if os.environ.get("SYNTHDATA_POOL_CACHE", "1") == "0":
        return None
    try:
        # Read into memory, not mapped: gathers from a mapped file were 15 % slower.
        frame = pl.read_ipc(io.BytesIO(_kept_path(key).read_bytes())).rechunk()
    except Exception:  # missing or damaged: the pool is drawn again
        return None
    if frame.columns and frame.columns[0].startswith("__series__"):
        return frame.to_series(0).alias(frame.columns[0].removeprefix("__series__"))
    if frame.columns == ["__tuple__"]:
        return tuple(frame.to_series(0).to_list())
    return frame


def _keep(key: tuple[Any, ...], pool: Any) -> None:
    """Write a table or series pool to disk for the next process (atomically; never fails)."""
    if os.environ.get("SYNTHDATA_POOL_CACHE", "1") == "0":
        return
    if isinstance(pool, pl.Series):
        pool = pool.to_frame(f"__series__{pool.name}")
    elif isinstance(pool, tuple) and all(isinstance(x, str) for x in pool):
        pool = pl.DataFrame({"__tuple__": pl.Series(list(pool), dtype=pl.String)})
    if not isinstance(pool, pl.DataFrame):
        return
    path = _kept_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        pool.write_ipc(part)
        part.replace(path)
    except OSError:
        return


def snapshot() -> dict[tuple[Any, ...], Any]:
    """The pools built so far, to hand to other processes with :func:`preload`."""
    return dict(_POOLS)


def preload(pools: dict[tuple[Any, ...], Any]) -> None:
    """Take pools another process built (a process pool's initializer calls this)."""
    _POOLS.update(pools)


def clear_pools() -> None:
    """Forget every pool built so far; the next use rebuilds it, identical."""
    _POOLS.clear()


def faker_for(locale: str, pool: str) -> Faker:
    """A fresh Faker for ``locale`` seeded for one ``pool``.

    Each pool gets its own generator, so its contents never depend on which pools were built
    before it or in which thread.

    Raises:
        InvalidInputError: the locale is unknown.
    """
    from faker import Faker
    from faker.config import AVAILABLE_LOCALES

    from synthdata._rng import stream_key
    from synthdata.errors import InvalidInputError, did_you_mean

    if locale not in AVAILABLE_LOCALES:
        msg = f"Unknown locale {locale!r}.{did_you_mean(locale, AVAILABLE_LOCALES)}"
        raise InvalidInputError(msg)
    fake = Faker(locale)
    fake.seed_instance(stream_key(_SEED, pool))
    return fake


def _ascii(text: str) -> str:
    from faker.decode import unidecode

    return re.sub(r"[^a-z0-9]", "", unidecode(text).lower()) or "user"


@_pool
def people(locale: str) -> pl.DataFrame:
    """Columns first, last (as written) and first_ascii, last_ascii (for emails and usernames)."""
    fake = faker_for(locale, "people")
    if hasattr(fake, "first_romanized_name"):
        firsts = [fake.first_name_pair() for _ in range(_POOL)]
        lasts = [fake.last_name_pair() for _ in range(_POOL)]
        first, first_ascii = [p[0] for p in firsts], [_ascii(p[2]) for p in firsts]
        last, last_ascii = [p[0] for p in lasts], [_ascii(p[2]) for p in lasts]
    else:
        first = [fake.first_name() for _ in range(_POOL)]
        last = [fake.last_name() for _ in range(_POOL)]
        first_ascii, last_ascii = [_ascii(x) for x in first], [_ascii(x) for x in last]
    return pl.DataFrame(
        {"first": first, "last": last, "first_ascii": first_ascii, "last_ascii": last_ascii}
    )


@_pool
def first_name_genders(locale: str) -> pl.Series:
    """Per first name of :func:`people`: "Female" or "Male" as the locale's name lists say, or
    null when they list it under both or neither."""
    provider = faker_for(locale, "genders").provider("faker.providers.person")
    female = set(getattr(provider, "first_names_female", ()))
    male = set(getattr(provider, "first_names_male", ()))
    firsts = people(locale)["first"]
    is_female, is_male = firsts.is_in(list(female)), firsts.is_in(list(male))
    return pl.select(
        pl.when(pl.lit(is_female) & ~pl.lit(is_male))
        .then(pl.lit("Female"))
        .when(pl.lit(is_male) & ~pl.lit(is_female))
        .then(pl.lit("Male"))
        .otherwise(None)
    ).to_series()


def _state_and_postcode(fake: Faker) -> tuple[str, str]:
    provider = fake.provider("faker.providers.address")
    states = getattr(provider, "states", ())
    abbrs = [a for a in getattr(provider, "states_abbr", ()) if a != "DC"]
    if hasattr(fake, "postcode_in_state") and len(states) == len(abbrs):
        i = fake.random_int(0, len(states) - 1)
        return states[i], fake.postcode_in_state(abbrs[i])
    return fake.administrative_unit(), fake.postcode()


@_pool
def addresses(locale: str) -> pl.DataFrame:
    """Address records whose parts agree: street, city, state, postal_code, country, lat, lon.

    State and postal code agree where Faker knows how (en_US); coordinates are real places of the
    locale's country, jittered slightly.
    """
    fake = faker_for(locale, "addresses")
    rows: list[tuple[Any, ...]] = []
    code = fake.current_country_code()
    country = fake.current_country()
    for _ in range(_POOL):
        state, postcode = _state_and_postcode(fake)
        place = fake.local_latlng(country_code=code) or fake.location_on_land()
        lat = float(place[0]) + fake.pyfloat(min_value=-0.05, max_value=0.05)
        lon = float(place[1]) + fake.pyfloat(min_value=-0.05, max_value=0.05)
        rows.append(
            (
                fake.street_address().replace("\n", ", "),
                fake.city(),
                state,
                postcode,
                country,
                lat,
                lon,
            )
        )
    names = ["street", "city", "state", "postal_code", "country", "latitude", "longitude"]
    return pl.DataFrame(rows, schema=names, orient="row")


_WORD_SOURCES: dict[str, str] = {
    "company": "company",
    "job": "job",
    "color": "color_name",
    "sentence": "sentence",
    "word": "word",
    "domain_word": "domain_word",
    "free_email_domain": "free_email_domain",
}


#: Countries a business deals with, by rough share of world trade (English names): a country
#: column is mostly these, not Niue or Mayotte as often as Germany.
_TRADE_COUNTRIES = {
    "United States": 11,
    "China": 11,
    "Germany": 7,
    "Japan": 4,
    "United Kingdom": 4,
    "France": 4,
    "Netherlands": 3.5,
    "Italy": 3,
    "Canada": 3,
    "Mexico": 3,
    "India": 3,
    "Korea": 3,
    "Spain": 2.2,
    "Singapore": 2,
    "Belgium": 2,
    "Switzerland": 2,
    "Australia": 1.7,
    "Poland": 1.5,
    "Brazil": 1.5,
    "Ireland": 1.4,
    "Sweden": 1.2,
    "Austria": 1.2,
    "Vietnam": 1.5,
    "Thailand": 1.2,
    "Malaysia": 1.1,
    "Turkey": 1.2,
    "Indonesia": 1,
    "Saudi Arabia": 1,
    "United Arab Emirates": 1.2,
    "Czech Republic": 0.9,
    "Denmark": 0.8,
    "Norway": 0.8,
    "Israel": 0.6,
    "South Africa": 0.6,
    "Chile": 0.5,
    "Argentina": 0.5,
    "Philippines": 0.6,
    "Portugal": 0.5,
    "Finland": 0.5,
    "New Zealand": 0.4,
    "Colombia": 0.4,
    "Egypt": 0.3,
    "Nigeria": 0.3,
    "Kenya": 0.2,
    "Peru": 0.3,
    "Greece": 0.4,
    "Hungary": 0.6,
}
#: The share of a country column that is the business's own country.
_HOME_SHARE = 0.4


def _countries(fake: Faker, locale: str, size: int) -> list[str]:
    """A country column's pool: the locale's own country for a good share, then trading
    partners by weight (English names). Other languages draw Faker's names in their language,
    any country alike (Faker names the locale's own country in English only)."""
    if not locale.startswith("en"):
        return [fake.country() for _ in range(size)]
    home = fake.current_country()
    names = [n for n in _TRADE_COUNTRIES if n != home]
    weights = [_TRADE_COUNTRIES[n] for n in names]
    abroad = fake.random.choices(names, weights=weights, k=size)
    return [home if fake.random.random() < _HOME_SHARE else a for a in abroad]


@_pool
def words(locale: str, kind: str) -> pl.Series:
    """A pool of ``kind`` values (company, job, color, sentence, word, domain_word, ...)."""
    fake = faker_for(locale, kind)
    size = _POOL if kind in {"sentence", "company", "word"} else 1000
    if kind == "country":
        return pl.Series(kind, _countries(fake, locale, size), dtype=pl.String)
    method = getattr(fake, _WORD_SOURCES[kind])
    values = [method() for _ in range(size)]
    if kind == "domain_word":
        values = [_ascii(v) for v in values]
    return pl.Series(kind, values, dtype=pl.String)


TLDS = ("com", "net", "org", "io", "co")
#: Ways of writing a handle: first.last, flast, first_last, firstl.
HANDLE_STYLES = 4


@lru_cache(maxsize=32)
def handle_parts(locale: str) -> tuple[pl.Series, pl.Series]:
    """Heads from first names and tails from last names, one block per handle style.

    Cache: derived from :func:`people` on first use per locale, kept for the life of the process
    (32 locales at most).
    """
    names = people(locale)
    first, last = names["first_ascii"], names["last_ascii"]
    # One chunk each: gathers from a multi-chunk series are several times slower.
    heads = pl.concat([first + ".", first.str.slice(0, 1), first + "_", first], rechunk=True)
    tails = pl.concat([last, last, last, last.str.slice(0, 1)], rechunk=True)
    return heads, tails


@lru_cache(maxsize=32)
def email_domains(locale: str) -> tuple[pl.Series, int]:
    """Free mail domains, then company-like domains (``word.tld``); and how many are free.

    Cache: derived from :func:`words` on first use per locale, kept for the life of the process
    (32 locales at most).
    """
    free = words(locale, "free_email_domain").unique(maintain_order=True)
    own = [
        f"{w}.{t}" for w in words(locale, "domain_word").unique(maintain_order=True) for t in TLDS
    ]
    return pl.concat([free, pl.Series(own, dtype=pl.String)], rechunk=True), len(free)


_TEMPLATE_SOURCES: dict[str, str] = {"phone": "phone_number", "national_id": "ssn"}


@_pool
def templates(locale: str, kind: str) -> tuple[str, ...]:
    """Digit templates (``#`` for a digit) taken from Faker's formatted values of ``kind``.

    Leading characters up to and including the first two digits are kept, so country and area
    prefixes stay realistic; every later digit becomes ``#``.
    """
    fake = faker_for(locale, f"template:{kind}")
    method = getattr(fake, _TEMPLATE_SOURCES[kind])
    found: dict[str, None] = {}
    for _ in range(400):
        value = method()
        if "x" in value.lower() and kind == "phone":
            continue  # extensions read oddly in test data
        found.setdefault(_to_template(value), None)
    return tuple(sorted(found))


def _to_template(value: str) -> str:
    out, kept = [], 0
    for ch in value:
        if ch.isdigit():
            out.append(ch if kept < 2 else "#")
            kept += 1
        else:
            out.append(ch)
    return "".join(out)
