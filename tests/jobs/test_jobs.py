"""The job store: background corpora with progress, cancel, delete, feedback, exports, recovery."""

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import synthdata as sd
from synthdata.jobs import JobStage, JobStatus, JobStore
from tests.waiting import wait_for

ROOT = Path(__file__).resolve().parents[2]
SHOP = sd.load_schemas(str(ROOT / "examples" / "shop.json"))


@pytest.fixture
def store(tmp_path):
    with JobStore(tmp_path / "home", workers=3) as s:
        yield s


def _poll(store: JobStore, job_id: str, timeout: float = 120) -> list[float]:
    """Every percentage seen while polling the job until it ends."""
    seen: list[float] = []

    def probe() -> JobStatus:
        job = store.get(job_id)
        seen.append(job.progress.percent_complete)
        return job.status

    wait_for(probe, lambda s: s in (JobStatus.COMPLETED, JobStatus.FAILED), timeout=timeout)
    return seen


def test_corpus_job_completes_with_exact_counts_and_monotonic_progress(store):
    job = store.submit_corpus(SHOP, corpus_size=120_000, batch_size=5_000, seed=2)
    assert job.status is JobStatus.PENDING
    seen = _poll(store, job.job_id)
    done = store.get(job.job_id)
    assert done.status is JobStatus.COMPLETED
    assert done.stage is JobStage.CORPUS_GENERATED
    assert seen == sorted(seen)
    assert done.progress.percent_complete == 100.0
    assert done.progress.generated_records == 120_000
    assert done.progress.completed_schemas == done.progress.total_schemas == len(SHOP)
    assert done.estimated_completion is not None
    corpus = store.corpus(job.job_id)
    assert sum(corpus.row_counts.values()) == 120_000
    assert sd.validate(corpus).ok


def test_five_jobs_at_once(store):
    sizes = [10_000, 20_000, 30_000, 40_000, 50_000]
    jobs = [
        store.submit_corpus(SHOP, corpus_size=n, batch_size=4_000, seed=i)
        for i, n in enumerate(sizes)
    ]
    for job, size in zip(jobs, sizes, strict=True):
        done = store.wait(job.job_id)
        assert done.status is JobStatus.COMPLETED, done.errors
        assert sum(store.corpus(job.job_id).row_counts.values()) == size


def test_cancel_stops_within_a_batch(store):
    job = store.submit_corpus(SHOP, corpus_size=3_000_000, batch_size=20_000)
    wait_for(lambda: store.get(job.job_id).progress.generated_records >= 40_000, interval=0.01)
    cancelled = store.cancel(job.job_id)
    assert cancelled.status is JobStatus.FAILED
    assert cancelled.message == "Job cancelled by user"
    parts = list((store.folder(job.job_id) / "corpus").rglob("*.parquet"))
    store.wait(job.job_id)  # the run has ended: in-flight batches settled before cancel returned
    assert list((store.folder(job.job_id) / "corpus").rglob("*.parquet")) == parts  # no more work
    assert cancelled.progress.generated_records < 3_000_000


def test_delete_leaves_no_files(store):
    job = store.submit_corpus(SHOP, corpus_size=5_000)
    store.wait(job.job_id)
    store.export(job.job_id, "csv")
    folder = store.folder(job.job_id)
    assert folder.is_dir()
    store.delete(job.job_id)
    assert not folder.exists()
    with pytest.raises(sd.NotFoundError):
        store.get(job.job_id)


def test_listing_pages_and_filters(store):
    ids = [store.submit_corpus(SHOP, corpus_size=1_000, seed=i).job_id for i in range(4)]
    for job_id in ids:
        store.wait(job_id)
    failed = store.submit_corpus(SHOP, corpus_size=2_000_000, batch_size=10_000)
    store.cancel(failed.job_id)
    page, total = store.list(skip=1, limit=2)
    assert total == 5
    assert len(page) == 2
    done, count = store.list(status="completed")
    assert count == 4
    assert {j.job_id for j in done} == set(ids)
    assert store.list(status="failed")[1] == 1


def test_owners_see_only_their_jobs(store):
    mine = store.submit_corpus(SHOP, corpus_size=1_000, owner="key-a")
    store.wait(mine.job_id)
    assert store.list(owner="key-b")[1] == 0
    with pytest.raises(sd.NotFoundError):
        store.get(mine.job_id, owner="key-b")


def test_sample_job_feedback_then_corpus(store):
    schemas = sd.infer_schemas(sd.analyze("Legal firm with clients, cases and documents"))
    job = store.create(schemas=schemas, context="Legal firm", stage=JobStage.SAMPLED)
    changed = sd.apply_feedback(
        store.get(job.job_id).schemas,
        [{"schema_name": "clients", "add_fields": [{"name": "vip", "type": "BOOLEAN"}]}],
    )
    store.update_schemas(job.job_id, changed)
    assert store.get(job.job_id).stage is JobStage.FEEDBACK_APPLIED
    store.submit_corpus(job_id=job.job_id, corpus_size=3_000)
    done = store.wait(job.job_id)
    assert done.status is JobStatus.COMPLETED
    assert "vip" in store.corpus(job.job_id).frame("clients").collect_schema()


def test_exports_are_recorded_and_looked_up(store):
    job = store.submit_corpus(SHOP, corpus_size=2_000)
    store.wait(job.job_id)
    paths = store.export(job.job_id, "json", schemas=["orders"])
    assert store.export_file(job.job_id, "orders", "json") == paths["orders"]
    assert store.get(job.job_id).stage is JobStage.EXPORTED
    on_demand = store.export_file(job.job_id, "customers", "json")  # not exported: now it is
    assert on_demand.name == "customers.json"
    assert on_demand.parent == paths["orders"].parent
    mysql = store.export_file(job.job_id, "orders", "sql", sql_dialect="mysql")
    sqlite = store.export_file(job.job_id, "orders", "sql", sql_dialect="sqlite")
    assert mysql != sqlite
    assert mysql.read_text().startswith("SET NAMES utf8mb4;")
    assert set(store.get(job.job_id).export_paths) == {"json", "sql-mysql", "sql-sqlite"}
    with pytest.raises(sd.NotFoundError, match="has no table"):
        store.export_file(job.job_id, "../../etc/passwd", "json")


@pytest.mark.parametrize("job_id", ["../../etc", "not-a-uuid", "", "0" * 500])
def test_untrusted_ids_are_looked_up_not_joined(store, job_id):
    with pytest.raises(sd.NotFoundError):
        store.get(job_id)


def test_bad_submissions(store):
    with pytest.raises(sd.InvalidInputError, match="webhook_url must be an http"):
        store.submit_corpus(SHOP, webhook_url="file:///etc/passwd")
    with pytest.raises(sd.InvalidInputError, match="batch_size must be"):
        store.submit_corpus(SHOP, batch_size=0)
    with pytest.raises(sd.InvalidInputError, match="total_rows must be at least 0"):
        store.submit_corpus(SHOP, corpus_size=-1)
    assert store.list()[1] == 0  # nothing half-created


class _Receiver:
    def __init__(self, replies: list[int]) -> None:
        self.replies, self.bodies = replies, []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.bodies.append((body, self.headers.get("X-Synthdata-Signature")))
                self.send_response(outer.replies.pop(0) if outer.replies else 200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"


def test_webhook_is_signed_retried_and_recorded(store, monkeypatch):
    import hmac

    monkeypatch.setenv("SYNTHDATA_WEBHOOK_SECRET", "s3cret")
    monkeypatch.setattr("synthdata.jobs.webhooks.BACKOFF", 0.01)
    receiver = _Receiver([500, 200])
    job = store.submit_corpus(SHOP, corpus_size=1_000, webhook_url=receiver.url)
    store.wait(job.job_id)
    attempts = wait_for(
        lambda: store.get(job.job_id).webhook_attempts, lambda a: len(a) >= 2, timeout=10
    )
    assert [a.get("status_code") for a in attempts] == [500, 200]
    body, signature = receiver.bodies[-1]
    assert json.loads(body)["status"] == "completed"
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert signature == expected
    receiver.server.shutdown()
    receiver.server.server_close()


WORKER = """
import sys, time, synthdata as sd
from synthdata.jobs import JobStore
store = JobStore(sys.argv[1], workers=1)
job = store.submit_corpus(sd.load_schemas(sys.argv[2]), corpus_size=400_000, batch_size=10_000,
                          seed=9)
print(job.job_id, flush=True)
time.sleep(600)
"""


def test_sigkill_mid_corpus_then_resume_gives_identical_data(tmp_path):
    """A worker killed with SIGKILL loses nothing: a new store resumes the job, same bytes."""
    home = tmp_path / "home"
    proc = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(home), str(ROOT / "examples" / "shop.json")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    job_id = proc.stdout.readline().strip()
    corpus_dir = home / "jobs" / job_id / "corpus"
    wait_for(lambda: len(list(corpus_dir.rglob("part-*.parquet"))) >= 6, timeout=60)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    written = len(list(corpus_dir.rglob("part-*.parquet")))
    with JobStore(home) as store:
        assert store.get(job_id).status in (JobStatus.PENDING, JobStatus.IN_PROGRESS)
        done = store.wait(job_id)
        assert done.status is JobStatus.COMPLETED, done.errors
        assert done.progress.percent_complete == 100.0
        assert "Resumed after a restart" in done.warnings
        resumed = store.corpus(job_id)
        assert written < sum(len(p) for p in resumed.tables.values())
        reference = sd.generate(
            SHOP, total_rows=400_000, seed=9, batch_size=10_000, out_dir=tmp_path / "reference"
        )
        for name in reference.tables:
            got = resumed.frame(name).collect().write_csv()
            want = reference.frame(name).collect().write_csv()
            assert hashlib.sha256(got.encode()).digest() == hashlib.sha256(want.encode()).digest()


def test_restart_without_resume_marks_interrupted_jobs_failed(tmp_path):
    home = tmp_path / "home"
    store = JobStore(home)
    job = store.create(schemas=SHOP)
    store._update(job.job_id, status=JobStatus.IN_PROGRESS)  # as a crash would leave it
    store.close()
    with JobStore(home, resume=False) as again:
        failed = again.get(job.job_id)
        assert failed.status is JobStatus.FAILED
        assert failed.message == "Interrupted by a restart before it finished"


def test_sd_jobs_is_the_library_api():
    assert sd.jobs.JobStore is JobStore
