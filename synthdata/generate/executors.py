"""Where batches run: threads in this process (default), a local process pool, or Dask.

Every executor runs the same module-level batch functions with the same arguments, so the bytes
written never depend on which one ran them. Dask is optional and imported only when asked for.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

from synthdata.errors import InvalidInputError

__all__ = ["open_executor"]


class _DaskExecutor:
    """A dask.distributed Client seen as an executor; lost workers' tasks are retried."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False, retries=3)


@contextlib.contextmanager
def open_executor(executor: Any, workers: int) -> Iterator[Any]:
    """An object with ``submit(fn, *args) -> future`` for the requested executor.

    Args:
        executor: None or ``"threads"`` (this process), ``"processes"`` (a local pool started
            with spawn), ``"dask://host:port"`` (a Dask scheduler) or a ``dask.distributed``
            Client.
        workers: threads or processes to use (Dask decides its own).
    """
    if executor in (None, "threads"):
        with ThreadPoolExecutor(max_workers=workers) as pool:
            yield pool
    elif executor == "processes":
        from synthdata.generate import vocab

        context = multiprocessing.get_context("spawn")
        # Workers start with the vocabularies this process already built.
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=vocab.preload,
            initargs=(vocab.snapshot(),),
        ) as pool:
            yield pool
    elif isinstance(executor, str) and executor.startswith(("dask://", "tcp://")):
        client = _dask_client(executor.replace("dask://", "tcp://", 1))
        try:
            yield _DaskExecutor(client)
        finally:
            client.close()
    elif type(executor).__name__ == "Client" and hasattr(executor, "submit"):
        yield _DaskExecutor(executor)
    elif isinstance(executor, Executor):
        yield executor
    else:
        msg = (
            f"Unknown executor {executor!r}: use None, 'threads', 'processes', "
            "'dask://host:port' or a dask.distributed Client"
        )
        raise InvalidInputError(msg)


def _dask_client(address: str) -> Any:
    try:
        from dask.distributed import Client
    except ImportError:
        msg = "The Dask executor needs dask: pip install 'synthdata[dask]'"
        raise InvalidInputError(msg) from None
    return Client(address)
