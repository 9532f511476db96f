"""The names of what synthdata writes: export formats and SQL dialects, stated once.

CLI choices, API request models, the OpenAPI document and download media types all derive from
these enums. This module imports nothing heavy, so any layer may use it.
"""

from __future__ import annotations

from enum import StrEnum

from synthdata.errors import InvalidInputError, did_you_mean

__all__ = [
    "DIALECT_ALIASES",
    "MEDIA_TYPES",
    "ExportFormat",
    "SQLDialect",
    "parse_dialect",
    "parse_format",
]


class ExportFormat(StrEnum):
    """The file formats tables export to."""

    CSV = "csv"
    """Comma-separated values with a header row."""
    JSON = "json"
    """One JSON array of objects per table."""
    JSONL = "jsonl"
    """JSON Lines: one object per line."""
    XLSX = "xlsx"
    """An Excel workbook (sheets continue past the row limit)."""
    SQL = "sql"
    """CREATE TABLE and INSERT statements for one :class:`SQLDialect`."""
    PARQUET = "parquet"
    """Apache Parquet with the schema in its metadata."""


class SQLDialect(StrEnum):
    """The databases SQL is written for."""

    POSTGRESQL = "postgresql"
    """PostgreSQL (also what the ``postgres`` and ``pg`` aliases mean)."""
    MYSQL = "mysql"
    """MySQL and MariaDB."""
    SQLITE = "sqlite"
    """SQLite 3."""


#: Other names users give the dialects.
DIALECT_ALIASES: dict[str, SQLDialect] = {
    "postgres": SQLDialect.POSTGRESQL,
    "pg": SQLDialect.POSTGRESQL,
    "mariadb": SQLDialect.MYSQL,
    "sqlite3": SQLDialect.SQLITE,
}

#: The Content-Type of a downloaded file of each format.
MEDIA_TYPES: dict[ExportFormat, str] = {
    ExportFormat.CSV: "text/csv",
    ExportFormat.JSON: "application/json",
    ExportFormat.JSONL: "application/x-ndjson",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.SQL: "application/sql",
    ExportFormat.PARQUET: "application/vnd.apache.parquet",
}


def parse_format(value: ExportFormat | str) -> ExportFormat:
    """The format named by ``value`` (any case).

    Raises:
        InvalidInputError: no such format ("Did you mean").

    >>> parse_format("JSONL")
    <ExportFormat.JSONL: 'jsonl'>
    """
    try:
        return ExportFormat(str(value).lower())
    except ValueError:
        names = [f.value for f in ExportFormat]
        msg = f"Unknown export format {value!r}.{did_you_mean(str(value).lower(), names)}"
        raise InvalidInputError(msg) from None


def parse_dialect(value: SQLDialect | str) -> SQLDialect:
    """The dialect named by ``value`` or one of its aliases (any case).

    Raises:
        InvalidInputError: no such dialect ("Did you mean").

    >>> parse_dialect("MariaDB")
    <SQLDialect.MYSQL: 'mysql'>
    """
    key = str(value).lower()
    if key in DIALECT_ALIASES:
        return DIALECT_ALIASES[key]
    try:
        return SQLDialect(key)
    except ValueError:
        names = [*(d.value for d in SQLDialect), *DIALECT_ALIASES]
        msg = f"Unknown SQL dialect {value!r}.{did_you_mean(key, names)}"
        raise InvalidInputError(msg) from None
