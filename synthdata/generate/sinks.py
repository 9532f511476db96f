"""Where batches go: Parquet parts per table (the default corpus) or one CSV file per table.

A sink renders a batch in a worker thread (generate it, then encode it) and accepts the result in
the calling thread, in batch order, so output bytes never depend on the number of workers.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, cast

import polars as pl

from synthdata import _storage
from synthdata._formats import CSV_OPTIONS
from synthdata.corpus import Corpus
from synthdata.errors import InvalidInputError
from synthdata.generate.batch import generate_batch
from synthdata.generate.plan import TablePlan
from synthdata.generate.quoting import csv_plain

__all__ = ["SINKS", "CsvSink", "ParquetSink", "Sink", "render_csv", "render_parquet"]


class Sink:
    """Receives the batches of one table."""

    format: ClassVar[str]

    def __init__(self, corpus: Corpus, table: str, *, resume: bool = False) -> None:
        """``resume``: keep what an interrupted run already wrote, where the format allows."""
        self.corpus = corpus
        self.table = table
        corpus.tables[table] = []

    def task(
        self, plan: TablePlan, batch_no: int, start: int, n: int
    ) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        """A module-level function and picklable arguments that render one batch anywhere:
        a thread, another process or a Dask worker."""
        raise NotImplementedError

    def accept(self, result: Any) -> None:
        """Take a rendered batch, in order (runs in the calling thread)."""
        raise NotImplementedError

    def close(self) -> None:
        """Finish the table (also called after a cancel, keeping what was written)."""


def render_parquet(plan: TablePlan, start: int, n: int, path: str, resume: bool) -> str:
    """Write one batch to ``path`` (atomically when local); keep an existing file when resuming."""
    target = _storage.location(path)
    if resume and _storage.exists(target):
        return path  # written before an interruption: batches are deterministic
    frame = generate_batch(plan, start, n)
    # lz4 writes about twice as fast as zstd; exports re-encode when size matters.
    if isinstance(target, str):
        with _storage.open_write(target) as handle:
            frame.write_parquet(handle, compression="lz4", statistics=False)
        return path
    target.parent.mkdir(parents=True, exist_ok=True)
    # A name of its own: a retried batch may overlap the same batch in a worker being stopped.
    tmp = target.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
    frame.write_parquet(tmp, compression="lz4", statistics=False)
    tmp.replace(target)
    return path


def render_csv(plan: TablePlan, start: int, n: int) -> bytes:
    """One batch as CSV rows without a header.

    The bytes are exactly what polars writes with quotes where needed; two shortcuts make it
    faster: when no field can hold a separator, quote or line break (see ``csv_plain``) values are
    not scanned for them, and dates are formatted once per distinct day.
    """
    frame = _dates_as_text(generate_batch(plan, start, n))
    plain = all(csv_plain(plan, f) for f in plan.schema.fields)
    buffer = io.BytesIO()
    frame.write_csv(
        buffer,
        include_header=False,
        quote_style="never" if plain else "necessary",
        **CSV_OPTIONS,
    )
    return buffer.getvalue()


def _dates_as_text(frame: pl.DataFrame) -> pl.DataFrame:
    """Date columns as ISO text, formatting each day in the batch's range once."""
    for name, dtype in frame.schema.items():
        if dtype != pl.Date:
            continue
        days = frame[name].to_physical()
        # Dates are Int32 days underneath; max() is None only when min() is (all nulls).
        first, last = cast("int | None", days.min()), cast(int, days.max())
        if first is None or last - first > frame.height:
            continue
        calendar = pl.int_range(first, last + 1, eager=True).cast(pl.Int32).cast(pl.Date)
        text = calendar.dt.to_string(CSV_OPTIONS["date_format"])
        frame = frame.with_columns(text.gather(days - first).alias(name))
    return frame


class ParquetSink(Sink):
    """``out_dir/<table>/part-NNNNN.parquet``, one file per batch."""

    format = "parquet"

    def __init__(self, corpus: Corpus, table: str, *, resume: bool = False) -> None:
        super().__init__(corpus, table)
        self.folder = _storage.join(corpus.out_dir, table)
        _storage.makedirs(self.folder)
        self.resume = resume
        if not resume:
            _storage.remove_parts(self.folder)

    def task(
        self, plan: TablePlan, batch_no: int, start: int, n: int
    ) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        path = _storage.join(self.folder, f"part-{batch_no:05d}.parquet")
        return render_parquet, (plan, start, n, str(path), self.resume)

    def accept(self, result: str) -> None:
        self.corpus.tables[self.table].append(_storage.location(result))

    def close(self) -> None:
        _storage.remove_unfinished(self.folder)


class CsvSink(Sink):
    """``out_dir/<table>.csv``: a header, then every batch appended in order."""

    format = "csv"

    def __init__(self, corpus: Corpus, table: str, *, resume: bool = False) -> None:
        super().__init__(corpus, table)
        if not isinstance(corpus.out_dir, Path):
            msg = "CSV corpora are written to local folders; use format='parquet' for URLs"
            raise InvalidInputError(msg)
        self.path = corpus.out_dir / f"{table}.csv"
        self.handle = self.path.open("wb")
        self.handle.write((",".join(corpus.schema(table).field_names) + "\n").encode())
        corpus.tables[table] = [self.path]

    def task(
        self, plan: TablePlan, batch_no: int, start: int, n: int
    ) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return render_csv, (plan, start, n)

    def accept(self, result: bytes) -> None:
        self.handle.write(result)

    def close(self) -> None:
        self.handle.close()


SINKS: dict[str, type[Sink]] = {"parquet": ParquetSink, "csv": CsvSink}
