"""Errors synthdata raises on purpose.

Each class carries a stable ``error_code`` (the API reference's codes) and subclasses the matching
builtin, so callers can catch either::

    SynthdataError                      INTERNAL_ERROR
    ├── InvalidInputError (ValueError)  VALIDATION_ERROR
    ├── NotFoundError (LookupError)     NOT_FOUND
    ├── CancelledError                  CANCELLED
    └── LLMError                        LLM_ERROR

HTTP status codes live only in ``api_shim``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import ClassVar

__all__ = [
    "CancelledError",
    "InvalidInputError",
    "LLMError",
    "NotFoundError",
    "SynthdataError",
    "did_you_mean",
]


class SynthdataError(Exception):
    """Base class for every error synthdata raises on purpose."""

    error_code: ClassVar[str] = "INTERNAL_ERROR"


class InvalidInputError(SynthdataError, ValueError):
    """Raised when a schema, option or argument is invalid."""

    error_code: ClassVar[str] = "VALIDATION_ERROR"


class NotFoundError(SynthdataError, LookupError):
    """Raised when a named table, field, job or file does not exist."""

    error_code: ClassVar[str] = "NOT_FOUND"


class CancelledError(SynthdataError):
    """Raised when generation stops because the caller asked it to; batches already written stay."""

    error_code: ClassVar[str] = "CANCELLED"


class LLMError(SynthdataError):
    """Raised when a configured language model fails and the caller asked for strict mode."""

    error_code: ClassVar[str] = "LLM_ERROR"


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """Return `` Did you mean X?`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" Did you mean {close[0]}?" if close else ""
