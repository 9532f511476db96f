"""Parquet: one zstd-compressed file per table with its schema in the file metadata."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from synthdata.schema import Schema

if TYPE_CHECKING:
    from synthdata.export import ExportOptions

__all__ = ["SCHEMA_KEY", "write_parquet"]

#: Metadata key under which the synthdata schema (JSON) is stored.
SCHEMA_KEY = "synthdata.schema"


def write_parquet(frame: pl.LazyFrame, path: Path, schema: Schema, options: ExportOptions) -> Path:
    """Stream ``frame`` to one Parquet file, the table's schema in its key-value metadata."""
    frame.sink_parquet(
        path, compression="zstd", metadata={SCHEMA_KEY: schema.model_dump_json(exclude_none=True)}
    )
    return path
