"""Exporters: every table of a corpus to CSV, JSON, JSON Lines, XLSX, SQL or Parquet, streamed.

Each exporter is ``write_x(frame: LazyFrame, path, schema, options) -> Path`` and reads the
corpus' Parquet parts lazily, so memory does not grow with the corpus. :func:`export` writes one
file per table into a folder and returns their paths, as the API's ``export_paths``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl
from pydantic import BaseModel, ConfigDict, Field as PydanticField

from synthdata._types import PathLike
from synthdata.corpus import Corpus
from synthdata.errors import InvalidInputError, NotFoundError, did_you_mean
from synthdata.export.formats import ExportFormat, SQLDialect, parse_dialect, parse_format
from synthdata.schema import Schema

__all__ = [
    "EXPORTERS",
    "ExportFormat",
    "ExportOptions",
    "export",
    "parse_dialect",
    "parse_format",
    "safe_path",
]


class ExportOptions(BaseModel):
    """Options shared by the exporters (each reads the ones it needs)."""

    model_config = ConfigDict(extra="forbid")

    sql_dialect: SQLDialect = SQLDialect.POSTGRESQL
    #: Prefix cells that start with = + - @ tab or CR with ' so spreadsheets never run them.
    #: None means: on for XLSX, off for CSV (where it would change the data).
    neutralize_formulas: bool | None = None
    #: Rows per INSERT statement in SQL exports.
    insert_batch: int = PydanticField(default=500, ge=1, le=10_000)


Exporter = Callable[[pl.LazyFrame, Path, Schema, ExportOptions], Path]

#: File extension per format.
EXTENSIONS = {f: f.value for f in ExportFormat}


def _exporters() -> dict[ExportFormat, Exporter]:
    from synthdata.export.csv import write_csv
    from synthdata.export.json import write_json, write_jsonl
    from synthdata.export.parquet import write_parquet
    from synthdata.export.sql import write_sql
    from synthdata.export.xlsx import write_xlsx

    return {
        ExportFormat.CSV: write_csv,
        ExportFormat.JSON: write_json,
        ExportFormat.JSONL: write_jsonl,
        ExportFormat.XLSX: write_xlsx,
        ExportFormat.SQL: write_sql,
        ExportFormat.PARQUET: write_parquet,
    }


EXPORTERS: dict[ExportFormat, Exporter] = _exporters()


def safe_path(out_dir: Path, name: str, extension: str) -> Path:
    """``out_dir/<name>.<extension>``, refusing anything that would leave ``out_dir``."""
    base = out_dir.resolve()
    path = (base / f"{name}.{extension}").resolve()
    if os.path.commonpath([base, path]) != str(base) or path.parent != base:
        msg = f"Refusing to write outside {out_dir}: {name!r}"
        raise InvalidInputError(msg)
    return path


def export(
    corpus: Corpus,
    format: ExportFormat | str,
    out_dir: PathLike,
    *,
    schemas: Sequence[str] | None = None,
    sql_dialect: SQLDialect | str = SQLDialect.POSTGRESQL,
    options: ExportOptions | dict[str, object] | None = None,
) -> dict[str, Path]:
    """Write each table of ``corpus`` to ``out_dir/<table>.<format>``.

    Args:
        corpus: a generated corpus (see :func:`synthdata.generate`).
        format: csv, json, jsonl, xlsx, sql or parquet.
        out_dir: the folder to write into (created if needed).
        schemas: table names to export (default: all).
        sql_dialect: postgresql, mysql or sqlite, for SQL exports.
        options: more :class:`ExportOptions`.

    Returns:
        Table name → path of the file written, in dependency order.

    Raises:
        InvalidInputError: unknown format, dialect or option.
        NotFoundError: a requested table is not in the corpus.

    >>> import synthdata as sd, tempfile
    >>> key = sd.Field(name="id", type="INTEGER", primary_key=True)
    >>> s = sd.Schema(name="t", volume=3, fields=[key])
    >>> corpus = sd.generate([s], out_dir=tempfile.mkdtemp())
    >>> paths = sd.export(corpus, "csv", tempfile.mkdtemp())
    >>> paths["t"].read_text().splitlines()
    ['id', '1', '2', '3']
    """
    kind = parse_format(format)
    if isinstance(options, dict):
        options = ExportOptions.model_validate({"sql_dialect": sql_dialect, **options})
    elif options is None:
        options = ExportOptions.model_validate({"sql_dialect": parse_dialect(sql_dialect)})
    names = _tables(corpus, schemas)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    writer = EXPORTERS[kind]
    return {
        name: writer(
            corpus.frame(name),
            safe_path(folder, name, EXTENSIONS[kind]),
            corpus.schema(name),
            options,
        )
        for name in names
    }


def _tables(corpus: Corpus, wanted: Sequence[str] | None) -> list[str]:
    order = [s.name for s in corpus.schemas]
    if not wanted:
        return order
    for name in wanted:
        if name not in order:
            msg = f"Corpus has no table '{name}'.{did_you_mean(name, order)}"
            raise NotFoundError(msg)
    return [n for n in order if n in set(wanted)]
