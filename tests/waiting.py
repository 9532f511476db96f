"""One way for tests to wait: poll a condition until it holds, or fail saying what was last seen."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_for(
    probe: Callable[[], T],
    done: Callable[[T], bool] = bool,
    *,
    timeout: float = 60.0,
    interval: float = 0.02,
) -> T:
    """Call ``probe`` until ``done(result)`` is true; return that result.

    Raises:
        AssertionError: ``timeout`` seconds passed; the message holds the last result.
    """
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if done(result):
            return result
        if time.monotonic() > deadline:
            msg = f"gave up after {timeout} s; last seen: {result!r}"
            raise AssertionError(msg)
        time.sleep(interval)
