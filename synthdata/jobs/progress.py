"""A job's progress, recorded after every batch, with a refined estimate of its completion."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from synthdata.jobs.models import JobProgress, now
from synthdata.jobs.store import JobRecords

__all__ = ["ProgressRecorder"]


class ProgressRecorder:
    """Records a job's progress after every batch, and estimates its completion."""

    def __init__(self, store: JobRecords, job_id: str) -> None:
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
            eta = (now() + dt.timedelta(seconds=left)).replace(microsecond=0)
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
