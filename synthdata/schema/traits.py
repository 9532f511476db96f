"""What holds for every field of a type, in one table: :data:`FIELD_TRAITS`.

Generation, CSV quoting, SQL export, DDL import and validation look a type's facts up here rather
than keeping sets of types of their own; ``tests/schema/test_traits.py`` keeps the table complete
and true to what the generators produce.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

import polars as pl

from synthdata.errors import InvalidInputError, did_you_mean
from synthdata.schema.types import FieldType

__all__ = [
    "FIELD_TRAITS",
    "CSVRule",
    "FieldTraits",
    "Glance",
    "Pool",
    "SQLFamily",
    "UniqueRule",
    "traits",
]


class SQLFamily(StrEnum):
    """The kind of SQL column a type is stored in; every dialect names a column type for each."""

    INTEGER = "INTEGER"
    FLOAT = "FLOAT"
    DECIMAL = "DECIMAL"
    BOOLEAN = "BOOLEAN"
    DATE = "DATE"
    DATETIME = "DATETIME"
    TIME = "TIME"
    UUID = "UUID"
    JSON = "JSON"
    TEXT = "TEXT"


class UniqueRule(StrEnum):
    """How a type's values are kept distinct: each is a function of a permuted row index."""

    #: A bijection on 64-bit words, written as a version-4 UUID.
    UUID = "uuid"
    #: A permutation of the whole numbers between the field's min and max.
    RANGE = "range"
    #: A permutation of the values a code pattern can spell.
    PATTERN = "pattern"
    #: A permuted number appended to an otherwise drawn value.
    SUFFIX = "suffix"
    #: A permutation of the 2**32 IPv4 addresses.
    IPV4 = "ipv4"


class CSVRule(StrEnum):
    """How to tell, without reading a single value, that no value of a field needs CSV quotes."""

    #: Never: values come from fixed alphabets of digits, letters and ``-.:/$@_``.
    PLAIN = "plain"
    #: The field's code pattern holds no separator, quote or line break. A type whose values
    #: follow a meaning (:attr:`FieldTraits.semantic`) draws from the meaning's sources instead
    #: when the field has no pattern and need not be unique; they are checked then.
    PATTERN = "pattern"
    #: The field's pattern, or else each of the locale's ASCII templates for the type, holds none.
    TEMPLATES = "templates"
    #: The field's enum values hold none.
    ENUM = "enum"
    #: Every vocabulary pool in :attr:`FieldTraits.pools` holds none.
    POOLS = "pools"
    #: Values may need quotes (parts joined with ", ", sentences, JSON).
    QUOTED = "quoted"


class Glance(StrEnum):
    """What a type's values tell a reader skimming a few rows; a sample printed in a narrow
    terminal shows the columns in this order and leaves out the last ones first."""

    #: Names the row: people, companies, job titles.
    NAME = "name"
    #: Amounts, shares and states: what a row is worth or where it stands.
    FIGURE = "figure"
    #: Anything else short enough to read at a glance (dates, cities, codes, flags).
    DETAIL = "detail"
    #: Long or opaque values, shown only with room to spare: free text, addresses, JSON,
    #: hashes, URLs, account, card and identity numbers (and UUIDs that are not keys).
    BULK = "bulk"


class Pool(NamedTuple):
    """A vocabulary pool values are drawn from: ``source`` (``people``, ``addresses``, ``words``
    or ``email_domains``), the pool's ``part``, and a fixed ``locale`` if not the field's own."""

    source: str
    part: str = ""
    locale: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldTraits:
    """What holds for every field of one :class:`FieldType`, whatever its options.

    Attributes:
        dtype: the polars dtype of a generated column.
        csv: how to tell that no value needs quotes in CSV (see :class:`CSVRule`).
        numeric: values are numbers (ordering constraints and min/max apply).
        temporal: values are dates, datetimes or times (ordering constraints and min/max apply).
        key: a primary key may have this type: its values are computed from the row index alone,
            so a child table can compute its parent's keys.
        unique: how the generator keeps values distinct; ``None`` when it cannot.
        pools: the vocabulary pools values are drawn from, for :attr:`CSVRule.POOLS`.
        sql: the family of SQL column the values are exported to.
        ddl_family: on DDL import, a column of this family whose name suggests this type keeps
            it (``email VARCHAR`` reads as EMAIL, ``price NUMERIC`` as AMOUNT).
        format: a regular expression every generated value matches, checked by validation.
        patterned: the field's ``pattern`` option (``#`` digit, ``?`` letter, ``*`` either)
            spells every value: catalogue arguments set it and validation checks it.
        address: values come from the row's postal address, which a COUNTRY field then shares.
        semantic: values follow the field's meaning, read from its names or its ``semantic``
            option (:mod:`synthdata.schema.semantics`): book titles, first names, reviews.
        measure: the number or date meanings the type may hold (``number``: any number
            meaning, ``money``: prices and amounts, ``share``: percentages, ``date``: birth
            dates, hire dates, business events); "" for none.
        glance: what the values tell a reader skimming a sample (see :class:`Glance`).
        clips: values still read when cut short with an ellipsis (free text, names,
            addresses); other values are shown whole or not at all.
        free: values are free-form or could identify someone (text, names, contact details,
            identifiers): a profile of real data never lists them, and fidelity measures
            score them as text, not categories.
    """

    dtype: pl.DataType
    csv: CSVRule
    numeric: bool = False
    temporal: bool = False
    key: bool = False
    unique: UniqueRule | None = None
    pools: tuple[Pool, ...] = ()
    sql: SQLFamily = SQLFamily.TEXT
    ddl_family: SQLFamily | None = None
    format: str | None = None
    patterned: bool = False
    address: bool = False
    semantic: bool = False
    measure: str = ""
    glance: Glance = Glance.DETAIL
    clips: bool = False
    free: bool = False

    @property
    def orderable(self) -> bool:
        """Whether values can be compared in an ordering constraint (``a >= b``)."""
        return self.numeric or self.temporal


_PEOPLE = (Pool("people", "first"), Pool("people", "last"))

FIELD_TRAITS: dict[FieldType, FieldTraits] = {
    FieldType.UUID: FieldTraits(
        free=True,
        dtype=pl.String(),
        key=True,
        unique=UniqueRule.UUID,
        csv=CSVRule.PLAIN,
        sql=SQLFamily.UUID,
        format=r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
        glance=Glance.BULK,
    ),
    FieldType.STRING: FieldTraits(
        free=True,
        dtype=pl.String(),
        key=True,
        unique=UniqueRule.PATTERN,
        csv=CSVRule.PATTERN,
        ddl_family=SQLFamily.TEXT,
        patterned=True,
        semantic=True,
        clips=True,
    ),
    FieldType.TEXT: FieldTraits(
        free=True,
        dtype=pl.String(),
        csv=CSVRule.QUOTED,
        ddl_family=SQLFamily.TEXT,
        semantic=True,
        glance=Glance.BULK,
        clips=True,
    ),
    FieldType.EMAIL: FieldTraits(
        free=True,
        dtype=pl.String(),
        unique=UniqueRule.SUFFIX,
        csv=CSVRule.POOLS,
        pools=(Pool("email_domains"),),
        ddl_family=SQLFamily.TEXT,
        format=r"^[a-z0-9._]+@[a-z0-9-]+(\.[a-z0-9-]+)+$",
        clips=True,
    ),
    FieldType.PHONE: FieldTraits(
        free=True,
        dtype=pl.String(),
        unique=UniqueRule.PATTERN,
        csv=CSVRule.TEMPLATES,
        ddl_family=SQLFamily.TEXT,
    ),
    FieldType.INTEGER: FieldTraits(
        dtype=pl.Int64(),
        numeric=True,
        key=True,
        unique=UniqueRule.RANGE,
        csv=CSVRule.PLAIN,
        sql=SQLFamily.INTEGER,
        measure="number",
    ),
    FieldType.FLOAT: FieldTraits(
        dtype=pl.Float64(),
        numeric=True,
        csv=CSVRule.PLAIN,
        sql=SQLFamily.FLOAT,
        measure="number",
    ),
    FieldType.DECIMAL: FieldTraits(
        dtype=pl.Decimal(18, 2),
        numeric=True,
        csv=CSVRule.PLAIN,
        sql=SQLFamily.DECIMAL,
        ddl_family=SQLFamily.DECIMAL,
        measure="number",
        glance=Glance.FIGURE,
    ),
    FieldType.BOOLEAN: FieldTraits(dtype=pl.Boolean(), csv=CSVRule.PLAIN, sql=SQLFamily.BOOLEAN),
    FieldType.DATE: FieldTraits(
        dtype=pl.Date(), temporal=True, csv=CSVRule.PLAIN, sql=SQLFamily.DATE, measure="date"
    ),
    FieldType.DATETIME: FieldTraits(
        dtype=pl.Datetime("us"),
        temporal=True,
        csv=CSVRule.PLAIN,
        sql=SQLFamily.DATETIME,
        measure="date",
    ),
    FieldType.TIME: FieldTraits(
        free=True, dtype=pl.Time(), temporal=True, csv=CSVRule.PLAIN, sql=SQLFamily.TIME
    ),
    FieldType.ENUM: FieldTraits(dtype=pl.String(), csv=CSVRule.ENUM, glance=Glance.FIGURE),
    FieldType.NAME: FieldTraits(
        free=True,
        dtype=pl.String(),
        csv=CSVRule.POOLS,
        pools=_PEOPLE,
        ddl_family=SQLFamily.TEXT,
        glance=Glance.NAME,
        clips=True,
    ),
    FieldType.FIRST_NAME: FieldTraits(
        free=True,
        dtype=pl.String(),
        csv=CSVRule.POOLS,
        pools=_PEOPLE,
        ddl_family=SQLFamily.TEXT,
        glance=Glance.NAME,
    ),
    FieldType.LAST_NAME: FieldTraits(
        free=True,
        dtype=pl.String(),
        csv=CSVRule.POOLS,
        pools=_PEOPLE,
        ddl_family=SQLFamily.TEXT,
        glance=Glance.NAME,
    ),
    FieldType.USERNAME: FieldTraits(
        free=True,
        dtype=pl.String(),
        unique=UniqueRule.SUFFIX,
        csv=CSVRule.PLAIN,
        ddl_family=SQLFamily.TEXT,
    ),
    FieldType.PASSWORD_HASH: FieldTraits(
        free=True,
        dtype=pl.String(),
        csv=CSVRule.PLAIN,
        ddl_family=SQLFamily.TEXT,
        format=r"^\$2b\$12\$[./A-Za-z0-9]{53}$",
        glance=Glance.BULK,
    ),
    FieldType.ADDRESS: FieldTraits(
        free=True,
        dtype=pl.String(),
        csv=CSVRule.QUOTED,
        ddl_family=SQLFamily.TEXT,
        address=True,
        glance=Glance.BULK,
        clips=True,
    ),
    FieldType.STREET: FieldTraits(
        free=True,
        dtype=pl.String(),
        csv=CSVRule.POOLS,
        pools=(Pool("addresses", "street"),),
        ddl_family=SQLFamily.TEXT,
        address=True,
        clips=True,
    ),
    FieldType.CITY: FieldTraits(
        dtype=pl.String(),
        csv=CSVRule.POOLS,
        pools=(Pool("addresses", "city"),),
        ddl_family=SQLFamily.TEXT,
        address=True,
    ),
    FieldType.STATE: FieldTraits(
        dtype=pl.String(),
        csv=CSVRule.POOLS,
        pools=(Pool("addresses", "state"),),
        ddl_family=SQLFamily.TEXT,
        address=True,
    ),
    FieldType.POSTAL_CODE: FieldTraits(
        dtype=pl.String(),
        csv=CSVRule.POOLS,
        pools=(Pool("addresses", "postal_code"),),
        ddl_family=SQLFamily.TEXT,
        address=True,
    ),
    # From the row's address when the table has one, else from a list of countries.
    FieldType.COUNTRY: FieldTraits(
        dtype=pl.String(),
        csv=CSVRule.POOLS,
        pools=(Pool("addresses", "country"), Pool("words", "country")),
        ddl_family=SQLFamily.TEXT,
    ),
    FieldType.LATITUDE: FieldTraits(
        dtype=pl.Float64(), numeric=True, csv=CSVRule.PLAIN, sql=SQLFamily.FLOAT
    ),
    FieldType.LONGITUDE: FieldTraits(
        dtype=pl.Float64(), numeric=True, csv=CSVRule.PLAIN, sql=SQLFamily.FLOAT
    ),
    FieldType.COMPANY: FieldTraits(
        dtype=pl.String(),
        csv=CSVRule.POOLS,
        pools=(Pool("words", "company"),),
        ddl_family=SQLFamily.TEXT,
        glance=Glance.NAME,
        clips=True,
    ),
    FieldType.JOB_TITLE: FieldTraits(
        dtype=pl.String(),
        csv=CSVRule.POOLS,
        pools=(Pool("words", "job"),),
        ddl_family=SQLFamily.TEXT,
        glance=Glance.NAME,
        clips=True,
    ),
    FieldType.URL: FieldTraits(
        free=True,
        dtype=pl.String(),
        unique=UniqueRule.SUFFIX,
        csv=CSVRule.POOLS,
        pools=(Pool("words", "domain_word"), Pool("words", "word", "en_US")),
        ddl_family=SQLFamily.TEXT,
        format=r"^https?://[^\s/]+\.[a-z]+(/\S*)?$",
        glance=Glance.BULK,
        clips=True,
    ),
    FieldType.IP_ADDRESS: FieldTraits(
        free=True,
        dtype=pl.String(),
        unique=UniqueRule.IPV4,
        csv=CSVRule.PLAIN,
        ddl_family=SQLFamily.TEXT,
        format=r"^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$",
    ),
    FieldType.CURRENCY_CODE: FieldTraits(
        dtype=pl.String(), csv=CSVRule.PLAIN, ddl_family=SQLFamily.TEXT, format=r"^[A-Z]{3}$"
    ),
    FieldType.AMOUNT: FieldTraits(
        dtype=pl.Decimal(18, 2),
        numeric=True,
        csv=CSVRule.PLAIN,
        sql=SQLFamily.DECIMAL,
        ddl_family=SQLFamily.DECIMAL,
        measure="money",
        glance=Glance.FIGURE,
    ),
    FieldType.PERCENT: FieldTraits(
        dtype=pl.Float64(),
        numeric=True,
        csv=CSVRule.PLAIN,
        sql=SQLFamily.FLOAT,
        ddl_family=SQLFamily.DECIMAL,
        measure="share",
        glance=Glance.FIGURE,
    ),
    FieldType.IBAN: FieldTraits(
        free=True,
        dtype=pl.String(),
        unique=UniqueRule.PATTERN,
        csv=CSVRule.PLAIN,
        ddl_family=SQLFamily.TEXT,
        format=r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$",
        glance=Glance.BULK,
    ),
    FieldType.CREDIT_CARD: FieldTraits(
        free=True,
        dtype=pl.String(),
        unique=UniqueRule.PATTERN,
        csv=CSVRule.PLAIN,
        ddl_family=SQLFamily.TEXT,
        format=r"^\d{16}$",
        glance=Glance.BULK,
    ),
    FieldType.NATIONAL_ID: FieldTraits(
        free=True,
        dtype=pl.String(),
        unique=UniqueRule.PATTERN,
        csv=CSVRule.TEMPLATES,
        ddl_family=SQLFamily.TEXT,
        glance=Glance.BULK,
    ),
    FieldType.COLOR: FieldTraits(
        dtype=pl.String(),
        csv=CSVRule.POOLS,
        pools=(Pool("words", "color"),),
        ddl_family=SQLFamily.TEXT,
    ),
    FieldType.CODE: FieldTraits(
        dtype=pl.String(),
        key=True,
        unique=UniqueRule.PATTERN,
        csv=CSVRule.PATTERN,
        ddl_family=SQLFamily.TEXT,
        patterned=True,
    ),
    FieldType.JSON: FieldTraits(
        free=True,
        dtype=pl.String(),
        csv=CSVRule.QUOTED,
        sql=SQLFamily.JSON,
        glance=Glance.BULK,
        clips=True,
    ),
}


def traits(field_type: FieldType | str) -> FieldTraits:
    """The traits of a field type.

    Args:
        field_type: a :class:`FieldType`, or its name.

    Returns:
        The type's entry in :data:`FIELD_TRAITS`.

    Raises:
        InvalidInputError: ``field_type`` names no field type.

    >>> traits(FieldType.AMOUNT).dtype
    Decimal(precision=18, scale=2)
    >>> traits("PERCENT").sql
    <SQLFamily.FLOAT: 'FLOAT'>
    """
    try:
        kind = FieldType(field_type)
    except ValueError:
        hint = did_you_mean(str(field_type), FieldType.__members__)
        msg = f"Unknown field type {field_type!r}.{hint}"
        raise InvalidInputError(msg) from None
    return FIELD_TRAITS[kind]
