"""Orchestration: plan the tables, send their batches to an executor, hand results to sinks.

Nothing here makes data: :mod:`synthdata.generate.plan` fixes each table, the pure
:func:`synthdata.generate.batch.generate_batch` makes a batch, and a sink writes it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

import polars as pl

from synthdata import _storage
from synthdata._types import CancelCheck, PathLike, ProgressCallback
from synthdata.corpus import Corpus, write_manifest
from synthdata.errors import CancelledError, InvalidInputError, did_you_mean
from synthdata.generate.batch import generate_batch
from synthdata.generate.executors import open_executor
from synthdata.generate.plan import (
    REFERENCE_DATE,
    TablePlan,
    plan_tables,
    # Re-exported: the flow's callers (synthdata, synthdata.jobs) import it from here.
    plan_volumes as plan_volumes,
)
from synthdata.generate.sinks import SINKS, Sink
from synthdata.generate.vocab import DEFAULT_LOCALE
from synthdata.schema import Schema

__all__ = [
    "ProgressEvent",
    "default_workers",
    "generate",
    "plan_volumes",
    "sample",
]


@dataclass(frozen=True)
class ProgressEvent:
    """Sent to the ``progress`` callback after every batch."""

    table: str
    table_rows_done: int
    table_rows: int
    rows_done: int
    total_rows: int
    tables_done: int
    total_tables: int

    @property
    def percent(self) -> float:
        """Overall completion, 0 to 100."""
        return 100.0 if self.total_rows == 0 else 100.0 * self.rows_done / self.total_rows


def default_workers() -> int:
    """One worker per core this process may use, up to 4 (more rarely pays: polars already
    spreads each batch's encoding over several threads)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


def sample(
    schemas: Sequence[Schema],
    rows: int = 5,
    seed: int = 0,
    *,
    locale: str = DEFAULT_LOCALE,
    llm: Any = None,
) -> dict[str, pl.DataFrame]:
    """A few rows of every table, with foreign keys pointing into the other samples.

    Args:
        schemas: the tables.
        rows: rows per table (1 to 10,000).
        seed: the same seed gives the same rows.
        locale: the default Faker locale for names, addresses and phone numbers.
        llm: a model name or :class:`synthdata.llm.LLMConfig`; TEXT fields then pick from
            values the model wrote (cached, so the same seed gives the same text).

    Returns:
        Table name → polars DataFrame, in dependency order.

    >>> import synthdata as sd
    >>> s = sd.Schema(name="t", fields=[sd.Field(name="id", type="UUID", primary_key=True)])
    >>> sd.sample([s], rows=2)["t"].height
    2
    """
    # Callers outside the type checker (notebooks, the API) may pass anything.
    if isinstance(rows, bool) or not isinstance(rows, int) or not 1 <= rows <= 10_000:  # type: ignore[redundant-expr]
        msg = f"rows must be a whole number from 1 to 10000 (got {rows!r})"
        raise InvalidInputError(msg)
    volumes = {s.name: rows for s in schemas}
    plans = plan_tables(schemas, seed=seed, volumes=volumes, locale=locale, bounded=False, llm=llm)
    return {p.schema.name: generate_batch(p, 0, rows) for p in plans}


def _batches(volume: int, batch_size: int) -> Iterator[tuple[int, int, int]]:
    for number, start in enumerate(range(0, volume, batch_size)):
        yield number, start, min(batch_size, volume - start)


def generate(
    schemas: Sequence[Schema],
    *,
    total_rows: int | None = None,
    scale: float | None = None,
    seed: int = 0,
    out_dir: PathLike = "synthdata_output",
    batch_size: int = 50_000,
    progress: ProgressCallback | bool | None = None,
    cancel: CancelCheck | None = None,
    workers: int | None = None,
    format: str = "parquet",
    locale: str = DEFAULT_LOCALE,
    reference_date: dt.datetime = REFERENCE_DATE,
    llm: Any = None,
    resume: bool = False,
    executor: Any = None,
) -> Corpus:
    """Generate every table, batch by batch, into Parquet files under ``out_dir``.

    Args:
        schemas: the tables; foreign keys must point at tables in the list.
        total_rows: total records across all tables, split by their relative volumes (exact).
            ``None`` uses each table's own volume.
        scale: multiply every table's volume by this (``scale=10`` for ten times a profiled
            database); children per parent keep their shape, since cardinality counts are
            shares of the parents. Not together with ``total_rows``.
        seed: the same seed gives byte-identical data, whatever ``batch_size`` and ``workers``.
        out_dir: a folder or an fsspec URL (``s3://bucket/corpus``, with its fsspec backend
            installed); each table is written to ``out_dir/<table>/part-NNNNN.parquet``.
        batch_size: rows per batch (memory grows with it, not with the corpus).
        progress: called with a :class:`ProgressEvent` after each batch; ``True`` shows a
            progress bar (in a terminal or a notebook).
        cancel: checked before each batch; when it returns True generation stops with
            :class:`CancelledError`, keeping the batches already written.
        workers: threads (or processes) generating batches at once; None uses one per core,
            up to 4.
        format: ``"parquet"`` (the corpus other functions read, one file per batch) or ``"csv"``
            (one ``out_dir/<table>.csv`` per table, streamed straight from the generator).
        locale: default Faker locale (tables and fields may set their own).
        reference_date: generated dates end here by default.
        llm: a model name or :class:`synthdata.llm.LLMConfig` to write TEXT fields (see
            :func:`sample`); None keeps everything offline.
        resume: keep Parquet batches already in ``out_dir`` (from an interrupted run with the
            same schemas, seed and batch size) and generate only the missing ones.
        executor: where batches run: None (threads here), ``"processes"`` (a local pool of
            ``workers`` processes), ``"dask://host:port"`` or a ``dask.distributed`` Client. The
            output is byte-identical whichever runs it.

    Returns:
        The :class:`Corpus` (also recorded in ``out_dir/manifest.json``).

    Raises:
        InvalidInputError: the schemas or options are inconsistent.
        CancelledError: ``cancel`` asked to stop.

    >>> import synthdata as sd, tempfile
    >>> s = sd.Schema(name="t", volume=10, fields=[sd.Field(name="id", type="UUID")])
    >>> sd.generate([s], seed=1, out_dir=tempfile.mkdtemp()).row_counts
    {'t': 10}
    """
    # Callers outside the type checker (notebooks, the API) may pass anything.
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:  # type: ignore[redundant-expr]
        msg = f"batch_size must be a whole number of at least 1 (got {batch_size!r})"
        raise InvalidInputError(msg)
    if workers is None:
        workers = default_workers()
    # Callers outside the type checker (notebooks, the API) may pass anything.
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:  # type: ignore[redundant-expr]
        msg = f"workers must be a whole number of at least 1 (got {workers!r})"
        raise InvalidInputError(msg)
    if format not in SINKS:
        msg = f"Unknown corpus format {format!r}.{did_you_mean(format, SINKS)}"
        raise InvalidInputError(msg)
    plans = plan_tables(
        schemas,
        seed=seed,
        total_rows=total_rows,
        volumes=_scaled(schemas, scale, total_rows),
        locale=locale,
        reference=reference_date,
        llm=llm,
    )
    corpus = Corpus(
        out_dir=_storage.location(out_dir),
        seed=seed,
        schemas=[p.schema for p in plans],
        row_counts={p.schema.name: p.volume for p in plans},
        batch_size=batch_size,
        format=format,
    )
    _storage.makedirs(corpus.out_dir)
    write_manifest(corpus, complete=False)
    try:
        with _progress_bar(progress) as report:
            _run(
                plans,
                corpus,
                batch_size=batch_size,
                workers=workers,
                progress=report,
                cancel=cancel,
                resume=resume,
                executor=executor,
            )
    except BaseException:
        write_manifest(corpus, complete=False)  # record the batches that did finish
        raise
    write_manifest(corpus, complete=True)
    return corpus


def _scaled(
    schemas: Sequence[Schema], scale: float | None, total_rows: int | None
) -> dict[str, int] | None:
    """Every table's planned volume times ``scale`` (rounded), or None without a scale."""
    if scale is None:
        return None
    # Callers outside the type checker (notebooks, the API) may pass anything.
    if (
        isinstance(scale, bool)
        or not isinstance(scale, int | float)  # type: ignore[redundant-expr]
        or not math.isfinite(scale)
        or scale <= 0
    ):
        msg = f"scale must be a positive number (got {scale!r})"
        raise InvalidInputError(msg)
    if total_rows is not None:
        msg = "Give total_rows or scale, not both"
        raise InvalidInputError(msg)
    return {name: round(n * scale) for name, n in plan_volumes(schemas).items()}


@contextlib.contextmanager
def _progress_bar(progress: Any) -> Iterator[ProgressCallback | None]:
    """``progress=True`` shows a rich progress bar (terminal or notebook); else pass through."""
    if progress is not True:
        yield progress or None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    # On stderr, so a command's own output (and pipes) stay clean.
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task("generating", total=None)

        def update(event: ProgressEvent) -> None:
            bar.update(
                task,
                total=event.total_rows,
                completed=event.rows_done,
                description=f"{event.table:<16}",
            )

        yield update


def _run(
    plans: list[TablePlan],
    corpus: Corpus,
    *,
    batch_size: int,
    workers: int,
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
    resume: bool,
    executor: Any,
) -> None:
    """Submit every batch of every table, keeping the workers busy across table boundaries
    (tables do not need each other's rows), and accept results in submission order."""
    tracker = _Tracker(progress, plans)
    sinks: dict[str, Sink] = {}
    window: deque[tuple[Future[Any], int, TablePlan]] = deque()
    with open_executor(executor, workers) as pool:
        try:
            for plan in plans:
                sink = sinks[plan.schema.name] = SINKS[corpus.format](
                    corpus, plan.schema.name, resume=resume
                )
                for batch_no, start, n in _batches(plan.volume, batch_size):
                    if cancel is not None and cancel():
                        msg = "Generation cancelled"
                        raise CancelledError(msg)
                    fn, args = sink.task(plan, batch_no, start, n)
                    window.append((pool.submit(fn, *args), n, plan))
                    while len(window) > pool.ahead or (window and window[0][0].done()):
                        _accept(sinks, window.popleft(), tracker)
                if plan.volume == 0:
                    tracker.advance(plan, 0)
            while window:
                _accept(sinks, window.popleft(), tracker)
        finally:
            pool.settle([future for future, _, _ in window])
            for sink in sinks.values():
                sink.close()


def _accept(
    sinks: dict[str, Sink], item: tuple[Future[Any], int, TablePlan], tracker: _Tracker
) -> None:
    future, rows, plan = item
    sinks[plan.schema.name].accept(future.result())
    tracker.advance(plan, rows)


class _Tracker:
    """Counts rows and tables done and reports them to the progress callback."""

    def __init__(self, progress: ProgressCallback | None, plans: list[TablePlan]) -> None:
        self.progress = progress
        self.total = sum(p.volume for p in plans)
        self.tables = len(plans)
        self.done = self.tables_done = 0
        self.per_table: dict[str, int] = {}

    def advance(self, plan: TablePlan, rows: int) -> None:
        name = plan.schema.name
        self.done += rows
        self.per_table[name] = self.per_table.get(name, 0) + rows
        if self.per_table[name] == plan.volume:
            self.tables_done += 1
        if self.progress is not None:
            self.progress(
                ProgressEvent(
                    name,
                    self.per_table[name],
                    plan.volume,
                    self.done,
                    self.total,
                    self.tables_done,
                    self.tables,
                )
            )
