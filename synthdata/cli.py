"""The ``synthdata`` command line: analyze, sample, generate, validate, profile and compare."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from synthdata._home import home
from synthdata.errors import SynthdataError
from synthdata.export.formats import ExportFormat, SQLDialect

if TYPE_CHECKING:
    from synthdata.corpus import Corpus
    from synthdata.schema import Schema

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="synthdata", description="Realistic, relationally consistent synthetic data."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    ana = sub.add_parser("analyze", help="read a business description; print tables and fields")
    ana.add_argument("context", help='e.g. "Healthcare clinic with 200 patients"')
    ana.add_argument("--domain", default=None, help="a domain to lean towards")
    ana.add_argument("--json", action="store_true", help="print the analysis and schemas as JSON")
    ana.add_argument("--save", default=None, help="write the inferred schemas to this JSON file")

    gen = sub.add_parser("generate", help="generate a corpus from a description or schemas")
    gen.add_argument("context", nargs="?", default=None, help="a business description")
    gen.add_argument("--schema", default=None, help="JSON file with a list of schemas")
    gen.add_argument("--ddl", default=None, help="SQL file of CREATE TABLE statements")
    gen.add_argument("--dialect", default=None, help="SQL dialect of --ddl (postgres, mysql, ...)")
    gen.add_argument("--format", default="parquet", choices=["parquet", "csv"])
    gen.add_argument("--rows", type=int, default=None, help="total records across all tables")
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument(
        "--out", default="synthdata_output", help="output folder or fsspec URL (s3://…)"
    )
    gen.add_argument("--batch-size", type=int, default=50_000)
    gen.add_argument(
        "--workers", type=int, default=None, help="threads or processes (default: one per core)"
    )
    gen.add_argument(
        "--executor",
        default=None,
        help="where batches run: threads (default), processes, or dask://host:port",
    )
    gen.add_argument("--locale", default="en_US")
    gen.add_argument("--quiet", action="store_true", help="no progress bar")

    smp = sub.add_parser("sample", help="print a few rows of every table")
    smp.add_argument("context", nargs="?", default=None, help="a business description")
    smp.add_argument("--schema", default=None)
    smp.add_argument("--ddl", default=None)
    smp.add_argument("--dialect", default=None)
    smp.add_argument("--rows", type=int, default=5)
    smp.add_argument("--seed", type=int, default=0)
    smp.add_argument("--locale", default="en_US")
    smp.add_argument(
        "--width",
        type=_width,
        default=None,
        help="columns to fit the tables in (default: the terminal's width, else 80)",
    )

    formats = [f.value for f in ExportFormat]
    exp_ = sub.add_parser("export", help=f"write a corpus as {', '.join(formats)}")
    exp_.add_argument("corpus", help="folder written by 'synthdata generate'")
    exp_.add_argument("--format", required=True, choices=formats)
    exp_.add_argument(
        "--dialect",
        default=SQLDialect.POSTGRESQL.value,
        help=f"SQL dialect: {', '.join(d.value for d in SQLDialect)} (or an alias)",
    )
    exp_.add_argument("--out", default=None, help="folder for the files (default: CORPUS/export)")
    exp_.add_argument("--tables", default=None, help="comma-separated tables (default: all)")

    lod = sub.add_parser("load", help="create the tables in a database and load the rows")
    lod.add_argument("corpus")
    lod.add_argument("--url", required=True, help="postgresql://…, mysql://… or sqlite:///file.db")
    lod.add_argument("--replace", action="store_true", help="drop existing tables of those names")

    srv = sub.add_parser("serve", help="run the HTTP API and the docs page with uvicorn")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=8000)

    cmp = sub.add_parser("compare", help="score how closely synthetic data follows real data")
    cmp.add_argument("real", help="database URL, folder of CSV/Parquet files, or a corpus folder")
    cmp.add_argument("synthetic", help="the same kinds of source, with the same tables")
    cmp.add_argument("--json", action="store_true", help="print the whole report as JSON")
    cmp.add_argument("-o", "--out", default=None, help="also write the report as HTML here")
    cmp.add_argument("--tables", default=None, help="comma-separated tables (default: all)")
    cmp.add_argument("--sample-rows", type=int, default=None, help="rows to read per table")

    prf = sub.add_parser("profile", help="profile a database or files into schemas (no real rows)")
    prf.add_argument("source", help="database URL, folder of CSV/Parquet files, or files")
    prf.add_argument("more", nargs="*", help="more files (one table per file)")
    prf.add_argument("-o", "--out", required=True, help="write the schemas to this JSON file")
    prf.add_argument("--tables", default=None, help="comma-separated tables (default: all)")
    prf.add_argument("--sample-rows", type=int, default=None, help="rows to read per table")
    prf.add_argument("--k", type=int, default=5, help="keep a value only if k rows hold it")
    prf.add_argument("--seed", type=int, default=0, help="seed of the row sample")
    prf.add_argument("--quiet", action="store_true", help="no progress bar")

    val = sub.add_parser("validate", help="check a generated corpus against its schemas")
    val.add_argument("corpus", help="folder written by 'synthdata generate'")
    val.add_argument("--schema", default=None, help="check against these schemas instead")
    return parser


def _width(text: str) -> int:
    value = int(text)
    if value < 20:
        msg = f"width must be at least 20 columns, not {value}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _schemas(args: argparse.Namespace) -> list[Schema]:
    import synthdata as sd

    given = [x for x in (args.context, args.schema, args.ddl) if x]
    if len(given) != 1:
        msg = "Give exactly one of: a description, --schema FILE or --ddl FILE"
        raise sd.InvalidInputError(msg)
    if args.schema:
        return sd.load_schemas(args.schema)
    if args.ddl:
        path = Path(args.ddl)
        if not path.is_file():
            msg = f"No SQL file at {args.ddl!r}"
            raise sd.NotFoundError(msg)
        return sd.schemas_from_ddl(path.read_text(encoding="utf-8"), args.dialect)
    return sd.infer_schemas(sd.analyze(args.context))


def _analyze(args: argparse.Namespace) -> int:
    import json

    from rich.console import Console

    import synthdata as sd

    analysis = sd.analyze(args.context, domain_hint=args.domain)
    schemas = sd.infer_schemas(analysis)
    if args.save:
        dumped = [
            s.model_dump(mode="json", exclude_none=True, exclude_defaults=True) for s in schemas
        ]
        Path(args.save).write_text(json.dumps(dumped, indent=2), encoding="utf-8")
    if args.json:
        body = {
            "analysis": analysis.model_dump(mode="json"),
            "schemas": [s.model_dump(mode="json", exclude_none=True) for s in schemas],
        }
        print(json.dumps(body, indent=2))
        return 0
    console = Console()
    console.print(f"[bold]Domain:[/] {analysis.domain}  [bold]confidence:[/] {analysis.confidence}")
    console.print(f"[bold]Keywords:[/] {', '.join(analysis.keywords)}")
    for schema in schemas:
        console.print(schema)
    if args.save:
        console.print(f"Schemas written to {args.save}")
    return 0


def _generate(args: argparse.Namespace) -> int:
    import synthdata as sd

    corpus = sd.generate(
        _schemas(args),
        total_rows=args.rows,
        seed=args.seed,
        out_dir=args.out,
        batch_size=args.batch_size,
        progress=not args.quiet,
        workers=args.workers,
        locale=args.locale,
        format=args.format,
        executor=args.executor,
    )
    for name, count in corpus.row_counts.items():
        print(f"{name}: {count:,} rows")
    print(f"Wrote {sum(corpus.row_counts.values()):,} rows to {corpus.out_dir}")
    return 0


def _sample(args: argparse.Namespace) -> int:
    import shutil

    from rich.console import Console

    import synthdata as sd
    from synthdata._render import print_samples

    schemas = _schemas(args)
    frames = sd.sample(schemas, rows=args.rows, seed=args.seed, locale=args.locale)
    # The terminal's width (or $COLUMNS), 80 when the output goes to a file or a pipe; rich
    # measures double-width characters, so no line passes it.
    width = args.width or shutil.get_terminal_size().columns
    print_samples(Console(width=width, highlight=False), schemas, frames)
    return 0


def _validate(args: argparse.Namespace) -> int:
    import synthdata as sd

    corpus = sd.Corpus.open(Path(args.corpus))
    schemas = sd.load_schemas(args.schema) if args.schema else None
    report = sd.validate(corpus, schemas)
    print(report.summary())
    return 0 if report.ok else 1


def _compare(args: argparse.Namespace) -> int:
    from rich.console import Console

    import synthdata as sd

    tables = args.tables.split(",") if args.tables else None
    sides = [_corpus_or_source(p) for p in (args.real, args.synthetic)]
    report = sd.compare(*sides, tables=tables, sample_rows=args.sample_rows)
    if args.out:
        page = f"<!doctype html><meta charset='utf-8'><title>Fidelity</title>{report._repr_html_()}"
        Path(args.out).write_text(page, encoding="utf-8")
    if args.json:
        print(report.to_json())
        return 0
    console = Console(highlight=False)
    for name, scores in report.tables.items():
        real, synth = report.row_counts[name]
        cells = ", ".join(f"{k.lower()} {_score_text(v)}" for k, v in scores.items())
        copied = _score_text(report.copied_rows[name])
        console.print(f"{name} ({real:,} / {synth:,} rows): {cells}; copied {copied}", markup=False)
    console.print(report.summary(), markup=False)
    if args.out:
        console.print(f"HTML report written to {args.out}", markup=False)
    return 0


def _corpus_or_source(path: str) -> Corpus | str:
    """A folder that holds a generated corpus opens as one (its schemas know the keys)."""
    from synthdata.corpus import MANIFEST, Corpus

    if "://" not in path and (Path(path) / MANIFEST).is_file():
        return Corpus.open(path)
    return path


def _score_text(value: float) -> str:
    return "n/a" if value != value else f"{value:.3f}"


def _profile(args: argparse.Namespace) -> int:
    import json

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress

    import synthdata as sd
    from synthdata.profile.profile import ProfileEvent

    source = [args.source, *args.more] if args.more else args.source
    tables = args.tables.split(",") if args.tables else None
    console = Console(stderr=True, highlight=False)
    columns = ("{task.description}", BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, disable=args.quiet) as bar:
        task = bar.add_task("reading", total=None)

        def update(event: ProfileEvent) -> None:
            bar.update(task, total=event.total, completed=event.done, description=event.step)

        schemas = sd.profile(
            source,
            tables=tables,
            sample_rows=args.sample_rows,
            k=args.k,
            seed=args.seed,
            progress=update,
        )
    body = [s.model_dump(mode="json", exclude_none=True, exclude_defaults=True) for s in schemas]
    Path(args.out).write_text(json.dumps(body, indent=2), encoding="utf-8")
    for warning in schemas.warnings:
        console.print(f"note: {warning}", markup=False)
    for s in schemas:
        print(f"{s.name}: {len(s.fields)} fields, {s.volume:,} rows")
    print(f"Wrote {len(schemas)} schemas to {args.out}")
    return 0


def _export(args: argparse.Namespace) -> int:
    import synthdata as sd

    corpus = sd.Corpus.open(Path(args.corpus))
    out = Path(args.out) if args.out else Path(args.corpus) / "export"
    tables = args.tables.split(",") if args.tables else None
    paths = sd.export(corpus, args.format, out, schemas=tables, sql_dialect=args.dialect)
    for name, path in paths.items():
        print(f"{name}: {path}")
    return 0


def _load(args: argparse.Namespace) -> int:
    import synthdata as sd

    counts = sd.load(sd.Corpus.open(Path(args.corpus)), args.url, replace=args.replace)
    for name, count in counts.items():
        print(f"{name}: {count:,} rows loaded")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api_shim import UVICORN_OPTIONS, create_app

    print(
        f"synthdata on http://{args.host}:{args.port}/ (review page), "
        f"API on http://{args.host}:{args.port}/api/v1 "
        f"(docs: http://{args.host}:{args.port}/docs); data in "
        f"{home()}"
    )
    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="info", **UVICORN_OPTIONS)
    return 0


_COMMANDS = {
    "analyze": _analyze,
    "compare": _compare,
    "export": _export,
    "generate": _generate,
    "load": _load,
    "profile": _profile,
    "sample": _sample,
    "serve": _serve,
    "validate": _validate,
}


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
