"""``quantiles_by``: a category drives a number. Rows draw from the quantiles listed for their
driving column's value (the field's own quantiles for values not listed, and for nulls); every
row valid, the same bytes for any batch size and worker count; clear errors for bad options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

import synthdata as sd
from synthdata.errors import InvalidInputError

BY = {
    "column": "origin",
    "quantiles": {"EWR": [0, 5, 10], "JFK": [100, 101, 102, 110]},
}


def _schemas(by: dict[str, Any] = BY, volume: int = 20_000, **more: Any) -> list[sd.Schema]:
    return sd.load_schemas(
        [
            {
                "name": "flights",
                "volume": volume,
                "fields": [
                    {"name": "id", "type": "INTEGER", "primary_key": True},
                    # The driven field comes before its driver: generation orders them.
                    {
                        "name": "distance",
                        "type": more.pop("kind", "INTEGER"),
                        "quantiles": more.pop("own", [1000, 1010]),
                        "quantiles_by": by,
                        **more,
                    },
                    {
                        "name": "origin",
                        "type": "STRING",
                        "values": ["EWR", "JFK", "LGA"],
                        "weights": [2, 1, 1],
                        "required": False,
                        "null_rate": 0.1,
                    },
                ],
            }
        ]
    )


def _csv(tmp_path: Path, schemas: list[sd.Schema], **options: Any) -> dict[str, bytes]:
    out = tmp_path / "-".join(f"{k}{v}" for k, v in options.items())
    corpus = sd.generate(schemas, out_dir=out, format="csv", seed=5, **options)
    assert sd.validate(corpus).ok
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.csv"))}


def test_each_category_draws_from_its_own_quantiles(tmp_path: Path):
    frame = sd.generate(_schemas(), seed=1, out_dir=tmp_path).frame("flights").collect()
    by = {
        str(origin): group["distance"]
        for (origin,), group in frame.group_by("origin", maintain_order=True)
    }
    assert by["EWR"].min() >= 0
    assert by["EWR"].max() <= 10
    assert abs(by["EWR"].median() - 5) <= 1
    assert by["JFK"].min() >= 100
    assert by["JFK"].max() <= 110
    # Three quarters of JFK's rows lie in 100..102 (two of its three steps).
    assert abs((by["JFK"] <= 102).mean() - 2 / 3) < 0.03
    # Values not listed, and nulls, draw from the field's own quantiles.
    assert by["LGA"].min() >= 1000
    assert by["LGA"].max() <= 1010
    assert by["None"].min() >= 1000
    assert frame.height == 20_000


def test_same_bytes_for_any_batch_size_and_workers(tmp_path: Path):
    schemas = _schemas(volume=5_000)
    one = _csv(tmp_path, schemas, workers=1, batch_size=50_000)
    many = _csv(tmp_path, schemas, workers=4, batch_size=333)
    assert one == many


def test_dates_and_floats(tmp_path: Path):
    dates = _schemas(
        {"column": "origin", "quantiles": {"JFK": ["2020-01-01", "2020-01-31"]}},
        kind="DATE",
        own=["2023-05-01", "2023-05-02"],
    )
    frame = sd.generate(dates, seed=2, out_dir=tmp_path / "d").frame("flights").collect()
    jfk = frame.filter(pl.col("origin") == "JFK")["distance"]
    assert jfk.dtype == pl.Date
    assert str(jfk.min()) >= "2020-01-01"
    assert str(jfk.max()) <= "2020-01-31"
    floats = _schemas(
        {"column": "origin", "quantiles": {"EWR": [0.000101, 0.000199]}}, kind="FLOAT"
    )
    frame = sd.generate(floats, seed=2, out_dir=tmp_path / "f").frame("flights").collect()
    ewr = frame.filter(pl.col("origin") == "EWR")["distance"].to_numpy()
    assert (ewr >= 0.000101).all()
    assert (ewr <= 0.000199).all()
    assert len(np.unique(ewr)) > 50


def test_a_whole_number_driver(tmp_path: Path):
    schemas = sd.load_schemas(
        [
            {
                "name": "planes",
                "volume": 3_000,
                "fields": [
                    {
                        "name": "engines",
                        "type": "INTEGER",
                        "values": [1, 2, 4],
                        "weights": [1, 5, 1],
                    },
                    {
                        "name": "seats",
                        "type": "INTEGER",
                        "quantiles": [50, 200],
                        "quantiles_by": {"column": "engines", "quantiles": {"1": [2, 10]}},
                    },
                ],
            }
        ]
    )
    frame = sd.generate(schemas, seed=3, out_dir=tmp_path).frame("planes").collect()
    one = frame.filter(pl.col("engines") == 1)["seats"]
    rest = frame.filter(pl.col("engines") != 1)["seats"]
    assert one.max() <= 10
    assert rest.min() >= 50


@pytest.mark.parametrize(
    ("by", "more", "message"),
    [
        (BY, {"own": None}, "quantiles_by needs quantiles too"),
        ({"column": "distance", "quantiles": {"a": [1, 2]}}, {}, "another field"),
        ({"column": "origin", "quantiles": {}}, {}, "1 to 10000 values"),
        ({"column": "origin", "quantiles": {"EWR": [5]}}, {}, r"quantiles_by.quantiles\['EWR'\]"),
        ({"column": "origin", "quantiles": {"EWR": [5, 3]}}, {}, "must not decrease"),
        ({"column": "origin", "quantiles": {"EWR": [5, "x"]}}, {}, "not a valid INTEGER"),
        ({"column": "origin", "quantiles": {"EWR": [1, 5000]}}, {"max": 2000}, "beyond min"),
        ({"column": "nowhere", "quantiles": {"EWR": [1, 2]}}, {}, "unknown field 'nowhere'"),
        ({"column": "origin", "quantiles": {"EWR": [1, 2]}, "typo": 1}, {}, "typo"),
    ],
)
def test_clear_errors(by: dict[str, Any], more: dict[str, Any], message: str):
    with pytest.raises(InvalidInputError, match=message):
        _schemas(by, **more)


def test_only_on_orderable_types():
    with pytest.raises(InvalidInputError, match="quantiles apply to numbers"):
        _schemas(BY, kind="STRING")
