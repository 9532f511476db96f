"""A category driving a number: the profile writes ``quantiles_by`` when the category explains
the number (η² ≥ 0.1), per listed value with enough rows, and the regenerated rows keep it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

import synthdata as sd
from synthdata.profile.dependencies import _eta_squared


def _frame(n: int = 6_000, spread: float = 1.0) -> pl.DataFrame:
    rng = np.random.default_rng(3)
    cabin = rng.choice(["economy", "business", "first"], n, p=[0.7, 0.25, 0.05])
    centre = np.select([cabin == "economy", cabin == "business"], [200.0, 900.0], 3000.0)
    return pl.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "cabin": cabin,
            "fare": np.round(centre * spread + rng.lognormal(3, 0.5, n) * (1 if spread else 50), 2),
            "noise": np.round(rng.normal(50, 10, n), 3),
        }
    )


def _eta(frame: pl.DataFrame, by: str, y: str) -> float:
    return _eta_squared(frame.select(pl.col(by).alias("g"), pl.col(y).alias("y")))


def test_a_category_drives_a_number(tmp_path: Path):
    real = _frame()
    real.write_parquet(tmp_path / "tickets.parquet")
    schema = sd.profile(tmp_path)[0]
    fare = schema.field("fare")
    assert fare.quantiles_by is not None
    assert fare.quantiles_by.column == "cabin"
    assert sorted(fare.quantiles_by.quantiles) == ["business", "economy", "first"]
    assert schema.field("noise").quantiles_by is None  # nothing explains it
    made = sd.generate([schema], seed=4, out_dir=tmp_path / "out").frame("tickets").collect()
    assert _eta(made, "cabin", "fare") > 0.9 * _eta(real, "cabin", "fare") > 0.8
    medians = made.group_by("cabin").agg(pl.col("fare").median()).sort("cabin")
    real_medians = real.group_by("cabin").agg(pl.col("fare").median()).sort("cabin")
    assert np.allclose(medians["fare"], real_medians["fare"], rtol=0.05)
    report = sd.compare({"tickets": real}, {"tickets": made})
    pair = next(p for p in report.column_pairs if {p.column_1, p.column_2} == {"cabin", "fare"})
    assert pair.score > 0.9


def test_no_driver_where_the_category_explains_little(tmp_path: Path):
    _frame(spread=0.0).write_csv(tmp_path / "tickets.csv")
    schema = sd.profile(tmp_path)[0]
    assert schema.field("fare").quantiles_by is None


def test_rare_values_get_no_quantiles_of_their_own(tmp_path: Path):
    """A value held by fewer than 30 rows draws from the column's own quantiles."""
    _frame(n=500).write_csv(tmp_path / "tickets.csv")  # about 25 first-class tickets
    by = sd.profile(tmp_path)[0].field("fare").quantiles_by
    assert by is not None
    assert sorted(by.quantiles) == ["business", "economy"]
