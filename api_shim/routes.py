"""The route table: every endpoint once, with what it reads, for the app and the OpenAPI doc."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api_shim import endpoints as ep, schemas as api

__all__ = ["ENDPOINTS", "PROFILE_PATH", "ROUTES", "Endpoint"]

Handler = Callable[[Request], Awaitable[Response]]

#: The one endpoint that takes uploaded files (multipart/form-data, with its own size limit).
PROFILE_PATH = "/api/v1/context/profile"


@dataclass(frozen=True)
class Endpoint:
    """One method on one path, and what the OpenAPI document says of it."""

    method: str
    path: str
    handler: Handler
    summary: str
    #: The JSON body's model (every POST reads one, possibly empty); with ``upload``, the
    #: multipart/form-data body's fields.
    body: type[BaseModel] | None = None
    #: Takes uploaded files as multipart/form-data rather than JSON.
    upload: bool = False
    #: The query string's model.
    query: type[BaseModel] | None = None
    #: Answers with a file rather than JSON.
    file: bool = False
    #: Part of the reference's /api/v1 (needs the API key when keys are configured).
    api: bool = True
    #: Shown in the OpenAPI document.
    documented: bool = True
    #: Statuses beyond those implied by the body, query, path and key (e.g. 502 from a model).
    extra_errors: tuple[int, ...] = ()

    def errors(self) -> list[int]:
        """The error statuses this endpoint can answer."""
        codes = {429, *self.extra_errors}
        if self.api:
            codes.add(401)
        if self.body is not None:
            codes |= {400, 413}
        if self.query is not None:
            codes.add(400)
        if "{" in self.path:
            codes.add(404)
        return sorted(codes)


ENDPOINTS = [
    Endpoint("GET", "/", ep.index, "The review page", api=False, documented=False),
    Endpoint("GET", "/health", ep.health, "Health check", api=False),
    Endpoint(
        "POST",
        "/api/v1/context/analyze",
        ep.analyze,
        "Analyze a business description",
        body=api.AnalyzeRequest,
        extra_errors=(502,),
    ),
    Endpoint(
        "POST",
        PROFILE_PATH,
        ep.profile,
        "Profile uploaded CSV/Parquet files into schemas",
        body=api.ProfileRequest,
        upload=True,
    ),
    Endpoint(
        "POST",
        "/api/v1/generate/sample",
        ep.sample,
        "Generate a small sample",
        body=api.SampleRequest,
        extra_errors=(404, 502),
    ),
    Endpoint(
        "POST",
        "/api/v1/generate/corpus",
        ep.corpus,
        "Start corpus generation",
        body=api.CorpusRequest,
        extra_errors=(404, 502),
    ),
    Endpoint(
        "POST",
        "/api/v1/generate/feedback",
        ep.feedback,
        "Apply feedback (and optionally start a corpus)",
        body=api.FeedbackRequest,
        extra_errors=(404,),
    ),
    Endpoint("GET", "/api/v1/jobs", ep.list_jobs, "List jobs", query=api.JobsQuery),
    Endpoint("GET", "/api/v1/jobs/{job_id}", ep.get_job, "Job details"),
    Endpoint("DELETE", "/api/v1/jobs/{job_id}", ep.delete_job, "Delete a job and its files"),
    Endpoint("GET", "/api/v1/jobs/{job_id}/status", ep.job_status, "Job status"),
    Endpoint(
        "POST", "/api/v1/jobs/{job_id}/cancel", ep.cancel_job, "Cancel a job", body=api.EmptyBody
    ),
    Endpoint(
        "POST",
        "/api/v1/jobs/{job_id}/export",
        ep.export_job,
        "Export a finished job",
        body=api.ExportRequest,
    ),
    Endpoint(
        "GET",
        "/api/v1/jobs/{job_id}/download/{schema_name}",
        ep.download,
        "Download one table's file (exported on demand)",
        query=api.DownloadQuery,
        file=True,
    ),
    Endpoint("GET", "/openapi.json", ep.openapi, "This document", api=False, documented=False),
    Endpoint("GET", "/docs", ep.docs, "Interactive docs", api=False, documented=False),
]

ROUTES = [Route(e.path, e.handler, methods=[e.method]) for e in ENDPOINTS]
