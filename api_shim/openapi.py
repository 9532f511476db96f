"""The OpenAPI document, built from the route table and the pydantic models that validate
requests: a new route or field shows up here without editing this module."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from api_shim.routes import ENDPOINTS, Endpoint

__all__ = ["document"]

_REF = "#/components/schemas/{model}"
_ERROR = {"$ref": "#/components/schemas/Error"}
_ERROR_TEXT = {
    400: "Invalid request",
    401: "Missing or invalid API key",
    404: "Not found",
    413: "Body too large",
    429: "Rate limited",
    502: "Model or database error",
}


def _parameters(endpoint: Endpoint, components: dict[str, Any]) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"{(\w+)}", endpoint.path)
    ]
    if endpoint.query is not None:
        schema = endpoint.query.model_json_schema(ref_template=_REF)
        components.update(schema.pop("$defs", {}))
        params += [
            {"name": name, "in": "query", "required": False, "schema": prop}
            for name, prop in schema["properties"].items()
        ]
    return params


def _operation(endpoint: Endpoint, components: dict[str, Any]) -> dict[str, Any]:
    content = (
        {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
        if endpoint.file
        else {"application/json": {"schema": {"type": "object"}}}
    )
    op: dict[str, Any] = {
        "summary": endpoint.summary,
        "responses": {
            "200": {"description": "OK", "content": content},
            **{
                str(code): {
                    "description": _ERROR_TEXT[code],
                    "content": {"application/json": {"schema": _ERROR}},
                }
                for code in endpoint.errors()
            },
        },
    }
    if endpoint.body is not None:
        ref = {"$ref": _REF.format(model=endpoint.body.__name__)}
        media = "multipart/form-data" if endpoint.upload else "application/json"
        op["requestBody"] = {"required": endpoint.upload, "content": {media: {"schema": ref}}}
    if params := _parameters(endpoint, components):
        op["parameters"] = params
    return op


@lru_cache(maxsize=1)
def document(version: str) -> dict[str, Any]:
    """The whole document (built once per process)."""
    shown = [e for e in ENDPOINTS if e.documented]
    bodies: list[type[BaseModel]] = list(dict.fromkeys(e.body for e in shown if e.body))
    _, defs = models_json_schema([(m, "validation") for m in bodies], ref_template=_REF)
    components: dict[str, Any] = dict(defs.get("$defs", {}))
    components["Error"] = {
        "type": "object",
        "required": ["detail", "error_code", "status_code"],
        "properties": {
            "detail": {"type": "string"},
            "error_code": {"type": "string"},
            "status_code": {"type": "integer"},
        },
    }
    paths: dict[str, dict[str, Any]] = {}
    for endpoint in shown:
        paths.setdefault(endpoint.path, {})[endpoint.method.lower()] = _operation(
            endpoint, components
        )
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
