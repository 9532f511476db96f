"""JSON (one array of objects) and JSON Lines, with ISO 8601 dates and numbers as numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from synthdata.schema import Schema

if TYPE_CHECKING:
    from synthdata.export import ExportOptions

__all__ = ["json_ready", "json_rows", "write_json", "write_jsonl"]


def json_ready(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Datetimes as ``2024-01-31T09:30:00`` and decimals as JSON numbers."""
    schema = frame.collect_schema()
    changes = []
    for name, dtype in schema.items():
        if isinstance(dtype, pl.Datetime):
            changes.append(pl.col(name).dt.strftime("%Y-%m-%dT%H:%M:%S"))
        elif isinstance(dtype, pl.Decimal):
            changes.append(pl.col(name).cast(pl.Float64))
    return frame.with_columns(changes) if changes else frame


def json_rows(frame: pl.DataFrame) -> list[dict[str, object]]:
    """Rows as JSON-ready dicts, with the same conventions as the JSON export."""
    return json.loads(json_ready(frame.lazy()).collect().write_json()) if frame.height else []


def write_jsonl(frame: pl.LazyFrame, path: Path, schema: Schema, options: ExportOptions) -> Path:
    """One JSON object per line, streamed."""
    json_ready(frame).sink_ndjson(path)
    return path


def write_json(frame: pl.LazyFrame, path: Path, schema: Schema, options: ExportOptions) -> Path:
    """One JSON array of objects, written slice by slice so memory stays flat."""
    ready = json_ready(frame)
    first = True
    with path.open("wb") as handle:
        handle.write(b"[")
        for batch in ready.collect_batches(chunk_size=50_000):
            lines = batch.write_ndjson().rstrip("\n")
            if not lines:
                continue
            handle.write((b"" if first else b",\n") + lines.replace("\n", ",\n").encode())
            first = False
        handle.write(b"]\n")
    return path
