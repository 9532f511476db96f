"""The Starlette app: /health and every /api/v1 endpoint of the API reference, over synthdata."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import synthdata as sd
from api_shim import schemas as api
from api_shim.middleware import ApiKeyMiddleware, BodySizeLimitMiddleware, RateLimitMiddleware
from api_shim.settings import Settings
from synthdata.errors import did_you_mean
from synthdata.export.json import json_rows
from synthdata.jobs import JobStore
from synthdata.schema import describe_validation_error

P = ParamSpec("P")
R = TypeVar("R")
logger = logging.getLogger("synthdata")

__all__ = ["ROUTES", "STATUS_BY_CODE", "UVICORN_OPTIONS", "create_app"]

VERSION = "1.0.0"
STATUS_BY_CODE = {
    "VALIDATION_ERROR": 400,
    "UNAUTHORIZED": 401,
    "NOT_FOUND": 404,
    "METHOD_NOT_ALLOWED": 405,
    "CONFLICT": 409,
    "CANCELLED": 409,
    "PAYLOAD_TOO_LARGE": 413,
    "RATE_LIMITED": 429,
    "INTERNAL_ERROR": 500,
    "LLM_ERROR": 502,
    "LOAD_ERROR": 502,
}
_CODE_BY_STATUS = {
    400: "VALIDATION_ERROR",
    401: "UNAUTHORIZED",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "PAYLOAD_TOO_LARGE",
    429: "RATE_LIMITED",
}
_MEDIA = {
    "csv": "text/csv",
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "sql": "application/sql",
    "parquet": "application/vnd.apache.parquet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _error(
    status: int, code: str, detail: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"detail": detail, "error_code": code, "status_code": status},
        status_code=status,
        headers=headers,
    )


# --- helpers ------------------------------------------------------------------------------------


#: Deepest nesting of arrays and objects a request body may have (real bodies need under 10).
MAX_JSON_DEPTH = 32


async def _body(request: Request, model: type[Any]) -> Any:
    """The request's JSON body checked by ``model``; every endpoint that reads JSON comes here."""
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
    return model.model_validate(data)


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


async def _threaded(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run store, file and CPU work in the thread pool, never on the event loop."""
    return await run_in_threadpool(fn, *args, **kwargs)


def _owner(request: Request) -> str | None:
    return request.scope.get("state", {}).get("owner")


def _store(request: Request) -> JobStore:
    return request.app.state.store


def _schemas_for(context: str | None, given: list[Any]) -> tuple[list[sd.Schema], Any]:
    """Schemas from explicit objects, or inferred from the context (optionally only some)."""
    objects = [s for s in given if isinstance(s, dict)]
    names = [s for s in given if isinstance(s, str)]
    if objects:
        return sd.load_schemas(objects), None
    if not context:
        msg = "Give a context (a description of the business) or a list of schemas"
        raise sd.InvalidInputError(msg)
    analysis = sd.analyze(context)
    schemas = sd.infer_schemas(analysis)
    if names:
        known = {s.name for s in schemas}
        for name in names:
            if name not in known:
                hint = did_you_mean(name, known)
                msg = f"No schema named '{name}' in this analysis.{hint}"
                raise sd.NotFoundError(msg)
        schemas = _with_parents([s for s in schemas if s.name in names], schemas)
    return schemas, analysis


def _with_parents(chosen: list[sd.Schema], every: list[sd.Schema]) -> list[sd.Schema]:
    """The chosen schemas plus the parents their foreign keys need."""
    by_name = {s.name: s for s in every}
    wanted = {s.name for s in chosen}
    todo = list(chosen)
    while todo:
        for fk in todo.pop().foreign_keys:
            if fk.parent not in wanted:
                wanted.add(fk.parent)
                todo.append(by_name[fk.parent])
    return [s for s in every if s.name in wanted]


def _job_summary(job: Any) -> dict[str, Any]:
    return {
        "job_id": job.job_id,
        "status": job.status.value,
        "created_at": _iso(job.created_at),
        "stage": job.stage.value,
    }


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


# --- endpoints ----------------------------------------------------------------------------------


async def health(request: Request) -> JSONResponse:
    now = dt.datetime.now(dt.UTC)
    ready = request.app.state.ready.is_set()
    return JSONResponse(
        {"status": "healthy", "version": VERSION, "timestamp": _iso(now), "ready": ready}
    )


async def analyze(request: Request) -> JSONResponse:
    body = await _body(request, api.AnalyzeRequest)
    analysis = await _threaded(sd.analyze, body.context, body.domain_hint)
    return JSONResponse(analysis.model_dump(mode="json"))


async def sample(request: Request) -> JSONResponse:
    body = await _body(request, api.SampleRequest)
    started = time.perf_counter()

    def work() -> dict[str, Any]:
        schemas, analysis = _schemas_for(body.context, body.schemas)
        frames = sd.sample(schemas, rows=body.sample_size, seed=body.seed)
        job = _store(request).create(
            schemas=schemas,
            context=body.context,
            owner=_owner(request),
            seed=body.seed,
            analysis=analysis.model_dump(mode="json") if analysis else None,
        )
        return {
            "job_id": job.job_id,
            "status": "completed",
            "schemas": [s.to_reference() for s in schemas],
            "samples": {name: json_rows(frame) for name, frame in frames.items()},
        }

    result = await _threaded(work)
    result["generation_time_ms"] = round((time.perf_counter() - started) * 1000)
    return JSONResponse(result)


async def corpus(request: Request) -> JSONResponse:
    body = await _body(request, api.CorpusRequest)
    store = _store(request)

    def work() -> Any:
        schemas, analysis = (None, None)
        if body.schemas or not body.job_id:
            schemas, analysis = _schemas_for(body.context, body.schemas)
        return store.submit_corpus(
            schemas,
            corpus_size=body.corpus_size,
            batch_size=body.batch_size,
            seed=body.seed,
            job_id=body.job_id,
            context=body.context,
            owner=_owner(request),
            analysis=analysis.model_dump(mode="json") if analysis else None,
            webhook_url=body.webhook_url,
            export_format=body.export_format,
        )

    job = await _threaded(work)
    return JSONResponse(
        {
            "job_id": job.job_id,
            "status": "in_progress",
            "message": "Corpus generation started",
            "estimated_completion": _iso(job.estimated_completion),
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
        if body.start_corpus:
            started = store.submit_corpus(
                job_id=job.job_id, corpus_size=body.corpus_size, owner=owner
            )
            return {
                "job_id": job.job_id,
                "status": "in_progress",
                "message": "Feedback applied, corpus generation started",
                "estimated_completion": _iso(started.estimated_completion),
                **notes,
            }
        current = store.get(job.job_id)
        return {
            "job_id": job.job_id,
            "status": current.status.value,
            "message": "Feedback applied",
            **notes,
        }

    return JSONResponse(await _threaded(work))


async def list_jobs(request: Request) -> JSONResponse:
    query = api.JobsQuery.model_validate(dict(request.query_params))
    jobs, total = await _threaded(
        _store(request).list,
        skip=query.skip,
        limit=query.limit,
        status=query.status,
        owner=_owner(request),
    )
    return JSONResponse(
        {
            "jobs": [_job_summary(j) for j in jobs],
            "total": total,
            "skip": query.skip,
            "limit": query.limit,
        }
    )


async def get_job(request: Request) -> JSONResponse:
    job = await _threaded(_store(request).get, request.path_params["job_id"], owner=_owner(request))
    return JSONResponse(
        {
            **_job_summary(job),
            "updated_at": _iso(job.updated_at),
            "progress": job.progress.model_dump(mode="json"),
            "schemas": [s.to_reference() for s in job.schemas],
            "errors": job.errors,
            "warnings": job.warnings,
            "message": job.message,
            "estimated_completion": _iso(job.estimated_completion),
            "export_paths": job.export_paths,
            "webhook_attempts": job.webhook_attempts,
        }
    )


async def job_status(request: Request) -> JSONResponse:
    job = await _threaded(_store(request).get, request.path_params["job_id"], owner=_owner(request))
    return JSONResponse(
        {
            "job_id": job.job_id,
            "status": job.status.value,
            "stage": job.stage.value,
            "percent_complete": job.progress.percent_complete,
            "estimated_completion": _iso(job.estimated_completion),
        }
    )


async def delete_job(request: Request) -> JSONResponse:
    store = _store(request)
    await _threaded(store.delete, request.path_params["job_id"], owner=_owner(request))
    return JSONResponse({"message": "Job deleted successfully"})


async def cancel_job(request: Request) -> JSONResponse:
    await _body(request, api.EmptyBody)  # no fields, but a body must still be sound JSON
    store = _store(request)
    job = await _threaded(store.cancel, request.path_params["job_id"], owner=_owner(request))
    return JSONResponse(
        {
            "job_id": job.job_id,
            "status": job.status.value,
            "message": job.message or "Job is not running",
        }
    )


async def export_job(request: Request) -> JSONResponse:
    body = await _body(request, api.ExportRequest)
    store = _store(request)
    job_id = request.path_params["job_id"]
    paths = await _threaded(
        store.export,
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
            "format": body.format,
        }
    )


async def download(request: Request) -> Response:
    query = api.DownloadQuery.model_validate(dict(request.query_params))
    path = await _threaded(
        _store(request).export_file,
        request.path_params["job_id"],
        request.path_params["schema_name"],
        query.format,
        sql_dialect=query.sql_dialect,
        owner=_owner(request),
    )
    return FileResponse(path, media_type=_MEDIA[query.format], filename=path.name)


_STATIC = Path(__file__).resolve().parent / "static"


async def index(request: Request) -> FileResponse:
    return FileResponse(_STATIC / "index.html", media_type="text/html")


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


# --- errors -------------------------------------------------------------------------------------


async def synthdata_error(request: Request, exc: Exception) -> JSONResponse:
    code = getattr(exc, "error_code", "INTERNAL_ERROR")
    return _error(STATUS_BY_CODE.get(code, 500), code, str(exc))


async def validation_error(request: Request, exc: Exception) -> JSONResponse:
    return _error(400, "VALIDATION_ERROR", describe_validation_error(exc))


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = _CODE_BY_STATUS.get(
        exc.status_code, "INTERNAL_ERROR" if exc.status_code >= 500 else "VALIDATION_ERROR"
    )
    detail = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, str(exc.detail))
    return _error(exc.status_code, code, detail, getattr(exc, "headers", None))


async def internal_error(request: Request, exc: Exception) -> JSONResponse:
    return _error(500, "INTERNAL_ERROR", "Internal server error")


ROUTES = [
    Route("/", index, methods=["GET"]),
    Route("/health", health, methods=["GET"]),
    Route("/api/v1/context/analyze", analyze, methods=["POST"]),
    Route("/api/v1/generate/sample", sample, methods=["POST"]),
    Route("/api/v1/generate/corpus", corpus, methods=["POST"]),
    Route("/api/v1/generate/feedback", feedback, methods=["POST"]),
    Route("/api/v1/jobs", list_jobs, methods=["GET"]),
    Route("/api/v1/jobs/{job_id}", get_job, methods=["GET"]),
    Route("/api/v1/jobs/{job_id}", delete_job, methods=["DELETE"]),
    Route("/api/v1/jobs/{job_id}/status", job_status, methods=["GET"]),
    Route("/api/v1/jobs/{job_id}/cancel", cancel_job, methods=["POST"]),
    Route("/api/v1/jobs/{job_id}/export", export_job, methods=["POST"]),
    Route("/api/v1/jobs/{job_id}/download/{schema_name}", download, methods=["GET"]),
    Route("/openapi.json", openapi, methods=["GET"]),
    Route("/docs", docs, methods=["GET"]),
]


#: How uvicorn must run the app: proxy headers are the app's business (SYNTHDATA_TRUSTED_PROXIES);
#: uvicorn's own handling would believe X-Forwarded-For from any local peer.
UVICORN_OPTIONS: dict[str, Any] = {"proxy_headers": False, "server_header": False}

WARM_UP_CONTEXT = "Healthcare clinic with 200 patients needs patient records and appointments"


def _warm_up(store: JobStore, ready: threading.Event, enabled: bool) -> None:
    """Load what the first request would otherwise wait for: the analyzer's catalogue and
    inflection, the vocabulary pools, and a measure of this machine's speed (for estimates)."""
    try:
        if enabled:
            started = time.perf_counter()
            schemas = sd.infer_schemas(sd.analyze(WARM_UP_CONTEXT))
            sd.sample(schemas, rows=5)
            store.throughput.calibrate()
            logger.info("Warmed up in %.1f s", time.perf_counter() - started)
    except Exception:  # a failed warm-up only means a slower first request
        logger.exception("Warm-up failed; the first requests will be slower")
    finally:
        ready.set()


def create_app(*, settings: Settings | None = None) -> Starlette:
    """The API app; settings default to the ``SYNTHDATA_*`` environment."""
    import swagger_ui_bundle

    settings = settings or Settings.from_env()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.store = JobStore(settings.home, workers=settings.job_workers)
        app.state.ready = threading.Event()
        warming = threading.Thread(
            target=_warm_up,
            args=(app.state.store, app.state.ready, settings.warm_up),
            name="synthdata-warm-up",
            daemon=True,
        )
        warming.start()
        try:
            yield
        finally:
            await run_in_threadpool(warming.join)
            await run_in_threadpool(app.state.store.close, pause_running=True)

    routes = [
        *ROUTES,
        Mount("/docs/static", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path)),
        Mount("/static", StaticFiles(directory=_STATIC)),
    ]
    return Starlette(
        routes=routes,
        middleware=[
            Middleware(RateLimitMiddleware, settings=settings),
            Middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes),
            Middleware(ApiKeyMiddleware, settings=settings),
        ],
        exception_handlers={
            sd.SynthdataError: synthdata_error,
            ValidationError: validation_error,
            HTTPException: http_error,
            Exception: internal_error,
        },
        lifespan=lifespan,
    )
