"""SQL for PostgreSQL, MySQL/MariaDB and SQLite: CREATE TABLE through sqlglot, vectorized INSERTs.

Dialect differences are class-level tables on small subclasses (sqlglot's style). String literals
are escaped with the dialect's own escape table from sqlglot, so they are exactly what sqlglot
would write, but built for a whole column at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import polars as pl

from synthdata.export.formats import SQLDialect
from synthdata.schema import CompositeForeignKey, FieldType, Schema
from synthdata.schema.traits import FIELD_TRAITS, SQLFamily

if TYPE_CHECKING:
    from synthdata.export import ExportOptions

__all__ = ["DIALECTS", "Dialect", "create_table_sql", "literal_columns", "write_sql"]


class Dialect:
    """What differs between databases: the sqlglot dialect, column types and literal rules."""

    SQLGLOT: ClassVar[str] = ""
    #: The column type of each family of field types (see ``FieldTraits.sql``).
    TYPES: ClassVar[dict[SQLFamily, str]] = {
        SQLFamily.INTEGER: "BIGINT",
        SQLFamily.FLOAT: "DOUBLE PRECISION",
        SQLFamily.DECIMAL: "NUMERIC(18, 2)",
        SQLFamily.BOOLEAN: "BOOLEAN",
        SQLFamily.DATE: "DATE",
        SQLFamily.DATETIME: "TIMESTAMP",
        SQLFamily.TIME: "TIME",
        SQLFamily.UUID: "TEXT",
        SQLFamily.JSON: "TEXT",
        SQLFamily.TEXT: "TEXT",
    }
    #: Type for text columns that are keys or unique (some databases cannot index TEXT).
    KEY_TEXT_TYPE: ClassVar[str] = "TEXT"
    #: PostgreSQL and SQLite cannot hold NUL in text, so it is dropped there.
    SUPPORTS_NUL: ClassVar[bool] = False
    #: The first statement of a file: the encoding the file is written in (UTF-8), as dumps say.
    ENCODING_SQL: ClassVar[str] = ""
    #: Table options after CREATE TABLE (…): the character set and collation of text columns.
    TABLE_OPTIONS: ClassVar[str] = ""
    #: Characters written as expressions rather than inside a literal (after sqlglot's escapes).
    CHAR_EXPRESSIONS: ClassVar[dict[str, str]] = {}

    @classmethod
    def column_type(cls, kind: FieldType, *, keyed: bool) -> str:
        family = FIELD_TRAITS[kind].sql
        if keyed and family is SQLFamily.TEXT:
            return cls.KEY_TEXT_TYPE
        return cls.TYPES[family]

    @classmethod
    def escapes(cls) -> list[tuple[str, str]]:
        """sqlglot's escape table for string literals, backslash first."""
        from sqlglot.dialects.dialect import Dialect

        dialect = Dialect.get_or_raise(cls.SQLGLOT)
        if not getattr(dialect, "STRINGS_SUPPORT_ESCAPED_SEQUENCES", False):
            return []
        table = dict(getattr(dialect, "ESCAPED_SEQUENCES", {}))
        return sorted(table.items(), key=lambda kv: kv[0] != "\\")


class PostgreSQL(Dialect):
    SQLGLOT = "postgres"
    ENCODING_SQL = "SET client_encoding = 'UTF8';\n"
    TYPES = {**Dialect.TYPES, SQLFamily.UUID: "UUID", SQLFamily.JSON: "JSONB"}


class MySQL(Dialect):
    SQLGLOT = "mysql"
    TYPES = {
        **Dialect.TYPES,
        SQLFamily.FLOAT: "DOUBLE",
        SQLFamily.DATETIME: "DATETIME",
        SQLFamily.UUID: "CHAR(36)",
        SQLFamily.JSON: "JSON",
        SQLFamily.TEXT: "LONGTEXT",
    }
    KEY_TEXT_TYPE = "VARCHAR(255)"
    SUPPORTS_NUL = True
    # utf8mb4 holds every code point (emoji included; MySQL's "utf8" stops at three bytes). The
    # binary collation compares exactly as the generator does, so values it made unique (names
    # differing only in case or accents) stay unique under a UNIQUE index.
    ENCODING_SQL = "SET NAMES utf8mb4;\n"
    TABLE_OPTIONS = " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"


class SQLite(Dialect):
    SQLGLOT = "sqlite"
    TYPES = {
        **Dialect.TYPES,
        SQLFamily.INTEGER: "INTEGER",
        SQLFamily.FLOAT: "REAL",
        SQLFamily.DATETIME: "DATETIME",
    }
    # SQLite literals have no escapes, and the sqlite3 shell reads "\r\n" inside one as "\n":
    # a carriage return is spliced in as char(13) so the file loads the same everywhere.
    CHAR_EXPRESSIONS = {"\r": "' || char(13) || '"}


DIALECTS: dict[SQLDialect, type[Dialect]] = {
    SQLDialect.POSTGRESQL: PostgreSQL,
    SQLDialect.MYSQL: MySQL,
    SQLDialect.SQLITE: SQLite,
}


def _keyed(schema: Schema) -> set[str]:
    names = {f.name for f in schema.fields if f.is_unique}
    names |= {fk.field for fk in schema.foreign_keys}
    names |= {n for group in schema.unique_together for n in group}
    names |= set(schema.composite_key) | set(schema.composite_fields())
    return names


def create_table_sql(
    schema: Schema,
    dialect: type[Dialect],
    schemas: dict[str, Schema],
    *,
    foreign_keys: bool = True,
) -> str:
    """CREATE TABLE with types, NOT NULL, PRIMARY KEY, UNIQUE and FOREIGN KEY; names quoted."""
    from sqlglot import exp

    keyed = _keyed(schema)
    columns = []
    for f in schema.fields:
        kind = f.type
        if any(fk.field == f.name for fk in schema.foreign_keys):
            parent = schemas[next(fk for fk in schema.foreign_keys if fk.field == f.name).parent]
            kind = parent.field(parent.primary_key or "id").type
        constraints = []
        if f.required or f.primary_key:
            constraints.append(exp.ColumnConstraint(kind=exp.NotNullColumnConstraint()))
        if f.unique and not f.primary_key:
            constraints.append(exp.ColumnConstraint(kind=exp.UniqueColumnConstraint()))
        data_type = exp.DataType.build(
            dialect.column_type(kind, keyed=f.name in keyed), dialect=dialect.SQLGLOT
        )
        columns.append(
            exp.ColumnDef(this=exp.to_identifier(f.name), kind=data_type, constraints=constraints)
        )
    items: list[Any] = list(columns)
    if schema.key_fields:
        items.append(exp.PrimaryKey(expressions=[exp.to_identifier(n) for n in schema.key_fields]))
    for group in schema.unique_together:
        items.append(
            exp.UniqueColumnConstraint(
                this=exp.Schema(expressions=[exp.to_identifier(n) for n in group])
            )
        )
    if foreign_keys:
        items += [_foreign_key(fk.field, fk.parent, fk.parent_field) for fk in schema.foreign_keys]
        items += [_composite_foreign_key(fk, schemas) for fk in schema.composite_foreign_keys]
    create = exp.Create(
        this=exp.Schema(this=exp.to_table(schema.name), expressions=items), kind="TABLE"
    )
    return create.sql(dialect=dialect.SQLGLOT, identify=True) + dialect.TABLE_OPTIONS


def _foreign_key(field: str | list[str], parent: str, parent_field: str | list[str]) -> Any:
    from sqlglot import exp

    fields = [field] if isinstance(field, str) else field
    parent_fields = [parent_field] if isinstance(parent_field, str) else parent_field
    reference = exp.Reference(
        this=exp.Schema(
            this=exp.to_table(parent), expressions=[exp.to_identifier(n) for n in parent_fields]
        )
    )
    return exp.ForeignKey(expressions=[exp.to_identifier(n) for n in fields], reference=reference)


def _composite_foreign_key(fk: CompositeForeignKey, schemas: dict[str, Schema]) -> Any:
    """FOREIGN KEY (a, b) REFERENCES parent (x, y), in the order of the parent's key (MySQL
    wants the referenced columns to lead an index, which the primary key is)."""
    parent = schemas.get(fk.parent)
    pairs = dict(zip(fk.referenced, fk.fields, strict=True))
    order = parent.composite_key if parent is not None else fk.referenced
    theirs = [n for n in order if n in pairs]
    return _foreign_key([pairs[n] for n in theirs], fk.parent, theirs)


def add_foreign_key_sql(
    table: str, field: str, parent: str, parent_field: str, dialect: type[Dialect]
) -> str:
    """ALTER TABLE … ADD FOREIGN KEY, for keys that point at a table created later."""
    from sqlglot import exp

    alter = exp.Alter(
        this=exp.to_table(table),
        kind="TABLE",
        actions=[exp.AddConstraint(expressions=[_foreign_key(field, parent, parent_field)])],
    )
    return alter.sql(dialect=dialect.SQLGLOT, identify=True)


def string_literal(column: pl.Expr, dialect: type[Dialect]) -> pl.Expr:
    """A column of text as SQL string literals, escaped as sqlglot escapes them.

    All replacements happen in one simultaneous pass, as sqlglot maps each character once.
    """
    table = dict(dialect.escapes())
    if not dialect.SUPPORTS_NUL:
        table["\x00"] = ""
    table["'"] = "''"
    table.update(dialect.CHAR_EXPRESSIONS)
    escaped = column.str.replace_many(list(table), list(table.values()))
    return pl.concat_str([pl.lit("'"), escaped, pl.lit("'")])


def _literal(name: str, dtype: pl.DataType, dialect: type[Dialect]) -> pl.Expr:
    col = pl.col(name)
    if dtype == pl.String:
        text = string_literal(col, dialect)
    elif dtype == pl.Boolean:
        text = pl.when(col).then(pl.lit("TRUE")).otherwise(pl.lit("FALSE"))
    elif isinstance(dtype, pl.Datetime):
        text = pl.lit("'") + col.dt.strftime("%Y-%m-%d %H:%M:%S") + pl.lit("'")
    elif dtype == pl.Date:
        text = pl.lit("'") + col.dt.strftime("%Y-%m-%d") + pl.lit("'")
    elif dtype == pl.Time:
        text = pl.lit("'") + col.dt.strftime("%H:%M:%S") + pl.lit("'")
    elif dtype.is_float():
        text = pl.when(col.is_finite()).then(col.cast(pl.String))
    else:
        text = col.cast(pl.String)
    return text.fill_null(pl.lit("NULL")).alias(name)


def literal_columns(frame: pl.DataFrame, dialect: type[Dialect]) -> pl.DataFrame:
    """Every value of ``frame`` as a SQL literal (NULL for nulls), column by column."""
    return frame.select(_literal(n, t, dialect) for n, t in frame.schema.items())


def insert_statements(frame: pl.DataFrame, table: str, dialect: type[Dialect], batch: int) -> str:
    """Multi-row INSERT statements of ``batch`` rows each for one slice of a table."""
    from sqlglot import exp

    if frame.height == 0:
        return ""
    columns = ", ".join(
        exp.to_identifier(c, quoted=True).sql(dialect=dialect.SQLGLOT) for c in frame.columns
    )
    target = exp.to_table(table).sql(dialect=dialect.SQLGLOT, identify=True)
    head = f"INSERT INTO {target} ({columns}) VALUES\n"
    rows = (
        literal_columns(frame, dialect)
        .select(
            pl.concat_str(
                [pl.lit("("), pl.concat_str(pl.all(), separator=", "), pl.lit(")")]
            ).alias("row")
        )
        .with_row_index("n")
    )
    statements = rows.group_by(pl.col("n") // batch, maintain_order=True).agg(
        pl.col("row").str.join(",\n")
    )
    return "".join(f"{head}{values};\n" for values in statements["row"])


def write_sql(frame: pl.LazyFrame, path: Path, schema: Schema, options: ExportOptions) -> Path:
    """CREATE TABLE then INSERTs for one table (foreign keys to tables in the same export)."""
    dialect = DIALECTS[options.sql_dialect]
    schemas = {schema.name: schema}
    schemas.update(
        {
            fk.parent: _stub(fk.parent, fk.parent_field, schema)
            for fk in schema.foreign_keys
            if fk.parent != schema.name
        }
    )
    schemas.update({fk.parent: _composite_stub(fk, schema) for fk in schema.composite_foreign_keys})
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(dialect.ENCODING_SQL)
        handle.write(create_table_sql(schema, dialect, schemas) + ";\n")
        for batch in frame.collect_batches(chunk_size=50_000):
            handle.write(insert_statements(batch, schema.name, dialect, options.insert_batch))
    return path


def _stub(name: str, key: str, child: Schema) -> Schema:
    """A parent known only by name: its key has the child's foreign-key type."""
    field = next(fk.field for fk in child.foreign_keys if fk.parent == name)
    return Schema.model_validate(
        {
            "name": name,
            "primary_key": key,
            "fields": [{"name": key, "type": child.field(field).type.value}],
        }
    )


def _composite_stub(fk: CompositeForeignKey, child: Schema) -> Schema:
    """A parent known only by name and its composite key (of the child's fields' types)."""
    fields = [
        {"name": theirs, "type": child.field(mine).type.value}
        for mine, theirs in zip(fk.fields, fk.referenced, strict=True)
    ]
    return Schema.model_validate(
        {"name": fk.parent, "composite_key": fk.referenced, "fields": fields}
    )
