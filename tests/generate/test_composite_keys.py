"""Composite primary keys and composite foreign keys: schema options, generation, validation."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from pydantic import ValidationError

import synthdata as sd
from synthdata.errors import InvalidInputError


def _airports(n: int = 40) -> sd.Schema:
    return sd.Schema.model_validate(
        {
            "name": "airports",
            "volume": n,
            "fields": [{"name": "faa", "type": "CODE", "primary_key": True, "pattern": "???"}],
        }
    )


def _weather(volume: int, *, counts: dict[int, float] | None = None) -> sd.Schema:
    origin: dict = {"name": "origin", "type": "CODE", "references": "airports.faa"}
    if counts is not None:
        origin["cardinality"] = {"counts": counts}
    return sd.Schema.model_validate(
        {
            "name": "weather",
            "volume": volume,
            "primary_key": ["origin", "time_hour"],
            "fields": [
                origin,
                {
                    "name": "time_hour",
                    "type": "DATETIME",
                    "min": "2013-01-01T00:00:00",
                    "max": "2013-01-31T23:00:00",
                    "step": "1 hour",
                },
                {"name": "temp", "type": "FLOAT", "min": -10, "max": 30},
            ],
        }
    )


def _flights(volume: int, *, null_rate: float | None = None, zipf: bool = False) -> sd.Schema:
    nullable = {"required": False, "null_rate": null_rate} if null_rate else {}
    key: dict = {"fields": ["origin", "time_hour"], "parent": "weather"}
    if zipf:
        key["cardinality"] = {"distribution": "zipf"}
    return sd.Schema.model_validate(
        {
            "name": "flights",
            "volume": volume,
            "fields": [
                {"name": "id", "type": "INTEGER"},
                {"name": "origin", "type": "CODE", **nullable},
                {"name": "time_hour", "type": "DATETIME", **nullable},
                {"name": "delay", "type": "INTEGER", "min": 0, "max": 300},
            ],
            "composite_foreign_keys": [key],
        }
    )


def _digest(corpus: sd.Corpus) -> str:
    h = hashlib.sha256()
    for name in sorted(corpus.tables):
        h.update(corpus.frame(name).collect().write_csv().encode())
    return h.hexdigest()


def _assert_keys_hold(corpus: sd.Corpus) -> None:
    weather = corpus.frame("weather").collect()
    flights = corpus.frame("flights").collect()
    assert weather.select("origin", "time_hour").is_duplicated().sum() == 0
    assert weather["origin"].null_count() == weather["time_hour"].null_count() == 0
    present = flights.drop_nulls(["origin", "time_hour"])
    orphans = present.join(weather, on=["origin", "time_hour"], how="anti")
    assert orphans.height == 0
    # all or nothing: a row's key is null in both fields or in neither
    assert (flights["origin"].is_null() == flights["time_hour"].is_null()).all()
    airports = corpus.frame("airports").collect()["faa"]
    assert weather["origin"].is_in(airports.implode()).all()
    assert flights["origin"].drop_nulls().is_in(airports.implode()).all()
    report = sd.validate(corpus)
    assert report.ok, report.summary()


# --- schema options -----------------------------------------------------------------------------


def test_primary_key_as_a_list_is_the_composite_key_and_dumps_round_trip():
    w = _weather(10)
    assert w.composite_key == ["origin", "time_hour"]
    assert w.primary_key is None
    assert w.key_fields == ["origin", "time_hour"]
    assert not any(f.primary_key for f in w.fields)  # neither column is unique alone
    assert all(w.field(n).required for n in w.composite_key)
    again = sd.Schema.model_validate(w.model_dump(mode="json"))
    assert again == w
    f = _flights(10, null_rate=0.2)
    (fk,) = f.composite_foreign_keys
    assert fk.referenced == ["origin", "time_hour"]
    assert fk.optional  # a nullable field makes the key optional, every field at one rate
    assert {f.field(n).null_rate for n in fk.fields} == {0.2}
    assert sd.Schema.model_validate(f.model_dump(mode="json")) == f


def test_schemas_without_composite_keys_dump_as_before():
    dumped = _airports().model_dump(mode="json")
    assert "composite_key" not in dumped
    assert "composite_foreign_keys" not in dumped
    assert "step" not in dumped["fields"][0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"primary_key": ["origin", "nope"]}, "composite_key .* names unknown field 'nope'"),
        ({"primary_key": ["origin", "origin"]}, "two or more different fields"),
        (
            {"composite_key": ["origin", "time_hour"], "primary_key": "origin"},
            "a table has one primary key",
        ),
    ],
)
def test_bad_composite_keys_are_refused(change, message):
    data = _weather(10).model_dump(mode="json")
    data.pop("composite_key")
    data |= change
    with pytest.raises(ValidationError, match=message):
        sd.Schema.model_validate(data)


def test_step_only_on_composite_key_dates():
    with pytest.raises(ValidationError, match="step applies to DATE and DATETIME"):
        sd.Field(name="n", type="INTEGER", step="1 hour")
    with pytest.raises(ValidationError, match="positive whole number"):
        sd.Field(name="t", type="DATETIME", step="1 fortnight")
    with pytest.raises(ValidationError, match="a DATE steps by whole days"):
        sd.Field(name="d", type="DATE", step="6 hours")
    with pytest.raises(ValidationError, match="only a field of the composite_key"):
        sd.Schema(name="t", fields=[{"name": "at", "type": "DATETIME", "step": "1 hour"}])


def test_composite_foreign_key_must_reach_the_parents_composite_key():
    bad = _flights(10).model_dump(mode="json")
    bad["composite_foreign_keys"][0]["parent_fields"] = ["origin", "temp"]
    with pytest.raises(InvalidInputError, match=r"must reference the composite key of 'weather'"):
        sd.generate([_airports(), _weather(50), sd.Schema.model_validate(bad)], out_dir=None)
    typed = _flights(10).model_dump(mode="json")
    typed["fields"][2]["type"] = "DATE"
    with pytest.raises(InvalidInputError, match=r"'time_hour' is DATE but 'weather.time_hour'"):
        sd.check_schemas([_airports(), _weather(50), sd.Schema.model_validate(typed)])


def test_a_field_with_its_own_key_must_agree_with_the_composite_one():
    data = _flights(10).model_dump(mode="json")
    data["fields"][1]["references"] = "other.faa"
    other = sd.Schema(name="other", fields=[{"name": "faa", "type": "CODE", "primary_key": True}])
    with pytest.raises(InvalidInputError, match=r"'origin' also references other.faa"):
        sd.check_schemas([_airports(), other, _weather(50), sd.Schema.model_validate(data)])


# --- generation ---------------------------------------------------------------------------------


def test_a_column_without_finite_values_is_refused_naming_it(tmp_path):
    data = _weather(10).model_dump(mode="json")
    data["fields"][1].pop("step")
    with pytest.raises(InvalidInputError, match=r"composite key column 'time_hour'.*step"):
        sd.generate([_airports(), sd.Schema.model_validate(data)], out_dir=tmp_path)
    data = _weather(10).model_dump(mode="json")
    data["fields"][2] |= {"min": None, "max": None}
    data["composite_key"] = ["origin", "temp"]
    data["fields"][1].pop("step")
    with pytest.raises(InvalidInputError, match="column 'temp': FLOAT has no finite set"):
        sd.generate([_airports(), sd.Schema.model_validate(data)], out_dir=tmp_path)


def test_more_rows_than_combinations_is_refused(tmp_path):
    with pytest.raises(InvalidInputError, match=r"needs 30000 distinct \(origin, time_hour\)"):
        sd.generate([_airports(40), _weather(30_000)], out_dir=tmp_path)
    with pytest.raises(InvalidInputError, match=r"allow only 744 per 'origin'"):
        sd.generate([_airports(4), _weather(1_600, counts={0: 0.5, 800: 0.5})], out_dir=tmp_path)


def test_an_allocated_anchor_keeps_each_parents_rows_distinct_and_contiguous(tmp_path):
    corpus = sd.generate(
        [_airports(40), _weather(1_400, counts={0: 0.95, 700: 0.05}), _flights(5_000)],
        seed=4,
        out_dir=tmp_path,
    )
    _assert_keys_hold(corpus)
    weather = corpus.frame("weather").collect()
    per_origin = weather.group_by("origin").len()
    assert per_origin.height == 2
    assert set(per_origin["len"]) == {700}
    # consecutive hours from an offset (wrapping round the month)
    for (_,), rows in weather.group_by("origin"):
        hours = rows["time_hour"].sort().diff().drop_nulls().dt.total_hours()
        assert (hours == 1).sum() >= len(hours) - 1


def test_composite_key_of_listed_values_numbers_and_dates(tmp_path):
    s = sd.Schema.model_validate(
        {
            "name": "slots",
            "volume": 500,
            "primary_key": ["room", "day", "period", "open"],
            "fields": [
                {"name": "room", "type": "ENUM", "enum_values": ["a", "b", "c"]},
                {"name": "day", "type": "DATE", "min": "2024-01-01", "max": "2024-03-31"},
                {"name": "period", "type": "INTEGER", "min": 1, "max": 3},
                {"name": "open", "type": "BOOLEAN"},
                {"name": "code", "type": "CODE", "pattern": "##"},
            ],
        }
    )
    frame = sd.generate([s], seed=1, out_dir=tmp_path).frame("slots").collect()
    assert frame.select(s.composite_key).is_duplicated().sum() == 0
    assert set(frame["room"]) <= {"a", "b", "c"}
    assert frame["period"].min() >= 1
    assert frame["period"].max() <= 3
    assert frame["day"].dtype == pl.Date
    assert str(frame["day"].min()) >= "2024-01-01"
    assert str(frame["day"].max()) <= "2024-03-31"
    assert sd.validate(sd.generate([s], seed=1, out_dir=tmp_path / "b")).ok


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 2**32),
    weather=st.integers(1, 1_500),
    flights=st.integers(0, 3_000),
    null_rate=st.sampled_from([None, 0.3]),
    zipf=st.booleans(),
    anchored=st.booleans(),
)
def test_keys_hold_and_bytes_do_not_depend_on_batches_or_workers(
    tmp_path_factory, seed, weather, flights, null_rate, zipf, anchored
):
    counts = {0: 0.5, 2 * weather // 40 + 1: 0.5} if anchored else None
    schemas = [
        _airports(40),
        _weather(weather, counts=counts),
        _flights(flights, null_rate=null_rate, zipf=zipf),
    ]
    a = sd.generate(schemas, seed=seed, out_dir=tmp_path_factory.mktemp("a"), workers=1)
    _assert_keys_hold(a)
    b = sd.generate(
        schemas, seed=seed, out_dir=tmp_path_factory.mktemp("b"), batch_size=333, workers=4
    )
    assert _digest(a) == _digest(b)


def test_same_bytes_with_dask(tmp_path):
    pytest.importorskip("dask.distributed")
    from dask.distributed import Client, LocalCluster

    schemas = [_airports(40), _weather(1_000, counts={0: 0.5, 50: 0.5}), _flights(4_000)]
    local = sd.generate(schemas, seed=9, out_dir=tmp_path / "local", batch_size=700)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False) as cluster,
        Client(cluster) as client,
    ):
        dask = sd.generate(
            schemas, seed=9, out_dir=tmp_path / "dask", batch_size=700, executor=client
        )
    assert _digest(local) == _digest(dask)


def test_scale_keeps_keys(tmp_path):
    schemas = [_airports(40), _weather(600, counts={0: 0.9, 150: 0.1}), _flights(2_000)]
    corpus = sd.generate(schemas, seed=2, scale=3, out_dir=tmp_path)
    assert corpus.row_counts["weather"] == 1_800
    _assert_keys_hold(corpus)


def test_sql_export_loads_into_sqlite_with_keys_enforced(tmp_path: Path):
    import sqlite3

    corpus = sd.generate(
        [_airports(40), _weather(300), _flights(1_000, null_rate=0.1)], seed=3, out_dir=tmp_path
    )
    paths = sd.export(corpus, "sql", tmp_path / "sql", sql_dialect="sqlite")
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.execute("PRAGMA foreign_keys = ON")
    for name in ("airports", "weather", "flights"):
        conn.executescript(paths[name].read_text())
    ddl = paths["flights"].read_text()
    assert 'FOREIGN KEY ("origin", "time_hour") REFERENCES "weather" ("origin", "time_hour")' in ddl
    assert 'PRIMARY KEY ("origin", "time_hour")' in paths["weather"].read_text()
    assert conn.execute("SELECT count(*) FROM flights").fetchone()[0] == 1_000
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO weather SELECT * FROM weather LIMIT 1")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO flights (id, origin, time_hour, delay) "
            "SELECT 99999, origin, '1999-01-01 00:00:00', 1 FROM weather LIMIT 1"
        )
    conn.close()
    loaded = sd.load(corpus, f"sqlite:///{tmp_path / 'loaded.db'}")
    assert loaded == {"airports": 40, "weather": 300, "flights": 1_000}


@pytest.mark.db
def test_load_into_postgresql_and_mariadb_enforces_composite_keys(tmp_path):
    import uuid

    import psycopg
    import pymysql

    corpus = sd.generate(
        [_airports(40), _weather(300), _flights(1_000, null_rate=0.1)], seed=5, out_dir=tmp_path
    )
    name = f"t_{uuid.uuid4().hex[:12]}"
    pg = "postgresql://postgres@127.0.0.1:5432/test"
    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    try:
        url = f"{pg}?options=-csearch_path%3D{name}"
        assert sd.load(corpus, url)["flights"] == 1_000
        with psycopg.connect(url, autocommit=True) as conn:
            with pytest.raises(psycopg.errors.ForeignKeyViolation):
                conn.execute(
                    "INSERT INTO flights (id, origin, time_hour, delay) "
                    "SELECT 99999, origin, '1999-01-01', 1 FROM weather LIMIT 1"
                )
            with pytest.raises(psycopg.errors.UniqueViolation):
                conn.execute("INSERT INTO weather SELECT * FROM weather LIMIT 1")
    finally:
        with psycopg.connect(pg, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")
    mysql = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}
    admin = pymysql.connect(**mysql, autocommit=True)
    admin.cursor().execute(f"CREATE DATABASE {name} CHARACTER SET utf8mb4")
    try:
        assert sd.load(corpus, f"mysql://root@127.0.0.1:3306/{name}")["weather"] == 300
        conn = pymysql.connect(**mysql, database=name, autocommit=True)
        with pytest.raises(pymysql.err.IntegrityError):
            conn.cursor().execute(
                "INSERT INTO flights (id, origin, time_hour, delay) "
                "SELECT 99999, origin, '1999-01-01', 1 FROM weather LIMIT 1"
            )
        with pytest.raises(pymysql.err.IntegrityError):
            conn.cursor().execute("INSERT INTO weather SELECT * FROM weather LIMIT 1")
        conn.close()
    finally:
        admin.cursor().execute(f"DROP DATABASE {name}")
        admin.close()
