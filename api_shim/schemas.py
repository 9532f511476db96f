"""Request and response bodies of the HTTP API (pydantic), checked before any work starts."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

import synthdata as sd
from synthdata.export.formats import ExportFormat, SQLDialect
from synthdata.jobs import JobStatus

__all__ = [
    "AnalyzeRequest",
    "CorpusRequest",
    "DownloadQuery",
    "EmptyBody",
    "ExportRequest",
    "FeedbackRequest",
    "JobsQuery",
    "ProfileOptions",
    "ProfileRequest",
    "SampleRequest",
]

_STRICT = ConfigDict(extra="forbid")
SchemaItem = str | dict[str, Any]


class AnalyzeRequest(BaseModel):
    model_config = _STRICT
    context: str = Field(min_length=1, max_length=20_000)
    domain_hint: str | None = Field(default=None, max_length=100)


class SampleRequest(BaseModel):
    model_config = _STRICT
    context: str | None = Field(default=None, max_length=20_000)
    sample_size: int = Field(default=5, ge=1, le=1000)
    schemas: list[SchemaItem] = Field(default=[], max_length=200)
    seed: int = Field(default=0, ge=0, le=2**31 - 1)


class CorpusRequest(BaseModel):
    model_config = _STRICT
    context: str | None = Field(default=None, max_length=20_000)
    corpus_size: int = Field(default=1000, ge=1, le=100_000_000)
    batch_size: int = Field(default=100, ge=1, le=1_000_000)
    schemas: list[SchemaItem] = Field(default=[], max_length=200)
    export_format: ExportFormat | None = None
    seed: int = Field(default=0, ge=0, le=2**31 - 1)
    webhook_url: str | None = Field(default=None, max_length=2000)
    job_id: str | None = Field(default=None, max_length=64)


class FeedbackRequest(BaseModel):
    model_config = _STRICT
    job_id: str = Field(min_length=1, max_length=64)
    approved: bool = False
    schema_feedback: list[sd.SchemaFeedback] = Field(default=[], max_length=200)
    start_corpus: bool = False
    corpus_size: int | None = Field(default=None, ge=1, le=100_000_000)


class ExportOptionsBody(BaseModel):
    model_config = _STRICT
    sql_dialect: SQLDialect = SQLDialect.POSTGRESQL


class ExportRequest(BaseModel):
    model_config = _STRICT
    format: ExportFormat
    schemas: list[str] = Field(default=[], max_length=200)
    options: ExportOptionsBody = ExportOptionsBody()


class ProfileOptions(BaseModel):
    """The form fields of ``POST /api/v1/context/profile`` beside its files (checked as such)."""

    model_config = _STRICT
    k: int = Field(
        default=5,
        ge=2,
        le=1_000_000,
        description="A value is kept only if at least k rows hold it (privacy threshold).",
    )
    sample_rows: int | None = Field(
        default=None,
        ge=1,
        le=100_000_000,
        description="Measure at most this many random rows per table (volumes stay exact).",
    )
    seed: int = Field(default=0, ge=0, le=2**31 - 1, description="The row sample's seed.")


class ProfileRequest(ProfileOptions):
    """The multipart/form-data body of ``POST /api/v1/context/profile`` (for the OpenAPI
    document): one or more ``files``, each a ``.csv`` or ``.parquet`` file named after its table,
    plus the options."""

    files: list[bytes] = Field(
        min_length=1,
        description="CSV or Parquet files, one table per file, named after the table.",
        json_schema_extra={"items": {"type": "string", "format": "binary"}},
    )


class EmptyBody(BaseModel):
    """Endpoints that take no fields (an empty body or ``{}``)."""

    model_config = _STRICT


class JobsQuery(BaseModel):
    model_config = _STRICT
    skip: int = Field(default=0, ge=0, le=1_000_000)
    limit: int = Field(default=20, ge=1, le=100)
    status: JobStatus | None = None


class DownloadQuery(BaseModel):
    model_config = _STRICT
    format: ExportFormat = ExportFormat.CSV
    sql_dialect: SQLDialect = SQLDialect.POSTGRESQL
