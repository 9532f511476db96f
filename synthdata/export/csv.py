"""CSV: a header row, RFC 4180 quoting, UTF-8, ISO 8601 dates."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from synthdata._formats import CSV_OPTIONS
from synthdata.export._text import neutralize
from synthdata.schema import Schema

if TYPE_CHECKING:
    from synthdata.export import ExportOptions

__all__ = ["write_csv"]


def write_csv(frame: pl.LazyFrame, path: Path, schema: Schema, options: ExportOptions) -> Path:
    """Stream ``frame`` to ``path`` as CSV (formula neutralizing only when asked for)."""
    if options.neutralize_formulas:
        frame = neutralize(frame)
    frame.sink_csv(path, quote_style="necessary", **CSV_OPTIONS)
    return path
