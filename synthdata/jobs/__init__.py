"""Durable jobs: corpus generation in the background, with progress, cancel, delete and recovery.

Jobs live in an embedded SQLite store (WAL) in ``SYNTHDATA_HOME`` (default
``~/.local/share/synthdata``, never the current directory), each job's files in its own folder
there (:mod:`~synthdata.jobs.store`). A bounded thread pool runs them
(:mod:`~synthdata.jobs.runner`); progress and estimates are recorded per batch
(:mod:`~synthdata.jobs.progress`, :mod:`~synthdata.jobs.throughput`), finished corpora are
exported on request (:mod:`~synthdata.jobs.exports`) and webhooks report the end
(:mod:`~synthdata.jobs.webhooks`).
"""

from synthdata.jobs.models import (
    JobInfo as JobInfo,
    JobProgress as JobProgress,
    JobStage as JobStage,
    JobStatus as JobStatus,
    export_key as export_key,
)
from synthdata.jobs.runner import JobStore as JobStore

__all__ = ["JobInfo", "JobProgress", "JobStage", "JobStatus", "JobStore", "export_key"]
