"""Where batches run: threads in this process (default), a local process pool, or Dask.

Every executor runs the same module-level batch functions with the same arguments, so the bytes
written never depend on which one ran them. Dask is optional and imported only when asked for.

The local process pool stays warm between calls (starting Python and importing polars costs about
half a second per worker), and a batch whose worker dies is run again on a fresh pool.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from synthdata.errors import InvalidInputError

__all__ = ["Runner", "open_executor", "shutdown_process_pools"]

#: Times a batch is resubmitted after its worker process died.
RETRIES = 3


class _ProcessPools:
    """Warm process pools, one per worker count, started with the parent's vocabularies."""

    def __init__(self) -> None:
        self._pools: dict[int, ProcessPoolExecutor] = {}
        self._lock = threading.Lock()

    def get(self, workers: int) -> ProcessPoolExecutor:
        with self._lock:
            pool = self._pools.get(workers)
            if pool is None:
                from synthdata.generate import vocab

                pool = self._pools[workers] = ProcessPoolExecutor(
                    max_workers=workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=vocab.preload,
                    initargs=(vocab.snapshot(),),
                )
                # The pool starts workers only when none is idle; asking for one task per worker
                # at once starts them all now, so none starts cold in the middle of a run.
                for _ in range(workers):
                    pool.submit(os.getpid)
            return pool

    def discard(self, pool: ProcessPoolExecutor) -> None:
        """Forget a broken pool (the next :meth:`get` starts a new one)."""
        with self._lock:
            for workers, known in list(self._pools.items()):
                if known is pool:
                    del self._pools[workers]
        pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)


#: The warm pools (a resource, not a cache): each starts on the first run with
#: ``executor="processes"`` and that many workers, and lives until :func:`shutdown_process_pools`
#: or the end of the process.
_PROCESS_POOLS = _ProcessPools()
atexit.register(_PROCESS_POOLS.shutdown)


def shutdown_process_pools() -> None:
    """Stop the warm worker processes (they also stop when this process exits)."""
    _PROCESS_POOLS.shutdown()


class Runner:
    """Runs batch functions somewhere and says how many may be outstanding at once.

    ``ahead`` batches may be submitted before the oldest is collected: enough to keep every
    worker busy. :meth:`settle` is called when a run stops early (cancel or error): batches not
    yet started are dropped and the ones running are waited for, so that once generation returns
    no worker writes anything more.
    """

    def __init__(self, pool: Executor, ahead: int) -> None:
        self._pool = pool
        self.ahead = ahead

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self._pool.submit(fn, *args)

    def settle(self, futures: list[Any]) -> None:
        running = [f for f in futures if not f.cancel()]
        wait(running)


class _RetriedFuture:
    """A batch on the process pool; if its worker dies, the batch runs again on a new pool."""

    def __init__(self, owner: _ProcessRunner, fn: Callable[..., Any], args: tuple[Any, ...]):
        self.owner, self.fn, self.args = owner, fn, args
        self._submit()

    def _submit(self) -> None:
        self.pool = self.owner.pool
        try:
            self.future: Future[Any] = self.pool.submit(self.fn, *self.args)
        except BrokenProcessPool:  # a worker died while the pool sat idle
            self.owner.replace(self.pool)
            self.pool = self.owner.pool
            self.future = self.pool.submit(self.fn, *self.args)

    def done(self) -> bool:
        return self.future.done()

    def cancel(self) -> bool:
        return self.future.cancel()

    def result(self) -> Any:
        for attempt in range(RETRIES + 1):
            try:
                return self.future.result()
            except BrokenProcessPool:
                if attempt == RETRIES:
                    raise
                self.owner.replace(self.pool)
                self._submit()
        raise AssertionError  # unreachable: the last attempt returns or raises


class _ProcessRunner(Runner):
    """The warm pool of ``workers`` processes, replaced if one of them dies."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = _PROCESS_POOLS.get(workers)
        self.ahead = 2 * workers
        self._lock = threading.Lock()

    def replace(self, broken: ProcessPoolExecutor) -> None:
        """Swap in a new pool, once, however many batches the dead worker took down."""
        with self._lock:
            if broken is self.pool:
                _PROCESS_POOLS.discard(broken)
                self.pool = _PROCESS_POOLS.get(self.workers)

    def submit(self, fn: Callable[..., Any], *args: Any) -> _RetriedFuture:
        return _RetriedFuture(self, fn, args)

    def settle(self, futures: list[Any]) -> None:
        wait([f.future for f in futures if not f.cancel()])


class _DaskRunner(Runner):
    """A dask.distributed Client; lost workers' tasks are retried by Dask.

    Dask cannot stop a task that has started, nor say which have, so at most one batch per
    worker thread (and one more) is outstanding, and :meth:`settle` waits for them all.
    """

    def __init__(self, client: Any) -> None:
        from synthdata.generate import vocab

        self.client = client
        self.ahead = max(1, sum(client.nthreads().values())) + 1
        # Workers start with the vocabularies built here; a worker that joins later builds its
        # own, which gives the same pools.
        client.run(vocab.preload, vocab.snapshot())

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False, retries=RETRIES)

    def settle(self, futures: list[Any]) -> None:
        from dask.distributed import wait as dask_wait

        with contextlib.suppress(Exception):  # a batch that failed has stopped as well
            dask_wait(futures, timeout=600)  # type: ignore[no-untyped-call]  # dask leaves it unannotated


@contextlib.contextmanager
def open_executor(executor: Any, workers: int) -> Iterator[Runner]:
    """A :class:`Runner` for the requested executor.

    Args:
        executor: None or ``"threads"`` (this process), ``"processes"`` (a warm local pool
            started with spawn and kept for later calls), ``"dask://host:port"`` (a Dask
            scheduler), a ``dask.distributed`` Client, or any ``concurrent.futures.Executor``.
        workers: threads or processes to use (Dask decides its own).
    """
    if executor in (None, "threads"):
        with ThreadPoolExecutor(max_workers=workers) as pool:
            yield Runner(pool, 2 * workers)
    elif executor == "processes":
        yield _ProcessRunner(workers)
    elif isinstance(executor, str) and executor.startswith(("dask://", "tcp://")):
        client = _dask_client(executor.replace("dask://", "tcp://", 1))
        try:
            yield _DaskRunner(client)
        finally:
            client.close()
    elif type(executor).__name__ == "Client" and hasattr(executor, "submit"):
        yield _DaskRunner(executor)
    elif isinstance(executor, Executor):
        yield Runner(executor, 2 * workers)
    else:
        msg = (
            f"Unknown executor {executor!r}: use None, 'threads', 'processes', "
            "'dask://host:port' or a dask.distributed Client"
        )
        raise InvalidInputError(msg)


def _dask_client(address: str) -> Any:
    from synthdata._deps import import_optional

    distributed: Any = import_optional("dask.distributed", extra="dask", purpose="Dask executors")
    return distributed.Client(address)
