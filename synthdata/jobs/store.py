"""The job store: jobs as rows of an embedded SQLite database (WAL) and folders beside it.

Every job is one JSON record; reads and writes go through :class:`JobRecords`, which knows
nothing of running jobs (see :mod:`synthdata.jobs.runner`).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from synthdata._home import home as data_home
from synthdata._types import PathLike
from synthdata.errors import NotFoundError
from synthdata.jobs.models import JobInfo, JobStatus, now, parse_job_id

__all__ = ["JobRecords"]


class JobRecords:
    """Job records in ``home/jobs.sqlite3`` and job folders in ``home/jobs/<id>``.

    ``home`` defaults to the data folder (``SYNTHDATA_HOME``, see :mod:`synthdata._home`).
    """

    def __init__(self, home: PathLike | None = None) -> None:
        self.home = Path(home).resolve() if home else data_home()
        (self.home / "jobs").mkdir(parents=True, exist_ok=True)
        self._db = self.home / "jobs.sqlite3"
        self._lock = threading.RLock()
        with self._database() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, owner TEXT, status TEXT, "
                "created_at TEXT, data TEXT NOT NULL)"
            )

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._db, timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        return conn

    @contextlib.contextmanager
    def _database(self) -> Iterator[sqlite3.Connection]:
        conn = self._connect()
        try:
            yield conn
        finally:
            conn.close()

    def _save(self, job: JobInfo) -> JobInfo:
        job.updated_at = now()
        data = job.model_dump_json()
        with self._lock, self._database() as conn:
            conn.execute(
                "INSERT INTO jobs (id, owner, status, created_at, data) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET status = excluded.status, data = excluded.data",
                (job.job_id, job.owner, job.status.value, job.created_at.isoformat(), data),
            )
        return job

    def _load(self, job_id: str) -> JobInfo | None:
        with self._database() as conn:
            row = conn.execute("SELECT data FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return JobInfo.model_validate_json(row[0]) if row else None

    def _update(self, job_id: str, **changes: Any) -> JobInfo:
        with self._lock:
            job = self._load(job_id)
            if job is None:
                msg = f"No job '{job_id}'"
                raise NotFoundError(msg)
            for key, value in changes.items():
                setattr(job, key, value)
            return self._save(job)

    def _delete(self, job_id: str) -> None:
        with self._lock, self._database() as conn:
            conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))

    def folder(self, job_id: str) -> Path:
        """The job's own folder (from a parsed id, never from raw input)."""
        return self.home / "jobs" / parse_job_id(job_id)

    def get(self, job_id: str, *, owner: str | None = None) -> JobInfo:
        """The job, or NotFoundError (also when it belongs to another owner)."""
        job = self._load(parse_job_id(job_id))
        if job is None or (owner is not None and job.owner != owner):
            msg = f"No job '{job_id}'"
            raise NotFoundError(msg)
        return job

    def list(
        self,
        *,
        skip: int = 0,
        limit: int = 20,
        status: JobStatus | str | None = None,
        owner: str | None = None,
    ) -> tuple[list[JobInfo], int]:
        """A page of jobs, newest first, and the total matching ``status`` and ``owner``."""
        where, args = [], []
        if status is not None:
            where.append("status = ?")
            args.append(JobStatus(status).value)
        if owner is not None:
            where.append("owner = ?")
            args.append(owner)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        with self._database() as conn:
            total = conn.execute(f"SELECT count(*) FROM jobs{clause}", args).fetchone()[0]
            rows = conn.execute(
                f"SELECT data FROM jobs{clause} ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                [*args, limit, skip],
            ).fetchall()
        return [JobInfo.model_validate_json(r[0]) for r in rows], int(total)
