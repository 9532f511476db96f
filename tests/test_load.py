"""SQL exports and sd.load against the real PostgreSQL and MariaDB servers of this machine."""

import sqlite3
import uuid

import polars as pl
import pytest

import synthdata as sd
from synthdata.errors import LoadError
from tests.hostile import HOSTILE, hostile_corpus

pytestmark = pytest.mark.db
PG = "postgresql://postgres@127.0.0.1:5432/test"
MYSQL = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> sd.Corpus:
    return hostile_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def pg_schema():
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    yield name, f"{PG}?options=-csearch_path%3D{name}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {name} CASCADE")


@pytest.fixture
def mysql_db():
    import pymysql

    name = f"t_{uuid.uuid4().hex[:12]}"
    conn = pymysql.connect(**MYSQL, autocommit=True)
    conn.cursor().execute(f"CREATE DATABASE {name} CHARACTER SET utf8mb4")
    yield name
    conn.cursor().execute(f"DROP DATABASE {name}")
    conn.close()


def _mysql(db: str):
    import pymysql
    from pymysql.constants import CLIENT

    return pymysql.connect(
        **MYSQL,
        database=db,
        charset="utf8mb4",
        autocommit=True,
        client_flag=CLIENT.MULTI_STATEMENTS,
    )


def test_postgresql_sql_export_loads_and_enforces_keys(corpus, tmp_path, pg_schema):
    import psycopg

    paths = sd.export(corpus, "sql", tmp_path, sql_dialect="postgresql")
    with psycopg.connect(pg_schema[1], autocommit=True) as conn:
        for name in ("authors", "notes"):
            conn.execute(paths[name].read_bytes().decode())
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == len(HOSTILE)
        bodies = [r[0] for r in conn.execute("SELECT body FROM notes ORDER BY id")]
        assert bodies == [v.replace("\x00", "") for v in HOSTILE]  # text cannot hold NUL
        orphans = conn.execute(
            "SELECT count(*) FROM notes n LEFT JOIN authors a "
            "ON a.id = n.author_id WHERE a.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            conn.execute(
                "INSERT INTO notes (id, author_id, body, score, price, written_at) VALUES "
                "(999, gen_random_uuid(), 'x', 1, 1, now())"
            )


def test_mysql_sql_export_loads_and_enforces_keys(corpus, tmp_path, mysql_db):
    import pymysql

    paths = sd.export(corpus, "sql", tmp_path, sql_dialect="mysql")
    conn = _mysql(mysql_db)
    with conn.cursor() as cur:
        for name in ("authors", "notes"):
            cur.execute(paths[name].read_bytes().decode())
            while cur.nextset():
                pass
        cur.execute("SELECT body FROM notes ORDER BY id")
        assert [r[0] for r in cur.fetchall()] == HOSTILE  # NUL included
        with pytest.raises(pymysql.err.IntegrityError):
            cur.execute(
                "INSERT INTO notes (id, author_id, body, score, price, written_at) "
                "VALUES (999, 'nobody', 'x', 1, 1, NOW())"
            )
    conn.close()


def test_load_into_postgresql(corpus, pg_schema):
    import psycopg

    counts = sd.load(corpus, pg_schema[1])
    assert counts == {"authors": 5, "notes": len(HOSTILE)}
    with psycopg.connect(pg_schema[1]) as conn:
        bodies = [r[0] for r in conn.execute("SELECT body FROM notes ORDER BY id")]
        remarks = conn.execute("SELECT count(*) FROM notes WHERE remark IS NULL").fetchone()[0]
    assert bodies == [v.replace("\x00", "") for v in HOSTILE]
    expected_nulls = corpus.frame("notes").collect()["remark"].null_count()
    assert remarks == expected_nulls  # nulls stay nulls, empty strings stay empty
    assert "" in bodies
    with pytest.raises(sd.InvalidInputError, match="Tables already exist in the target: authors"):
        sd.load(corpus, pg_schema[1])
    assert sd.load(corpus, pg_schema[1], replace=True) == counts


def test_load_into_mariadb(corpus, mysql_db):
    url = f"mysql://root@127.0.0.1:3306/{mysql_db}"
    assert sd.load(corpus, url) == {"authors": 5, "notes": len(HOSTILE)}
    conn = _mysql(mysql_db)
    with conn.cursor() as cur:
        cur.execute("SELECT body FROM notes ORDER BY id")
        assert [r[0] for r in cur.fetchall()] == HOSTILE
        cur.execute(
            "SELECT count(*) FROM information_schema.REFERENTIAL_CONSTRAINTS "
            "WHERE CONSTRAINT_SCHEMA = DATABASE()"
        )
        assert cur.fetchone()[0] == 1
    conn.close()
    with pytest.raises(sd.InvalidInputError, match="already exist"):
        sd.load(corpus, url)


def test_load_into_sqlite(corpus, tmp_path):
    url = f"sqlite:///{tmp_path / 'data.db'}"
    assert sd.load(corpus, url) == {"authors": 5, "notes": len(HOSTILE)}
    conn = sqlite3.connect(tmp_path / "data.db")
    assert [r[0] for r in conn.execute("SELECT body FROM notes ORDER BY id")] == HOSTILE
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.fixture
def broken(tmp_path) -> sd.Corpus:
    """A corpus whose second table repeats a primary key, so every database refuses it."""
    corpus = hostile_corpus(tmp_path / "broken")
    part = corpus.tables["notes"][0]
    frame = pl.read_parquet(part)
    frame.with_columns(pl.lit(1, dtype=pl.Int64).alias("id")).write_parquet(part)
    return corpus


def test_failed_load_leaves_nothing_behind(broken, tmp_path, pg_schema, mysql_db):
    import psycopg

    with pytest.raises(LoadError, match="PostgreSQL refused the data"):
        sd.load(broken, pg_schema[1])
    with psycopg.connect(pg_schema[1]) as conn:
        assert (
            conn.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchone()[0]
            == 0
        )
    with pytest.raises(LoadError, match="MySQL refused the data"):
        sd.load(broken, f"mysql://root@127.0.0.1:3306/{mysql_db}")
    conn = _mysql(mysql_db)
    with conn.cursor() as cur:
        cur.execute("SHOW TABLES")
        assert cur.fetchall() == ()
    conn.close()
    db = tmp_path / "broken.db"
    with pytest.raises(LoadError, match="SQLite refused the data"):
        sd.load(broken, f"sqlite:///{db}")
    assert sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_bad_url():
    with pytest.raises(sd.InvalidInputError, match="Unsupported database URL scheme 'oracle'"):
        sd.load(None, "oracle://x")  # type: ignore[arg-type]
