"""The HTTP API: a thin Starlette app exposing synthdata's /api/v1 endpoints."""

from api_shim.app import UVICORN_OPTIONS as UVICORN_OPTIONS, create_app as create_app

__all__ = ["UVICORN_OPTIONS", "create_app"]
