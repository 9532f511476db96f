"""Load a corpus straight into PostgreSQL, MySQL/MariaDB or SQLite.

Tables are created in dependency order and filled in bulk (COPY for PostgreSQL, multi-row
INSERTs elsewhere). Nothing is half-written: existing tables are refused before anything is
written (unless ``replace``), PostgreSQL and SQLite load in one transaction, and on MySQL, whose
DDL commits by itself, the tables this call created are dropped again on failure. Drivers
(psycopg 3, PyMySQL) are optional and imported only when used.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlsplit

import polars as pl

from synthdata._deps import import_optional
from synthdata._formats import CSV_OPTIONS
from synthdata.corpus import Corpus
from synthdata.errors import InvalidInputError, LoadError, SynthdataError
from synthdata.export.formats import SQLDialect
from synthdata.export.sql import DIALECTS, Dialect, create_table_sql
from synthdata.schema import Schema

__all__ = ["load"]

logger = logging.getLogger("synthdata")
_BATCH = 50_000


def load(corpus: Corpus, url: str, *, replace: bool = False) -> dict[str, int]:
    """Create the corpus' tables in a database and bulk-load their rows.

    Args:
        corpus: a generated corpus.
        url: ``postgresql://user@host:port/db``, ``mysql://user:pass@host:port/db`` (MariaDB
            too) or ``sqlite:///path/to/file.db``.
        replace: drop tables of the same names first; otherwise existing tables are an error.

    Returns:
        Table name → rows loaded.

    Raises:
        InvalidInputError: unknown URL scheme, or the tables exist and ``replace`` is False.
        LoadError: the database refused the data; nothing from this call is left behind.
    """
    scheme = urlsplit(url).scheme.split("+")[0].lower()
    loaders = {
        "postgresql": _load_postgres,
        "postgres": _load_postgres,
        "mysql": _load_mysql,
        "mariadb": _load_mysql,
        "sqlite": _load_sqlite,
    }
    if scheme not in loaders:
        msg = (
            f"Unsupported database URL scheme {scheme!r}; use postgresql://, mysql:// or sqlite:///"
        )
        raise InvalidInputError(msg)
    return loaders[scheme](corpus, url, replace)


def _plan(corpus: Corpus, dialect: type[Dialect]) -> list[tuple[Schema, str]]:
    by_name = {s.name: s for s in corpus.schemas}
    return [(s, create_table_sql(s, dialect, by_name)) for s in corpus.schemas]


def _refuse_existing(existing: set[str], corpus: Corpus, replace: bool) -> list[str]:
    clash = [s.name for s in corpus.schemas if s.name.lower() in {e.lower() for e in existing}]
    if clash and not replace:
        msg = (
            f"Tables already exist in the target: {', '.join(clash)}; nothing was written "
            "(pass replace=True to drop and recreate them)"
        )
        raise InvalidInputError(msg)
    return clash


@contextlib.contextmanager
def _driver_errors(database: str) -> Iterator[None]:
    try:
        yield
    except SynthdataError:
        raise
    except Exception as exc:
        msg = f"{database} refused the data: {str(exc).strip().splitlines()[0][:300]}"
        raise LoadError(msg) from exc


# --- PostgreSQL ---------------------------------------------------------------------------------


def _load_postgres(corpus: Corpus, url: str, replace: bool) -> dict[str, int]:
    psycopg: Any = import_optional("psycopg", extra="db", purpose="Loads into PostgreSQL")
    dialect = DIALECTS[SQLDialect.POSTGRESQL]
    counts: dict[str, int] = {}
    with (
        _driver_errors("PostgreSQL"),
        psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn,
    ):
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        clash = _refuse_existing({r[0] for r in rows.fetchall()}, corpus, replace)
        with conn.transaction():
            for name in reversed(clash):
                conn.execute(f'DROP TABLE IF EXISTS "{name}" CASCADE')  # names are identifiers
            for schema, ddl in _plan(corpus, dialect):
                conn.execute(ddl)
                counts[schema.name] = _copy(conn, corpus.frame(schema.name), schema)
    return counts


def _copy(conn: Any, frame: pl.LazyFrame, schema: Schema) -> int:
    columns = ", ".join(f'"{f.name}"' for f in schema.fields)
    strings = [n for n, t in frame.collect_schema().items() if t == pl.String]
    # PostgreSQL text cannot hold NUL; it is dropped, as in the SQL export.
    frame = frame.with_columns(pl.col(c).str.replace_all("\x00", "", literal=True) for c in strings)
    total = 0
    with conn.cursor().copy(
        f'COPY "{schema.name}" ({columns}) FROM STDIN WITH (FORMAT csv)'
    ) as copy:
        for batch in frame.collect_batches(chunk_size=_BATCH):
            copy.write(
                batch.write_csv(
                    include_header=False, null_value="", quote_style="non_numeric", **CSV_OPTIONS
                )
            )
            total += batch.height
    return total


# --- MySQL / MariaDB ----------------------------------------------------------------------------


def _load_mysql(corpus: Corpus, url: str, replace: bool) -> dict[str, int]:
    pymysql: Any = import_optional("pymysql", extra="db", purpose="Loads into MySQL")
    parts = urlsplit(url)
    dialect = DIALECTS[SQLDialect.MYSQL]
    connect = {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 3306,
        "user": unquote(parts.username or "root"),
        "password": unquote(parts.password or ""),
        "database": parts.path.lstrip("/") or None,
        "charset": "utf8mb4",
        "autocommit": False,
    }
    created: list[str] = []
    counts: dict[str, int] = {}
    with _driver_errors("MySQL"):
        conn = pymysql.connect(**connect)
    try:
        with _driver_errors("MySQL"), conn.cursor() as cur:
            cur.execute("SHOW TABLES")
            clash = _refuse_existing({r[0] for r in cur.fetchall()}, corpus, replace)
            cur.execute("SET FOREIGN_KEY_CHECKS = 0")
            for name in reversed(clash):
                cur.execute(f"DROP TABLE IF EXISTS `{name}`")
            cur.execute("SET FOREIGN_KEY_CHECKS = 1")
            try:
                for schema, ddl in _plan(corpus, dialect):
                    cur.execute(ddl)
                    created.append(schema.name)
                    counts[schema.name] = _insert_many(
                        cur, corpus.frame(schema.name), schema, "%s", "`"
                    )
                    conn.commit()
            except Exception:
                conn.rollback()
                for name in reversed(created):
                    cur.execute(f"DROP TABLE IF EXISTS `{name}`")
                raise
    finally:
        conn.close()
    return counts


def _insert_many(cur: Any, frame: pl.LazyFrame, schema: Schema, mark: str, quote: str) -> int:
    columns = ", ".join(f"{quote}{f.name}{quote}" for f in schema.fields)
    marks = ", ".join([mark] * len(schema.fields))
    sql = f"INSERT INTO {quote}{schema.name}{quote} ({columns}) VALUES ({marks})"
    total = 0
    for batch in _plain(frame).collect_batches(chunk_size=_BATCH):
        cur.executemany(sql, batch.rows())
        total += batch.height
    return total


def _plain(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Decimals as floats and dates and times as ISO text: what every DB-API driver accepts."""
    changes = []
    for name, dtype in frame.collect_schema().items():
        if isinstance(dtype, pl.Decimal):
            changes.append(pl.col(name).cast(pl.Float64))
        elif isinstance(dtype, pl.Datetime):
            changes.append(pl.col(name).dt.strftime("%Y-%m-%d %H:%M:%S"))
        elif dtype in (pl.Date, pl.Time):
            changes.append(pl.col(name).cast(pl.String))
    return frame.with_columns(changes) if changes else frame


# --- SQLite -------------------------------------------------------------------------------------


def _load_sqlite(corpus: Corpus, url: str, replace: bool) -> dict[str, int]:
    import sqlite3

    path = url.split("sqlite:///", 1)[1] if "sqlite:///" in url else ""
    if not path:
        msg = "A SQLite URL looks like sqlite:///path/to/file.db"
        raise InvalidInputError(msg)
    dialect = DIALECTS[SQLDialect.SQLITE]
    counts: dict[str, int] = {}
    with _driver_errors("SQLite"):
        conn = sqlite3.connect(path, isolation_level=None)
    try:
        with _driver_errors("SQLite"):
            conn.execute("PRAGMA foreign_keys = ON")
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            clash = _refuse_existing({r[0] for r in rows}, corpus, replace)
            conn.execute("BEGIN")
            try:
                for name in reversed(clash):
                    conn.execute(f'DROP TABLE IF EXISTS "{name}"')
                for schema, ddl in _plan(corpus, dialect):
                    conn.execute(ddl)
                    counts[schema.name] = _insert_many(
                        conn, corpus.frame(schema.name), schema, "?", '"'
                    )
                conn.execute("COMMIT")
            except Exception:
                conn.execute("ROLLBACK")
                raise
    finally:
        conn.close()
    return counts
