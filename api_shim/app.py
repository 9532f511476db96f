"""The Starlette app: the route table, middleware, error handlers and a warm start."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

import synthdata as sd
from api_shim.endpoints import STATIC
from api_shim.errors import EXCEPTION_HANDLERS
from api_shim.middleware import ApiKeyMiddleware, BodySizeLimitMiddleware, RateLimitMiddleware
from api_shim.routes import PROFILE_PATH, ROUTES
from api_shim.settings import Settings
from synthdata.jobs import JobStore

__all__ = ["UVICORN_OPTIONS", "create_app"]

logger = logging.getLogger("synthdata")

#: How uvicorn must run the app: proxy headers are the app's business (SYNTHDATA_TRUSTED_PROXIES);
#: uvicorn's own handling would believe X-Forwarded-For from any local peer.
UVICORN_OPTIONS: dict[str, Any] = {"proxy_headers": False, "server_header": False}

WARM_UP_CONTEXT = "Healthcare clinic with 200 patients needs patient records and appointments"


def _every_type() -> sd.Schema:
    fields: list[dict[str, Any]] = [{"name": "id", "type": "UUID", "primary_key": True}]
    for kind in sd.FieldType:
        extra = {"enum_values": ["a", "b"]} if kind is sd.FieldType.ENUM else {}
        fields.append({"name": f"v_{kind.value.lower()}", "type": kind.value, **extra})
    return sd.Schema.model_validate({"name": "warm_up", "volume": 5, "fields": fields})


def _warm_up(store: JobStore, ready: threading.Event, enabled: bool) -> None:
    """Load what the first request would otherwise wait for: the analyzer's catalogue and
    inflection, the vocabulary pools, and a measure of this machine's speed (for estimates)."""
    try:
        if enabled:
            started = time.perf_counter()
            sd.sample(sd.infer_schemas(sd.analyze(WARM_UP_CONTEXT)), rows=5)
            sd.sample([_every_type()], rows=5)  # builds every vocabulary pool of the locale
            store.throughput.calibrate()
            logger.info("Warmed up in %.1f s", time.perf_counter() - started)
    except Exception:  # a failed warm-up only means a slower first request
        logger.exception("Warm-up failed; the first requests will be slower")
    finally:
        ready.set()


def create_app(*, settings: Settings | None = None) -> Starlette:
    """The API app; settings default to the ``SYNTHDATA_*`` environment."""
    import swagger_ui_bundle

    config = settings or Settings.from_env()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.store = JobStore(config.home, workers=config.job_workers)
        app.state.ready = threading.Event()
        warming = threading.Thread(
            target=_warm_up,
            args=(app.state.store, app.state.ready, config.warm_up),
            name="synthdata-warm-up",
            daemon=True,
        )
        warming.start()
        try:
            yield
        finally:
            await run_in_threadpool(warming.join)
            await run_in_threadpool(app.state.store.close, pause_running=True)

    app = Starlette(
        routes=[
            *ROUTES,
            Mount("/docs/static", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path)),
            Mount("/static", StaticFiles(directory=STATIC)),
        ],
        middleware=[
            Middleware(RateLimitMiddleware, settings=config),
            Middleware(
                BodySizeLimitMiddleware,
                max_bytes=config.max_body_bytes,
                uploads={PROFILE_PATH: config.max_upload_bytes},
            ),
            Middleware(ApiKeyMiddleware, settings=config),
        ],
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=lifespan,
    )
    app.state.settings = config
    return app
