"""Read a real data source into polars tables and the catalogue that describes them.

A source is a database URL (``sqlite:///file.db``, ``postgresql://…``, ``mysql://…`` or
``mariadb://…``), a folder of ``.csv``/``.parquet`` files, or a list of such files (one table per
file, named after the file's stem). Databases contribute their catalogue: declared column types,
NOT NULL, primary keys, unique constraints and foreign keys, composite and self-referencing ones
included. Files contribute only what the data says (types and whether a column holds nulls).

>>> import tempfile, pathlib, polars as pl
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> pl.DataFrame({"id": [1, 2], "name": ["a", "b"]}).write_csv(folder / "t.csv")
>>> src = read_source(folder)
>>> src.tables["t"].shape, src.meta["t"].row_count
((2, 2), 2)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import polars as pl

from synthdata.errors import InvalidInputError, LoadError, NotFoundError, did_you_mean

__all__ = [
    "ColumnMeta",
    "FanOut",
    "ForeignKeyMeta",
    "Source",
    "TableMeta",
    "polars_type",
    "read_source",
]

SCHEMES = ("sqlite", "postgresql", "postgres", "mysql", "mariadb")
FILE_SUFFIXES = (".csv", ".parquet")


@dataclass(frozen=True)
class ColumnMeta:
    """One column: its name, declared SQL type (or polars type for files) and nullability."""

    name: str
    sql_type: str
    nullable: bool = True


@dataclass(frozen=True)
class ForeignKeyMeta:
    """A foreign key: ``columns`` of the child refer to ``parent_columns`` of ``parent``."""

    columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...]


@dataclass
class TableMeta:
    """What the catalogue says about one table; ``row_count`` is exact even when sampled."""

    name: str
    columns: list[ColumnMeta]
    primary_key: tuple[str, ...] = ()
    unique: list[tuple[str, ...]] = field(default_factory=list)
    foreign_keys: list[ForeignKeyMeta] = field(default_factory=list)
    row_count: int = 0


#: Children per parent counted by a database: ``[(children, parents), …]``.
FanOut = list[tuple[int, int]]


@dataclass
class Source:
    """Tables read from a source, with their catalogue; ``location`` never shows a password.

    ``fan_out`` holds, per single-column foreign key ``(child, column)`` whose child or parent
    was read as a sample, how many parents have 0, 1, 2, … children, counted by the database
    over every row (a sample of either side cannot tell)."""

    tables: dict[str, pl.DataFrame]
    meta: dict[str, TableMeta]
    location: str = ""
    from_catalogue: bool = False
    fan_out: dict[tuple[str, str], FanOut] = field(default_factory=dict)

    def sampled(self, table: str) -> bool:
        """Whether fewer rows of ``table`` were read than it holds."""
        return self.tables[table].height < self.meta[table].row_count


SourceLike = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]


def read_source(
    source: SourceLike,
    *,
    tables: Sequence[str] | None = None,
    sample_rows: int | None = None,
    seed: int = 0,
) -> Source:
    """Read a database or files into polars tables plus their catalogue.

    Args:
        source: a database URL, a folder of CSV/Parquet files, or a list of such files.
        tables: only these tables (default: every table).
        sample_rows: read a random sample of about this many rows from each table that holds
            more (``TableMeta.row_count`` stays the exact count); default: every row. SQLite and
            files give exactly this many; PostgreSQL samples each row independently
            (``TABLESAMPLE BERNOULLI``) and MySQL/MariaDB likewise (``WHERE RAND(seed) < p``),
            about this many, without sorting the table.
        seed: the sample's seed where the database can seed its random order.

    Returns:
        The tables and their :class:`TableMeta`.

    Raises:
        InvalidInputError: an unknown URL scheme, a bad option, or two files of the same table.
        NotFoundError: a missing file or folder, or an unknown table in ``tables``.
        LoadError: the database or a file could not be read (the message has the reason).
    """
    if sample_rows is not None and sample_rows < 1:
        msg = f"sample_rows must be a positive number of rows, not {sample_rows}"
        raise InvalidInputError(msg)
    if isinstance(source, str) and "://" in source:
        from synthdata.profile import databases

        return databases.read_database(source, tables=tables, sample_rows=sample_rows, seed=seed)
    if isinstance(source, str | os.PathLike):
        return _read_files(_files_in(Path(source)), tables, sample_rows, seed, str(source))
    paths = [Path(p) for p in source]
    return _read_files(paths, tables, sample_rows, seed, ", ".join(map(str, paths)))


def scheme_of(url: str) -> str:
    """The database family of a URL (``postgresql``, ``mysql`` or ``sqlite``), or raise."""
    scheme = urlsplit(url).scheme.split("+")[0].lower()
    if scheme not in SCHEMES:
        msg = (
            f"Unsupported source URL scheme {scheme!r}; use postgresql://, mysql://, "
            "mariadb:// or sqlite:///, or give a folder or files"
        )
        raise InvalidInputError(msg)
    return {"postgres": "postgresql", "mariadb": "mysql"}.get(scheme, scheme)


def select_tables(available: Sequence[str], wanted: Sequence[str] | None) -> list[str]:
    """``wanted`` in the source's spelling, or every table; unknown names are an error."""
    if wanted is None:
        return list(available)
    missing = [t for t in wanted if t not in available]
    if missing:
        msg = f"The source has no table {missing[0]!r}.{did_you_mean(missing[0], available)}"
        raise NotFoundError(msg)
    return list(dict.fromkeys(wanted))


def polars_type(sql_type: str) -> pl.DataType:
    """The polars type for a declared SQL type (by family: integers, decimals, dates…)."""
    t = sql_type.lower()
    if t.startswith(("tinyint(1)", "bool")):
        return pl.Boolean()
    if "int" in t or t in {"serial", "bigserial", "smallserial"}:
        return pl.Int64()
    if any(k in t for k in ("numeric", "decimal", "real", "double", "float", "money")):
        return pl.Float64()
    if "timestamp" in t or "datetime" in t:
        return pl.Datetime("us")
    if t.startswith("date"):
        return pl.Date()
    return pl.String()


def cast_declared(frame: pl.DataFrame, meta: TableMeta) -> pl.DataFrame:
    """Cast columns to the polars types of their declared SQL types (text dates parsed)."""
    changes = []
    for column in meta.columns:
        target = polars_type(column.sql_type)
        current = frame.schema[column.name]
        if current == target or (current == pl.Null and target == pl.String):
            continue
        expr = pl.col(column.name)
        if current == pl.String and target == pl.Boolean:
            expr = expr.str.to_lowercase().is_in(["t", "true", "1", "yes"])
            expr = pl.when(pl.col(column.name).is_null()).then(None).otherwise(expr)
        elif current == pl.String and isinstance(target, pl.Datetime):
            expr = expr.str.to_datetime(time_unit="us", strict=False)
        elif current == pl.String and target == pl.Date:
            expr = expr.str.to_date(strict=False)
        else:
            expr = expr.cast(target, strict=False)
        changes.append(expr.alias(column.name))
    return frame.with_columns(changes) if changes else frame


# --- files --------------------------------------------------------------------------------------


def _files_in(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        msg = f"No such file or folder: {str(path)!r}"
        raise NotFoundError(msg)
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in FILE_SUFFIXES)
    if not files:
        msg = f"The folder {str(path)!r} holds no .csv or .parquet files"
        raise NotFoundError(msg)
    return files


def _read_files(
    paths: list[Path], tables: Sequence[str] | None, sample_rows: int | None, seed: int, where: str
) -> Source:
    by_table: dict[str, Path] = {}
    for path in paths:
        if path.suffix.lower() not in FILE_SUFFIXES:
            msg = f"Cannot read {str(path)!r}: only .csv and .parquet files are tables"
            raise InvalidInputError(msg)
        if not path.is_file():
            msg = f"No such file: {str(path)!r}"
            raise NotFoundError(msg)
        if path.stem in by_table:
            msg = f"Two files for table {path.stem!r}: {by_table[path.stem]} and {path}"
            raise InvalidInputError(msg)
        by_table[path.stem] = path
    frames: dict[str, pl.DataFrame] = {}
    meta: dict[str, TableMeta] = {}
    for name in select_tables(list(by_table), tables):
        frame = _read_file(by_table[name])
        meta[name] = TableMeta(name, _columns_of(frame), row_count=frame.height)
        if sample_rows is not None and frame.height > sample_rows:
            frame = frame.sample(sample_rows, seed=seed)
        frames[name] = frame
    return Source(frames, meta, where)


def _read_file(path: Path) -> pl.DataFrame:
    try:
        if path.suffix.lower() == ".parquet":
            return pl.read_parquet(path)
        return pl.read_csv(path, try_parse_dates=True, infer_schema_length=10_000)
    except (pl.exceptions.PolarsError, OSError) as exc:
        reason = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
        msg = f"Cannot read {str(path)!r}: {reason}"
        raise LoadError(msg) from exc


def _columns_of(frame: pl.DataFrame) -> list[ColumnMeta]:
    nulls = frame.null_count().row(0) if frame.width else ()
    return [
        ColumnMeta(name, str(dtype), nullable=n > 0)
        for (name, dtype), n in zip(frame.schema.items(), nulls, strict=True)
    ]
