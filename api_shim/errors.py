"""Error bodies: one shape (``detail``, ``error_code``, ``status_code``) for every failure.

``STATUS_BY_CODE`` is the only place an error code meets an HTTP status; the exception handlers
and the middleware both build their bodies with :func:`error_body`.
"""

from __future__ import annotations

import json

from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from synthdata.errors import ErrorCode, SynthdataError
from synthdata.schema import describe_validation_error

__all__ = ["EXCEPTION_HANDLERS", "STATUS_BY_CODE", "error_body", "error_response"]

STATUS_BY_CODE: dict[ErrorCode, int] = {
    ErrorCode.VALIDATION_ERROR: 400,
    ErrorCode.UNAUTHORIZED: 401,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.CANCELLED: 409,
    ErrorCode.PAYLOAD_TOO_LARGE: 413,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.INTERNAL_ERROR: 500,
    ErrorCode.MISSING_DEPENDENCY: 501,
    ErrorCode.LLM_ERROR: 502,
    ErrorCode.LOAD_ERROR: 502,
}
_CODE_BY_STATUS = {
    status: code
    for code, status in STATUS_BY_CODE.items()
    if code not in (ErrorCode.CANCELLED, ErrorCode.LOAD_ERROR)
}


def error_body(detail: str, code: ErrorCode, status: int | None = None) -> bytes:
    """The JSON bytes of an error in the reference's format (status: the code's, unless given)."""
    status = STATUS_BY_CODE[code] if status is None else status
    return json.dumps({"detail": detail, "error_code": code.value, "status_code": status}).encode()


def error_response(
    detail: str,
    code: ErrorCode,
    headers: dict[str, str] | None = None,
    status: int | None = None,
) -> Response:
    """An error body as a response; its status and the body's ``status_code`` always agree."""
    status = STATUS_BY_CODE[code] if status is None else status
    return Response(
        error_body(detail, code, status),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


async def synthdata_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SynthdataError)
    return error_response(str(exc), exc.error_code)


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ValidationError)
    return error_response(describe_validation_error(exc), ErrorCode.VALIDATION_ERROR)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    fallback = ErrorCode.INTERNAL_ERROR if exc.status_code >= 500 else ErrorCode.VALIDATION_ERROR
    code = _CODE_BY_STATUS.get(exc.status_code, fallback)
    detail = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, str(exc.detail))
    return error_response(detail, code, getattr(exc, "headers", None), exc.status_code)


async def internal_error(request: Request, exc: Exception) -> Response:
    return error_response("Internal server error", ErrorCode.INTERNAL_ERROR)


EXCEPTION_HANDLERS = {
    SynthdataError: synthdata_error,
    ValidationError: validation_error,
    HTTPException: http_error,
    Exception: internal_error,
}
