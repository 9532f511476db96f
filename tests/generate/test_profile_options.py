"""Generation from the options a profile writes (issue 17): measured quantiles come back (spikes
and gaps too), listed values at their frequencies with an ``other`` share, and the measured
children-per-parent shape at any scale; every row valid, same bytes for any batch size and
worker count."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl
import pytest
from hypothesis import given, settings, strategies as st

import synthdata as sd
from synthdata.generate.allocation import allocate_counts


def _ks(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> float:
    """The two-sample Kolmogorov–Smirnov statistic: the largest gap between the two CDFs."""
    a, b = np.sort(a), np.sort(b)
    grid = np.concatenate([a, b])
    fa = np.searchsorted(a, grid, side="right") / len(a)
    fb = np.searchsorted(b, grid, side="right") / len(b)
    return float(np.abs(fa - fb).max())


def _mixture(n: int, seed: int) -> npt.NDArray[np.float64]:
    """Half bell, a fifth on one price (a spike), a long lognormal tail, and a separate block
    well away from the rest (a gap between 130 and 200)."""
    rng = np.random.default_rng(seed)
    part = rng.choice(4, size=n, p=[0.5, 0.2, 0.2, 0.1])
    values = np.select(
        [part == 0, part == 1, part == 2],
        [rng.normal(50, 8, n), np.full(n, 99.99), 20 + rng.lognormal(2, 0.6, n).clip(0, 100)],
        rng.uniform(200, 300, n),
    )
    return np.round(values, 2)


def _one_table(fields: list[dict[str, Any]], volume: int) -> list[sd.Schema]:
    return sd.load_schemas([{"name": "t", "volume": volume, "fields": fields}])


def _generate(tmp_path: Path, schemas: list[sd.Schema], **options: Any) -> sd.Corpus:
    out = tmp_path / "-".join(f"{k}{v}" for k, v in options.items())
    return sd.generate(schemas, out_dir=out, format="csv", **options)


def _csv_bytes(corpus: sd.Corpus) -> dict[str, bytes]:
    root = Path(str(corpus.out_dir))
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.csv"))}


def test_quantiles_bring_back_a_mixture_with_a_spike_and_a_gap(tmp_path: Path):
    real = _mixture(50_000, seed=11)
    quantiles = np.quantile(real, np.linspace(0, 1, 201)).round(2).tolist()
    fields = [{"name": "price", "type": "DECIMAL", "quantiles": quantiles}]
    corpus = _generate(tmp_path, _one_table(fields, 50_000), seed=5)
    assert sd.validate(corpus).ok
    made = corpus.frame("t").collect()["price"].cast(pl.Float64).to_numpy()
    assert _ks(real, made) <= 0.02
    assert np.mean(made == 99.99) == pytest.approx(0.2, abs=0.01)  # the spike
    assert np.mean((made > 135) & (made < 195)) < 0.01  # the gap
    assert made.min() >= quantiles[0]
    assert made.max() <= quantiles[-1]


def test_quantiles_of_dates_and_whole_numbers(tmp_path: Path):
    rng = np.random.default_rng(3)
    days = np.concatenate([rng.integers(18_000, 18_400, 30_000), np.full(10_000, 19_000)])
    counts = rng.poisson(2.5, 40_000)
    dates = np.datetime64("1970-01-01") + np.quantile(days, np.linspace(0, 1, 101)).astype(int)
    fields = [
        {"name": "day", "type": "DATE", "quantiles": [str(d) for d in dates]},
        {
            "name": "items",
            "type": "INTEGER",
            "quantiles": np.quantile(counts, np.linspace(0, 1, 101)).tolist(),
        },
    ]
    corpus = _generate(tmp_path, _one_table(fields, 40_000), seed=1)
    assert sd.validate(corpus).ok
    frame = corpus.frame("t").collect()
    made_days = frame["day"].cast(pl.Int32).to_numpy()
    assert _ks(days.astype(float), made_days.astype(float)) <= 0.02
    assert np.mean(made_days == 19_000) == pytest.approx(0.25, abs=0.012)
    # Whole numbers: each value's share within two points of the measured one.
    made = frame["items"].to_numpy()
    for k in range(8):
        assert np.mean(made == k) == pytest.approx(np.mean(counts == k), abs=0.02)


def test_times_keep_their_seconds(tmp_path: Path):
    fields = [{"name": "at", "type": "TIME", "quantiles": ["08:00:00", "08:00:07", "08:00:09"]}]
    frame = _generate(tmp_path, _one_table(fields, 2000), seed=1).frame("t").collect()
    seconds = frame["at"].dt.second().to_numpy()
    assert set(seconds) == set(range(10))


def test_listed_values_at_their_weights_with_an_other_share(tmp_path: Path):
    fields = [
        {"name": "country", "type": "STRING", "values": ["DE", "FR", "a, b"], "weights": [5, 3, 2]},
        {"name": "city", "type": "STRING", "values": ["Paris", "Berlin"], "other": 0.3},
        {
            "name": "size",
            "type": "INTEGER",
            "values": [1, 2, 3],
            "weights": [1, 1, 8],
            "required": False,
            "null_rate": 0.1,
        },
        {"name": "flag", "type": "BOOLEAN", "values": [True, False], "weights": [9, 1]},
        {
            "name": "day",
            "type": "DATE",
            "values": ["2021-01-01"],
            "other": 0.5,
            "min": "2010-01-01",
            "max": "2011-01-01",
        },
        {"name": "cost", "type": "DECIMAL", "values": [1.25, 3], "other": 0.2, "quantiles": [5, 6]},
    ]
    corpus = _generate(tmp_path, _one_table(fields, 20_000), seed=2)
    report = sd.validate(corpus)
    assert report.ok, report.summary()
    frame = corpus.frame("t").collect()
    share = {v: n / 20_000 for v, n in frame["country"].value_counts().iter_rows()}
    assert share == pytest.approx({"DE": 0.5, "FR": 0.3, "a, b": 0.2}, abs=0.015)
    listed = frame["city"].is_in(["Paris", "Berlin"]).mean()
    assert listed == pytest.approx(0.7, abs=0.015)
    assert frame["city"].filter(~frame["city"].is_in(["Paris", "Berlin"])).n_unique() > 100
    assert frame["size"].drop_nulls().is_in([1, 2, 3]).all()
    assert (frame["size"] == 3).sum() / frame["size"].count() == pytest.approx(0.8, abs=0.015)
    assert frame["flag"].mean() == pytest.approx(0.9, abs=0.01)
    days = frame["day"]
    others = days.filter(days != dt.date(2021, 1, 1))
    assert others.is_between(dt.date(2010, 1, 1), dt.date(2011, 1, 1)).all()
    assert len(others) / 20_000 == pytest.approx(0.5, abs=0.015)
    cost = frame["cost"].cast(pl.Float64)
    drawn = cost.filter(~cost.is_in([1.25, 3.0]))
    assert drawn.is_between(5, 6).all()
    assert len(drawn) / 20_000 == pytest.approx(0.2, abs=0.015)


def test_validation_finds_values_that_were_not_listed():
    schemas = _one_table(
        [
            {"name": "c", "type": "STRING", "values": ["DE", "FR"]},
            {"name": "q", "type": "FLOAT", "quantiles": [1, 2]},
        ],
        10,
    )
    frames = {"t": pl.DataFrame({"c": ["DE", "XX"], "q": [1.5, 2.5]})}
    failed = {(c.field, c.detail) for c in sd.validate(frames, schemas).failures}
    assert failed == {("c", "1 invalid values"), ("q", "1 invalid values")}


def test_an_ordering_constraint_wins_over_listed_values(tmp_path: Path):
    fields = [
        {"name": "start", "type": "DATE"},
        {"name": "finish", "type": "DATE", "values": ["2001-01-01"]},
    ]
    spec = {"name": "t", "volume": 500, "fields": fields, "constraints": ["finish >= start"]}
    corpus = _generate(tmp_path, sd.load_schemas([spec]), seed=1)
    assert sd.validate(corpus).ok


SHARES = [0.3, 0.25, 0.2, 0.1, 0.05] + [0.0] * 44 + [0.1]  # a tail: a tenth have 49 children


def _shop(customers: int, counts: Any, orders: int | None = None) -> list[sd.Schema]:
    order_table: dict[str, Any] = {
        "name": "orders",
        "fields": [
            {"name": "id", "type": "INTEGER", "primary_key": True},
            {
                "name": "customer_id",
                "type": "UUID",
                "references": "customers",
                "cardinality": {"counts": counts},
            },
        ],
    }
    if orders is not None:
        order_table["volume"] = orders
    customer_table = {
        "name": "customers",
        "volume": customers,
        "fields": [{"name": "id", "type": "UUID", "primary_key": True}],
    }
    return sd.load_schemas([customer_table, order_table])


def _per_parent(corpus: sd.Corpus) -> npt.NDArray[np.int64]:
    """How many parents have 0, 1, 2, … children."""
    per = corpus.frame("orders").group_by("customer_id").len().collect()["len"].to_numpy()
    hist = np.bincount(per, minlength=60)
    hist[0] = corpus.row_counts["customers"] - len(per)
    return hist


@pytest.mark.parametrize("scale", [1, 10])
def test_counts_bring_back_children_per_parent_at_any_scale(tmp_path: Path, scale: int):
    corpus = _generate(tmp_path, _shop(1000 * scale, SHARES), seed=4)
    assert sd.validate(corpus).ok
    customers = 1000 * scale
    assert corpus.row_counts["orders"] == round(customers * 6.05)  # parents × mean of counts
    hist = _per_parent(corpus)
    assert hist[:50].tolist() == [round(s * customers) for s in SHARES]


def test_counts_scale_to_a_stated_volume(tmp_path: Path):
    corpus = _generate(tmp_path, _shop(1000, {"0": 0.5, "2": 0.5}, orders=2000), seed=4)
    assert sd.validate(corpus).ok
    hist = _per_parent(corpus)
    assert corpus.row_counts["orders"] == 2000
    assert hist[0] == 500
    assert hist[4] == 500


def test_counts_add_up_to_any_total():
    shares = ((0, 0.25), (1, 0.5), (7, 0.25))
    for parents, total in ((7, 20), (1000, 2250), (1000, 2249), (1000, 2251), (3, 0), (10, 1)):
        cum = allocate_counts(1, 2, parents, total, shares)
        assert len(cum) == parents
        assert (cum[-1] if parents else 0) == total
        assert (np.diff(cum, prepend=0) >= 0).all()


@st.composite
def _profiled(draw: st.DrawFn) -> list[sd.Schema]:
    """A parent and a child whose fields carry random quantiles, values and counts."""
    rows = draw(st.integers(1, 900))
    sorted_numbers = st.lists(st.integers(-500, 500), min_size=2, max_size=30).map(sorted)
    fields: list[dict[str, Any]] = [{"name": "id", "type": "INTEGER", "primary_key": True}]
    for i, kind in enumerate(
        draw(
            st.lists(
                st.sampled_from(
                    ["INTEGER", "FLOAT", "DECIMAL", "AMOUNT", "DATE", "DATETIME", "TIME"]
                ),
                max_size=4,
            )
        )
    ):
        points = draw(sorted_numbers)
        if kind == "DATE":
            quantiles: list[Any] = [str(np.datetime64("2020-01-01") + p) for p in points]
        elif kind == "DATETIME":
            quantiles = [str(np.datetime64("2020-01-01T00:00:00") + p * 3600) for p in points]
        elif kind == "TIME":
            quantiles = [f"{12 + p // 100:02d}:{p % 60:02d}:{p % 37:02d}" for p in sorted(points)]
            quantiles.sort()
        else:
            divisor = draw(st.sampled_from([1, 3, 100]))
            quantiles = [p / divisor for p in points]
        spec: dict[str, Any] = {"name": f"q{i}", "type": kind, "quantiles": quantiles}
        if draw(st.booleans()):
            spec |= {"required": False, "null_rate": draw(st.sampled_from([0.0, 0.3, 1.0]))}
        fields.append(spec)
    for i in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["STRING", "INTEGER", "CITY", "CODE"]))
        values = draw(st.lists(st.integers(0, 99), min_size=1, max_size=6, unique=True))
        spec = {
            "name": f"v{i}",
            "type": kind,
            "values": values if kind == "INTEGER" else [f"x{v}" for v in values],
        }
        if draw(st.booleans()):
            spec["weights"] = draw(
                st.lists(st.floats(0.1, 5), min_size=len(values), max_size=len(values))
            )
        if draw(st.booleans()):
            spec["other"] = draw(st.sampled_from([0.0, 0.2, 1.0]))
        fields.append(spec)
    counts = draw(st.lists(st.floats(0, 5), min_size=1, max_size=12).filter(lambda c: sum(c) > 0.1))
    child = {
        "name": "child",
        "fields": [
            {"name": "id", "type": "INTEGER", "primary_key": True},
            {
                "name": "parent_id",
                "type": "INTEGER",
                "references": "parent",
                "cardinality": {"counts": counts},
            },
        ],
    }
    return sd.load_schemas([{"name": "parent", "volume": rows, "fields": fields}, child])


@settings(max_examples=12)
@given(schemas=_profiled(), seed=st.integers(0, 2**32))
def test_profiled_schemas_validate_with_the_same_bytes_for_any_batches(
    tmp_path_factory: pytest.TempPathFactory, schemas: list[sd.Schema], seed: int
):
    outputs = []
    for workers, batch_size in ((1, 50_000), (4, 333)):
        out = tmp_path_factory.mktemp("corpus")
        corpus = sd.generate(
            schemas, seed=seed, out_dir=out, workers=workers, batch_size=batch_size, format="csv"
        )
        report = sd.validate(corpus)
        shown = "\n".join(s.model_dump_json(exclude_none=True) for s in schemas)
        assert report.ok, f"{report.summary()}\n{shown}"
        outputs.append(_csv_bytes(corpus))
    assert outputs[0] == outputs[1]


def test_the_readme_example_generates_and_validates(tmp_path: Path):
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    section = readme.split("### Options a profile writes", 1)[1]
    example = section.split("```json", 1)[1].split("```", 1)[0]
    customers = {
        "name": "customers",
        "volume": 2000,
        "fields": [{"name": "id", "type": "UUID", "primary_key": True}],
    }
    schemas = sd.load_schemas([customers, json.loads(example)])
    corpus = _generate(tmp_path, schemas, seed=9)
    report = sd.validate(corpus)
    assert report.ok, report.summary()
    frame = corpus.frame("orders").collect()
    assert (frame["total"].cast(pl.Float64) == 9.99).mean() == pytest.approx(1 / 3, abs=0.02)


def test_listed_codes_and_the_rest_spelled_by_the_pattern(tmp_path: Path):
    fields = [
        {
            "name": "sku",
            "type": "STRING",
            "pattern": "??####",
            "values": ["AB1234", "legacy-7"],
            "other": 0.4,
        }
    ]
    corpus = _generate(tmp_path, _one_table(fields, 5000), seed=3)
    assert sd.validate(corpus).ok
    sku = corpus.frame("t").collect()["sku"]
    spelled = sku.filter(~sku.is_in(["AB1234", "legacy-7"]))
    assert spelled.str.contains(r"^[A-Z]{2}[0-9]{4}$").all()
    assert len(spelled) / 5000 == pytest.approx(0.4, abs=0.03)
    broken = pl.DataFrame({"sku": ["AB1234", "legacy-8", "ZZ0000"]})
    failed = sd.validate({"t": broken}, _one_table(fields, 3)).failures
    assert [(c.field, c.detail) for c in failed if c.check == "values"] == [
        ("sku", "1 invalid values")
    ]
