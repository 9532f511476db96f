"""What a job is: its status, stage, progress and record, and how its id and exports are named."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from synthdata.errors import NotFoundError
from synthdata.schema import Schema

__all__ = [
    "JobInfo",
    "JobProgress",
    "JobStage",
    "JobStatus",
    "export_key",
    "new_job",
    "now",
    "parse_job_id",
    "volumes_of",
]


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


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def new_job(
    status: JobStatus,
    stage: JobStage,
    owner: str | None,
    context: str | None,
    analysis: dict[str, Any] | None,
) -> JobInfo:
    moment = now()
    return JobInfo(
        job_id=str(uuid.uuid4()),
        status=status,
        stage=stage,
        created_at=moment,
        updated_at=moment,
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


def volumes_of(job: JobInfo) -> dict[str, int]:
    from synthdata.generate.engine import plan_volumes

    return plan_volumes(job.schemas, job.corpus_size)


def parse_job_id(value: str) -> str:
    """A canonical job id, or NotFoundError: untrusted ids are parsed, never joined into paths."""
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        msg = f"No job '{str(value)[:80]}'"
        raise NotFoundError(msg) from None
