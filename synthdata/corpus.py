"""A generated corpus on disk: Parquet parts per table and a manifest that describes them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from synthdata import _storage
from synthdata._types import PathLike
from synthdata.errors import InvalidInputError, NotFoundError, did_you_mean
from synthdata.schema import Schema
from synthdata.schema.traits import FIELD_TRAITS

__all__ = ["MANIFEST", "Corpus", "write_manifest"]

MANIFEST = "manifest.json"
_FORMAT_VERSION = 1


@dataclass
class Corpus:
    """Tables generated into ``out_dir``: ``tables`` maps each table to its Parquet parts.

    >>> import synthdata as sd, tempfile
    >>> key = sd.Field(name="id", type="INTEGER", primary_key=True)
    >>> s = sd.Schema(name="t", volume=3, fields=[key])
    >>> corpus = sd.generate([s], out_dir=tempfile.mkdtemp())
    >>> corpus.frame("t").collect()["id"].to_list()
    [1, 2, 3]
    """

    out_dir: _storage.Location
    seed: int
    schemas: list[Schema]
    row_counts: dict[str, int]
    batch_size: int
    tables: dict[str, list[_storage.Location]] = field(default_factory=dict)
    #: ``parquet`` (parts per table) or ``csv`` (one file per table).
    format: str = "parquet"

    def frame(self, name: str) -> pl.LazyFrame:
        """The table ``name`` as a polars LazyFrame over its Parquet parts.

        Raises:
            NotFoundError: no such table (the message suggests the closest name).
        """
        if name not in self.tables:
            msg = f"Corpus has no table '{name}'.{did_you_mean(name, self.tables)}"
            raise NotFoundError(msg)
        paths = self.tables[name]
        if self.format == "csv":
            return pl.scan_csv([str(p) for p in paths], schema=_dtypes(self.schema(name)))
        if not paths:
            return pl.LazyFrame(schema=_dtypes(self.schema(name)))
        remote = [p for p in paths if isinstance(p, str)]
        if remote and not all(p.startswith(_storage.POLARS_NATIVE) for p in remote):
            parts = [pl.read_parquet(_storage.open_read(p)).lazy() for p in remote]
            return pl.concat(parts)  # an fsspec-only protocol: read part by part
        return pl.scan_parquet([str(p) for p in paths])

    def schema(self, name: str) -> Schema:
        """The schema of table ``name``."""
        for s in self.schemas:
            if s.name == name:
                return s
        msg = f"Corpus has no table '{name}'.{did_you_mean(name, [s.name for s in self.schemas])}"
        raise NotFoundError(msg)

    def collect(self) -> dict[str, pl.DataFrame]:
        """Every table in memory (for small corpora)."""
        return {name: self.frame(name).collect() for name in self.tables}

    @classmethod
    def open(cls, path: PathLike) -> Corpus:
        """Open a corpus that :func:`synthdata.generate` wrote to ``path``.

        Raises:
            NotFoundError: ``path`` holds no manifest.
            InvalidInputError: the manifest is unreadable or the corpus is incomplete.
        """
        folder = _storage.location(str(path))
        manifest = _storage.join(folder, MANIFEST)
        if not _storage.exists(manifest):
            msg = f"No synthdata corpus at {str(folder)!r} (missing {MANIFEST})"
            raise NotFoundError(msg)
        try:
            data = json.loads(_storage.read_text(manifest))
            schemas = [Schema.model_validate(s) for s in data["schemas"]]
            tables = {
                t: [_storage.join(folder, *p.split("/")) for p in parts]
                for t, parts in data["tables"].items()
            }
        except (ValueError, KeyError, TypeError) as exc:
            msg = f"Unreadable manifest at {str(manifest)!r}: {exc}"
            raise InvalidInputError(msg) from exc
        if not data.get("complete"):
            msg = f"The corpus at {str(folder)!r} is incomplete (generation stopped early)"
            raise InvalidInputError(msg)
        return cls(
            folder,
            data["seed"],
            schemas,
            data["row_counts"],
            data["batch_size"],
            tables,
            data.get("format", "parquet"),
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{name}</td><td>{self.row_counts.get(name, 0):,}</td>"
            f"<td>{len(parts)}</td></tr>"
            for name, parts in self.tables.items()
        )
        return (
            f"<b>Corpus</b> at <code>{self.out_dir}</code> (seed {self.seed})"
            f"<table><tr><th>table</th><th>rows</th><th>parts</th></tr>{rows}</table>"
        )


def _dtypes(schema: Schema) -> dict[str, pl.DataType]:
    return {f.name: FIELD_TRAITS[f.type].dtype for f in schema.fields}


def write_manifest(corpus: Corpus, *, complete: bool) -> None:
    """Record the corpus in ``out_dir/manifest.json``, atomically."""
    data = {
        "format_version": _FORMAT_VERSION,
        "complete": complete,
        "seed": corpus.seed,
        "batch_size": corpus.batch_size,
        "format": corpus.format,
        "row_counts": corpus.row_counts,
        "schemas": [s.model_dump(mode="json", exclude_defaults=True) for s in corpus.schemas],
        "tables": {
            t: [_relative(p, corpus.out_dir) for p in parts] for t, parts in corpus.tables.items()
        },
    }
    _storage.write_text(_storage.join(corpus.out_dir, MANIFEST), json.dumps(data, indent=2))


def _relative(part: _storage.Location, base: _storage.Location) -> str:
    if isinstance(part, Path) and isinstance(base, Path):
        return part.relative_to(base).as_posix()
    return str(part).removeprefix(str(base)).lstrip("/")
