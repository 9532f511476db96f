"""How long the offline analyzer takes per description (after the one-off catalogue load).

Usage: python benchmarks/bench_analyze.py
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import synthdata as sd

EVAL = Path(__file__).resolve().parent.parent / "tests" / "eval"


def main() -> None:
    contexts = [
        json.loads(line)["context"]
        for name in ("devset.jsonl", "devset2.jsonl")
        for line in (EVAL / name).read_text().splitlines()
        if line
    ]
    start = time.perf_counter()
    sd.analyze(contexts[0])
    print(f"first call (loads the catalogue): {time.perf_counter() - start:.2f} s")
    timings = []
    for context in contexts * 5:
        start = time.perf_counter()
        sd.infer_schemas(sd.analyze(context))
        timings.append((time.perf_counter() - start) * 1000)
    longest = max(contexts, key=len)
    print(
        f"analyze + infer, {len(timings)} calls: median {statistics.median(timings):.1f} ms,"
        f" p95 {sorted(timings)[int(len(timings) * 0.95)]:.1f} ms, max {max(timings):.1f} ms"
        f" (longest description {len(longest)} characters)"
    )


if __name__ == "__main__":
    main()
