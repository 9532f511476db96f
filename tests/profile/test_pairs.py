"""Two categories that co-occur: the profile writes ``values_by`` when they are associated
(Cramér's V ≥ 0.3), per driving value with enough rows, with no weight from fewer than k rows,
and the regenerated rows keep the contingency table."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

import synthdata as sd
from synthdata.profile.dependencies import _cramers_v

ORIGINS = ["EWR", "JFK", "LGA", "SWF"]
CARRIERS = ["UA", "B6", "DL", "AA", "WN", "XX"]
#: Carrier shares per origin (SWF is rare: about 20 rows; XX rare everywhere).
JOINT = {
    "EWR": [0.80, 0.05, 0.05, 0.05, 0.04, 0.01],
    "JFK": [0.05, 0.55, 0.30, 0.05, 0.04, 0.01],
    "LGA": [0.05, 0.05, 0.30, 0.35, 0.24, 0.01],
    "SWF": [0.0, 1.0, 0.0, 0.0, 0.0, 0.0],
}


def _frame(n: int = 8_000, tied: bool = True) -> pl.DataFrame:
    rng = np.random.default_rng(11)
    origin = rng.choice(ORIGINS, n, p=[0.4, 0.35, 0.2475, 0.0025])
    carrier = np.empty(n, dtype=object)
    for o in ORIGINS:
        at = origin == o
        p = JOINT[o] if tied else JOINT["LGA"]
        carrier[at] = rng.choice(CARRIERS, at.sum(), p=p)
    return pl.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "origin": origin,
            "carrier": carrier.astype(str),
            "colour": rng.choice(["red", "green", "blue"], n),
        }
    )


def _table(frame: pl.DataFrame) -> np.ndarray:
    counts = np.zeros((len(ORIGINS), len(CARRIERS)))
    for o, c, n in frame.group_by("origin", "carrier").len().iter_rows():
        if o in ORIGINS and c in CARRIERS:
            counts[ORIGINS.index(o), CARRIERS.index(c)] = n
    return counts / counts.sum()


def test_two_categories_that_co_occur(tmp_path: Path):
    real = _frame()
    real.write_parquet(tmp_path / "flights.parquet")
    schema = sd.profile(tmp_path, k=5)[0]
    carrier, origin = schema.field("carrier"), schema.field("origin")
    assert origin.values_by is None  # never both ways
    assert carrier.values_by is not None
    assert carrier.values_by.column == "origin"
    # SWF (about 20 rows) is below 30 rows: it picks at the column's own weights.
    assert sorted(carrier.values_by.weights) == ["EWR", "JFK", "LGA"]
    assert schema.field("colour").values_by is None  # independent of both
    made = sd.generate([schema], seed=4, out_dir=tmp_path / "out").frame("flights").collect()
    assert 0.5 * np.abs(_table(made) - _table(real)).sum() < 0.03
    report = sd.compare({"flights": real}, {"flights": made})
    pair = next(p for p in report.column_pairs if {p.column_1, p.column_2} == {"origin", "carrier"})
    assert pair.score > 0.95


def test_no_weight_from_fewer_than_k_rows(tmp_path: Path):
    real = _frame()
    real.write_csv(tmp_path / "flights.csv")
    k = 40
    by = sd.profile(tmp_path, k=k)[0].field("carrier").values_by
    assert by is not None
    for value, weights in by.weights.items():
        counts = real.filter(pl.col("origin") == value)["carrier"].value_counts()
        held = dict(counts.iter_rows())
        pooled = 0.0
        for name, w in zip(CARRIERS, weights, strict=True):
            if held.get(name, 0) >= k:
                assert w == held[name]
            else:
                pooled += w
        # The cells below k share a total of at least k rows, or weigh nothing.
        assert pooled == 0 or pooled >= k * (1 - 1e-6)


def test_no_pair_where_they_are_independent(tmp_path: Path):
    real = _frame(tied=False)
    assert _cramers_v(_table(real)) < 0.1
    real.write_csv(tmp_path / "flights.csv")
    schema = sd.profile(tmp_path)[0]
    assert all(f.values_by is None for f in schema.fields)
