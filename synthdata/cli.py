"""The ``synthdata`` command line: sample, generate and validate."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from synthdata.errors import SynthdataError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="synthdata", description="Realistic, relationally consistent synthetic data."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser("generate", help="generate a corpus of Parquet files from schemas")
    gen.add_argument("--schema", required=True, help="JSON file with a list of schemas")
    gen.add_argument("--rows", type=int, default=None, help="total records across all tables")
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--out", default="synthdata_output", help="output folder")
    gen.add_argument("--batch-size", type=int, default=50_000)
    gen.add_argument("--workers", type=int, default=1)
    gen.add_argument("--locale", default="en_US")
    gen.add_argument("--quiet", action="store_true", help="no progress bar")

    smp = sub.add_parser("sample", help="print a few rows of every table")
    smp.add_argument("--schema", required=True)
    smp.add_argument("--rows", type=int, default=5)
    smp.add_argument("--seed", type=int, default=0)
    smp.add_argument("--locale", default="en_US")

    val = sub.add_parser("validate", help="check a generated corpus against its schemas")
    val.add_argument("corpus", help="folder written by 'synthdata generate'")
    val.add_argument("--schema", default=None, help="check against these schemas instead")
    return parser


def _generate(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    import synthdata as sd

    schemas = sd.load_schemas(args.schema)
    console = Console(stderr=True)
    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, disable=args.quiet) as bar:
        task = bar.add_task("generating", total=None)

        def on_progress(event: sd.ProgressEvent) -> None:
            bar.update(
                task,
                total=event.total_rows,
                completed=event.rows_done,
                description=f"{event.table:<20}",
            )

        corpus = sd.generate(
            schemas,
            total_rows=args.rows,
            seed=args.seed,
            out_dir=args.out,
            batch_size=args.batch_size,
            progress=on_progress,
            workers=args.workers,
            locale=args.locale,
        )
    for name, count in corpus.row_counts.items():
        print(f"{name}: {count:,} rows")
    print(f"Wrote {sum(corpus.row_counts.values()):,} rows to {corpus.out_dir}")
    return 0


def _sample(args: argparse.Namespace) -> int:
    import polars as pl

    import synthdata as sd

    frames = sd.sample(
        sd.load_schemas(args.schema), rows=args.rows, seed=args.seed, locale=args.locale
    )
    with pl.Config(tbl_cols=-1, fmt_str_lengths=40, tbl_width_chars=200):
        for name, frame in frames.items():
            print(f"{name}\n{frame}\n")
    return 0


def _validate(args: argparse.Namespace) -> int:
    import synthdata as sd

    corpus = sd.Corpus.open(Path(args.corpus))
    schemas = sd.load_schemas(args.schema) if args.schema else None
    report = sd.validate(corpus, schemas)
    print(report.summary())
    return 0 if report.ok else 1


_COMMANDS = {"generate": _generate, "sample": _sample, "validate": _validate}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 checks failed, 2 bad input)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except SynthdataError as exc:
        print(f"error ({exc.error_code}): {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (e.g. ``head``) went away: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("interrupted; batches already written are kept", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
