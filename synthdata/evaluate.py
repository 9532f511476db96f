"""Answers shaped like the HTTP API's, made in-process: for scoring the analyzer on a dev set."""

from __future__ import annotations

from typing import Any

from synthdata.analyze import analyze
from synthdata.generate.engine import sample
from synthdata.infer import infer_schemas

__all__ = ["analyze_response", "sample_response"]


def analyze_response(context: str, domain_hint: str | None = None) -> dict[str, Any]:
    """The body of ``POST /api/v1/context/analyze``."""
    return analyze(context, domain_hint).model_dump(mode="json")


def sample_response(context: str, sample_size: int = 5, seed: int = 0) -> dict[str, Any]:
    """The ``schemas`` and ``samples`` of ``POST /api/v1/generate/sample``."""
    schemas = infer_schemas(analyze(context))
    frames = sample(schemas, rows=sample_size, seed=seed)
    return {
        "schemas": [
            s.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
            | {"name": s.name, "fields": [_field(f) for f in s.fields]}
            for s in schemas
        ],
        "samples": {name: _rows(frame) for name, frame in frames.items()},
    }


def _field(f: Any) -> dict[str, Any]:
    return f.model_dump(mode="json", exclude_none=True, exclude_defaults=True) | {
        "name": f.name,
        "type": f.type.value,
        "required": f.required,
    }


def _rows(frame: Any) -> list[dict[str, Any]]:
    return [
        {
            k: (v if isinstance(v, int | float | bool | str) or v is None else str(v))
            for k, v in row.items()
        }
        for row in frame.to_dicts()
    ]
