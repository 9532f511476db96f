"""The closed set of field types, and the other spellings accepted for them."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["TYPE_ALIASES", "FieldType"]


class FieldType(StrEnum):
    """The kinds of value a field holds; each has a vectorized generator."""

    UUID = "UUID"
    STRING = "STRING"
    TEXT = "TEXT"
    EMAIL = "EMAIL"
    PHONE = "PHONE"
    INTEGER = "INTEGER"
    FLOAT = "FLOAT"
    DECIMAL = "DECIMAL"
    BOOLEAN = "BOOLEAN"
    DATE = "DATE"
    DATETIME = "DATETIME"
    TIME = "TIME"
    ENUM = "ENUM"
    NAME = "NAME"
    FIRST_NAME = "FIRST_NAME"
    LAST_NAME = "LAST_NAME"
    USERNAME = "USERNAME"
    PASSWORD_HASH = "PASSWORD_HASH"
    ADDRESS = "ADDRESS"
    STREET = "STREET"
    CITY = "CITY"
    STATE = "STATE"
    POSTAL_CODE = "POSTAL_CODE"
    COUNTRY = "COUNTRY"
    LATITUDE = "LATITUDE"
    LONGITUDE = "LONGITUDE"
    COMPANY = "COMPANY"
    JOB_TITLE = "JOB_TITLE"
    URL = "URL"
    IP_ADDRESS = "IP_ADDRESS"
    CURRENCY_CODE = "CURRENCY_CODE"
    AMOUNT = "AMOUNT"
    PERCENT = "PERCENT"
    IBAN = "IBAN"
    CREDIT_CARD = "CREDIT_CARD"
    NATIONAL_ID = "NATIONAL_ID"
    COLOR = "COLOR"
    CODE = "CODE"
    JSON = "JSON"


#: Other spellings users (and SQL) use for our types.
TYPE_ALIASES: dict[str, FieldType] = {
    "SKU": FieldType.CODE,
    "SSN": FieldType.NATIONAL_ID,
    "INT": FieldType.INTEGER,
    "BIGINT": FieldType.INTEGER,
    "SMALLINT": FieldType.INTEGER,
    "STR": FieldType.STRING,
    "VARCHAR": FieldType.STRING,
    "BOOL": FieldType.BOOLEAN,
    "TIMESTAMP": FieldType.DATETIME,
    "DOUBLE": FieldType.FLOAT,
    "NUMERIC": FieldType.DECIMAL,
    "MONEY": FieldType.AMOUNT,
    "PRICE": FieldType.AMOUNT,
    "ZIP": FieldType.POSTAL_CODE,
    "IP": FieldType.IP_ADDRESS,
    "CURRENCY": FieldType.CURRENCY_CODE,
    "FULL_NAME": FieldType.NAME,
}
