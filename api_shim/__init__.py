"""The HTTP API: a thin Starlette app exposing synthdata's /api/v1 endpoints."""

from api_shim.app import create_app as create_app

__all__ = ["create_app"]
