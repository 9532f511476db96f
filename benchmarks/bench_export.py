"""Benchmark each export format at 1M rows (time and peak RSS, each in its own process), plus:
the SQL literal builder against one sqlglot expression per row, and the XLSX writer against raw
xlsxwriter writing the same rows.

Usage: python benchmarks/bench_export.py [--rows 1000000] [--formats csv,json,...] [--quick]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CUSTOMERS, OUT, peak_rss_mib, run_child

import synthdata as sd

FORMATS = ["csv", "jsonl", "json", "parquet", "sql", "xlsx"]


def corpus(rows: int) -> sd.Corpus:
    folder = OUT / f"export_corpus_{rows}"
    try:
        return sd.Corpus.open(folder)
    except sd.SynthdataError:
        return sd.generate(
            [CUSTOMERS], total_rows=rows, seed=1, out_dir=folder, workers=2, batch_size=100_000
        )


def child(rows: int, fmt: str) -> None:
    source = corpus(rows)
    out = OUT / f"export_{fmt}"
    start = time.perf_counter()
    paths = sd.export(source, fmt, out)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in paths.values())
    shutil.rmtree(out, ignore_errors=True)
    print(json.dumps({"seconds": seconds, "peak_rss_mib": peak_rss_mib(), "bytes": size}))


def sql_literals(rows: int) -> None:
    import polars as pl
    from sqlglot import exp

    from synthdata.export.sql import DIALECTS, literal_columns

    frame = corpus(rows).frame("customers").head(rows).collect()
    dialect = DIALECTS["postgresql"]
    timings = []
    for _ in range(3):  # best of three: the first call also warms polars' thread pool
        start = time.perf_counter()
        literal_columns(frame, dialect)
        timings.append(time.perf_counter() - start)
    ours = min(timings) / frame.height
    sample = frame.head(20_000)
    start = time.perf_counter()
    for row in sample.iter_rows():
        exp.Tuple(expressions=[_sqlglot_literal(v) for v in row]).sql(dialect="postgres")
    theirs = (time.perf_counter() - start) / sample.height
    print(
        f"SQL literals: {1 / ours:,.0f} rows/s vectorized vs {1 / theirs:,.0f} rows/s with one "
        f"sqlglot expression per row = {theirs / ours:,.0f}x"
    )
    _ = pl


def _sqlglot_literal(value: object) -> object:
    from sqlglot import exp

    if value is None:
        return exp.null()
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int | float):
        return exp.Literal.number(value)
    return exp.Literal.string(str(value))


def xlsx_vs_raw(rows: int) -> None:
    import xlsxwriter

    source = corpus(rows)
    frame = source.frame("customers").collect()
    start = time.perf_counter()
    book = xlsxwriter.Workbook(str(OUT / "raw.xlsx"), {"constant_memory": True})
    sheet = book.add_worksheet()
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, frame.columns)
    for r, values in enumerate(frame.iter_rows(), start=1):
        sheet.write_row(r, 0, values, None)
        sheet.write_datetime(r, 6, values[6], date_format)
    book.close()
    raw = time.perf_counter() - start
    start = time.perf_counter()
    sd.export(source, "xlsx", OUT / "ours")
    ours = time.perf_counter() - start
    print(
        f"XLSX {rows:,} rows: synthdata {ours:.1f} s vs raw xlsxwriter {raw:.1f} s "
        f"= {ours / raw:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.child:
        child(args.rows, args.child)
        return
    corpus(args.rows)
    for fmt in args.formats.split(","):
        result = run_child(Path(__file__), "--child", fmt, "--rows", str(args.rows))
        print(
            f"{fmt:<8} {args.rows:,} rows: {result['seconds']:6.2f} s "
            f"({args.rows / result['seconds']:,.0f} rows/s), peak RSS "
            f"{result['peak_rss_mib']:.0f} MiB, {result['bytes'] / 1e6:,.0f} MB"
        )
    sql_literals(min(args.rows, 200_000))
    xlsx_vs_raw(min(args.rows, 200_000))


if __name__ == "__main__":
    main()
