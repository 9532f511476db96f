"""Profile a 10M-row PostgreSQL table: time and peak RSS of ``sd.profile``.

Generates customers (250,000 rows) and orders (10,000,000 rows, a foreign key to customers)
with synthdata, loads them with ``sd.load`` (COPY) into a temporary schema of the ``test``
database, then profiles both tables in a fresh process, so the peak RSS printed is the
profile's own. The schema is dropped afterwards. Usage:
    python benchmarks/bench_profile_pg.py [--rows 10000000] [--url postgresql://…/test]
        [--keep SCHEMA]   (reuse or keep a loaded schema instead of dropping it)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import peak_rss_mib, run_child

import synthdata as sd

URL = "postgresql://postgres@127.0.0.1:5432/test"


def schemas(rows: int) -> list[sd.Schema]:
    customers = max(rows // 40, 10)
    return sd.load_schemas(
        [
            {
                "name": "customers",
                "volume": customers,
                "fields": [
                    {"name": "id", "type": "INTEGER", "primary_key": True},
                    {"name": "email", "type": "EMAIL"},
                    {"name": "country", "type": "COUNTRY"},
                    {"name": "signup_date", "type": "DATE"},
                    {"name": "segment", "type": "ENUM", "enum_values": ["retail", "business"]},
                ],
            },
            {
                "name": "orders",
                "volume": rows,
                "fields": [
                    {"name": "id", "type": "INTEGER", "primary_key": True},
                    {
                        "name": "customer_id",
                        "type": "INTEGER",
                        "references": "customers.id",
                        "cardinality": {"distribution": "zipf"},
                    },
                    {
                        "name": "status",
                        "type": "STRING",
                        "values": ["new", "paid", "shipped", "returned"],
                        "weights": [10, 30, 55, 5],
                    },
                    {"name": "ordered_at", "type": "DATETIME"},
                    {"name": "total", "type": "AMOUNT"},
                    {"name": "items", "type": "INTEGER", "min": 1, "max": 12},
                    {
                        "name": "voucher",
                        "type": "CODE",
                        "pattern": "??####",
                        "null_rate": 0.8,
                        "required": False,
                    },
                ],
                "infer_rules": False,
            },
        ]
    )


def load(url: str, rows: int) -> None:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        corpus = sd.generate(schemas(rows), seed=1, out_dir=out)
        made = time.perf_counter()
        print(f"generated {sum(corpus.row_counts.values()):,} rows in {made - start:.1f} s")
        sd.load(corpus, url)
    print(f"loaded in {time.perf_counter() - made:.1f} s")


def child(url: str) -> None:
    start = time.perf_counter()
    found = sd.profile(url)
    seconds = time.perf_counter() - start
    report = {
        "seconds": seconds,
        "peak_rss_mib": peak_rss_mib(),
        "tables": {s.name: s.volume for s in found},
        "description": {s.name: s.description for s in found},
        "counts": {
            s.name: f.cardinality.counts if f.cardinality is not None else None
            for s in found
            for f in s.fields
            if f.references
        },
    }
    print(json.dumps(report, default=str))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--url", default=URL)
    parser.add_argument("--keep", default=None, help="schema to reuse (loaded if missing), kept")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    import psycopg

    name = args.keep or f"bench_{uuid.uuid4().hex[:10]}"
    url = f"{args.url}?options=-csearch_path%3D{name}"
    with psycopg.connect(args.url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE SCHEMA "{name}"')
    try:
        if not exists:
            load(url, args.rows)
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE")
        result = run_child(Path(__file__), "--child", url)
        print(f"profile: {result['seconds']:.1f} s, peak RSS {result['peak_rss_mib']:.0f} MiB")
        print(f"  volumes: {result['tables']}")
        for table, text in result["description"].items():
            print(f"  {table}: {text.split('. ')[0]}")
        for table, counts in result["counts"].items():
            head = dict(list(counts.items())[:6]) if isinstance(counts, dict) else counts
            print(f"  {table} children per parent (first buckets): {head}")
    finally:
        if not args.keep:
            with psycopg.connect(args.url, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{name}" CASCADE')


if __name__ == "__main__":
    main()
