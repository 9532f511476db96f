"""Answers in the API reference's shapes, made in-process.

The HTTP layer returns these bodies, and the dev-set scorer (``benchmarks/eval_devset.py``,
``tests/test_eval.py``) compares them with a modeller's schemas without a server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import polars as pl

from synthdata.analysis.analyze import analyze
from synthdata.analysis.infer import infer_schemas
from synthdata.analysis.models import Analysis
from synthdata.errors import InvalidInputError, NotFoundError, did_you_mean
from synthdata.export.json import json_rows
from synthdata.generate.engine import sample
from synthdata.jobs import JobInfo
from synthdata.schema import Schema, load_schemas

__all__ = [
    "analyze_response",
    "iso",
    "job_detail",
    "job_status",
    "job_summary",
    "resolve_schemas",
    "sample_body",
    "sample_response",
    "with_parents",
]


def analyze_response(context: str, domain_hint: str | None = None) -> dict[str, Any]:
    """The body of ``POST /api/v1/context/analyze``."""
    return analyze(context, domain_hint).model_dump(mode="json")


def sample_response(context: str, sample_size: int = 5, seed: int = 0) -> dict[str, Any]:
    """The ``schemas`` and ``samples`` of ``POST /api/v1/generate/sample``."""
    schemas = infer_schemas(analyze(context))
    return sample_body(schemas, sample(schemas, rows=sample_size, seed=seed))


def sample_body(schemas: Sequence[Schema], frames: dict[str, pl.DataFrame]) -> dict[str, Any]:
    """Schemas and sample rows as the reference shows them, and what each column holds as read
    from the names (``meanings``: table → field → "book title"), which the review page shows."""
    return {
        "schemas": [s.to_reference() for s in schemas],
        "samples": {name: json_rows(frame) for name, frame in frames.items()},
        "meanings": {s.name: s.meanings() for s in schemas},
    }


def resolve_schemas(
    context: str | None, requested: Sequence[str | dict[str, Any]] = ()
) -> tuple[list[Schema], Analysis | None]:
    """The schemas a request means, and the analysis they came from (if any).

    ``requested`` holds schema objects (used as given), or names of tables to keep from the
    analysis of ``context`` (their parents come along so foreign keys resolve), or nothing (every
    table of the analysis).

    Raises:
        InvalidInputError: neither a context nor schema objects, or invalid schemas.
        NotFoundError: a named table is not in the analysis ("Did you mean").
    """
    objects = [s for s in requested if isinstance(s, dict)]
    names = [s for s in requested if isinstance(s, str)]
    if objects:
        return load_schemas(objects), None
    if not context:
        msg = "Give a context (a description of the business) or a list of schemas"
        raise InvalidInputError(msg)
    analysis = analyze(context)
    schemas = infer_schemas(analysis)
    if names:
        known = {s.name for s in schemas}
        for name in names:
            if name not in known:
                msg = f"No schema named '{name}' in this analysis.{did_you_mean(name, known)}"
                raise NotFoundError(msg)
        schemas = with_parents([s for s in schemas if s.name in names], schemas)
    return schemas, analysis


def with_parents(chosen: Sequence[Schema], every: Sequence[Schema]) -> list[Schema]:
    """The chosen schemas plus the parents their foreign keys need, in ``every``'s order."""
    by_name = {s.name: s for s in every}
    wanted = {s.name for s in chosen}
    todo = list(chosen)
    while todo:
        for fk in todo.pop().foreign_keys:
            if fk.parent not in wanted and fk.parent in by_name:
                wanted.add(fk.parent)
                todo.append(by_name[fk.parent])
    return [s for s in every if s.name in wanted]


def iso(moment: dt.datetime | None) -> str | None:
    """``2024-01-01T12:00:00Z``, as the reference writes times (None stays None)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def job_summary(job: JobInfo) -> dict[str, Any]:
    """One job in ``GET /api/v1/jobs``."""
    return {
        "job_id": job.job_id,
        "status": job.status.value,
        "created_at": iso(job.created_at),
        "stage": job.stage.value,
    }


def job_status(job: JobInfo) -> dict[str, Any]:
    """``GET /api/v1/jobs/{id}/status``: the light payload, with the estimate."""
    return {
        "job_id": job.job_id,
        "status": job.status.value,
        "stage": job.stage.value,
        "percent_complete": job.progress.percent_complete,
        "estimated_completion": iso(job.estimated_completion),
    }


def job_detail(job: JobInfo) -> dict[str, Any]:
    """``GET /api/v1/jobs/{id}``: everything the store knows that a client may see."""
    return {
        **job_summary(job),
        "updated_at": iso(job.updated_at),
        "progress": job.progress.model_dump(mode="json"),
        "schemas": [s.to_reference() for s in job.schemas],
        "errors": job.errors,
        "warnings": job.warnings,
        "message": job.message,
        "estimated_completion": iso(job.estimated_completion),
        "export_paths": job.export_paths,
        "webhook_attempts": job.webhook_attempts,
    }
