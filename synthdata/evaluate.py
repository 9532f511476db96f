"""Answers shaped like the HTTP API's, made in-process: for scoring the analyzer on a dev set."""

from __future__ import annotations

from typing import Any

from synthdata.analysis.analyze import analyze
from synthdata.analysis.infer import infer_schemas
from synthdata.export.json import json_rows
from synthdata.generate.engine import sample

__all__ = ["analyze_response", "sample_response"]


def analyze_response(context: str, domain_hint: str | None = None) -> dict[str, Any]:
    """The body of ``POST /api/v1/context/analyze``."""
    return analyze(context, domain_hint).model_dump(mode="json")


def sample_response(context: str, sample_size: int = 5, seed: int = 0) -> dict[str, Any]:
    """The ``schemas`` and ``samples`` of ``POST /api/v1/generate/sample``."""
    schemas = infer_schemas(analyze(context))
    frames = sample(schemas, rows=sample_size, seed=seed)
    return {
        "schemas": [s.to_reference() for s in schemas],
        "samples": {name: json_rows(frame) for name, frame in frames.items()},
    }
