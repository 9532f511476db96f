"""A finished job's exports: written on request or on demand, recorded per format and dialect."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from synthdata.corpus import Corpus
from synthdata.errors import InvalidInputError, NotFoundError, did_you_mean
from synthdata.jobs.models import JobStage, JobStatus, export_key
from synthdata.jobs.store import JobRecords

__all__ = ["JobExports"]


class JobExports(JobRecords):
    """The corpus of a finished job and its exported files."""

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
