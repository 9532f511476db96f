"""Large tables are profiled from a sample: shapes from about ``sample_rows`` rows, row counts and
children per parent counted exactly by the database (a low threshold stands in for a big table)."""

from __future__ import annotations

import sqlite3

import numpy as np
import polars as pl
import pytest

import synthdata as sd
from synthdata.profile import profile as profile_module
from synthdata.profile.relations import child_counts, pooled_counts
from synthdata.profile.sources import read_source
from tests.profile.test_sources import MYSQL, PG, mysql_db, pg_schema

__all__ = ["mysql_db", "pg_schema"]  # fixtures used here

PARENTS, CHILDREN = 60, 3_000


def _tables() -> dict[str, pl.DataFrame]:
    rng = np.random.default_rng(7)
    # A skewed fan-out with parents that have no children at all.
    owner = rng.zipf(1.6, CHILDREN) % (PARENTS - 10) + 1
    return {
        "shops": pl.DataFrame({"id": range(1, PARENTS + 1), "kind": ["a", "b", "c"] * 20}),
        "sales": pl.DataFrame(
            {
                "id": range(1, CHILDREN + 1),
                "shop_id": owner.tolist(),
                "amount": np.round(rng.lognormal(3, 1, CHILDREN), 2).tolist(),
                "status": rng.choice(["new", "paid", "sent"], CHILDREN, p=[0.2, 0.3, 0.5]).tolist(),
            }
        ),
    }


DDL = {
    "shops": "CREATE TABLE shops (id INTEGER PRIMARY KEY, kind VARCHAR(10) NOT NULL)",
    "sales": "CREATE TABLE sales (id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL "
    "REFERENCES shops (id), amount DOUBLE PRECISION, status VARCHAR(10))",
}


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    path = tmp_path / "shop.db"
    conn = sqlite3.connect(path)
    for name, frame in _tables().items():
        conn.execute(DDL[name])
        conn.executemany(
            f"INSERT INTO {name} VALUES ({', '.join('?' * frame.width)})", frame.rows()
        )
    conn.commit()
    conn.close()
    return f"sqlite:///{path}"


def _of(schemas: list[sd.Schema], name: str) -> sd.Schema:
    return next(s for s in schemas if s.name == name)


def _exact_counts() -> dict[int, float]:
    t = _tables()
    return child_counts(t["sales"]["shop_id"], t["shops"]["id"], 5)


def _check(url: str, around: bool) -> None:
    source = read_source(url, sample_rows=500, seed=1)
    rows = source.tables["sales"].height
    assert source.meta["sales"].row_count == CHILDREN
    assert 400 <= rows <= 600 if around else rows == 500
    assert source.tables["shops"].height == PARENTS  # below the threshold: every row
    # Children per parent come from the database over every row, not from the sample.
    hist = source.fan_out[("sales", "shop_id")]
    assert sum(p for _, p in hist) == PARENTS
    assert sum(n * p for n, p in hist) == CHILDREN
    assert pooled_counts(hist, 5) == _exact_counts()
    schemas = sd.profile(url, sample_rows=500)
    sales = _of(schemas, "sales")
    assert sales.volume == CHILDREN
    assert "measured on" in sales.description
    card = sales.field("shop_id").cardinality
    assert card is not None
    assert card.counts == _exact_counts()
    whole = sd.profile(url)  # below the default threshold: every row, the same counts
    assert _of(whole, "sales").field("shop_id").cardinality == card
    assert read_source(url).fan_out == {}


def test_sqlite_large_table_is_sampled(sqlite_url):
    _check(sqlite_url, around=False)


def test_default_threshold(sqlite_url, monkeypatch):
    """Without sample_rows, tables above SAMPLE_ROWS are sampled (lowered here to 1,000)."""
    monkeypatch.setattr(profile_module, "SAMPLE_ROWS", 1_000)
    schemas = sd.profile(sqlite_url)
    assert "1,000 sampled rows" in _of(schemas, "sales").description
    assert "sampled" not in _of(schemas, "shops").description
    assert _of(schemas, "sales").field("shop_id").cardinality.counts == _exact_counts()


@pytest.mark.db
def test_postgresql_large_table_is_sampled(pg_schema):
    psycopg = pytest.importorskip("psycopg")
    url = f"{PG}?options=-csearch_path%3D{pg_schema}"
    with psycopg.connect(url, autocommit=True) as conn:
        for name in ("shops", "sales"):
            conn.execute(DDL[name])
            with conn.cursor() as cur:
                frame = _tables()[name]
                marks = ", ".join(["%s"] * frame.width)
                cur.executemany(f"INSERT INTO {name} VALUES ({marks})", frame.rows())
    _check(url, around=True)
    # The same seed gives the same sample (REPEATABLE).
    a = read_source(url, sample_rows=500, seed=4).tables["sales"]
    b = read_source(url, sample_rows=500, seed=4).tables["sales"]
    assert a.equals(b)


@pytest.mark.db
def test_mariadb_large_table_is_sampled(mysql_db):
    pymysql = pytest.importorskip("pymysql")
    conn = pymysql.connect(**MYSQL, database=mysql_db, autocommit=True)
    with conn.cursor() as cur:
        for name in ("shops", "sales"):
            cur.execute(DDL[name].replace("DOUBLE PRECISION", "DOUBLE"))
            frame = _tables()[name]
            marks = ", ".join(["%s"] * frame.width)
            cur.executemany(f"INSERT INTO {name} VALUES ({marks})", frame.rows())
    conn.close()
    _check(f"mysql://root@127.0.0.1:3306/{mysql_db}", around=True)
