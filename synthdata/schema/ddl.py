"""Bring your own schema: CREATE TABLE statements (any sqlglot dialect) become schemas.

What a column's name means (``email`` is an EMAIL) is not this layer's knowledge: the caller
passes it in as a :data:`NameRule`, as :func:`synthdata.schemas_from_ddl` does with the
analyzer's naming rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from synthdata.errors import InvalidInputError
from synthdata.schema.checks import check_schemas
from synthdata.schema.field import Field
from synthdata.schema.io import describe_validation_error
from synthdata.schema.table import Schema
from synthdata.schema.traits import FIELD_TRAITS, SQLFamily
from synthdata.schema.types import FieldType

__all__ = ["NameRule", "read_ddl"]

#: Share of nulls in a nullable column read from DDL.
DDL_NULL_RATE = 0.05

#: The field a column's name alone suggests (type and options such as ``enum_values``).
NameRule = Callable[[str], Field]


@dataclass
class _Table:
    name: str
    columns: dict[str, dict[str, Any]] = field(default_factory=dict)
    primary_key: list[str] = field(default_factory=list)
    unique_together: list[list[str]] = field(default_factory=list)


def read_ddl(sql: str, dialect: str | None = None, *, name_rule: NameRule) -> list[Schema]:
    """Read CREATE TABLE statements into schemas: types, keys, NOT NULL, UNIQUE and foreign keys.

    Column types map onto field types, refined by what ``name_rule`` makes of the column's name
    (a ``VARCHAR`` whose name suggests EMAIL becomes EMAIL); nullable columns get 5 % nulls; a
    composite primary key becomes a ``unique_together`` group.

    Args:
        sql: one or more ``CREATE TABLE`` statements; other statements are ignored.
        dialect: a sqlglot dialect name (``postgres``, ``mysql``, ``sqlite``, ...); None reads
            standard SQL.
        name_rule: the field a column's name suggests, consulted for every column.

    Raises:
        InvalidInputError: the SQL does not parse, holds no CREATE TABLE, or a table is invalid.

    >>> ddl = "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL UNIQUE);"
    >>> def rule(name):
    ...     return Field(name=name, type="EMAIL" if "mail" in name else "STRING")
    >>> [(f.name, f.type.value, f.unique) for f in read_ddl(ddl, name_rule=rule)[0].fields]
    [('id', 'INTEGER', False), ('email', 'EMAIL', True)]
    """
    import sqlglot
    from pydantic import ValidationError
    from sqlglot import exp

    try:
        statements = sqlglot.parse(sql, read=dialect)
    except sqlglot.errors.ParseError as exc:
        msg = f"Could not parse the SQL: {exc}"
        raise InvalidInputError(msg) from exc
    except ValueError as exc:  # an unknown dialect name
        raise InvalidInputError(str(exc)) from exc
    tables = [_read_table(s, exp) for s in statements if _is_create_table(s, exp)]
    if not tables:
        msg = "The SQL holds no CREATE TABLE statement"
        raise InvalidInputError(msg)
    try:
        schemas = [_to_schema(t, name_rule) for t in tables]
    except ValidationError as exc:
        raise InvalidInputError(describe_validation_error(exc)) from exc
    check_schemas(schemas)
    return schemas


def _is_create_table(statement: Any, exp: Any) -> bool:
    return (
        isinstance(statement, exp.Create)
        and str(statement.args.get("kind", "")).upper() == "TABLE"
        and isinstance(statement.this, exp.Schema)
    )


def _read_table(statement: Any, exp: Any) -> _Table:
    table = _Table(statement.this.this.name)
    for item in statement.this.expressions:
        if isinstance(item, exp.ColumnDef):
            table.columns[item.name] = _read_column(item, exp, table)
        else:
            _read_table_constraint(item, exp, table)
    return table


def _read_column(column: Any, exp: Any, table: _Table) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": column.name, "sql_type": column.args.get("kind")}
    for constraint in column.args.get("constraints") or []:
        kind = constraint.args.get("kind")
        if isinstance(kind, exp.PrimaryKeyColumnConstraint):
            table.primary_key = [column.name]
        elif isinstance(kind, exp.NotNullColumnConstraint) and not kind.args.get("allow_null"):
            spec["not_null"] = True
        elif isinstance(kind, exp.UniqueColumnConstraint):
            spec["unique"] = True
        elif isinstance(kind, exp.Reference):
            spec["references"] = _reference(kind)
    return spec


def _reference(reference: Any) -> str:
    target = reference.this
    table = target.this.name
    columns = [c.name for c in target.expressions]
    return f"{table}.{columns[0]}" if columns else table


def _read_table_constraint(item: Any, exp: Any, table: _Table) -> None:
    if isinstance(item, exp.Constraint):
        for inner in item.expressions:
            _read_table_constraint(inner, exp, table)
    elif isinstance(item, exp.PrimaryKey):
        table.primary_key = [c.name for c in item.expressions]
    elif isinstance(item, exp.ForeignKey):
        columns = [c.name for c in item.expressions]
        reference = item.args.get("reference")
        if reference is not None and len(columns) == 1 and columns[0] in table.columns:
            table.columns[columns[0]]["references"] = _reference(reference)
    elif isinstance(item, exp.UniqueColumnConstraint) and item.this is not None:
        columns = [c.name for c in item.this.expressions]
        if len(columns) == 1 and columns[0] in table.columns:
            table.columns[columns[0]]["unique"] = True
        elif columns:
            table.unique_together.append(columns)


def _to_schema(table: _Table, name_rule: NameRule) -> Schema:
    single_key = table.primary_key[0] if len(table.primary_key) == 1 else None
    fields = [
        _field(spec, name == single_key, name_rule(name)) for name, spec in table.columns.items()
    ]
    unique_together = list(table.unique_together)
    if len(table.primary_key) > 1:
        unique_together.append(table.primary_key)
    return Schema(
        name=table.name, fields=fields, primary_key=single_key, unique_together=unique_together
    )


def _field(spec: dict[str, Any], is_key: bool, guess: Field) -> Field:
    name = spec["name"]
    kind, extra = _map_type(guess, spec["sql_type"])
    required = is_key or bool(spec.get("not_null"))
    options: dict[str, Any] = {"name": name, "type": kind, **extra}
    if is_key:
        options["primary_key"] = True
    elif not required:
        options.update(required=False, null_rate=DDL_NULL_RATE)
    if spec.get("unique") and not is_key:
        options["unique"] = True
    if spec.get("references"):
        options["references"] = spec["references"]
    return Field(**options)


def _map_type(guess: Field, sql_type: Any) -> tuple[FieldType, dict[str, Any]]:
    """A field type (and options) for a SQL type, refined by what the column's name suggests."""
    from sqlglot import exp

    if sql_type is None:
        return guess.type, _guess_options(guess)
    t = sql_type.this
    kinds = exp.DataType.Type
    if t == kinds.UUID:
        return FieldType.UUID, {}
    if t == kinds.ENUM:
        values = [e.name for e in sql_type.expressions]
        return FieldType.ENUM, {"enum_values": values or ["a", "b"]}
    if t in (kinds.BOOLEAN, kinds.BIT):
        return FieldType.BOOLEAN, {}
    if t == kinds.TINYINT and _params(sql_type) == [1]:
        return FieldType.BOOLEAN, {}
    if t in exp.DataType.INTEGER_TYPES or t in (kinds.SERIAL, kinds.BIGSERIAL, kinds.SMALLSERIAL):
        return FieldType.INTEGER, {}
    if t in (kinds.DECIMAL, kinds.MONEY, kinds.SMALLMONEY):
        kept = FIELD_TRAITS[guess.type].ddl_family is SQLFamily.DECIMAL
        return (guess.type if kept else FieldType.DECIMAL), {}
    if t in exp.DataType.REAL_TYPES:
        return FieldType.FLOAT, {}
    if t == kinds.DATE:
        return FieldType.DATE, {}
    if t in (kinds.TIME, kinds.TIMETZ):
        return FieldType.TIME, {}
    if t in exp.DataType.TEMPORAL_TYPES:
        return FieldType.DATETIME, {}
    if t in (kinds.JSON, kinds.JSONB):
        return FieldType.JSON, {}
    if t in (kinds.INET,):
        return FieldType.IP_ADDRESS, {}
    if t in exp.DataType.TEXT_TYPES or t in (kinds.CHAR, kinds.NCHAR):
        return _text_type(guess, _params(sql_type))
    return guess.type if _text_like(guess.type) else FieldType.STRING, {}


def _text_type(guess: Field, params: list[int]) -> tuple[FieldType, dict[str, Any]]:
    """A text column keeps the meaning its name suggests (EMAIL, ENUM, ...), else STRING."""
    if guess.type is FieldType.ENUM:
        return FieldType.ENUM, {"enum_values": guess.enum_values}
    if _text_like(guess.type) and guess.type is not FieldType.STRING:
        return guess.type, ({"max": params[0]} if params and guess.type is FieldType.TEXT else {})
    return FieldType.STRING, ({"max": params[0]} if params else {})


def _text_like(kind: FieldType) -> bool:
    return FIELD_TRAITS[kind].ddl_family is SQLFamily.TEXT


def _guess_options(guess: Field) -> dict[str, Any]:
    return guess.model_dump(include={"enum_values", "min", "max"}, exclude_none=True)


def _params(sql_type: Any) -> list[int]:
    out = []
    for p in sql_type.expressions:
        text = p.this.name if hasattr(p.this, "name") else str(p.this)
        if str(text).isdigit():
            out.append(int(text))
    return out
