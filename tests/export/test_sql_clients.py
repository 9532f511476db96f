"""SQL files run in each database's own command-line client, hostile values and all."""

import os
import sqlite3
import subprocess
import uuid

import pytest

import synthdata as sd
from tests.hostile import HOSTILE, hostile_corpus

pytestmark = pytest.mark.db
PG = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> sd.Corpus:
    return hostile_corpus(tmp_path_factory.mktemp("hostile"))


def _run(command: list[str], path, env: dict[str, str] | None = None) -> None:
    with path.open("rb") as handle:
        result = subprocess.run(
            command,
            stdin=handle,
            capture_output=True,
            timeout=60,
            env={**os.environ, **(env or {})},
            check=False,
        )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"ERROR" not in result.stderr, result.stderr.decode(errors="replace")


def test_every_file_says_its_encoding(corpus, tmp_path):
    """MySQL files start with SET NAMES utf8mb4 and make utf8mb4 tables; PostgreSQL's set UTF8."""
    mysql = sd.export(corpus, "sql", tmp_path / "m", sql_dialect="mysql")["notes"].read_text()
    assert mysql.startswith("SET NAMES utf8mb4;\n")
    assert "DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;" in mysql
    pg = sd.export(corpus, "sql", tmp_path / "p", sql_dialect="postgresql")["notes"].read_text()
    assert pg.startswith("SET client_encoding = 'UTF8';\n")


def test_psql_loads_the_postgresql_files(corpus, tmp_path):
    import psycopg

    paths = sd.export(corpus, "sql", tmp_path, sql_dialect="postgresql")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        for name in ("authors", "notes"):
            _run(
                ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", PG],
                paths[name],
                # A client whose locale is not UTF-8 must still read the file right.
                {"PGOPTIONS": f"-csearch_path={schema}", "PGCLIENTENCODING": "LATIN1"},
            )
        with psycopg.connect(PG, autocommit=True) as conn:
            rows = conn.execute(f"SELECT body FROM {schema}.notes ORDER BY id").fetchall()
        assert [r[0] for r in rows] == [v.replace("\x00", "") for v in HOSTILE]
    finally:
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def test_mariadb_client_loads_the_mysql_files(corpus, tmp_path):
    """4-byte UTF-8 (emoji) loads: no ERROR 1366 'Incorrect string value'."""
    import pymysql

    paths = sd.export(corpus, "sql", tmp_path, sql_dialect="mysql")
    db = f"t_{uuid.uuid4().hex[:12]}"
    admin = pymysql.connect(host="127.0.0.1", port=3306, user="root", password="", autocommit=True)
    # A database created with the server's defaults (not utf8mb4) and a latin1 client.
    admin.cursor().execute(f"CREATE DATABASE {db} CHARACTER SET latin1")
    try:
        client = ["mariadb", "-h", "127.0.0.1", "-P", "3306", "-u", "root"]
        for name in ("authors", "notes"):
            _run([*client, "--default-character-set=latin1", db], paths[name])
        conn = pymysql.connect(
            host="127.0.0.1", port=3306, user="root", password="", database=db, charset="utf8mb4"
        )
        with conn.cursor() as cursor:
            cursor.execute("SELECT body FROM notes ORDER BY id")
            assert [r[0] for r in cursor.fetchall()] == HOSTILE
        conn.close()
    finally:
        admin.cursor().execute(f"DROP DATABASE {db}")
        admin.close()


def test_sqlite3_shell_loads_the_sqlite_files(corpus, tmp_path):
    paths = sd.export(corpus, "sql", tmp_path, sql_dialect="sqlite")
    database = tmp_path / "x.db"
    for name in ("authors", "notes"):
        _run(["sqlite3", "-bail", str(database)], paths[name])
    with sqlite3.connect(database) as conn:
        rows = conn.execute("SELECT body FROM notes ORDER BY id").fetchall()
    assert [r[0] for r in rows] == [v.replace("\x00", "") for v in HOSTILE]
