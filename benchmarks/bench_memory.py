"""Benchmark (c): peak RSS while generating 1M and 20M rows of the 3-table corpus.

Memory should stay flat: batches stream to disk, so peak RSS depends on the batch size, not on
the corpus size. Usage: python benchmarks/bench_memory.py [--sizes 1000000 20000000]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import run_child

CORPUS = Path(__file__).resolve().parent / "bench_corpus.py"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 20_000_000])
    args = parser.parse_args()
    for rows in args.sizes:
        result = run_child(
            CORPUS,
            "--child",
            "--rows",
            str(rows),
            "--workers",
            "2",
            "--format",
            "parquet",
            "--batch-size",
            "100000",
        )
        print(
            f"{rows:>12,} rows: peak RSS {result['peak_rss_mib']:7.0f} MiB, "
            f"{result['seconds']:6.1f} s"
        )


if __name__ == "__main__":
    main()
