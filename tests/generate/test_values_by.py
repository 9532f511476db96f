"""``values_by``: a category drives another. Rows pick this field's listed values at the
weights listed for their driving column's value (the field's own weights for values not listed,
and for nulls); every row valid, the same bytes for any batch size and worker count; clear
errors for bad options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

import synthdata as sd
from synthdata.errors import InvalidInputError

BY = {"column": "origin", "weights": {"EWR": [1, 0, 0], "JFK": [1, 2, 7]}}
CARRIERS = ["UA", "B6", "DL"]


def _schemas(by: dict[str, Any] | None = BY, volume: int = 20_000, **more: Any) -> list[sd.Schema]:
    carrier: dict[str, Any] = {"name": "carrier", "type": more.pop("kind", "STRING")}
    if carrier["type"] == "ENUM":
        carrier |= {"enum_values": CARRIERS, "enum_weights": more.pop("own", [1, 1, 2])}
    else:
        carrier |= {"values": CARRIERS, "weights": more.pop("own", [1, 1, 2])}
    if by is not None:
        carrier["values_by"] = by
    return sd.load_schemas(
        [
            {
                "name": "flights",
                "volume": volume,
                "fields": [
                    {"name": "id", "type": "INTEGER", "primary_key": True},
                    # The driven field comes before its driver: generation orders them.
                    carrier | more,
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


def _shares(frame: pl.DataFrame, origin: str | None) -> list[float]:
    rows = frame.filter(
        pl.col("origin").is_null() if origin is None else pl.col("origin") == origin
    )
    return [float((rows["carrier"] == c).mean()) for c in CARRIERS]  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["STRING", "ENUM"])
def test_each_value_picks_at_its_own_weights(tmp_path: Path, kind: str):
    frame = sd.generate(_schemas(kind=kind), seed=1, out_dir=tmp_path).frame("flights").collect()
    assert _shares(frame, "EWR") == [1.0, 0.0, 0.0]
    assert np.allclose(_shares(frame, "JFK"), [0.1, 0.2, 0.7], atol=0.02)
    # Values not listed, and nulls, pick at the field's own weights.
    assert np.allclose(_shares(frame, "LGA"), [0.25, 0.25, 0.5], atol=0.03)
    assert np.allclose(_shares(frame, None), [0.25, 0.25, 0.5], atol=0.04)
    assert frame.height == 20_000


def test_same_bytes_for_any_batch_size_and_workers(tmp_path: Path):
    schemas = _schemas(volume=5_000)
    one = _csv(tmp_path, schemas, workers=1, batch_size=50_000)
    many = _csv(tmp_path, schemas, workers=4, batch_size=333)
    assert one == many


def test_schemas_without_it_dump_as_before():
    plain = _schemas(None)[0].field("carrier")
    assert "values_by" not in plain.model_dump()
    driven = _schemas()[0].field("carrier")
    assert driven.model_dump()["values_by"] == {
        "column": "origin",
        "weights": {"EWR": [1.0, 0.0, 0.0], "JFK": [1.0, 2.0, 7.0]},
    }


def test_a_contingency_table_is_reproduced(tmp_path: Path):
    """The joint of two categories, written as values_by, comes back within a small total
    variation distance (and far from the independent joint)."""
    rng = np.random.default_rng(7)
    origins, dests = ["EWR", "JFK", "LGA"], ["ATL", "BOS", "LAX", "MIA", "ORD"]
    joint = rng.dirichlet(np.full(15, 0.5)).reshape(3, 5)
    schemas = sd.load_schemas(
        [
            {
                "name": "trips",
                "volume": 50_000,
                "fields": [
                    {
                        "name": "origin",
                        "type": "STRING",
                        "values": origins,
                        "weights": joint.sum(axis=1).tolist(),
                    },
                    {
                        "name": "dest",
                        "type": "STRING",
                        "values": dests,
                        "weights": joint.sum(axis=0).tolist(),
                        "values_by": {
                            "column": "origin",
                            "weights": {o: joint[i].tolist() for i, o in enumerate(origins)},
                        },
                    },
                ],
            }
        ]
    )
    made = sd.generate(schemas, seed=9, out_dir=tmp_path).frame("trips").collect()
    counts = made.group_by("origin", "dest").len()
    got = np.zeros((3, 5))
    for o, d, n in counts.iter_rows():
        got[origins.index(o), dests.index(d)] = n
    got /= got.sum()
    assert 0.5 * np.abs(got - joint).sum() < 0.02
    independent = np.outer(joint.sum(axis=1), joint.sum(axis=0))
    assert 0.5 * np.abs(independent - joint).sum() > 0.1


def test_a_whole_number_and_boolean_driver(tmp_path: Path):
    schemas = sd.load_schemas(
        [
            {
                "name": "planes",
                "volume": 3_000,
                "fields": [
                    {"name": "engines", "type": "INTEGER", "values": [1, 2], "weights": [1, 3]},
                    {"name": "jet", "type": "BOOLEAN"},
                    {
                        "name": "kind",
                        "type": "ENUM",
                        "enum_values": ["prop", "jet"],
                        "values_by": {"column": "engines", "weights": {"1": [1, 0], "2": [0, 1]}},
                    },
                    {
                        "name": "size",
                        "type": "STRING",
                        "values": ["small", "big"],
                        "values_by": {"column": "jet", "weights": {"true": [0, 1]}},
                    },
                ],
            }
        ]
    )
    frame = sd.generate(schemas, seed=3, out_dir=tmp_path).frame("planes").collect()
    assert (frame.filter(pl.col("engines") == 1)["kind"] == "prop").all()
    assert (frame.filter(pl.col("engines") == 2)["kind"] == "jet").all()
    assert (frame.filter(pl.col("jet"))["size"] == "big").all()
    assert (frame.filter(~pl.col("jet"))["size"] == "small").any()


@pytest.mark.parametrize(
    ("by", "more", "message"),
    [
        ({"column": "carrier", "weights": {"a": [1, 1, 1]}}, {}, "another field"),
        ({"column": "origin", "weights": {}}, {}, "1 to 10000 values"),
        ({"column": "origin", "weights": {"EWR": [1, 2]}}, {}, r"values_by.weights\['EWR'\]"),
        ({"column": "origin", "weights": {"EWR": [1, -2, 3]}}, {}, "non-negative"),
        ({"column": "origin", "weights": {"EWR": [0, 0, 0]}}, {}, "positive sum"),
        ({"column": "nowhere", "weights": {"EWR": [1, 1, 1]}}, {}, "unknown field 'nowhere'"),
        ({"column": "origin", "weights": {"EWR": [1, 1, 1]}, "typo": 1}, {}, "typo"),
    ],
)
def test_clear_errors(by: dict[str, Any], more: dict[str, Any], message: str):
    with pytest.raises(InvalidInputError, match=message):
        _schemas(by, **more)


def test_needs_listed_values():
    with pytest.raises(InvalidInputError, match="values_by needs the field's own values"):
        sd.load_schemas(
            [
                {
                    "name": "t",
                    "fields": [
                        {"name": "a", "type": "STRING", "values": ["x"]},
                        {
                            "name": "b",
                            "type": "STRING",
                            "values_by": {"column": "a", "weights": {"x": [1]}},
                        },
                    ],
                }
            ]
        )


def test_a_cycle_is_an_error(tmp_path: Path):
    with pytest.raises(InvalidInputError, match="cycle"):
        sd.generate(
            sd.load_schemas(
                [
                    {
                        "name": "t",
                        "volume": 10,
                        "fields": [
                            {
                                "name": "a",
                                "type": "STRING",
                                "values": ["x", "y"],
                                "values_by": {"column": "b", "weights": {"x": [1, 0]}},
                            },
                            {
                                "name": "b",
                                "type": "STRING",
                                "values": ["x", "y"],
                                "values_by": {"column": "a", "weights": {"x": [1, 0]}},
                            },
                        ],
                    }
                ]
            ),
            seed=1,
            out_dir=tmp_path,
        )
