"""Schemas as JSON: read from text, files or dicts, and where invalid input is wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from synthdata.errors import InvalidInputError, NotFoundError
from synthdata.schema.checks import check_schemas
from synthdata.schema.table import Schema

__all__ = ["describe_validation_error", "load_schemas", "schema_json_schema"]


def load_schemas(source: str | bytes | list[Any] | dict[str, Any]) -> list[Schema]:
    """Schemas from JSON text, a path to a JSON file, a list of dicts, or ``{"schemas": [...]}``.

    A single schema object is accepted too. The set is checked with :func:`check_schemas`.

    Raises:
        InvalidInputError: the JSON is malformed or a schema is invalid; the message says where.
        NotFoundError: ``source`` names a file that does not exist.

    >>> text = '[{"name": "t", "fields": [{"name": "id", "type": "UUID"}]}]'
    >>> [s.name for s in load_schemas(text)]
    ['t']
    """
    data: Any = source
    if isinstance(source, bytes):
        source = source.decode("utf-8", "replace")
    if isinstance(source, str):
        data = _parse(source)
    if isinstance(data, dict):
        data = data.get("schemas", [data]) if "fields" not in data else [data]
    if not isinstance(data, list):
        msg = "Schemas must be a JSON list of schema objects"
        raise InvalidInputError(msg)
    try:
        schemas = TypeAdapter(list[Schema]).validate_python(data)
    except ValidationError as exc:
        raise InvalidInputError(describe_validation_error(exc, "schemas")) from exc
    check_schemas(schemas)
    return schemas


def _parse(source: str) -> Any:
    """JSON text, or the JSON in the file that ``source`` names."""
    text = source.strip()
    if not text.startswith(("[", "{")):
        path = Path(text)
        if not path.is_file():
            msg = f"No schema file at {text!r}"
            raise NotFoundError(msg)
        text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"Schemas are not valid JSON: {exc}"
        raise InvalidInputError(msg) from exc


def schema_json_schema() -> dict[str, Any]:
    """The JSON Schema of a list of schemas, for LLM prompts and OpenAPI."""
    return TypeAdapter(list[Schema]).json_schema()


def describe_validation_error(exc: Exception, prefix: str = "") -> str:
    """A one-paragraph message from a pydantic ValidationError: where, and what is wrong."""
    if not isinstance(exc, ValidationError):
        return str(exc)
    parts = []
    for err in exc.errors():
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
        where = (prefix + where).lstrip(".") or "input"
        text = str(err["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}: {text}")
    return "; ".join(parts)
