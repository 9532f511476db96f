"""Errors synthdata raises on purpose.

Each class carries a stable ``error_code`` (the API reference's codes) and subclasses the matching
builtin, so callers can catch either::

    SynthdataError                              INTERNAL_ERROR
    ├── InvalidInputError (ValueError)          VALIDATION_ERROR
    ├── NotFoundError (LookupError)             NOT_FOUND
    ├── CancelledError                          CANCELLED
    ├── LLMError                                LLM_ERROR
    ├── LoadError                               LOAD_ERROR
    └── MissingDependencyError (ImportError)    MISSING_DEPENDENCY

:class:`ErrorCode` lists every code, the HTTP layer's own included; HTTP status codes live only
in ``api_shim``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from enum import StrEnum
from typing import ClassVar

__all__ = [
    "CancelledError",
    "ErrorCode",
    "InvalidInputError",
    "LLMError",
    "LoadError",
    "MissingDependencyError",
    "NotFoundError",
    "SynthdataError",
    "did_you_mean",
]


class ErrorCode(StrEnum):
    """Every ``error_code`` an error body can carry."""

    VALIDATION_ERROR = "VALIDATION_ERROR"
    """Invalid input: a schema, option, argument or request body."""
    UNAUTHORIZED = "UNAUTHORIZED"
    """No valid API key (HTTP only)."""
    NOT_FOUND = "NOT_FOUND"
    """A named table, field, job, file or route does not exist."""
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    """The route exists, not with this method (HTTP only)."""
    CANCELLED = "CANCELLED"
    """Work stopped because the caller asked it to."""
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    """A request body over the server's limit (HTTP only)."""
    RATE_LIMITED = "RATE_LIMITED"
    """Too many requests from one client (HTTP only)."""
    INTERNAL_ERROR = "INTERNAL_ERROR"
    """A fault of ours; the details are in the server's log."""
    MISSING_DEPENDENCY = "MISSING_DEPENDENCY"
    """A feature needs an optional package that is not installed."""
    LLM_ERROR = "LLM_ERROR"
    """The configured language model failed."""
    LOAD_ERROR = "LOAD_ERROR"
    """A database refused the data."""


class SynthdataError(Exception):
    """Base class for every error synthdata raises on purpose."""

    error_code: ClassVar[ErrorCode] = ErrorCode.INTERNAL_ERROR


class InvalidInputError(SynthdataError, ValueError):
    """Raised when a schema, option or argument is invalid."""

    error_code: ClassVar[ErrorCode] = ErrorCode.VALIDATION_ERROR


class NotFoundError(SynthdataError, LookupError):
    """Raised when a named table, field, job or file does not exist."""

    error_code: ClassVar[ErrorCode] = ErrorCode.NOT_FOUND


class CancelledError(SynthdataError):
    """Raised when generation stops because the caller asked it to; batches already written stay."""

    error_code: ClassVar[ErrorCode] = ErrorCode.CANCELLED


class LLMError(SynthdataError):
    """Raised when a configured language model fails and the caller asked for strict mode."""

    error_code: ClassVar[ErrorCode] = ErrorCode.LLM_ERROR


class LoadError(SynthdataError):
    """Raised when a database refuses loaded data (the message has the driver's reason)."""

    error_code: ClassVar[ErrorCode] = ErrorCode.LOAD_ERROR


class MissingDependencyError(SynthdataError, ImportError):
    """Raised when a feature needs an optional package; the message says how to install it."""

    error_code: ClassVar[ErrorCode] = ErrorCode.MISSING_DEPENDENCY


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """Return `` Did you mean X?`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" Did you mean {close[0]}?" if close else ""
