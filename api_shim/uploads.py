"""Uploaded files to profile: checked names, a private folder, and answers that name no path.

A client's file name never becomes a path. Its stem, reduced to letters, digits and underscores
and checked as an identifier, names the table; the file is written as ``<table>.csv`` or
``<table>.parquet`` in a fresh private temporary folder (mode 0700) that is deleted when the
profile is done. Error messages and descriptions name the uploaded file, never that folder.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile

import synthdata as sd
from api_shim.schemas import ProfileOptions
from synthdata.errors import InvalidInputError, SynthdataError
from synthdata.schema import describe_validation_error
from synthdata.schema.field import valid_identifier

__all__ = [
    "SOURCE_FIELDS",
    "SOURCE_REFUSED",
    "UPLOAD_ONLY",
    "Upload",
    "is_json",
    "is_multipart",
    "is_urlencoded",
    "profile_uploads",
    "read_form",
    "table_name",
]

logger = logging.getLogger("synthdata")

#: Form or JSON fields that would name something on the server: refused, never read.
SOURCE_FIELDS = ("source", "url", "path", "paths", "folder", "database_url", "dsn")
UPLOAD_ONLY = (
    "This endpoint profiles uploaded files only: send one or more .csv or .parquet files as "
    "multipart/form-data in the field 'files' (options: k, sample_rows, seed)"
)
SOURCE_REFUSED = (
    "A server path or database URL is never read from a client; upload the files instead "
    "(multipart/form-data, field 'files', .csv or .parquet)"
)
_SUFFIXES = {"csv": ".csv", "parquet": ".parquet"}
_NOT_WORD = re.compile(r"[^A-Za-z0-9_]+")
#: Profiles running at once: each holds its tables in memory, so a burst waits its turn.
_SLOTS = threading.BoundedSemaphore(2)


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the client's name (shown in messages only), its table and suffix."""

    filename: str
    table: str
    suffix: str
    file: IO[bytes]


def _media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def is_multipart(content_type: str) -> bool:
    return _media_type(content_type) == "multipart/form-data"


def is_urlencoded(content_type: str) -> bool:
    return _media_type(content_type) == "application/x-www-form-urlencoded"


def is_json(content_type: str) -> bool:
    """JSON, or no type at all (read as JSON, like every other endpoint's body)."""
    media = _media_type(content_type)
    return media in ("", "application/json") or media.endswith("+json")


def _shown(filename: str) -> str:
    """A client's file name as messages quote it: short, and printable."""
    clean = "".join(c if c.isprintable() else "?" for c in filename)
    return repr(clean if len(clean) <= 80 else clean[:77] + "...")


def table_name(filename: str | None) -> tuple[str, str]:
    """The table a file name stands for and its suffix (``.csv`` or ``.parquet``).

    Raises:
        InvalidInputError: no name, a path rather than a plain name, another suffix, or a stem
            with nothing usable as an identifier.

    >>> table_name("Order Items.csv")
    ('Order_Items', '.csv')
    >>> table_name("2024-sales.PARQUET")
    ('t_2024_sales', '.parquet')
    """
    if not filename:
        msg = "Every uploaded file needs a file name ending in .csv or .parquet"
        raise InvalidInputError(msg)
    if any(c in filename for c in "/\\:") or filename.startswith(".") or ".." in filename:
        msg = f"{_shown(filename)} is not a plain file name; send the file's name only"
        raise InvalidInputError(msg)
    if not all(c.isprintable() for c in filename):
        msg = f"{_shown(filename)}: file names may not hold control characters"
        raise InvalidInputError(msg)
    stem, dot, extension = filename.rpartition(".")
    suffix = _SUFFIXES.get(extension.lower()) if dot else None
    if suffix is None:
        msg = f"{_shown(filename)}: only .csv and .parquet files can be profiled"
        raise InvalidInputError(msg)
    name = _NOT_WORD.sub("_", stem).strip("_")
    if name[:1].isdigit():
        name = f"t_{name}"
    try:
        return valid_identifier(name[:63]), suffix
    except ValueError:
        msg = (
            f"{_shown(filename)}: a table is named after its file, and this name has no "
            "letters, digits or underscores to make one of"
        )
        raise InvalidInputError(msg) from None


def read_form(form: FormData) -> tuple[list[Upload], ProfileOptions]:
    """The uploaded files and the options of a profile request's form.

    Raises:
        InvalidInputError: no files, a field that names a server path or URL, an unknown or
            repeated field, a bad file name, or two files for one table.
        pydantic.ValidationError: an option out of range (a 400 like every other body).
    """
    files: list[Upload] = []
    fields: dict[str, str] = {}
    known = set(ProfileOptions.model_fields)
    for key, value in form.multi_items():
        if key == "files":
            if not isinstance(value, UploadFile):
                msg = "The field 'files' holds uploaded files (with a file name), not text"
                raise InvalidInputError(msg)
            table, suffix = table_name(value.filename)
            files.append(Upload(value.filename or "", table, suffix, value.file))
        elif key.lower() in SOURCE_FIELDS:
            raise InvalidInputError(SOURCE_REFUSED)
        elif key in known:
            if not isinstance(value, str):
                msg = f"The field {key!r} is text (a whole number), not a file"
                raise InvalidInputError(msg)
            if key in fields:
                msg = f"The field {key!r} is given twice"
                raise InvalidInputError(msg)
            fields[key] = value
        else:
            msg = f"Unknown form field {_shown(key)}; the fields are files, k, sample_rows, seed"
            raise InvalidInputError(msg)
    if not files:
        msg = "Upload at least one .csv or .parquet file in the field 'files'"
        raise InvalidInputError(msg)
    seen: dict[str, Upload] = {}
    for upload in files:
        other = seen.setdefault(upload.table.lower(), upload)
        if other is not upload:
            msg = (
                f"Two files for table {upload.table!r}: {_shown(other.filename)} and "
                f"{_shown(upload.filename)}; each table is one file"
            )
            raise InvalidInputError(msg)
    return files, ProfileOptions.model_validate({k: v.strip() for k, v in fields.items()})


def profile_uploads(files: list[Upload], options: ProfileOptions) -> dict[str, Any]:
    """Write the files to a private temporary folder, profile it, delete it; the API's answer.

    Raises:
        InvalidInputError: a file that cannot be read or profiled (the message names it).
    """
    with _SLOTS, tempfile.TemporaryDirectory(prefix="synthdata-profile-") as tmp:
        folder = Path(tmp)
        written: dict[str, str] = {}
        for upload in files:
            path = folder / f"{upload.table}{upload.suffix}"
            upload.file.seek(0)
            with path.open("xb") as target:  # x: never over an existing file
                shutil.copyfileobj(upload.file, target)
            written[str(path)] = upload.filename
        try:
            schemas = sd.profile(
                folder, k=options.k, sample_rows=options.sample_rows, seed=options.seed
            )
        except SynthdataError as exc:
            raise InvalidInputError(_short(_scrub(str(exc), folder, written))) from None
        except ValidationError as exc:  # e.g. a column name that is not an identifier
            reason = _scrub(describe_validation_error(exc), folder, written)
            raise InvalidInputError(_short(f"Cannot profile {_names(files)}: {reason}")) from None
        except Exception as exc:  # a fault of the profiler, not of the files: a 500 that says so
            logger.exception("Profiling uploaded files %s failed", _names(files))
            msg = (
                f"Profiling {_names(files)} failed inside synthdata ({type(exc).__name__}); "
                "the server logged it: please report it"
            )
            raise SynthdataError(msg) from None
        where = "uploaded files " + ", ".join(
            f"{u.table}{u.suffix}" for u in sorted(files, key=lambda u: u.table)
        )
        out: list[dict[str, Any]] = []
        for schema in schemas:
            body = schema.to_reference()
            if "description" in body:
                body["description"] = body["description"].replace(str(folder), where)
            out.append(body)
        return {
            "schemas": out,
            "warnings": [_scrub(w, folder, written) for w in schemas.warnings],
            "tables": {s.name: s.volume for s in schemas},
        }


def _names(files: list[Upload]) -> str:
    return ", ".join(_shown(u.filename) for u in files)


def _short(text: str, limit: int = 600) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _scrub(text: str, folder: Path, written: dict[str, str]) -> str:
    """``text`` naming each file as the client did, and the private folder nowhere."""
    for path, filename in written.items():
        text = text.replace(repr(path), _shown(filename)).replace(path, filename)
    return text.replace(str(folder) + os.sep, "").replace(str(folder), "the uploaded files")
