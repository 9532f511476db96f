"""The handlers of the API reference's endpoints: parse, call one synthdata function, answer.

Every handler runs store, file and CPU work in the thread pool (:func:`threaded`), so the event
loop only moves bytes; none catches exceptions (the app's handlers turn them into error bodies).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response

import synthdata as sd
from api_shim import schemas as api, uploads
from api_shim.settings import Settings
from synthdata import reference
from synthdata.export.formats import MEDIA_TYPES
from synthdata.jobs import JobStore

__all__ = ["MAX_JSON_DEPTH", "VERSION", "threaded"]

P = ParamSpec("P")
R = TypeVar("R")
M = TypeVar("M", bound=BaseModel)
VERSION = "1.0.0"
#: Deepest nesting of arrays and objects a request body may have (real bodies need under 10).
MAX_JSON_DEPTH = 32
STATIC = Path(__file__).resolve().parent / "static"


async def threaded(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run store, file and CPU work in the thread pool, never on the event loop."""
    return await run_in_threadpool(fn, *args, **kwargs)


async def _body(request: Request, model: type[M]) -> M:
    """The request's JSON body checked by ``model``; every endpoint that reads JSON comes here."""
    return model.model_validate(await _json(request))


async def _json(request: Request) -> Any:
    """The request's body parsed as JSON (empty: ``{}``), no deeper than ``MAX_JSON_DEPTH``."""
    raw = await request.body()
    try:
        data = json.loads(raw or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        msg = "Request body is not valid JSON"
        raise sd.InvalidInputError(msg) from None
    except RecursionError:  # nesting deeper than the parser's own stack
        data = None
    if data is None or _depth(data) > MAX_JSON_DEPTH:
        msg = f"Request body is nested deeper than {MAX_JSON_DEPTH} levels"
        raise sd.InvalidInputError(msg)
    return data


def _depth(value: Any) -> int:
    """How deeply arrays and objects nest in ``value`` (without recursion, so any depth is safe)."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_JSON_DEPTH:  # one level past the limit is enough to know
                children = item.values() if isinstance(item, dict) else item
                todo.extend((child, level + 1) for child in children)
    return deepest


def _query(request: Request, model: type[M]) -> M:
    return model.model_validate(dict(request.query_params))


def _owner(request: Request) -> str | None:
    owner: str | None = request.scope.get("state", {}).get("owner")
    return owner


def _store(request: Request) -> JobStore:
    store: JobStore = request.app.state.store
    return store


def _job_id(request: Request) -> str:
    return str(request.path_params["job_id"])


def _analysis_json(analysis: sd.Analysis | None) -> dict[str, Any] | None:
    return analysis.model_dump(mode="json") if analysis else None


async def health(request: Request) -> JSONResponse:
    now = dt.datetime.now(dt.UTC)
    ready = request.app.state.ready.is_set()
    return JSONResponse(
        {"status": "healthy", "version": VERSION, "timestamp": reference.iso(now), "ready": ready}
    )


async def analyze(request: Request) -> JSONResponse:
    body = await _body(request, api.AnalyzeRequest)
    analysis = await threaded(sd.analyze, body.context, body.domain_hint)
    return JSONResponse(analysis.model_dump(mode="json"))


async def profile(request: Request) -> JSONResponse:
    """Profile uploaded CSV/Parquet files (multipart/form-data) into schemas; never a server
    path or database URL (:mod:`api_shim.uploads` keeps the files and their names safe)."""
    content_type = request.headers.get("content-type", "")
    if not uploads.is_multipart(content_type):
        data: Any = None
        if uploads.is_json(content_type):
            data = await _json(request)  # the same checks as every JSON body, then a refusal
        elif uploads.is_urlencoded(content_type):
            async with request.form(max_files=0, max_fields=20) as form:
                data = dict(form)
        named = isinstance(data, dict) and any(
            str(k).lower() in uploads.SOURCE_FIELDS for k in data
        )
        raise sd.InvalidInputError(uploads.SOURCE_REFUSED if named else uploads.UPLOAD_ONLY)
    settings: Settings = request.app.state.settings
    started = time.perf_counter()
    async with request.form(max_files=settings.max_upload_files, max_fields=20) as form:
        files, options = uploads.read_form(form)
        result = await threaded(uploads.profile_uploads, files, options)
    result["profile_time_ms"] = round((time.perf_counter() - started) * 1000)
    return JSONResponse(result)


async def sample(request: Request) -> JSONResponse:
    body = await _body(request, api.SampleRequest)
    store, owner = _store(request), _owner(request)
    started = time.perf_counter()

    def work() -> dict[str, Any]:
        schemas, analysis = reference.resolve_schemas(body.context, body.schemas)
        frames = sd.sample(schemas, rows=body.sample_size, seed=body.seed)
        job = store.create(
            schemas=schemas,
            context=body.context,
            owner=owner,
            seed=body.seed,
            analysis=_analysis_json(analysis),
        )
        return {
            "job_id": job.job_id,
            "status": "completed",
            **reference.sample_body(schemas, frames),
        }

    result = await threaded(work)
    result["generation_time_ms"] = round((time.perf_counter() - started) * 1000)
    return JSONResponse(result)


async def corpus(request: Request) -> JSONResponse:
    body = await _body(request, api.CorpusRequest)
    store, owner = _store(request), _owner(request)

    def work() -> sd.jobs.JobInfo:
        schemas, analysis = None, None
        if body.schemas or not body.job_id:
            schemas, analysis = reference.resolve_schemas(body.context, body.schemas)
        return store.submit_corpus(
            schemas,
            corpus_size=body.corpus_size,
            batch_size=body.batch_size,
            seed=body.seed,
            job_id=body.job_id,
            context=body.context,
            owner=owner,
            analysis=_analysis_json(analysis),
            webhook_url=body.webhook_url,
            export_format=body.export_format,
        )

    job = await threaded(work)
    return JSONResponse(
        {
            "job_id": job.job_id,
            "status": "in_progress",
            "message": "Corpus generation started",
            "estimated_completion": reference.iso(job.estimated_completion),
        }
    )


async def feedback(request: Request) -> JSONResponse:
    body = await _body(request, api.FeedbackRequest)
    store, owner = _store(request), _owner(request)

    def work() -> dict[str, Any]:
        job = store.get(body.job_id, owner=owner)
        report = sd.apply_feedback_report(job.schemas, body.schema_feedback)
        store.update_schemas(job.job_id, report.schemas, owner=owner)
        notes = {"applied": report.applied, "ignored": report.ignored}
        if not body.start_corpus:
            status = store.get(job.job_id).status.value
            return {"job_id": job.job_id, "status": status, "message": "Feedback applied", **notes}
        started = store.submit_corpus(job_id=job.job_id, corpus_size=body.corpus_size, owner=owner)
        return {
            "job_id": job.job_id,
            "status": "in_progress",
            "message": "Feedback applied, corpus generation started",
            "estimated_completion": reference.iso(started.estimated_completion),
            **notes,
        }

    return JSONResponse(await threaded(work))


async def list_jobs(request: Request) -> JSONResponse:
    query = _query(request, api.JobsQuery)
    jobs, total = await threaded(
        _store(request).list,
        skip=query.skip,
        limit=query.limit,
        status=query.status,
        owner=_owner(request),
    )
    return JSONResponse(
        {
            "jobs": [reference.job_summary(j) for j in jobs],
            "total": total,
            "skip": query.skip,
            "limit": query.limit,
        }
    )


async def get_job(request: Request) -> JSONResponse:
    job = await threaded(_store(request).get, _job_id(request), owner=_owner(request))
    return JSONResponse(reference.job_detail(job))


async def job_status(request: Request) -> JSONResponse:
    job = await threaded(_store(request).get, _job_id(request), owner=_owner(request))
    return JSONResponse(reference.job_status(job))


async def delete_job(request: Request) -> JSONResponse:
    await threaded(_store(request).delete, _job_id(request), owner=_owner(request))
    return JSONResponse({"message": "Job deleted successfully"})


async def cancel_job(request: Request) -> JSONResponse:
    await _body(request, api.EmptyBody)  # no fields, but a body must still be sound JSON
    job = await threaded(_store(request).cancel, _job_id(request), owner=_owner(request))
    message = job.message or "Job is not running"
    return JSONResponse({"job_id": job.job_id, "status": job.status.value, "message": message})


async def export_job(request: Request) -> JSONResponse:
    body = await _body(request, api.ExportRequest)
    job_id = _job_id(request)
    paths = await threaded(
        _store(request).export,
        job_id,
        body.format,
        schemas=body.schemas or None,
        sql_dialect=body.options.sql_dialect,
        owner=_owner(request),
    )
    return JSONResponse(
        {
            "job_id": str(uuid.UUID(job_id)),
            "export_paths": {n: str(p) for n, p in paths.items()},
            "format": body.format.value,
        }
    )


async def download(request: Request) -> Response:
    query = _query(request, api.DownloadQuery)
    path = await threaded(
        _store(request).export_file,
        _job_id(request),
        request.path_params["schema_name"],
        query.format,
        sql_dialect=query.sql_dialect,
        owner=_owner(request),
    )
    return FileResponse(path, media_type=MEDIA_TYPES[query.format], filename=path.name)


async def index(request: Request) -> HTMLResponse:
    """The review page, told this server's upload limit (for its check before uploading)."""
    settings: Settings = request.app.state.settings
    page = await threaded(_index_page)
    limit = f'data-max-bytes="{int(settings.max_upload_bytes)}"'
    return HTMLResponse(page.replace(_DEFAULT_LIMIT, limit, 1))


_DEFAULT_LIMIT = 'data-max-bytes="20971520"'


@functools.lru_cache(maxsize=1)
def _index_page() -> str:
    return (STATIC / "index.html").read_text(encoding="utf-8")


async def openapi(request: Request) -> JSONResponse:
    from api_shim.openapi import document

    return JSONResponse(document(VERSION))


async def docs(request: Request) -> HTMLResponse:
    return HTMLResponse(_DOCS_PAGE)


_DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>synthdata API</title>
<link rel="stylesheet" href="/docs/static/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/static/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui"});</script>
</body></html>"""
