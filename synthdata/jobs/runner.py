"""Running jobs: corpus generation in the background, with progress, cancel, delete and recovery.

A bounded pool of threads runs corpus jobs batch by batch, recording progress after every batch.
After a crash or restart, finished jobs are still there, interrupted ones resume from their last
written batch (generation is deterministic per batch), and none is left ``in_progress``.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from synthdata._types import PathLike
from synthdata.corpus import Corpus
from synthdata.errors import (
    CancelledError,
    InvalidInputError,
    SynthdataError,
)
from synthdata.jobs.exports import JobExports
from synthdata.jobs.models import (
    JobInfo,
    JobProgress,
    JobStage,
    JobStatus,
    new_job,
    now,
    parse_job_id,
    volumes_of,
)
from synthdata.jobs.progress import ProgressRecorder
from synthdata.jobs.throughput import Throughput, work_of
from synthdata.schema import Schema

__all__ = ["CANCELLED", "JobStore"]

logger = logging.getLogger("synthdata")
CANCELLED = "Job cancelled by user"


class JobStore(JobExports):
    """Jobs in ``home`` (default: ``SYNTHDATA_HOME``), run by ``workers`` threads.

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
        super().__init__(home)
        #: Where corpus batches run (see synthdata.generate); SYNTHDATA_DASK_SCHEDULER picks Dask.
        scheduler = os.environ.get("SYNTHDATA_DASK_SCHEDULER")
        self.executor = executor or (
            f"dask://{scheduler.removeprefix('tcp://')}" if scheduler else None
        )
        self._cancel: dict[str, threading.Event] = {}
        self._done: dict[str, threading.Event] = {}
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="synthdata-job")
        self._closed = False
        self._user_cancel: dict[str, bool] = {}
        #: This machine's generation speed, for estimates from the moment a job is submitted.
        self.throughput = Throughput()
        self._recover(resume)

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
        job = new_job(JobStatus.COMPLETED, stage, owner, context, analysis)
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
        from synthdata.jobs.webhooks import check_url

        if self._closed:
            msg = "The job store is closed"
            raise InvalidInputError(msg)
        if webhook_url is not None:
            check_url(webhook_url)
        if export_format is not None:
            from synthdata.export import parse_format

            export_format = parse_format(export_format).value
        # Untyped callers (scripts, notebooks) may pass anything, so the type is checked here too.
        if not isinstance(batch_size, int) or not 1 <= batch_size <= 1_000_000:  # type: ignore[redundant-expr]
            msg = f"batch_size must be a whole number from 1 to 1000000 (got {batch_size!r})"
            raise InvalidInputError(msg)
        base = self.get(job_id, owner=owner) if job_id else None
        if base is not None and base.status is JobStatus.IN_PROGRESS:
            msg = f"Job '{base.job_id}' is already generating a corpus"
            raise InvalidInputError(msg)
        chosen = list(schemas) if schemas else (base.schemas if base else [])
        volumes = plan_volumes(chosen, corpus_size)  # checks the schemas and the size now
        job = base or new_job(
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
            tracker = ProgressRecorder(self, job_id)
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
                work = work_of(job.schemas, volumes_of(job), job.batch_size)
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
                    estimated_completion=now(),
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
        from synthdata.jobs.webhooks import deliver

        attempts = deliver(job.webhook_url, job)
        self._update(job_id, webhook_attempts=[*job.webhook_attempts, *attempts])

    # --- controlling ----------------------------------------------------------------------------

    def wait(self, job_id: str, timeout: float | None = 600) -> JobInfo:
        """Block until the job's background work ends (or ``timeout`` seconds pass)."""
        job_id = parse_job_id(job_id)
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
        self._delete(job.job_id)
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
                    for k, v in volumes_of(job).items()
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
