"""A two-minute tour: a sentence becomes related tables, a sample to review, then a full corpus,
checked and exported.

Run with ``make demo``. Everything runs offline.
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console

import synthdata as sd
from synthdata._render import print_samples, short_key
from synthdata.schema import Schema

__all__ = ["first_screen", "main", "short_key"]

OUT = Path("demo_output")
CONTEXT = "Healthcare clinic with 200 patients needs patient records and appointment scheduling"


def first_screen(console: Console, context: str = CONTEXT) -> list[Schema]:
    """Steps 1 and 2: the analysis, the schemas it infers and a small sample of each table."""
    console.rule("[bold]1. A business, in one sentence")
    console.print(f'"{context}"')
    analysis = sd.analyze(context)
    console.print(
        f"domain: [bold]{analysis.domain}[/] (confidence {analysis.confidence}); "
        f"tables: {', '.join(analysis.suggested_schemas)}"
    )
    schemas = sd.infer_schemas(analysis)
    for schema in schemas:
        console.print(schema)
    console.rule("[bold]2. A sample to review (keys point into the other tables)")
    print_samples(console, schemas, sd.sample(schemas, rows=4, seed=42))
    return schemas


def main() -> None:
    console = Console()
    schemas = first_screen(console)
    console.rule("[bold]3. A corpus of 300,000 records, streamed to Parquet")
    started = time.perf_counter()
    corpus = sd.generate(
        schemas, total_rows=300_000, seed=42, out_dir=OUT / "corpus", progress=True
    )
    for name, count in corpus.row_counts.items():
        console.print(f"  {name:<14} {count:>9,} rows")
    console.print(f"  written in {time.perf_counter() - started:.1f} s")
    console.rule("[bold]4. Checked against the schemas, then exported")
    console.print(sd.validate(corpus).summary())
    for fmt in ("csv", "sql", "xlsx"):
        paths = sd.export(corpus, fmt, OUT / fmt, schemas=["patients", "doctors"])
        names = ", ".join(p.name for p in paths.values())
        console.print(f"  {fmt:<5} → {OUT / fmt}/: {names}")


if __name__ == "__main__":
    main()
