"""Schemas from CREATE TABLE statements, with column names read by the analyzer's naming rules."""

from __future__ import annotations

from synthdata.analysis.naming import field_from_name
from synthdata.schema import Schema, read_ddl

__all__ = ["schemas_from_ddl"]


def schemas_from_ddl(sql: str, dialect: str | None = None) -> list[Schema]:
    """Read CREATE TABLE statements into schemas: types, keys, NOT NULL, UNIQUE and foreign keys.

    Column types map onto field types, refined by the column's name (a ``VARCHAR`` called
    ``email`` becomes EMAIL); nullable columns get 5 % nulls; a composite primary key becomes a
    ``unique_together`` group.

    Args:
        sql: one or more ``CREATE TABLE`` statements; other statements are ignored.
        dialect: a sqlglot dialect name (``postgres``, ``mysql``, ``sqlite``, ...); None reads
            standard SQL.

    Raises:
        InvalidInputError: the SQL does not parse, holds no CREATE TABLE, or a table is invalid.

    >>> ddl = "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL UNIQUE);"
    >>> [(f.name, f.type.value, f.unique) for f in schemas_from_ddl(ddl)[0].fields]
    [('id', 'INTEGER', False), ('email', 'EMAIL', True)]
    """
    return read_ddl(sql, dialect, name_rule=field_from_name)
