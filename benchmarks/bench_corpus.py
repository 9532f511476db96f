"""Benchmark (b): a 3-table corpus with foreign keys (customers → orders → order_items).

Reports rows/s, how many of the machine's cores were busy on average (CPU time of this process
and its worker processes over wall time) and peak RSS, each run in a fresh process. Usage:
    python benchmarks/bench_corpus.py [--rows 10000000] [--workers 2] [--format parquet]
        [--executor threads|processes|dask] [--cold] [--dask-trim] [--lines sum|drawn]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import OUT, peak_rss_mib, run_child, three_tables

import synthdata as sd


def cpu_seconds() -> float:
    """CPU time of this process and every live process under it (pool and Dask workers)."""
    import psutil

    me = psutil.Process()
    total = 0.0
    for proc in [me, *me.children(recursive=True)]:
        try:
            times = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def child(
    rows: int,
    workers: int,
    fmt: str,
    batch_size: int,
    executor: str,
    cold: bool,
    dask_trim: bool,
    lines: str | None,
) -> None:
    out = OUT / f"corpus_{rows}"
    sd.sample(three_tables(lines), rows=10)  # build vocabularies before timing
    cluster = client = None
    chosen: object = None if executor == "threads" else executor
    if executor == "dask":
        import dask
        from dask.distributed import Client, LocalCluster

        if not dask_trim:
            # Dask's nannies set MALLOC_TRIM_THRESHOLD_=65536 by default, which makes every
            # large allocation go back to the kernel: about half the speed (README, executors).
            dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None})
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = chosen = Client(cluster)
    if executor == "processes" and not cold:
        # A long-running program's pool is already warm: start it as its first call would.
        sd.generate(
            three_tables(lines), total_rows=1000, out_dir=out, workers=workers, executor=chosen
        )
    cpu_before = cpu_seconds()
    start = time.perf_counter()
    corpus = sd.generate(
        three_tables(lines),
        total_rows=rows,
        seed=1,
        out_dir=out,
        workers=workers,
        format=fmt,
        batch_size=batch_size,
        executor=chosen,
    )
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu_before
    if client is not None:
        client.close()
        cluster.close()
    shutil.rmtree(out, ignore_errors=True)
    print(
        json.dumps(
            {
                "rows": sum(corpus.row_counts.values()),
                "seconds": seconds,
                "cores_busy": cpu / seconds,
                "peak_rss_mib": peak_rss_mib(),
                "tables": corpus.row_counts,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--format", default="parquet")
    parser.add_argument("--batch-size", type=int, default=100_000)
    parser.add_argument("--executor", default="threads", choices=["threads", "processes", "dask"])
    parser.add_argument(
        "--cold", action="store_true", help="time the process pool's start-up as well"
    )
    parser.add_argument(
        "--dask-trim", action="store_true", help="keep Dask's default MALLOC_TRIM_THRESHOLD_"
    )
    parser.add_argument(
        "--lines",
        choices=["sum", "drawn"],
        help="order lines with a line total; each order's total their sum, or drawn on its own",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(
            args.rows,
            args.workers,
            args.format,
            args.batch_size,
            args.executor,
            args.cold,
            args.dask_trim,
            args.lines,
        )
        return
    result = run_child(
        Path(__file__),
        "--child",
        "--rows",
        str(args.rows),
        "--workers",
        str(args.workers),
        "--format",
        args.format,
        "--batch-size",
        str(args.batch_size),
        "--executor",
        args.executor,
        *(["--cold"] if args.cold else []),
        *(["--dask-trim"] if args.dask_trim else []),
        *(["--lines", args.lines] if args.lines else []),
    )
    rate = result["rows"] / result["seconds"]
    print(
        f"{result['rows']:,} rows ({result['tables']}) in {result['seconds']:.2f} s "
        f"= {rate:,.0f} rows/s, {result['cores_busy']:.2f} cores busy, "
        f"peak RSS {result['peak_rss_mib']:.0f} MiB "
        f"({args.workers} workers, {args.executor}{', cold' if args.cold else ''}"
        f"{', trim' if args.dask_trim else ''}, {args.format})"
    )


if __name__ == "__main__":
    main()
