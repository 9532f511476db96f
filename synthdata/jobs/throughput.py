"""How fast this machine generates: measured once per process, refined by every finished job.

Work is counted in cells (rows × fields), so one measurement serves narrow and wide tables
alike, plus a fixed cost per batch (small batches are dominated by it). It gives corpus jobs an
estimated completion time from the moment they are submitted.
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from synthdata.schema import Schema

__all__ = ["Speed", "Throughput", "Work", "work_of"]

#: Fixed cost of a job (planning, opening files, the manifest), in seconds.
_STARTUP_SECONDS = 0.3
#: Weight of the newest observation in the running estimate.
_WEIGHT = 0.5
_ROWS = 20_000
_SMALL_BATCH = 500
_CALIBRATION = [
    {
        "name": "calibration",
        "volume": _ROWS,
        "fields": [
            {"name": "id", "type": "UUID", "primary_key": True},
            {"name": "name", "type": "NAME"},
            {"name": "email", "type": "EMAIL"},
            {"name": "city", "type": "CITY"},
            {"name": "status", "type": "ENUM", "enum_values": ["active", "closed"]},
            {"name": "amount", "type": "AMOUNT"},
            {"name": "created_at", "type": "DATETIME"},
            {"name": "note", "type": "TEXT", "required": False},
        ],
    }
]


@dataclass(frozen=True)
class Work:
    """What a corpus costs: cells (rows × fields) and batches."""

    cells: int
    batches: int


@dataclass(frozen=True)
class Speed:
    """Cells per second, and seconds per batch beyond its cells."""

    cells_per_second: float
    seconds_per_batch: float


def work_of(schemas: Sequence[Schema], volumes: dict[str, int], batch_size: int) -> Work:
    """The work of generating ``volumes`` rows of ``schemas`` in batches of ``batch_size``."""
    sized = [(volumes.get(s.name, 0), max(1, len(s.fields))) for s in schemas]
    return Work(
        cells=sum(rows * width for rows, width in sized),
        batches=sum(math.ceil(rows / max(1, batch_size)) for rows, _ in sized),
    )


# This machine's measured speed, shared by every Throughput of the process: measured once, on
# first need (the API server does it while warming up), and kept for the life of the process.
_machine: dict[str, Speed] = {}
_machine_lock = threading.Lock()


class Throughput:
    """The speed of this machine as one job store sees it; thread-safe.

    >>> t = Throughput(Speed(cells_per_second=1_000_000.0, seconds_per_batch=0.01))
    >>> round(t.seconds(Work(cells=2_000_000, batches=10)), 2)
    2.4
    """

    def __init__(self, speed: Speed | None = None) -> None:
        self._speed = speed
        self._lock = threading.Lock()

    @property
    def speed(self) -> Speed:
        """This store's observations, else the machine's measured speed (measured if need be)."""
        with self._lock:
            if self._speed is not None:
                return self._speed
        return self.calibrate()

    def calibrate(self) -> Speed:
        """Measure the machine's speed on a small fixed table (once per process)."""
        with _machine_lock:
            if "speed" not in _machine:
                _machine["speed"] = _measure()
        with self._lock:
            self._speed = self._speed or _machine["speed"]
            return self._speed

    def observe(self, work: Work, seconds: float) -> None:
        """Fold a finished job's measured time into the estimate.

        One job cannot tell cell cost from batch cost apart, so both are scaled by how far off
        the estimate was (half-way, so one odd job does not swing the next estimate).

        >>> t = Throughput(Speed(cells_per_second=1_000_000.0, seconds_per_batch=0.01))
        >>> t.observe(Work(cells=2_000_000, batches=10), seconds=4.6)  # estimated 2.4 s
        >>> round(t.seconds(Work(cells=2_000_000, batches=10)), 2)
        3.5
        """
        if work.cells <= 0 or seconds <= 0:
            return
        speed = self.speed
        predicted = self.seconds(work) - _STARTUP_SECONDS
        actual = max(seconds - _STARTUP_SECONDS, 1e-3)
        factor = 1 + _WEIGHT * (actual / max(predicted, 1e-3) - 1)
        with self._lock:
            self._speed = Speed(speed.cells_per_second / factor, speed.seconds_per_batch * factor)

    def seconds(self, work: Work) -> float:
        """Estimated seconds to do ``work``."""
        speed = self.speed
        return (
            _STARTUP_SECONDS
            + work.cells / speed.cells_per_second
            + work.batches * speed.seconds_per_batch
        )

    def completion(self, work: Work, *, start: dt.datetime | None = None) -> dt.datetime:
        """When ``work`` started at ``start`` (default now) should be done."""
        begin = start or dt.datetime.now(dt.UTC)
        return (begin + dt.timedelta(seconds=self.seconds(work))).replace(microsecond=0)


def _measure() -> Speed:
    from synthdata.generate.engine import generate
    from synthdata.schema import load_schemas

    schemas = load_schemas(_CALIBRATION)
    with tempfile.TemporaryDirectory(prefix="synthdata-calibrate-") as out:
        generate(schemas, seed=0, out_dir=out, workers=1)  # builds the vocabularies first
        timings = []
        for batch_size in (_ROWS, _SMALL_BATCH):
            started = time.perf_counter()
            generate(schemas, seed=1, out_dir=out, workers=1, batch_size=batch_size)
            timings.append(time.perf_counter() - started)
    whole, small = timings
    batches = _ROWS // _SMALL_BATCH
    per_batch = max(0.0, (small - whole) / (batches - 1))
    cells = work_of(schemas, {"calibration": _ROWS}, _ROWS).cells
    return Speed(cells / max(whole - per_batch, 1e-3), per_batch)
