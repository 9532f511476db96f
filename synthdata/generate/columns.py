"""One vectorized generator per field type: ``(batch, field) -> polars.Series``.

Generators never loop over rows. Fields of one person (name, email, username) or one address
(street, city, state, postal code) in a row share draws through :meth:`Batch.latent`, so they agree.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

import numpy as np
import polars as pl

from synthdata import _rng
from synthdata.errors import InvalidInputError
from synthdata.generate import keys, vocab
from synthdata.generate.context import (
    Batch,
    TablePlan,
    bytes_to_series,
    fill_template,
    group_of,
    noise_bytes,
)
from synthdata.schema import Distribution, Field, FieldType
from synthdata.schema.traits import FIELD_TRAITS, CSVRule

__all__ = [
    "GENERATORS",
    "UNIQUE_TYPES",
    "ColumnGenerator",
    "csv_plain",
    "generate_column",
]

ColumnGenerator = Callable[[Batch, Field], pl.Series]


# --- people -------------------------------------------------------------------------------------


def _person(batch: Batch, f: Field) -> dict[str, np.ndarray]:
    """Indexes of the row's first and last names in the locale's pool, shared by a role."""
    group = _person_group(batch, f)
    locale = batch.locale(f)

    def make() -> dict[str, np.ndarray]:
        size = vocab.people(locale).height
        return {
            "first": batch.choice(size, "person", group, "first"),
            "last": batch.choice(size, "person", group, "last"),
        }

    return batch.latent(("person", group, locale), make)


def _person_group(batch: Batch, f: Field) -> str:
    if f.derived_from is not None:
        return group_of(f.derived_from, "person")
    return group_of(f.name, "person")


def first_name(batch: Batch, f: Field) -> pl.Series:
    return vocab.people(batch.locale(f))["first"].gather(_person(batch, f)["first"])


def last_name(batch: Batch, f: Field) -> pl.Series:
    return vocab.people(batch.locale(f))["last"].gather(_person(batch, f)["last"])


def name(batch: Batch, f: Field) -> pl.Series:
    first, last = pl.lit(first_name(batch, f)), pl.lit(last_name(batch, f))
    parts = [last, first] if batch.locale(f) == "ja_JP" else [first, last]
    return pl.select(pl.concat_str(parts, separator=" ")).to_series()


def _unique_suffix(batch: Batch, f: Field) -> pl.Series:
    """Digits from a permuted row index: distinct per row, and random-looking."""
    # A power of two needs no cycle-walking, so the permutation is one pass.
    capacity = 1 << max(7, (4 * batch.plan.volume).bit_length())
    key = batch.key(f.name, "suffix")
    return pl.Series(_rng.permute(batch.index(), capacity, key).astype(np.int64)).cast(pl.String)


_SUFFIXES = pl.Series(["", *(str(i) for i in range(100))])


def _handle_parts(batch: Batch, f: Field) -> list[pl.Expr]:
    """An e-mail local part or username made from the row's person, as expressions to join.

    The style (``first.last``, ``flast``, ``first_last``, ``firstl``) picks a head made from the
    first name and a tail made from the last name out of per-locale pools, so a row costs two
    gathers instead of one string operation per style.
    """
    heads, tails = vocab.handle_parts(batch.locale(f))
    p = _person(batch, f)
    size = len(heads) // vocab.HANDLE_STYLES
    style = batch.choice(vocab.HANDLE_STYLES, f.name, "style")
    head = heads.gather(style * size + p["first"])
    tail = tails.gather(style * size + p["last"])
    if f.is_unique:
        suffix = _unique_suffix(batch, f)
    else:
        digits = batch.choice(100, f.name, "digits") + 1
        suffix = _SUFFIXES.gather(np.where(batch.uniform(f.name, "keep") < 0.3, digits, 0))
    return [pl.lit(head), pl.lit(tail), pl.lit(suffix)]


def username(batch: Batch, f: Field) -> pl.Series:
    return pl.select(pl.concat_str(_handle_parts(batch, f))).to_series()


def email(batch: Batch, f: Field) -> pl.Series:
    domains, free = vocab.email_domains(batch.locale(f))
    own = free + batch.choice(len(domains) - free, f.name, "domain")
    pick = np.where(batch.uniform(f.name, "kind") < 0.6, batch.choice(free, f.name, "free"), own)
    parts = [*_handle_parts(batch, f), pl.lit("@"), pl.lit(domains.gather(pick))]
    return pl.select(pl.concat_str(parts)).to_series()


# --- addresses ----------------------------------------------------------------------------------


def _address(batch: Batch, f: Field) -> pl.DataFrame:
    group = group_of(f.derived_from or f.name, "address")
    locale = batch.locale(f)

    def make() -> pl.DataFrame:
        pool = vocab.addresses(locale)
        return pool[batch.choice(pool.height, "address", group)]

    return batch.latent(("address", group, locale), make)


def _address_part(part: str) -> ColumnGenerator:
    def generate(batch: Batch, f: Field) -> pl.Series:
        return _address(batch, f)[part]

    generate.__name__ = part
    return generate


def address(batch: Batch, f: Field) -> pl.Series:
    a = _address(batch, f)
    return a.select(
        pl.concat_str(
            [
                pl.col("street"),
                pl.lit(", "),
                pl.col("city"),
                pl.lit(", "),
                pl.col("state"),
                pl.lit(" "),
                pl.col("postal_code"),
            ]
        )
    ).to_series()


def country(batch: Batch, f: Field) -> pl.Series:
    if any(FIELD_TRAITS[g.type].address for g in batch.schema.fields if g is not f):
        return _address(batch, f)["country"]
    return _pick_word(batch, f, "country")


# --- words and codes ----------------------------------------------------------------------------


def _pick_word(batch: Batch, f: Field, kind: str) -> pl.Series:
    pool = vocab.words(batch.locale(f), kind)
    return pool.gather(batch.choice(len(pool), f.name))


def company(batch: Batch, f: Field) -> pl.Series:
    return _pick_word(batch, f, "company")


def job_title(batch: Batch, f: Field) -> pl.Series:
    return _pick_word(batch, f, "job")


def color(batch: Batch, f: Field) -> pl.Series:
    return _pick_word(batch, f, "color")


def string(batch: Batch, f: Field) -> pl.Series:
    if f.is_unique or f.pattern:
        return code(batch, f)
    pool = vocab.words(batch.locale(f), "word")
    picks = [pool.gather(batch.choice(len(pool), f.name, i)) for i in range(3)]
    three = pl.lit(pl.Series(batch.uniform(f.name, "len") < 0.4))
    two = pl.concat_str([pl.lit(picks[0]).str.to_titlecase(), pl.lit(picks[1])], separator=" ")
    out = pl.when(three).then(pl.concat_str([two, pl.lit(picks[2])], separator=" ")).otherwise(two)
    return _truncate(pl.select(out).to_series(), f)


def _truncate(series: pl.Series, f: Field) -> pl.Series:
    if isinstance(f.max, int | float) and f.max >= 1:
        return series.str.slice(0, int(f.max))
    return series


def text(batch: Batch, f: Field) -> pl.Series:
    written = batch.plan.text_pools.get(f.name)
    if written:
        values = pl.Series(written, dtype=pl.String)
        return _truncate(values.gather(batch.choice(len(values), f.name, "written")), f)
    pool = vocab.words(batch.locale(f), "sentence")
    picks = [pool.gather(batch.choice(len(pool), f.name, i)) for i in range(3)]
    count = batch.choice(3, f.name, "count")
    out = (
        pl.when(pl.lit(count) == 0)
        .then(pl.lit(picks[0]))
        .when(pl.lit(count) == 1)
        .then(pl.concat_str([pl.lit(picks[0]), pl.lit(picks[1])], separator=" "))
        .otherwise(pl.concat_str([pl.lit(p) for p in picks], separator=" "))
    )
    return _truncate(pl.select(out).to_series(), f)


def code(batch: Batch, f: Field) -> pl.Series:
    pattern = keys.code_pattern(f, batch.plan.volume)
    if f.is_unique:
        return keys.unique_values(
            batch.plan.seed, batch.schema, f, batch.plan.volume, batch.index()
        )
    try:
        pattern.encode("ascii")
    except UnicodeEncodeError:
        msg = f"Field '{f.name}': pattern {pattern!r} must be ASCII"
        raise InvalidInputError(msg) from None
    noise = noise_bytes(batch, len(pattern), f.name, "code")
    return fill_template([pattern], np.zeros(batch.n, dtype=np.int64), noise)


def _templated(batch: Batch, f: Field, kind: str) -> pl.Series:
    if f.pattern:
        return code(batch, f)
    found = vocab.templates(batch.locale(f), kind)
    ascii_only = [t for t in found if t.isascii()] or ["###-###-####"]
    if f.is_unique:
        widest = max(ascii_only, key=lambda t: (t.count("#"), t))
        return code(batch, f.model_copy(update={"pattern": widest}))
    pick = batch.choice(len(ascii_only), f.name, "template")
    noise = noise_bytes(batch, max(map(len, ascii_only)), f.name, "digits")
    return fill_template(ascii_only, pick, noise)


def phone(batch: Batch, f: Field) -> pl.Series:
    return _templated(batch, f, "phone")


def national_id(batch: Batch, f: Field) -> pl.Series:
    return _templated(batch, f, "national_id")


def uuid(batch: Batch, f: Field) -> pl.Series:
    if f.is_unique:
        return keys.unique_values(
            batch.plan.seed, batch.schema, f, batch.plan.volume, batch.index()
        )
    draws = batch.raw(f.name, per_row=2)
    return keys.uuids(draws[:, 0], draws[:, 1])


def url(batch: Batch, f: Field) -> pl.Series:
    words = vocab.words(batch.locale(f), "domain_word")
    site = words.gather(batch.choice(len(words), f.name, "site"))
    tld = pl.Series(vocab.TLDS).gather(batch.choice(len(vocab.TLDS), f.name, "tld"))
    path = vocab.words("en_US", "word").gather(batch.choice(1000, f.name, "path"))
    parts = [
        pl.lit("https://www."),
        pl.lit(site),
        pl.lit("."),
        pl.lit(tld),
        pl.lit("/"),
        pl.lit(path),
    ]
    if f.is_unique:
        parts += [pl.lit("/"), pl.lit(_unique_suffix(batch, f))]
    return pl.select(pl.concat_str(parts)).to_series()


def ip_address(batch: Batch, f: Field) -> pl.Series:
    if f.is_unique:
        if batch.plan.volume > 1 << 32:
            msg = f"Field '{f.name}' cannot hold {batch.plan.volume} unique IPv4 addresses"
            raise InvalidInputError(msg)
        value = _rng.permute(batch.index(), 1 << 32, batch.key(f.name, "ip"))
    else:
        value = batch.raw(f.name) >> np.uint64(32)
    octets = [((value >> np.uint64(s)) & np.uint64(255)).astype(np.int64) for s in (24, 16, 8, 0)]
    octets[0] = np.clip(octets[0], 1, 223) if not f.is_unique else octets[0]
    return pl.select(
        pl.concat_str([pl.lit(pl.Series(o)).cast(pl.String) for o in octets], separator=".")
    ).to_series()


_PASSWORD_CHARS = np.frombuffer(
    b"./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", np.uint8
)


def password_hash(batch: Batch, f: Field) -> pl.Series:
    """bcrypt-shaped strings (``$2b$12$`` and 53 characters); not hashes of any real password."""
    body = _PASSWORD_CHARS[noise_bytes(batch, 53, f.name)[:, :53] & 63]
    prefix = np.tile(np.frombuffer(b"$2b$12$", np.uint8), (batch.n, 1))
    return bytes_to_series(np.hstack([prefix, body]))


def currency_code(batch: Batch, f: Field) -> pl.Series:
    own = vocab.LOCALE_CURRENCY.get(batch.locale(f), "USD")
    values = [own, *[c for c in vocab.CURRENCIES if c != own]]
    weights = np.array([8.0] + [1.0 / (i + 1) for i in range(len(values) - 1)])
    return _weighted(batch, f, values, weights)


def _weighted(batch: Batch, f: Field, values: list[str], weights: np.ndarray) -> pl.Series:
    cum = np.cumsum(weights / weights.sum())
    idx = np.minimum(
        np.searchsorted(cum, batch.uniform(f.name, "pick"), side="right"), len(values) - 1
    )
    return pl.Series(values, dtype=pl.String).gather(idx)


def enum(batch: Batch, f: Field) -> pl.Series:
    assert f.enum_values is not None  # guaranteed by Field validation
    weights = np.array(f.enum_weights or [1.0] * len(f.enum_values), dtype=float)
    return _weighted(batch, f, f.enum_values, weights)


def boolean(batch: Batch, f: Field) -> pl.Series:
    return pl.Series(batch.uniform(f.name) < 0.5)


_IBAN_BBAN = {
    "DE": "##################",
    "FR": "#######################",
    "ES": "####################",
    "GB": "????##############",
    "IT": "?######################",
    "NL": "????##########",
}
_IBAN_COUNTRY = {"de_DE": "DE", "fr_FR": "FR", "es_ES": "ES", "en_GB": "GB"}


def _mod97(matrix: np.ndarray) -> np.ndarray:
    """Remainder mod 97 of numbers written as rows of a digit matrix (letters count 10–35)."""
    rest = np.zeros(len(matrix), dtype=np.int64)
    for col in matrix.T:
        value = np.where(col >= ord("A"), col.astype(np.int64) - ord("A") + 10, col - ord("0"))
        scale = np.where(value >= 10, 100, 10)
        rest = (rest * scale + value) % 97
    return rest


def iban(batch: Batch, f: Field) -> pl.Series:
    """IBANs with valid ISO 13616 check digits, in the locale's country format."""
    country_code = _IBAN_COUNTRY.get(batch.locale(f), "DE")
    bban = code(batch, f.model_copy(update={"pattern": _IBAN_BBAN[country_code]}))
    mat = np.frombuffer(bban.str.join("").to_list()[0].encode(), np.uint8).reshape(batch.n, -1)
    tail = np.frombuffer((country_code + "00").encode(), np.uint8)
    check = 98 - _mod97(np.hstack([mat, np.tile(tail, (batch.n, 1))]))
    digits = pl.Series(check).cast(pl.String).str.zfill(2)
    return pl.select(
        pl.concat_str([pl.lit(country_code), pl.lit(digits), pl.lit(bban)])
    ).to_series()


def credit_card(batch: Batch, f: Field) -> pl.Series:
    """16-digit Visa/Mastercard-shaped numbers with a valid Luhn check digit."""
    visa = 40 + batch.choice(10, f.name, "visa")
    prefix = np.where(
        batch.uniform(f.name, "brand") < 0.6, visa, 51 + batch.choice(5, f.name, "mc")
    )
    body = code(batch, f.model_copy(update={"pattern": "#" * 13}))
    head = pl.select(
        pl.concat_str([pl.lit(pl.Series(prefix)).cast(pl.String), pl.lit(body)])
    ).to_series()
    digits = np.frombuffer(head.str.slice(0, 15).str.join("").to_list()[0].encode(), np.uint8)
    digits = digits.reshape(batch.n, 15).astype(np.int64) - ord("0")
    doubled = digits[:, ::-1].copy()
    doubled[:, ::2] *= 2
    doubled = np.where(doubled > 9, doubled - 9, doubled)
    check = (10 - doubled.sum(axis=1) % 10) % 10
    return pl.select(
        pl.concat_str([pl.lit(head.str.slice(0, 15)), pl.lit(pl.Series(check)).cast(pl.String)])
    ).to_series()


def json_value(batch: Batch, f: Field) -> pl.Series:
    words = vocab.words("en_US", "word")
    tag = words.gather(batch.choice(len(words), f.name, "tag"))
    score = pl.Series(np.round(batch.uniform(f.name, "score"), 3)).cast(pl.String)
    flag = pl.Series(batch.uniform(f.name, "flag") < 0.5).cast(pl.String).str.to_lowercase()
    return pl.select(
        pl.concat_str(
            [
                pl.lit('{"tag": "'),
                pl.lit(tag),
                pl.lit('", "score": '),
                pl.lit(score),
                pl.lit(', "active": '),
                pl.lit(flag),
                pl.lit("}"),
            ]
        )
    ).to_series()


# --- numbers, dates and times -------------------------------------------------------------------

#: Default (min, max) per numeric type, and whether values are whole or how many decimals to keep.
_NUMERIC_DEFAULTS: dict[FieldType, tuple[float, float, int]] = {
    FieldType.INTEGER: (0, 1000, 0),
    FieldType.FLOAT: (0.0, 1000.0, 4),
    FieldType.DECIMAL: (0.0, 10_000.0, 2),
    FieldType.AMOUNT: (1.0, 100_000.0, 2),
    FieldType.PERCENT: (0.0, 100.0, 2),
    FieldType.LATITUDE: (-90.0, 90.0, 6),
    FieldType.LONGITUDE: (-180.0, 180.0, 6),
}
_DEFAULT_DISTRIBUTION = {FieldType.AMOUNT: Distribution.LOGNORMAL}


def shaped(u: np.ndarray, u2: np.ndarray, lo: float, hi: float, dist: Distribution) -> np.ndarray:
    """Map uniform draws onto ``[lo, hi]`` with the given distribution's shape."""
    span = hi - lo
    if dist is Distribution.UNIFORM:
        return lo + u * span
    normal = np.sqrt(-2.0 * np.log1p(-u)) * np.cos(2.0 * math.pi * u2)
    if dist is Distribution.NORMAL:
        return np.clip(lo + span / 2 + normal * span / 6, lo, hi)
    if dist is Distribution.LOGNORMAL:
        # Median near 2 % of the range, long right tail, as prices and balances have.
        return np.clip(lo + span * 0.02 * np.exp(normal * 1.2), lo, hi)
    # Zipf-like: log-uniform ranks, so small values are far more common than large ones.
    return lo + np.expm1(u * np.log1p(span))


def numeric(batch: Batch, f: Field) -> pl.Series:
    lo_default, hi_default, decimals = _NUMERIC_DEFAULTS[f.type]
    lo, hi = f.bounds()
    lo = float(lo_default if lo is None else lo)
    hi = float(hi if hi is not None else max(hi_default, lo + (hi_default - lo_default)))
    if f.type is FieldType.INTEGER and f.is_unique:
        return keys.unique_values(
            batch.plan.seed, batch.schema, f, batch.plan.volume, batch.index()
        )
    anchored = _anchored(batch, f, lo, hi)
    if anchored is not None:
        values = anchored
    else:
        dist = f.distribution or _DEFAULT_DISTRIBUTION.get(f.type, Distribution.UNIFORM)
        values = _draw(batch, f, lo, hi, dist, step=1.0 if decimals == 0 else 0.0)
    if decimals == 0:
        return pl.Series(np.clip(np.floor(values), math.ceil(lo), math.floor(hi)).astype(np.int64))
    values = np.clip(np.round(values, decimals), lo, hi)
    if FIELD_TRAITS[f.type].dtype.is_decimal():
        return pl.Series(values).cast(pl.Decimal(18, decimals))
    return pl.Series(values)


def _anchored(batch: Batch, f: Field, lo: float, hi: float) -> np.ndarray | None:
    """Values that respect an ordering constraint against an already generated field."""
    for c in batch.schema.constraints:
        if c.field != f.name or c.other not in batch.columns:
            continue
        other = batch.columns[c.other]
        base = _as_number(other)
        gap = (
            shaped(
                batch.uniform(f.name, "gap"),
                batch.uniform(f.name, "gap2"),
                0.0,
                1.0,
                Distribution.LOGNORMAL,
            )
            * (hi - lo)
            * 0.5
        )
        if f.type is FieldType.INTEGER or other.dtype == pl.Date:
            gap = np.ceil(gap)
        strict = c.op in {">", "<"}
        step = 1.0 if f.type is FieldType.INTEGER or other.dtype in (pl.Date, pl.Int64) else 1e-6
        gap = np.maximum(gap, step if strict else 0.0)
        values = base + gap if c.op in {">=", ">"} else base - gap
        bounded = np.clip(values, lo, hi)
        # The ordering wins over the bounds when both cannot hold.
        if c.op in {">=", ">"}:
            values = np.where(bounded >= base + (step if strict else 0), bounded, values)
        else:
            values = np.where(bounded <= base - (step if strict else 0), bounded, values)
        fill = shaped(
            batch.uniform(f.name, "u"),
            batch.uniform(f.name, "u2"),
            lo,
            hi,
            f.distribution or Distribution.UNIFORM,
        )
        return np.where(np.isnan(base), fill, values)
    return None


def _as_number(series: pl.Series) -> np.ndarray:
    """Days for dates, seconds for datetimes and times, the value for numbers; NaN for nulls."""
    if series.dtype == pl.Date:
        numbers = series.cast(pl.Int32).cast(pl.Float64)
    elif series.dtype == pl.Datetime("us"):
        numbers = series.cast(pl.Int64).cast(pl.Float64) / 1e6
    elif series.dtype == pl.Time:
        numbers = series.cast(pl.Int64).cast(pl.Float64) / 1e9
    else:
        numbers = series.cast(pl.Float64)
    return numbers.fill_null(float("nan")).to_numpy()


_EPOCH = dt.datetime(1970, 1, 1)


def _temporal_range(batch: Batch, f: Field) -> tuple[float, float]:
    """The field's bounds in the unit of its type (days, or seconds)."""
    lo, hi = f.bounds()
    ref = batch.plan.reference
    if f.type is FieldType.DATE:
        lo = lo or (ref.date() - dt.timedelta(days=5 * 365))
        hi = hi or ref.date()
        return float((lo - _EPOCH.date()).days), float((hi - _EPOCH.date()).days)
    if f.type is FieldType.DATETIME:
        lo = lo or (ref - dt.timedelta(days=5 * 365))
        hi = hi or ref
        return (lo - _EPOCH).total_seconds(), (hi - _EPOCH).total_seconds()
    lo = lo or dt.time(8, 0)
    hi = hi or dt.time(18, 0)
    return (
        float(lo.hour * 3600 + lo.minute * 60 + lo.second),
        float(hi.hour * 3600 + hi.minute * 60 + hi.second),
    )


def temporal(batch: Batch, f: Field) -> pl.Series:
    lo, hi = _temporal_range(batch, f)
    values = _anchored(batch, f, lo, hi)
    if values is None:
        step = {FieldType.DATE: 1.0, FieldType.TIME: 60.0}.get(f.type, 1.0)
        values = _draw(batch, f, lo, hi, f.distribution or Distribution.UNIFORM, step)
    if f.type is FieldType.DATE:
        return pl.Series(np.floor(values).astype(np.int32)).cast(pl.Date)
    if f.type is FieldType.TIME:
        minutes = np.clip(np.floor(values / 60) * 60, lo, hi)
        return pl.Series((minutes * 1e9).astype(np.int64)).cast(pl.Time)
    return pl.Series((np.floor(values) * 1e6).astype(np.int64)).cast(pl.Datetime("us"))


def _draw(
    batch: Batch, f: Field, lo: float, hi: float, dist: Distribution, step: float
) -> np.ndarray:
    """Draws on ``[lo, hi]``; with a ``step`` (1 day, 1 unit) both ends are reachable."""
    u, u2 = batch.uniform(f.name, "u"), batch.uniform(f.name, "u2")
    if not step:
        return shaped(u, u2, lo, hi, dist)
    values = np.floor(shaped(u, u2, lo, hi + step, dist) / step) * step
    return np.clip(values, lo, hi)


def age(batch: Batch, f: Field) -> pl.Series:
    """Whole years between a birth date field and the reference date."""
    assert f.derived_from is not None
    born = _as_number(batch.columns[f.derived_from])
    if batch.columns[f.derived_from].dtype == pl.Datetime("us"):
        born = born / 86400
    today = (batch.plan.reference.date() - _EPOCH.date()).days
    years = np.floor((today - born) / 365.2425)
    return pl.Series(years).cast(pl.Int64)


GENERATORS: dict[FieldType, ColumnGenerator] = {
    FieldType.UUID: uuid,
    FieldType.STRING: string,
    FieldType.TEXT: text,
    FieldType.EMAIL: email,
    FieldType.PHONE: phone,
    FieldType.INTEGER: numeric,
    FieldType.FLOAT: numeric,
    FieldType.DECIMAL: numeric,
    FieldType.BOOLEAN: boolean,
    FieldType.DATE: temporal,
    FieldType.DATETIME: temporal,
    FieldType.TIME: temporal,
    FieldType.ENUM: enum,
    FieldType.NAME: name,
    FieldType.FIRST_NAME: first_name,
    FieldType.LAST_NAME: last_name,
    FieldType.USERNAME: username,
    FieldType.PASSWORD_HASH: password_hash,
    FieldType.ADDRESS: address,
    FieldType.STREET: _address_part("street"),
    FieldType.CITY: _address_part("city"),
    FieldType.STATE: _address_part("state"),
    FieldType.POSTAL_CODE: _address_part("postal_code"),
    FieldType.COUNTRY: country,
    FieldType.LATITUDE: _address_part("latitude"),
    FieldType.LONGITUDE: _address_part("longitude"),
    FieldType.COMPANY: company,
    FieldType.JOB_TITLE: job_title,
    FieldType.URL: url,
    FieldType.IP_ADDRESS: ip_address,
    FieldType.CURRENCY_CODE: currency_code,
    FieldType.AMOUNT: numeric,
    FieldType.PERCENT: numeric,
    FieldType.IBAN: iban,
    FieldType.CREDIT_CARD: credit_card,
    FieldType.NATIONAL_ID: national_id,
    FieldType.COLOR: color,
    FieldType.CODE: code,
    FieldType.JSON: json_value,
}


#: Types whose generators can guarantee distinct values (from a permuted row index).
UNIQUE_TYPES = frozenset(t for t, x in FIELD_TRAITS.items() if x.unique is not None)


def generate_column(batch: Batch, f: Field) -> pl.Series:
    """Generate one field for a batch, with its nulls, named after the field."""
    if f.derived_from is not None and f.type is FieldType.INTEGER:
        values = age(batch, f)
    elif FIELD_TRAITS[f.type].numeric and (f.min is not None or f.max is not None):
        # Coordinates come from the row's address, unless bounds ask for plain numbers.
        values = numeric(batch, f)
    else:
        values = GENERATORS[f.type](batch, f)
    rate = f.effective_null_rate
    if rate > 0:
        mask = pl.Series(batch.uniform(f.name, "null") < rate)
        values = pl.select(pl.when(pl.lit(mask)).then(None).otherwise(pl.lit(values))).to_series()
    return values.alias(f.name)


# --- CSV quoting --------------------------------------------------------------------------------

#: Characters that make a CSV value need quotes.
_CSV_SPECIAL = [",", '"', "\n", "\r"]


def _plain_strings(values: list[str] | tuple[str, ...]) -> bool:
    return not any(ch in value for value in values for ch in _CSV_SPECIAL)


@lru_cache(maxsize=256)
def _plain_pool(source: str, locale: str, part: str) -> bool:
    """Whether a vocabulary pool is free of CSV specials: scanned once per process (pools never
    change once built), not once per batch."""
    if source == "people":
        pool = vocab.people(locale)[part]
    elif source == "addresses":
        pool = vocab.addresses(locale)[part]
    elif source == "email_domains":
        pool = vocab.email_domains(locale)[0]
    else:
        pool = vocab.words(locale, part)
    return not pool.str.contains_any(_CSV_SPECIAL).any()


def csv_plain(plan: TablePlan, f: Field, _depth: int = 0) -> bool:
    """Whether no value this field can take needs quoting in CSV.

    Decided from what the generator draws on (alphabets, patterns, enum values, vocabulary pools),
    never from the values themselves, so a CSV writer can skip scanning every value. ``False``
    when unsure: the writer then quotes where needed.
    """
    fk = next((k for k in plan.schema.foreign_keys if k.field == f.name), None)
    if fk is not None:  # the parent's key values
        parent = plan.schemas[fk.parent]
        if parent.primary_key is None or _depth > len(plan.schemas):
            return False
        key = parent.field(parent.primary_key)
        return csv_plain(replace(plan, schema=parent), key, _depth + 1)
    traits, locale = FIELD_TRAITS[f.type], f.locale or plan.locale
    rule = traits.csv
    if rule is CSVRule.PATTERN and traits.pools and not (f.is_unique or f.pattern):
        rule = CSVRule.POOLS  # no code to spell: a STRING draws words
    if rule is CSVRule.PATTERN:
        volume = plan.volumes.get(plan.schema.name, plan.volume)
        return _plain_strings([keys.code_pattern(f, volume)])
    if rule is CSVRule.TEMPLATES:
        if f.pattern:
            return _plain_strings([f.pattern])
        found = vocab.templates(locale, f.type.value.lower())
        return _plain_strings([t for t in found if t.isascii()])
    if rule is CSVRule.ENUM:
        return _plain_strings(f.enum_values or [])
    if rule is CSVRule.POOLS:
        return all(_plain_pool(p.source, p.locale or locale, p.part) for p in traits.pools)
    return rule is CSVRule.PLAIN
