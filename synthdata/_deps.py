"""Optional dependencies, imported only when a feature needs them, with one error and a hint."""

from __future__ import annotations

import importlib
from types import ModuleType

from synthdata.errors import MissingDependencyError

__all__ = ["import_optional"]


def import_optional(module: str, *, extra: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise MissingDependencyError saying how to install it.

    Args:
        module: the module to import (``"litellm"``, ``"dask.distributed"``).
        extra: the synthdata extra that brings it (``pip install 'synthdata[extra]'``).
        purpose: what needs it, to start the message ("LLM features").

    >>> import_optional("json", extra="none", purpose="Reading JSON").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.split(".")[0]
        msg = f"{purpose} need {top}: pip install 'synthdata[{extra}]'"
        raise MissingDependencyError(msg) from None
