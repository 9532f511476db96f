"""Threads, a process pool and Dask write the same bytes; progress, cancel, lost workers."""

import hashlib
import os
import signal
import threading
from pathlib import Path

import pytest

import synthdata as sd
from synthdata.generate.executors import _PROCESS_POOLS
from tests.waiting import wait_for

SHOP = sd.load_schemas(str(Path(__file__).resolve().parents[2] / "examples" / "shop.json"))


def _digest(corpus: sd.Corpus) -> dict[str, str]:
    return {
        n: hashlib.sha256(corpus.frame(n).collect().write_csv().encode()).hexdigest()
        for n in corpus.tables
    }


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, str]:
    corpus = sd.generate(
        SHOP, total_rows=120_000, seed=5, batch_size=8_000, out_dir=tmp_path_factory.mktemp("ref")
    )
    return _digest(corpus)


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("dask.distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


def test_process_pool_writes_the_same_bytes(reference, tmp_path):
    corpus = sd.generate(
        SHOP,
        total_rows=120_000,
        seed=5,
        batch_size=8_000,
        out_dir=tmp_path,
        executor="processes",
        workers=2,
    )
    assert _digest(corpus) == reference


def test_dask_writes_the_same_bytes_and_reports_progress(reference, client, tmp_path):
    events: list[sd.ProgressEvent] = []
    corpus = sd.generate(
        SHOP,
        total_rows=120_000,
        seed=5,
        batch_size=8_000,
        out_dir=tmp_path,
        executor=client,
        progress=events.append,
    )
    assert _digest(corpus) == reference
    done = [e.rows_done for e in events]
    assert done == sorted(done)
    assert events[-1].percent == 100.0


def test_dask_by_scheduler_address(reference, client, tmp_path):
    address = client.scheduler.address.replace("tcp://", "dask://")
    corpus = sd.generate(
        SHOP, total_rows=120_000, seed=5, batch_size=8_000, out_dir=tmp_path, executor=address
    )
    assert _digest(corpus) == reference


@pytest.mark.parametrize("where", ["dask", "processes"])
def test_cancel_stops_the_workers_within_a_batch(where, request, tmp_path):
    executor = request.getfixturevalue("client") if where == "dask" else "processes"
    stop = threading.Event()

    def on_progress(event: sd.ProgressEvent) -> None:
        if event.rows_done >= 16_000:
            stop.set()

    with pytest.raises(sd.CancelledError):
        sd.generate(
            SHOP,
            total_rows=2_000_000,
            batch_size=8_000,
            out_dir=tmp_path,
            executor=executor,
            workers=2,
            progress=on_progress,
            cancel=stop.is_set,
        )
    parts = sorted(tmp_path.rglob("part-*.parquet"))
    # Had a batch outlived the call, it would write its part before its worker fell idle.
    wait_for(lambda: _running(executor), lambda running: running == 0)
    assert sorted(tmp_path.rglob("part-*.parquet")) == parts  # the workers stopped too
    assert len(parts) < 20


def _running(executor) -> int:
    """Batches the executor's workers are running or about to run (white box: their own record)."""
    if executor == "processes":
        return len(_PROCESS_POOLS.get(2)._pending_work_items)
    counts = executor.run(lambda dask_worker: len(dask_worker.state.executing))
    return sum(counts.values())


def _generate_killing(out, kill, **options) -> sd.Corpus:
    """The reference corpus, generated in a thread; ``kill`` runs once the first part exists."""
    result: dict[str, sd.Corpus] = {}

    def run() -> None:
        result["c"] = sd.generate(
            SHOP, total_rows=120_000, seed=5, batch_size=8_000, out_dir=out, **options
        )

    runner = threading.Thread(target=run)
    runner.start()
    wait_for(lambda: list(out.rglob("part-*.parquet")), timeout=30, interval=0.005)
    kill()
    runner.join(120)
    return result["c"]


def test_a_killed_dask_worker_changes_nothing(reference, client, tmp_path):
    """A worker lost mid-run is replaced and its batches retried: the bytes stay the same."""
    pids = list(client.run(os.getpid).values())
    corpus = _generate_killing(tmp_path, lambda: os.kill(pids[0], signal.SIGKILL), executor=client)
    assert _digest(corpus) == reference


def test_unknown_executor(tmp_path):
    with pytest.raises(sd.InvalidInputError, match="Unknown executor 'gpu'"):
        sd.generate(SHOP, total_rows=100, out_dir=tmp_path, executor="gpu")


def test_fsspec_output_with_a_manifest(reference, tmp_path):
    """Parts and manifest go to any fsspec URL; the corpus reopens from it, same bytes."""
    fsspec = pytest.importorskip("fsspec")
    url = "memory://synthdata-test/corpus"
    corpus = sd.generate(SHOP, total_rows=120_000, seed=5, batch_size=8_000, out_dir=url)
    fs = fsspec.filesystem("memory")
    assert fs.exists("/synthdata-test/corpus/manifest.json")
    assert len(fs.glob("/synthdata-test/corpus/orders/part-*.parquet")) == len(
        corpus.tables["orders"]
    )
    again = sd.Corpus.open(url)
    assert _digest(again) == reference
    paths = sd.export(again, "csv", tmp_path)
    assert paths["orders"].is_file()
    with pytest.raises(sd.InvalidInputError, match="CSV corpora are written to local folders"):
        sd.generate(SHOP, total_rows=100, out_dir="memory://x", format="csv")
    fs.rm("/synthdata-test", recursive=True)


def test_file_urls_are_local_folders(reference, tmp_path):
    corpus = sd.generate(
        SHOP, total_rows=120_000, seed=5, batch_size=8_000, out_dir=f"file://{tmp_path}"
    )
    assert (tmp_path / "manifest.json").is_file()
    assert _digest(corpus) == reference


def _pool_workers() -> list:
    """The warm pool's worker processes (white box: the pool's own record of them)."""
    psutil = pytest.importorskip("psutil")
    return [psutil.Process(pid) for pid in _PROCESS_POOLS.get(2)._processes]


def test_the_process_pool_stays_warm_between_calls(tmp_path):
    sd.generate(SHOP, total_rows=5_000, out_dir=tmp_path / "a", executor="processes", workers=2)
    before = {p.pid for p in _pool_workers()}
    sd.generate(SHOP, total_rows=5_000, out_dir=tmp_path / "b", executor="processes", workers=2)
    assert len(before) == 2
    assert {p.pid for p in _pool_workers()} == before


def test_a_killed_pool_worker_changes_nothing(reference, tmp_path):
    """A process that dies mid-run takes its pool down; its batches run again on a new pool."""
    sd.generate(SHOP, total_rows=1_000, out_dir=tmp_path / "warm", executor="processes", workers=2)
    victim = _pool_workers()[0]
    out = tmp_path / "run"
    corpus = _generate_killing(out, victim.kill, executor="processes", workers=2)
    assert not victim.is_running()
    assert _digest(corpus) == reference
    assert not list(out.rglob("*.tmp"))


def test_jobs_use_dask_when_the_scheduler_is_configured(reference, client, tmp_path, monkeypatch):
    from dask.distributed import get_task_stream

    from synthdata.jobs import JobStatus, JobStore

    monkeypatch.setenv("SYNTHDATA_DASK_SCHEDULER", client.scheduler.address)
    with JobStore(tmp_path / "home") as store:
        assert store.executor == client.scheduler.address.replace("tcp://", "dask://")
        with get_task_stream(client) as stream:
            job = store.submit_corpus(SHOP, corpus_size=120_000, batch_size=8_000, seed=5)
            done = store.wait(job.job_id, timeout=120)
        ran = [t["key"] for t in stream.data if "render_parquet" in str(t["key"])]
        assert len(ran) == sum(len(parts) for parts in store.corpus(job.job_id).tables.values())
        assert done.status is JobStatus.COMPLETED
        assert done.progress.percent_complete == 100.0
        assert _digest(store.corpus(job.job_id)) == reference


def test_a_pool_broken_while_idle_is_replaced(reference, tmp_path):
    sd.generate(SHOP, total_rows=1_000, out_dir=tmp_path / "warm", executor="processes", workers=2)
    pool = _PROCESS_POOLS.get(2)
    victim = _pool_workers()[0]
    victim.kill()
    victim.wait(10)
    wait_for(lambda: pool._broken)  # the pool notices the dead worker and marks itself broken
    corpus = sd.generate(
        SHOP,
        total_rows=120_000,
        seed=5,
        batch_size=8_000,
        out_dir=tmp_path / "run",
        executor="processes",
        workers=2,
    )
    assert _digest(corpus) == reference


def test_dask_computes_parents_from_children_with_the_same_bytes(client, tmp_path):
    """Aggregates over children (orders adding up their lines) come out the same on Dask."""
    from tests.generate.test_aggregates import CUSTOMERS, ITEMS, ORDERS

    schemas = sd.load_schemas([CUSTOMERS, ORDERS, ITEMS])
    threads = sd.generate(
        schemas, total_rows=20_000, seed=8, batch_size=3_000, out_dir=tmp_path / "t"
    )
    dask = sd.generate(
        schemas,
        total_rows=20_000,
        seed=8,
        batch_size=1_700,
        out_dir=tmp_path / "d",
        executor=client,
    )
    assert _digest(dask) == _digest(threads)
    assert sd.validate(dask).ok
