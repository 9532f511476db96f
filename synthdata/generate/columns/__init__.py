"""One vectorized generator per field type: ``(batch, field) -> polars.Series``.

Generators never loop over rows. Fields of one person (name, email, username) or one address
(street, city, state, postal code) in a row share draws through :meth:`Batch.latent`, so they agree.
Each family lives in its own module; :data:`GENERATORS` is the one registry.
"""

from __future__ import annotations

import polars as pl

from synthdata.generate.columns.choices import boolean, currency_code, enum, listed
from synthdata.generate.columns.codes import (
    code,
    credit_card,
    iban,
    national_id,
    password_hash,
    phone,
    uuid,
)
from synthdata.generate.columns.numbers import numeric
from synthdata.generate.columns.people import email, first_name, last_name, name, username
from synthdata.generate.columns.places import address, address_part, country
from synthdata.generate.columns.semantic import enum_gender, string, text
from synthdata.generate.columns.temporal import age, temporal
from synthdata.generate.columns.web import ip_address, json_value, url
from synthdata.generate.columns.words import color, company, job_title
from synthdata.generate.context import Batch, ColumnGenerator
from synthdata.generate.keys import UNIQUE_TYPES
from synthdata.schema import Field, FieldType
from synthdata.schema.traits import FIELD_TRAITS

__all__ = ["GENERATORS", "UNIQUE_TYPES", "ColumnGenerator", "generate_column"]


def _enum(batch: Batch, f: Field) -> pl.Series:
    """An ENUM's values as weighted; a gender's female and male follow the first name."""
    return enum_gender(batch, f, enum(batch, f))


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
    FieldType.ENUM: _enum,
    FieldType.NAME: name,
    FieldType.FIRST_NAME: first_name,
    FieldType.LAST_NAME: last_name,
    FieldType.USERNAME: username,
    FieldType.PASSWORD_HASH: password_hash,
    FieldType.ADDRESS: address,
    FieldType.STREET: address_part("street"),
    FieldType.CITY: address_part("city"),
    FieldType.STATE: address_part("state"),
    FieldType.POSTAL_CODE: address_part("postal_code"),
    FieldType.COUNTRY: country,
    FieldType.LATITUDE: address_part("latitude"),
    FieldType.LONGITUDE: address_part("longitude"),
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


def generate_column(batch: Batch, f: Field) -> pl.Series:
    """Generate one field for a batch, with its nulls, named after the field."""
    if f.values is not None and not _ordered(batch, f):
        values = listed(batch, f, lambda: _drawn(batch, f.model_copy(update=_UNLISTED)))
    else:
        values = _drawn(batch, f)
    rate = f.effective_null_rate
    if rate > 0:
        if FIELD_TRAITS[f.type].orderable:
            batch.dense[f.name] = values.alias(f.name)
        mask = pl.Series(batch.uniform(f.name, "null") < rate)
        values = pl.select(pl.when(pl.lit(mask)).then(None).otherwise(pl.lit(values))).to_series()
    return values.alias(f.name)


#: A field's options without its listed values: what ``other`` draws from.
_UNLISTED = {"values": None, "weights": None, "other": None}


def _drawn(batch: Batch, f: Field) -> pl.Series:
    """A field's values before nulls, from its type's generator."""
    if f.derived_from is not None and f.type is FieldType.INTEGER:
        return age(batch, f)
    if FIELD_TRAITS[f.type].numeric and (
        f.min is not None or f.max is not None or f.quantiles is not None
    ):
        # Coordinates come from the row's address, unless bounds ask for plain numbers.
        return numeric(batch, f)
    return GENERATORS[f.type](batch, f)


def _ordered(batch: Batch, f: Field) -> bool:
    """Whether an ordering constraint places the field (it wins over listed values)."""
    return any(c.field == f.name for c in batch.schema.constraints)
