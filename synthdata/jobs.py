"""Durable jobs: corpus generation in the background, with progress, cancel, delete and recovery.

Jobs live in an embedded SQLite store (WAL) in ``SYNTHDATA_HOME`` (default ``./.synthdata``); each
job's files live in its own folder there. A bounded pool of threads runs corpus jobs batch by batch,
recording progress after every batch. After a crash or restart, finished jobs are still there,
interrupted ones resume from their last written batch (generation is deterministic per batch), and
none is left ``in_progress``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from synthdata._types import PathLike
from synthdata.corpus import Corpus
from synthdata.errors import (
    CancelledError,
    InvalidInputError,
    NotFoundError,
    SynthdataError,
    did_you_mean,
)
from synthdata.schema import Schema
from synthdata.throughput import Throughput, work_of

__all__ = ["JobInfo", "JobProgress", "JobStage", "JobStatus", "JobStore", "export_key"]

logger = logging.getLogger("synthdata")
CANCELLED = "Job cancelled by user"


class JobStatus(StrEnum):
    """Where a job is in its life."""

    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    FAILED = "failed"


class JobStage(StrEnum):
    """The last step a job reached."""

    ANALYZED = "analyzed"
    SAMPLED = "sampled"
    FEEDBACK_APPLIED = "feedback_applied"
    CORPUS_GENERATING = "corpus_generating"
    CORPUS_GENERATED = "corpus_generated"
    EXPORTED = "exported"


class JobProgress(BaseModel):
    """The reference's progress block."""

    total_schemas: int = 0
    completed_schemas: int = 0
    current_schema: str | None = None
    total_records: int = 0
    generated_records: int = 0
    percent_complete: float = 0.0


class JobInfo(BaseModel):
    """Everything the store knows about one job."""

    model_config = ConfigDict(extra="ignore")

    job_id: str
    status: JobStatus
    stage: JobStage
    created_at: dt.datetime
    updated_at: dt.datetime
    owner: str | None = None
    context: str | None = None
    analysis: dict[str, Any] | None = None
    schemas: list[Schema] = []
    seed: int = 0
    corpus_size: int | None = None
    batch_size: int = 50_000
    progress: JobProgress = JobProgress()
    errors: list[str] = []
    warnings: list[str] = []
    message: str | None = None
    estimated_completion: dt.datetime | None = None
    export_paths: dict[str, dict[str, str]] = {}
    webhook_url: str | None = None
    webhook_attempts: list[dict[str, Any]] = []
    #: Export the corpus in this format as soon as it is generated.
    export_format: str | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _new_job(
    status: JobStatus,
    stage: JobStage,
    owner: str | None,
    context: str | None,
    analysis: dict[str, Any] | None,
) -> JobInfo:
    now = _now()
    return JobInfo(
        job_id=str(uuid.uuid4()),
        status=status,
        stage=stage,
        created_at=now,
        updated_at=now,
        owner=owner,
        context=context,
        analysis=analysis,
    )


def export_key(format: str, sql_dialect: str = "postgresql") -> str:
    """The name of a job's export: the format, and for SQL the dialect (``sql-mysql``).

    Raises:
        InvalidInputError: an unknown format or dialect ("Did you mean").
    """
    from synthdata.export import parse_dialect, parse_format

    fmt = parse_format(format).value
    return f"{fmt}-{parse_dialect(sql_dialect)}" if fmt == "sql" else fmt


def _volumes(job: JobInfo) -> dict[str, int]:
    from synthdata.generate.engine import plan_volumes

    return plan_volumes(job.schemas, job.corpus_size)


def _job_id(value: str) -> str:
    """A canonical job id, or NotFoundError: untrusted ids are parsed, never joined into paths."""
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        msg = f"No job '{str(value)[:80]}'"
        raise NotFoundError(msg) from None


class JobStore:
    """Jobs in ``home`` (``SYNTHDATA_HOME`` or ``./.synthdata``), run by ``workers`` threads.

    >>> import synthdata as sd, tempfile
    >>> store = JobStore(tempfile.mkdtemp())
    >>> s = sd.Schema(name="t", volume=100, fields=[sd.Field(name="id", type="UUID")])
    >>> job = store.submit_corpus([s], corpus_size=250)
    >>> store.wait(job.job_id).progress.generated_records
    250
    >>> store.close()
    """

    def __init__(
        self,
        home: PathLike | None = None,
        *,
        workers: int = 2,
        resume: bool = True,
        executor: Any = None,
    ) -> None:
        self.home = Path(home or os.environ.get("SYNTHDATA_HOME", ".synthdata")).resolve()
        (self.home / "jobs").mkdir(parents=True, exist_ok=True)
        self._db = self.home / "jobs.sqlite3"
        #: Where corpus batches run (see synthdata.generate); SYNTHDATA_DASK_SCHEDULER picks Dask.
        scheduler = os.environ.get("SYNTHDATA_DASK_SCHEDULER")
        self.executor = executor or (
            f"dask://{scheduler.removeprefix('tcp://')}" if scheduler else None
        )
        self._lock = threading.RLock()
        self._cancel: dict[str, threading.Event] = {}
        self._done: dict[str, threading.Event] = {}
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="synthdata-job")
        self._closed = False
        self._user_cancel: dict[str, bool] = {}
        #: This machine's generation speed, for estimates from the moment a job is submitted.
        self.throughput = Throughput()
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, owner TEXT, status TEXT, "
                "created_at TEXT, data TEXT NOT NULL)"
            )
        self._recover(resume)

    # --- storage --------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._db, timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        return conn

    def _save(self, job: JobInfo) -> JobInfo:
        job.updated_at = _now()
        data = job.model_dump_json()
        with self._lock, self._connect() as conn:
            conn.execute(
                "INSERT INTO jobs (id, owner, status, created_at, data) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET status = excluded.status, data = excluded.data",
                (job.job_id, job.owner, job.status.value, job.created_at.isoformat(), data),
            )
        return job

    def _load(self, job_id: str) -> JobInfo | None:
        with self._connect() as conn:
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

    def folder(self, job_id: str) -> Path:
        """The job's own folder (from a parsed id, never from raw input)."""
        return self.home / "jobs" / _job_id(job_id)

    # --- reading --------------------------------------------------------------------------------

    def get(self, job_id: str, *, owner: str | None = None) -> JobInfo:
        """The job, or NotFoundError (also when it belongs to another owner)."""
        job = self._load(_job_id(job_id))
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
        with self._connect() as conn:
            total = conn.execute(f"SELECT count(*) FROM jobs{clause}", args).fetchone()[0]
            rows = conn.execute(
                f"SELECT data FROM jobs{clause} ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                [*args, limit, skip],
            ).fetchall()
        return [JobInfo.model_validate_json(r[0]) for r in rows], total

    # --- creating and running -------------------------------------------------------------------

    def create(
        self,
        *,
        schemas: Sequence[Schema],
        stage: JobStage = JobStage.SAMPLED,
        context: str | None = None,
        analysis: dict[str, Any] | None = None,
        owner: str | None = None,
        seed: int = 0,
    ) -> JobInfo:
        """Record a finished step (analysis or sample) as a completed job that keeps its schemas."""
        job = _new_job(JobStatus.COMPLETED, stage, owner, context, analysis)
        job.schemas, job.seed = list(schemas), seed
        return self._save(job)

    def submit_corpus(
        self,
        schemas: Sequence[Schema] | None = None,
        *,
        corpus_size: int | None = None,
        batch_size: int = 50_000,
        seed: int = 0,
        job_id: str | None = None,
        context: str | None = None,
        analysis: dict[str, Any] | None = None,
        owner: str | None = None,
        webhook_url: str | None = None,
        export_format: str | None = None,
    ) -> JobInfo:
        """Start generating a corpus in the background and return the job at once.

        Args:
            schemas: the tables (default: those of the job ``job_id``).
            corpus_size: total records across tables, split by their volumes (exact).
            batch_size: rows per batch; progress is recorded after each.
            seed: the same seed gives the same data.
            job_id: continue an existing (sample) job instead of creating one.
            webhook_url: an http(s) URL that gets the job's status when it ends.
            export_format: also export the corpus in this format when it is done.

        Raises:
            InvalidInputError: bad sizes or webhook URL, or invalid schemas.
            NotFoundError: ``job_id`` does not exist (for this owner).
        """
        from synthdata.generate.engine import plan_volumes
        from synthdata.webhooks import check_url

        if self._closed:
            msg = "The job store is closed"
            raise InvalidInputError(msg)
        if webhook_url is not None:
            check_url(webhook_url)
        if export_format is not None:
            from synthdata.export import parse_format

            export_format = parse_format(export_format).value
        if not isinstance(batch_size, int) or not 1 <= batch_size <= 1_000_000:
            msg = f"batch_size must be a whole number from 1 to 1000000 (got {batch_size!r})"
            raise InvalidInputError(msg)
        base = self.get(job_id, owner=owner) if job_id else None
        if base is not None and base.status is JobStatus.IN_PROGRESS:
            msg = f"Job '{base.job_id}' is already generating a corpus"
            raise InvalidInputError(msg)
        chosen = list(schemas) if schemas else (base.schemas if base else [])
        volumes = plan_volumes(chosen, corpus_size)  # checks the schemas and the size now
        job = base or _new_job(
            JobStatus.PENDING, JobStage.CORPUS_GENERATING, owner, context, analysis
        )
        job.schemas, job.seed, job.batch_size, job.corpus_size = (
            chosen,
            seed,
            batch_size,
            corpus_size,
        )
        job.status, job.stage, job.message, job.errors = (
            JobStatus.PENDING,
            JobStage.CORPUS_GENERATING,
            "Corpus generation started",
            [],
        )
        job.webhook_url = webhook_url or job.webhook_url
        job.export_format = export_format
        job.progress = JobProgress(total_schemas=len(chosen), total_records=sum(volumes.values()))
        job.estimated_completion = self.throughput.completion(work_of(chosen, volumes, batch_size))
        shutil.rmtree(self.folder(job.job_id) / "corpus", ignore_errors=True)
        self._save(job)
        self._start(job.job_id, resume=False)
        return job

    def _start(self, job_id: str, *, resume: bool) -> None:
        with self._lock:
            self._cancel[job_id] = threading.Event()
            self._done[job_id] = threading.Event()
        self._pool.submit(self._run, job_id, resume)

    def _run(self, job_id: str, resume: bool) -> None:
        from synthdata.generate.engine import generate

        cancel, done = self._cancel[job_id], self._done[job_id]
        try:
            job = self._load(job_id)
            if job is None:
                return
            if cancel.is_set():
                raise CancelledError(CANCELLED)
            self._update(job_id, status=JobStatus.IN_PROGRESS)
            tracker = _Progress(self, job_id)
            started = time.monotonic()
            generate(
                job.schemas,
                total_rows=job.corpus_size,
                seed=job.seed,
                out_dir=self.folder(job_id) / "corpus",
                batch_size=job.batch_size,
                progress=tracker,
                cancel=cancel.is_set,
                resume=resume,
                executor=self.executor,
            )
            if not resume:
                work = work_of(job.schemas, _volumes(job), job.batch_size)
                self.throughput.observe(work, time.monotonic() - started)
            final = self._load(job_id)
            if final is not None:
                if final.export_format:  # before "completed", so a client never sees it missing
                    self._export(
                        job_id,
                        Corpus.open(self.folder(job_id) / "corpus"),
                        final.export_format,
                        None,
                        "postgresql",
                    )
                final = self._load(job_id) or final
                final.progress.percent_complete = 100.0
                final.progress.generated_records = final.progress.total_records
                final.progress.completed_schemas = final.progress.total_schemas
                final.progress.current_schema = None
                self._update(
                    job_id,
                    status=JobStatus.COMPLETED,
                    stage=JobStage.EXPORTED if final.export_format else JobStage.CORPUS_GENERATED,
                    progress=final.progress,
                    message="Corpus generated",
                    estimated_completion=_now(),
                )
        except CancelledError:
            if self._closed and not self._user_cancel.get(job_id):
                logger.info("Job %s paused by shutdown; it resumes at the next start", job_id)
            else:
                self._finish_failed(job_id, CANCELLED)
        except SynthdataError as exc:
            self._finish_failed(job_id, str(exc))
        except Exception as exc:  # the job fails; the store and other jobs carry on
            logger.exception("Job %s failed", job_id)
            self._finish_failed(job_id, f"Internal error: {type(exc).__name__}: {exc}")
        finally:
            done.set()
            self._notify(job_id)

    def _finish_failed(self, job_id: str, reason: str) -> None:
        job = self._load(job_id)
        if job is not None:
            self._update(
                job_id, status=JobStatus.FAILED, message=reason, errors=[*job.errors, reason]
            )

    def _notify(self, job_id: str) -> None:
        job = self._load(job_id)
        if job is None or not job.webhook_url:
            return
        from synthdata.webhooks import deliver

        attempts = deliver(job.webhook_url, job)
        self._update(job_id, webhook_attempts=[*job.webhook_attempts, *attempts])

    # --- controlling ----------------------------------------------------------------------------

    def wait(self, job_id: str, timeout: float | None = 600) -> JobInfo:
        """Block until the job's background work ends (or ``timeout`` seconds pass)."""
        job_id = _job_id(job_id)
        event = self._done.get(job_id)
        if event is not None:
            event.wait(timeout)
        return self.get(job_id)

    def cancel(self, job_id: str, *, owner: str | None = None) -> JobInfo:
        """Stop a job within one batch; it ends as failed with "Job cancelled by user"."""
        job = self.get(job_id, owner=owner)
        if job.status in (JobStatus.PENDING, JobStatus.IN_PROGRESS):
            event = self._cancel.get(job.job_id)
            if event is not None:
                self._user_cancel[job.job_id] = True
                event.set()
                self._done[job.job_id].wait(60)
            else:
                self._finish_failed(job.job_id, CANCELLED)
        return self.get(job.job_id)

    def delete(self, job_id: str, *, owner: str | None = None) -> None:
        """Remove the job and every file it wrote (a running job is cancelled first)."""
        job = self.get(job_id, owner=owner)
        if job.status in (JobStatus.PENDING, JobStatus.IN_PROGRESS):
            self.cancel(job.job_id)
        shutil.rmtree(self.folder(job.job_id), ignore_errors=True)
        with self._lock, self._connect() as conn:
            conn.execute("DELETE FROM jobs WHERE id = ?", (job.job_id,))
        self._cancel.pop(job.job_id, None)
        self._done.pop(job.job_id, None)

    def update_schemas(
        self,
        job_id: str,
        schemas: Sequence[Schema],
        *,
        owner: str | None = None,
        stage: JobStage = JobStage.FEEDBACK_APPLIED,
    ) -> JobInfo:
        """Replace a job's schemas (after review feedback)."""
        job = self.get(job_id, owner=owner)
        if job.status is JobStatus.IN_PROGRESS:
            msg = f"Job '{job.job_id}' is generating; wait for it or cancel it first"
            raise InvalidInputError(msg)
        return self._update(job.job_id, schemas=list(schemas), stage=stage)

    def corpus(self, job_id: str, *, owner: str | None = None) -> Corpus:
        """The finished corpus of a job."""
        job = self.get(job_id, owner=owner)
        if job.status is not JobStatus.COMPLETED or job.stage not in (
            JobStage.CORPUS_GENERATED,
            JobStage.EXPORTED,
        ):
            msg = f"Job '{job.job_id}' has no finished corpus (status {job.status.value})"
            raise InvalidInputError(msg)
        return Corpus.open(self.folder(job.job_id) / "corpus")

    def export(
        self,
        job_id: str,
        format: str,
        *,
        schemas: Sequence[str] | None = None,
        sql_dialect: str = "postgresql",
        owner: str | None = None,
    ) -> dict[str, Path]:
        """Export a finished job's tables; the paths are recorded on the job for download."""
        corpus = self.corpus(job_id, owner=owner)
        return self._export(job_id, corpus, format, schemas, sql_dialect)

    def _export(
        self,
        job_id: str,
        corpus: Corpus,
        format: str,
        schemas: Sequence[str] | None,
        sql_dialect: str,
    ) -> dict[str, Path]:
        from synthdata.export import export

        key = export_key(format, sql_dialect)
        out = self.folder(job_id) / "exports" / key
        paths = export(corpus, format, out, schemas=schemas, sql_dialect=sql_dialect)
        with self._lock:
            job = self.get(job_id)
            recorded = dict(job.export_paths)
            recorded[key] = {**recorded.get(key, {}), **{n: str(p) for n, p in paths.items()}}
            self._update(job.job_id, export_paths=recorded, stage=JobStage.EXPORTED)
        return paths

    def export_file(
        self,
        job_id: str,
        schema_name: str,
        format: str,
        *,
        sql_dialect: str = "postgresql",
        owner: str | None = None,
    ) -> Path:
        """The exported file of one table, exported now if it was not yet.

        The file is looked up in the job's record (never joined from the request), and SQL files
        are kept per dialect, so a download never gets another dialect's file.
        """
        job = self.get(job_id, owner=owner)
        names = [s.name for s in job.schemas]
        if schema_name not in names:
            hint = did_you_mean(str(schema_name), names)
            msg = f"Job '{job.job_id}' has no table '{str(schema_name)[:80]}'.{hint}"
            raise NotFoundError(msg)
        key = export_key(format, sql_dialect)
        recorded = job.export_paths.get(key, {}).get(schema_name)
        if recorded is None or not Path(recorded).is_file():
            self.export(job.job_id, format, schemas=[schema_name], sql_dialect=sql_dialect)
            recorded = self.get(job.job_id).export_paths[key][schema_name]
        path = Path(recorded)
        if self.folder(job.job_id) not in path.parents:
            msg = f"The {key} export of '{schema_name}' is not in the job's folder"
            raise NotFoundError(msg)
        return path

    # --- recovery and shutdown ------------------------------------------------------------------

    def _recover(self, resume: bool) -> None:
        """Jobs interrupted by a crash resume from their last batch, or fail with a reason."""
        jobs, _ = self.list(limit=1_000_000, status=JobStatus.IN_PROGRESS)
        pending, _ = self.list(limit=1_000_000, status=JobStatus.PENDING)
        for job in [*jobs, *pending]:
            if resume and job.schemas:
                logger.info("Resuming job %s after a restart", job.job_id)
                left = job.progress.total_records - job.progress.generated_records
                volumes = {
                    k: round(v * left / max(1, job.progress.total_records))
                    for k, v in _volumes(job).items()
                }
                work = work_of(job.schemas, volumes, job.batch_size)
                self._update(
                    job.job_id,
                    status=JobStatus.PENDING,
                    warnings=[*job.warnings, "Resumed after a restart"],
                    estimated_completion=self.throughput.completion(work),
                )
                self._start(job.job_id, resume=True)
            else:
                self._finish_failed(job.job_id, "Interrupted by a restart before it finished")

    def close(self, *, cancel_running: bool = False, pause_running: bool = False) -> None:
        """Stop accepting jobs and wait for running ones.

        ``cancel_running`` fails them ("Job cancelled by user"); ``pause_running`` stops them
        within a batch but leaves them ``in_progress``, so the next store resumes them.
        """
        self._closed = True
        for job_id, event in list(self._cancel.items()):
            if cancel_running:
                self._user_cancel[job_id] = True
            if cancel_running or pause_running:
                event.set()
        self._pool.shutdown(wait=True, cancel_futures=pause_running)

    def __enter__(self) -> JobStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(cancel_running=True)


class _Progress:
    """Records a job's progress after every batch, and estimates its completion."""

    def __init__(self, store: JobStore, job_id: str) -> None:
        self.store, self.job_id = store, job_id
        self.started = time.monotonic()

    def __call__(self, event: Any) -> None:
        job = self.store._load(self.job_id)
        if job is None:
            return
        elapsed = time.monotonic() - self.started
        eta = job.estimated_completion  # until this job's own speed is known
        if event.rows_done and elapsed > 0:
            rate = event.rows_done / elapsed
            left = (event.total_rows - event.rows_done) / rate
            eta = (_now() + dt.timedelta(seconds=left)).replace(microsecond=0)
        percent = 100.0 * event.rows_done / event.total_rows if event.total_rows else 100.0
        progress = JobProgress(
            total_schemas=event.total_tables,
            completed_schemas=event.tables_done,
            current_schema=event.table or None,
            total_records=event.total_rows,
            generated_records=event.rows_done,
            percent_complete=round(max(percent, job.progress.percent_complete), 2),
        )
        self.store._update(self.job_id, progress=progress, estimated_completion=eta)
