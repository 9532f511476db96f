"""Property tests: any valid schema set generates rows that validate against it."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from hypothesis import given, settings, strategies as st

import synthdata as sd
from tests.strategies import schema_sets_with_fks


@given(schemas=schema_sets_with_fks(), seed=st.integers(0, 2**32), batch=st.integers(1, 500))
def test_generated_corpus_validates(tmp_path_factory, schemas, seed, batch):
    """Every value valid, every FK in its parent, unique columns unique, counts exact."""
    out = tmp_path_factory.mktemp("corpus")
    corpus = sd.generate(schemas, seed=seed, out_dir=out, batch_size=batch)
    report = sd.validate(corpus)
    shown = "\n".join(s.model_dump_json(exclude_none=True) for s in schemas)
    assert report.ok, f"{report.summary()}\nseed={seed} batch={batch}\n{shown}"
    for s in schemas:
        assert corpus.frame(s.name).select(pl.len()).collect().item() == s.volume


@given(schemas=schema_sets_with_fks(), seed=st.integers(0, 1000))
def test_samples_keep_referential_integrity(schemas, seed):
    """Samples are small but their foreign keys point into the other samples."""
    frames = sd.sample(schemas, rows=5, seed=seed)
    report = sd.validate(frames, schemas)
    failures = [c for c in report.failures if c.check != "null_rate"]
    assert not failures, report.summary()


@settings(max_examples=15)
@given(
    schemas=schema_sets_with_fks(),
    seed=st.integers(0, 2**32),
    sizes=st.tuples(st.integers(1, 64), st.integers(65, 1000)),
)
def test_same_seed_same_bytes_whatever_the_batching(tmp_path_factory, schemas, seed, sizes):
    """Batch size and worker count never change a single byte of the data."""
    small = sd.generate(
        schemas, seed=seed, out_dir=tmp_path_factory.mktemp("a"), batch_size=sizes[0], workers=2
    )
    large = sd.generate(
        schemas, seed=seed, out_dir=tmp_path_factory.mktemp("b"), batch_size=sizes[1]
    )
    for s in schemas:
        assert _csv_bytes(small, s.name) == _csv_bytes(large, s.name)


def _csv_bytes(corpus: sd.Corpus, name: str) -> bytes:
    path = Path(corpus.out_dir) / f"{name}.csv"
    corpus.frame(name).collect().write_csv(path)
    return path.read_bytes()


@given(total=st.integers(0, 5000), schemas=schema_sets_with_fks())
def test_total_rows_is_exact(total, schemas):
    """total_rows is split across tables by their volumes and adds up exactly."""
    volumes = sd.plan_volumes(schemas, total)
    assert sum(volumes.values()) == total
    if total >= len(schemas):
        assert min(volumes.values()) >= 1
