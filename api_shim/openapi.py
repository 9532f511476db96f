"""The OpenAPI document, built from the same pydantic models that validate requests."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from api_shim import schemas as api

__all__ = ["document"]

_ERROR = {"$ref": "#/components/schemas/Error"}
_JOB_ID = {"name": "job_id", "in": "path", "required": True, "schema": {"type": "string"}}


def _json(ref: str | None = None, description: str = "OK") -> dict[str, Any]:
    schema = {"$ref": f"#/components/schemas/{ref}"} if ref else {"type": "object"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    text = {
        400: "Invalid request",
        401: "Missing or invalid API key",
        404: "Not found",
        413: "Body too large",
        429: "Rate limited",
        502: "LLM provider error",
    }
    return {
        str(c): {"description": text[c], "content": {"application/json": {"schema": _ERROR}}}
        for c in codes
    }


def _op(
    summary: str,
    body: type[BaseModel] | None = None,
    *,
    params: list | None = None,
    ok: dict[str, Any] | None = None,
    errors: tuple[int, ...] = (400, 401, 429),
) -> dict:
    op: dict[str, Any] = {
        "summary": summary,
        "responses": {"200": ok or _json(), **_errors(*errors)},
    }
    if body is not None:
        op["requestBody"] = {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{body.__name__}"}}
            },
        }
    if params:
        op["parameters"] = params
    return op


def _query(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema}


@lru_cache(maxsize=1)
def document(version: str) -> dict[str, Any]:
    models = [
        api.AnalyzeRequest,
        api.SampleRequest,
        api.CorpusRequest,
        api.FeedbackRequest,
        api.ExportRequest,
    ]
    _, defs = models_json_schema(
        [(m, "validation") for m in models], ref_template="#/components/schemas/{model}"
    )
    components = dict(defs.get("$defs", {}))
    components["Error"] = {
        "type": "object",
        "required": ["detail", "error_code", "status_code"],
        "properties": {
            "detail": {"type": "string"},
            "error_code": {"type": "string"},
            "status_code": {"type": "integer"},
        },
    }
    job = [_JOB_ID]
    formats = {"type": "string", "enum": ["csv", "json", "jsonl", "xlsx", "sql", "parquet"]}
    paths = {
        "/health": {"get": _op("Health check", errors=(429,))},
        "/api/v1/context/analyze": {
            "post": _op(
                "Analyze a business description",
                api.AnalyzeRequest,
                errors=(400, 401, 413, 429, 502),
            )
        },
        "/api/v1/generate/sample": {
            "post": _op(
                "Generate a small sample", api.SampleRequest, errors=(400, 401, 404, 413, 429)
            )
        },
        "/api/v1/generate/corpus": {
            "post": _op(
                "Start corpus generation", api.CorpusRequest, errors=(400, 401, 404, 413, 429)
            )
        },
        "/api/v1/generate/feedback": {
            "post": _op("Apply feedback", api.FeedbackRequest, errors=(400, 401, 404, 413, 429))
        },
        "/api/v1/jobs": {
            "get": _op(
                "List jobs",
                params=[
                    _query("skip", {"type": "integer", "minimum": 0, "maximum": 1_000_000}),
                    _query("limit", {"type": "integer", "minimum": 1, "maximum": 100}),
                    _query(
                        "status",
                        {
                            "type": "string",
                            "enum": ["pending", "in_progress", "completed", "failed"],
                        },
                    ),
                ],
            )
        },
        "/api/v1/jobs/{job_id}": {
            "get": _op("Job details", params=job, errors=(401, 404, 429)),
            "delete": _op("Delete a job and its files", params=job, errors=(401, 404, 429)),
        },
        "/api/v1/jobs/{job_id}/status": {
            "get": _op("Job status", params=job, errors=(401, 404, 429))
        },
        "/api/v1/jobs/{job_id}/cancel": {
            "post": _op("Cancel a job", params=job, errors=(401, 404, 429))
        },
        "/api/v1/jobs/{job_id}/export": {
            "post": _op(
                "Export a finished job",
                api.ExportRequest,
                params=job,
                errors=(400, 401, 404, 413, 429),
            )
        },
        "/api/v1/jobs/{job_id}/download/{schema_name}": {
            "get": _op(
                "Download an exported file",
                params=[
                    _JOB_ID,
                    {
                        "name": "schema_name",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                    _query("format", formats),
                    _query(
                        "sql_dialect",
                        {"type": "string", "enum": ["postgresql", "mysql", "sqlite"]},
                    ),
                ],
                ok={
                    "description": "The file",
                    "content": {
                        "application/octet-stream": {
                            "schema": {"type": "string", "format": "binary"}
                        }
                    },
                },
                errors=(400, 401, 404, 429),
            )
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "synthdata API",
            "version": version,
            "description": "Realistic, relationally consistent synthetic data.",
        },
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}},
        },
    }
