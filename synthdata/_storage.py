"""Where a corpus lives: a local folder (pathlib) or any fsspec URL (``s3://``, ``gs://``, ``memory://``).

Local paths keep atomic writes (temporary file, then rename); remote objects are written whole.
fsspec is imported only for remote locations.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

__all__ = [
    "Location",
    "exists",
    "is_remote",
    "join",
    "location",
    "makedirs",
    "open_read",
    "remove_parts",
    "remove_unfinished",
    "write_text",
]

Location = Path | str
#: Protocols polars reads by itself (object_store); others go through fsspec.
POLARS_NATIVE = (
    "s3://",
    "s3a://",
    "gs://",
    "gcs://",
    "az://",
    "abfs://",
    "abfss://",
    "http://",
    "https://",
    "hf://",
)


def is_remote(where: Any) -> bool:
    return isinstance(where, str) and "://" in where and not where.startswith("file://")


def location(where: Any) -> Location:
    """A Path for local folders (``file://`` included), the URL itself for remote ones."""
    if isinstance(where, str) and where.startswith("file://"):
        return Path(where.removeprefix("file://"))
    return where.rstrip("/") if is_remote(where) else Path(where)


def join(base: Location, *parts: str) -> Location:
    if isinstance(base, Path):
        return base.joinpath(*parts)
    return "/".join([base, *parts])


def _fs(url: str) -> tuple[Any, str]:
    from synthdata._deps import import_optional

    fsspec: Any = import_optional("fsspec", extra="remote", purpose="Remote corpora")
    fs: Any
    path: str
    fs, path = fsspec.core.url_to_fs(url)
    return fs, path


def makedirs(where: Location) -> None:
    if isinstance(where, Path):
        where.mkdir(parents=True, exist_ok=True)
    else:
        fs, path = _fs(where)
        fs.makedirs(path, exist_ok=True)


def exists(where: Location) -> bool:
    if isinstance(where, Path):
        return where.is_file()
    fs, path = _fs(where)
    return bool(fs.exists(path))


def remove_parts(folder: Location) -> None:
    """Delete the ``part-*.parquet`` files of an earlier run (and any half-written ones)."""
    if isinstance(folder, Path):
        remove_unfinished(folder)
        for stale in folder.glob("part-*.parquet"):
            stale.unlink()
        return
    fs, path = _fs(folder)
    for stale in fs.glob(f"{path}/part-*.parquet"):
        fs.rm(stale)


def remove_unfinished(folder: Location) -> None:
    """Delete parts a stopped worker left half-written in a local folder."""
    if isinstance(folder, Path):
        for stale in folder.glob("part-*.tmp"):
            stale.unlink(missing_ok=True)


def open_write(where: str) -> IO[bytes]:
    fs, path = _fs(where)
    stream: IO[bytes] = fs.open(path, "wb")
    return stream


def open_read(where: str) -> IO[bytes]:
    fs, path = _fs(where)
    stream: IO[bytes] = fs.open(path, "rb")
    return stream


def write_text(where: Location, text: str) -> None:
    if isinstance(where, Path):
        tmp = where.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(where)
        return
    with open_write(where) as handle:
        handle.write(text.encode())


def read_text(where: Location) -> str:
    if isinstance(where, Path):
        return where.read_text(encoding="utf-8")
    with open_read(where) as handle:
        return handle.read().decode()
