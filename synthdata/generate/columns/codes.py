"""Codes spelled from patterns and templates: codes, phones, national ids, UUIDs, password
hashes, IBANs and credit card numbers (the last two with valid check digits)."""

from __future__ import annotations

import numpy as np
import polars as pl

from synthdata.errors import InvalidInputError
from synthdata.generate import keys, vocab
from synthdata.generate.context import Batch, noise_bytes
from synthdata.generate.encoding import bytes_to_series, fill_template
from synthdata.schema import Field

__all__ = ["code", "credit_card", "iban", "national_id", "password_hash", "phone", "uuid"]


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


_PASSWORD_CHARS = np.frombuffer(
    b"./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", np.uint8
)


def password_hash(batch: Batch, f: Field) -> pl.Series:
    """bcrypt-shaped strings (``$2b$12$`` and 53 characters); not hashes of any real password."""
    body = _PASSWORD_CHARS[noise_bytes(batch, 53, f.name)[:, :53] & 63]
    prefix = np.tile(np.frombuffer(b"$2b$12$", np.uint8), (batch.n, 1))
    return bytes_to_series(np.hstack([prefix, body]))


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
    chars = np.frombuffer(head.str.slice(0, 15).str.join("").to_list()[0].encode(), np.uint8)
    digits = chars.reshape(batch.n, 15).astype(np.int64) - ord("0")
    doubled = digits[:, ::-1].copy()
    doubled[:, ::2] *= 2
    doubled = np.where(doubled > 9, doubled - 9, doubled)
    check = (10 - doubled.sum(axis=1) % 10) % 10
    return pl.select(
        pl.concat_str([pl.lit(head.str.slice(0, 15)), pl.lit(pl.Series(check)).cast(pl.String)])
    ).to_series()
