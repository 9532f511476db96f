"""A two-minute tour: sample a few rows to look at, then write a full corpus and check it.

Run with ``make demo``. Everything runs offline on the schemas in ``examples/shop.json``.
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

import synthdata as sd

HERE = Path(__file__).resolve().parent
OUT = Path("demo_output")


def show_sample(console: Console, schemas: list[sd.Schema]) -> None:
    frames = sd.sample(schemas, rows=5, seed=42)
    for name in ("customers", "orders"):
        frame = frames[name]
        table = Table(title=f"{name} (sample)", title_justify="left", header_style="bold cyan")
        for column in frame.columns:
            table.add_column(column, overflow="fold", max_width=24)
        for row in frame.iter_rows():
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)


def write_corpus(console: Console, schemas: list[sd.Schema]) -> sd.Corpus:
    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as bar:
        task = bar.add_task("generating", total=None)

        def on_progress(event: sd.ProgressEvent) -> None:
            bar.update(
                task,
                total=event.total_rows,
                completed=event.rows_done,
                description=f"{event.table:<12}",
            )

        return sd.generate(schemas, total_rows=500_000, seed=42, out_dir=OUT, progress=on_progress)


def main() -> None:
    console = Console()
    schemas = sd.load_schemas(str(HERE / "shop.json"))
    console.rule("[bold]1. A sample to review")
    show_sample(console, schemas)
    console.rule("[bold]2. A corpus of 500,000 records across 5 related tables")
    started = time.perf_counter()
    corpus = write_corpus(console, schemas)
    elapsed = time.perf_counter() - started
    for name, count in corpus.row_counts.items():
        console.print(f"  {name:<12} {count:>9,} rows  ->  {OUT / name}/*.parquet")
    console.print(f"  written in {elapsed:.1f} s")
    console.rule("[bold]3. Checked against the schemas")
    console.print(sd.validate(corpus).summary())


if __name__ == "__main__":
    main()
