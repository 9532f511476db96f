"""Read tables and their catalogue from SQLite, PostgreSQL and MySQL/MariaDB.

Each database answers two catalogue queries, columns and constraints, in one shape, assembled
into :class:`~synthdata.profile.sources.TableMeta` by :func:`_assemble`. Data comes in bulk:
PostgreSQL streams ``COPY … TO STDOUT`` as CSV into polars, the others fetch chunks of rows
that polars builds into columns. A table holding more rows than ``sample_rows`` is read as a
sample (PostgreSQL ``TABLESAMPLE BERNOULLI … REPEATABLE``, MySQL ``WHERE RAND(seed) < p``,
SQLite ``ORDER BY random() LIMIT``); row counts stay exact (``COUNT(*)``), and children per
parent of a foreign key touching a sampled table are counted by the database
(:func:`_fan_out`). Table names come from the catalogue and are quoted as
identifiers; values (sample sizes, seeds, schema names) are bound as parameters.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import polars as pl

from synthdata._deps import import_optional
from synthdata.errors import LoadError, NotFoundError, SynthdataError
from synthdata.profile.sources import (
    ColumnMeta,
    ForeignKeyMeta,
    Source,
    TableMeta,
    cast_declared,
    scheme_of,
    select_tables,
)

__all__ = ["read_database"]

_CHUNK = 50_000
#: (table, column, declared type, nullable) in column order.
ColumnRow = tuple[str, str, str, bool]
#: (table, kind p/u/f, constraint name, column, parent table, parent column) in key order.
ConstraintRow = tuple[str, str, str, str, str | None, str | None]


def read_database(
    url: str, *, tables: Sequence[str] | None, sample_rows: int | None, seed: int
) -> Source:
    """Read ``tables`` (default all) of the database at ``url``; see ``read_source``."""
    readers = {"sqlite": _sqlite, "postgresql": _postgres, "mysql": _mysql}
    family = scheme_of(url)
    with _errors(_redact(url)):
        source = readers[family](url, tables, sample_rows, seed)
    source.location = _redact(url)
    source.from_catalogue = True
    return source


@contextlib.contextmanager
def _errors(where: str) -> Iterator[None]:
    try:
        yield
    except SynthdataError:
        raise
    except Exception as exc:
        reason = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else repr(exc)
        msg = f"Cannot read {where}: {reason}"
        raise LoadError(msg) from exc


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def _assemble(
    names: list[str], columns: list[ColumnRow], constraints: list[ConstraintRow]
) -> dict[str, TableMeta]:
    meta = {name: TableMeta(name, []) for name in names}
    for table, column, declared, nullable in columns:
        if table in meta:
            meta[table].columns.append(ColumnMeta(column, declared, nullable))
    groups: dict[tuple[str, str, str], list[ConstraintRow]] = {}
    for row in constraints:
        if row[0] in meta:
            groups.setdefault((row[0], row[1], row[2]), []).append(row)
    for (table, kind, _), rows in groups.items():
        cols = tuple(r[3] for r in rows)
        if kind == "p":
            meta[table].primary_key = cols
        elif kind == "u":
            meta[table].unique.append(cols)
        elif rows[0][4] is not None:
            parents = tuple(r[5] or "" for r in rows)
            meta[table].foreign_keys.append(ForeignKeyMeta(cols, rows[0][4], parents))
    return meta


def _fan_out(
    source: Source,
    table: Callable[[str], str],
    column: Callable[[str], str],
    run: Callable[[str], list[tuple[Any, ...]]],
) -> None:
    """Children per parent for each single-column foreign key whose child or parent was read as
    a sample, counted by the database over every row: one GROUP BY over the child, joined to
    the parent's key (children whose parent is missing do not count), and the parents left
    over have none. Identifiers come from ``table`` and ``column``, quoted by the caller."""
    for child, meta in source.meta.items():
        for fk in meta.foreign_keys:
            parent = fk.parent
            if len(fk.columns) != 1 or parent not in source.tables:
                continue
            if not (source.sampled(child) or source.sampled(parent)):
                continue
            c, key = column(fk.columns[0]), column(fk.parent_columns[0])
            query = (
                f"SELECT g.n, count(*) FROM (SELECT {c} AS fk, count(*) AS n FROM {table(child)} "
                f"WHERE {c} IS NOT NULL GROUP BY {c}) g JOIN {table(parent)} p ON p.{key} = g.fk "
                "GROUP BY g.n ORDER BY g.n"
            )
            hist = [(int(n), int(parents)) for n, parents in run(query)]
            none = source.meta[parent].row_count - sum(p for _, p in hist)
            source.fan_out[(child, fk.columns[0])] = ([(0, none)] if none > 0 else []) + hist


def _quoted(q: str) -> Callable[[str], str]:
    return lambda name: q + name.replace(q, q + q) + q


def _frame(rows: Iterator[list[tuple[Any, ...]]], names: list[str]) -> pl.DataFrame:
    """Rows fetched chunk by chunk into one frame; polars builds the columns."""
    chunks = []
    for chunk in rows:
        try:
            chunks.append(pl.DataFrame(chunk, schema=names, orient="row", infer_schema_length=None))
        except (TypeError, pl.exceptions.PolarsError):
            # A column of mixed types (SQLite allows it): keep everything as text.
            text = [tuple(None if v is None else str(v) for v in r) for r in chunk]
            chunks.append(pl.DataFrame(text, schema=dict.fromkeys(names, pl.String), orient="row"))
    if not chunks:
        return pl.DataFrame(schema=dict.fromkeys(names, pl.String))
    return pl.concat(chunks, how="vertical_relaxed")


def _fetch(cursor: Any) -> Iterator[list[tuple[Any, ...]]]:
    while chunk := cursor.fetchmany(_CHUNK):
        yield list(chunk)


# --- SQLite -------------------------------------------------------------------------------------


def _sqlite(url: str, tables: Sequence[str] | None, sample: int | None, seed: int) -> Source:
    path = url.split("sqlite:///", 1)[1] if "sqlite:///" in url else ""
    if not path or not Path(path).is_file():
        msg = f"No SQLite database at {path!r} (a SQLite URL looks like sqlite:///path/file.db)"
        raise NotFoundError(msg)
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        found = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        ).fetchall()
        names = select_tables([r[0] for r in found], tables)
        meta = _assemble(names, *_sqlite_catalogue(conn, names))
        frames = {}
        for name in names:
            ident = '"' + name.replace('"', '""') + '"'
            meta[name].row_count = conn.execute(f"SELECT count(*) FROM {ident}").fetchone()[0]
            sampled = sample is not None and meta[name].row_count > sample
            query = f"SELECT * FROM {ident}" + (" ORDER BY random() LIMIT ?" if sampled else "")
            cursor = conn.execute(query, (sample,) if sampled else ())
            frame = _frame(_fetch(cursor), [c.name for c in meta[name].columns])
            frames[name] = cast_declared(frame, meta[name])
        source = Source(frames, meta)
        q = _quoted('"')
        _fan_out(source, q, q, lambda query: conn.execute(query).fetchall())
    finally:
        conn.close()
    return source


def _sqlite_catalogue(
    conn: sqlite3.Connection, names: list[str]
) -> tuple[list[ColumnRow], list[ConstraintRow]]:
    columns: list[ColumnRow] = []
    constraints: list[ConstraintRow] = []
    keys: dict[str, list[str]] = {}
    for name in names:
        info = conn.execute(
            'SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid', (name,)
        ).fetchall()
        columns += [(name, c, t or "", not nn) for c, t, nn, _ in info]
        keys[name] = [c for c, *_, pk in sorted(info, key=lambda r: r[3]) if pk]
        constraints += [(name, "p", "pk", c, None, None) for c in keys[name]]
        for (index,) in conn.execute(
            "SELECT name FROM pragma_index_list(?) WHERE \"unique\" AND origin = 'u'", (name,)
        ).fetchall():
            cols = conn.execute(
                "SELECT name FROM pragma_index_info(?) ORDER BY seqno", (index,)
            ).fetchall()
            constraints += [(name, "u", index, c, None, None) for (c,) in cols]
    for name in names:
        fks = conn.execute(
            'SELECT id, "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq',
            (name,),
        ).fetchall()
        for position, (fk, parent, child_col, parent_col) in enumerate(fks):
            if parent_col is None:  # REFERENCES parent without columns: the parent's key
                parent_col = _sqlite_key(conn, parent, keys)[position]
            constraints.append((name, "f", f"fk{fk}", child_col, parent, parent_col))
    return columns, constraints


def _sqlite_key(conn: sqlite3.Connection, table: str, keys: dict[str, list[str]]) -> list[str]:
    if table not in keys:
        info = conn.execute("SELECT name, pk FROM pragma_table_info(?)", (table,)).fetchall()
        keys[table] = [c for c, pk in sorted(info, key=lambda r: r[1]) if pk]
    return keys[table]


# --- PostgreSQL ---------------------------------------------------------------------------------

_PG_COLUMNS = """
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum
"""
_PG_CONSTRAINTS = """
SELECT c.relname, k.contype, k.conname, a.attname, p.relname, pa.attname
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, position)
JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
LEFT JOIN pg_class p ON p.oid = k.confrelid
LEFT JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = k.confkey[u.position]
WHERE n.nspname = %s AND k.contype IN ('p', 'u', 'f')
ORDER BY c.relname, k.conname, u.position
"""


def _postgres(url: str, tables: Sequence[str] | None, sample: int | None, seed: int) -> Source:
    psycopg: Any = import_optional("psycopg", extra="db", purpose="Reading PostgreSQL")
    from psycopg import sql

    url, schema = _pop_query(url.replace("postgres://", "postgresql://", 1), "schema")
    with psycopg.connect(url, autocommit=True) as conn:
        schema = schema or conn.execute("SELECT current_schema()").fetchone()[0]
        found = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", (schema,)
        ).fetchall()
        names = select_tables([r[0] for r in found], tables)
        columns = conn.execute(_PG_COLUMNS, (schema,)).fetchall()
        meta = _assemble(names, columns, conn.execute(_PG_CONSTRAINTS, (schema,)).fetchall())
        frames = {}
        for name in names:
            ident = sql.Identifier(schema, name)
            count = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(ident)).fetchone()
            meta[name].row_count = count[0]
            frames[name] = cast_declared(
                _pg_copy(conn, ident, meta[name], sample, seed), meta[name]
            )
        source = Source(frames, meta)
        q = _quoted('"')
        _fan_out(source, lambda t: f"{q(schema)}.{q(t)}", q, lambda s: conn.execute(s).fetchall())
    return source


def _pg_copy(conn: Any, ident: Any, meta: TableMeta, sample: int | None, seed: int) -> pl.DataFrame:
    from psycopg import sql

    picks: list[Any] = []
    for column in meta.columns:
        col = sql.Identifier(column.name)
        if "with time zone" in column.sql_type:  # as UTC wall-clock time, which polars reads
            picks.append(sql.SQL("({} AT TIME ZONE 'UTC') AS {}").format(col, col))
        else:
            picks.append(col)
    query = sql.SQL("SELECT {} FROM {}").format(sql.SQL(", ").join(picks), ident)
    if sample is not None and meta.row_count > sample:
        # Each row is kept with the same chance, pages are read in order and nothing is
        # sorted; REPEATABLE makes the sample the same for the same seed and table.
        share = 100.0 * sample / meta.row_count
        query = sql.SQL("{} TABLESAMPLE BERNOULLI ({}) REPEATABLE ({})").format(
            query, sql.Literal(share), sql.Literal(seed)
        )
    copy = sql.SQL("COPY ({}) TO STDOUT WITH (FORMAT csv, HEADER true)").format(query)
    buffer = io.BytesIO()
    with conn.cursor().copy(copy) as stream:
        for block in stream:
            buffer.write(block)
    buffer.seek(0)
    return pl.read_csv(buffer, infer_schema=False)


def _pop_query(url: str, key: str) -> tuple[str, str | None]:
    """Take ``key`` out of the URL's query (libpq refuses parameters it does not know)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    value = next((v for k, v in query if k == key), None)
    rest = urlencode([(k, v) for k, v in query if k != key])
    return urlunsplit(parts._replace(query=rest)), value


# --- MySQL / MariaDB ----------------------------------------------------------------------------

_MY_COLUMNS = """
SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE = 'YES'
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, ORDINAL_POSITION
"""
_MY_CONSTRAINTS = """
SELECT t.TABLE_NAME, CASE t.CONSTRAINT_TYPE WHEN 'PRIMARY KEY' THEN 'p' WHEN 'UNIQUE' THEN 'u'
  ELSE 'f' END, t.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME
FROM information_schema.TABLE_CONSTRAINTS t JOIN information_schema.KEY_COLUMN_USAGE k
  ON k.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND k.TABLE_NAME = t.TABLE_NAME
  AND k.CONSTRAINT_NAME = t.CONSTRAINT_NAME
WHERE t.TABLE_SCHEMA = DATABASE() AND t.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
ORDER BY t.TABLE_NAME, t.CONSTRAINT_NAME, k.ORDINAL_POSITION
"""


def _mysql(url: str, tables: Sequence[str] | None, sample: int | None, seed: int) -> Source:
    pymysql: Any = import_optional("pymysql", extra="db", purpose="Reading MySQL")
    from urllib.parse import unquote

    parts = urlsplit(url)
    conn = pymysql.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 3306,
        user=unquote(parts.username or "root"),
        password=unquote(parts.password or ""),
        database=parts.path.lstrip("/") or None,
        charset="utf8mb4",
    )
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME"
            )
            names = select_tables([r[0] for r in cur.fetchall()], tables)
            cur.execute(_MY_COLUMNS)
            columns = [(t, c, d, bool(n)) for t, c, d, n in cur.fetchall()]
            cur.execute(_MY_CONSTRAINTS)
            meta = _assemble(names, columns, list(cur.fetchall()))
        frames = {}
        for name in names:
            ident = "`" + name.replace("`", "``") + "`"
            with conn.cursor() as cur:
                cur.execute(f"SELECT count(*) FROM {ident}")
                meta[name].row_count = cur.fetchone()[0]
            with conn.cursor(pymysql.cursors.SSCursor) as cur:
                query = f"SELECT * FROM {ident}"
                if sample is not None and meta[name].row_count > sample:
                    # Each row kept with the same chance in one pass, without a sort.
                    share = sample / meta[name].row_count
                    cur.execute(query + " WHERE RAND(%s) < %s", (seed, share))
                else:
                    cur.execute(query)
                frame = _frame(_fetch(cur), [c.name for c in meta[name].columns])
            frames[name] = cast_declared(frame, meta[name])
        source = Source(frames, meta)

        def run(query: str) -> list[tuple[Any, ...]]:
            with conn.cursor() as cur:
                cur.execute(query)
                return list(cur.fetchall())

        q = _quoted("`")
        _fan_out(source, q, q, run)
    finally:
        conn.close()
    return source
