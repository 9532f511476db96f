"""Vocabulary pools kept on disk: a new process reads them instead of drawing them from Faker,
and gets the same values (so the same bytes)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal, assert_series_equal

import synthdata as sd
from synthdata.generate import vocab

SCHEMA = sd.Schema(
    name="people",
    fields=[
        sd.Field(name="id", type="INTEGER", primary_key=True),
        sd.Field(name="first_name", type="FIRST_NAME"),
        sd.Field(name="email", type="EMAIL"),
        sd.Field(name="phone", type="PHONE"),
        sd.Field(name="city", type="CITY"),
    ],
)


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """An empty data folder and no pools in memory; the pools built before come back after."""
    before = vocab.snapshot()
    monkeypatch.setenv("SYNTHDATA_HOME", str(tmp_path))
    vocab.clear_pools()
    yield tmp_path / "cache" / "pools"
    vocab.clear_pools()
    vocab.preload(before)


def test_kept_pools_are_the_pools_drawn(fresh: Path, monkeypatch: pytest.MonkeyPatch):
    drawn = (
        vocab.people("en_US"),
        vocab.words("en_US", "company"),
        vocab.templates("en_US", "phone"),
    )
    kept = sorted(p.name.split("-")[0] for p in fresh.glob("*.arrow"))
    assert kept == ["people", "templates", "words"]
    vocab.clear_pools()  # a new process: read from disk, Faker not asked
    monkeypatch.setattr(vocab, "faker_for", lambda *_: pytest.fail("drew from Faker"))
    read = vocab.people("en_US"), vocab.words("en_US", "company"), vocab.templates("en_US", "phone")
    assert_frame_equal(read[0], drawn[0])
    assert_series_equal(read[1], drawn[1])
    assert read[2] == drawn[2]


def test_same_bytes_with_and_without_the_kept_pools(fresh: Path, monkeypatch: pytest.MonkeyPatch):
    with_disk = sd.sample([SCHEMA], rows=50, seed=3)["people"]
    vocab.clear_pools()
    assert any(fresh.glob("*.arrow"))
    from_disk = sd.sample([SCHEMA], rows=50, seed=3)["people"]
    monkeypatch.setenv("SYNTHDATA_POOL_CACHE", "0")
    vocab.clear_pools()
    drawn = sd.sample([SCHEMA], rows=50, seed=3)["people"]
    assert with_disk.write_csv() == from_disk.write_csv() == drawn.write_csv()


def test_a_damaged_or_unwritable_cache_only_costs_a_new_draw(fresh: Path):
    expected = vocab.people("en_US")
    for path in fresh.glob("people-*.arrow"):
        path.write_bytes(b"not arrow")
    vocab.clear_pools()
    assert_frame_equal(vocab.people("en_US"), expected)  # drawn again, and kept again
    assert pl.read_ipc(next(fresh.glob("people-*.arrow"))).height == expected.height


def test_a_folder_that_cannot_be_written_only_costs_the_keeping(
    fresh: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    expected = vocab.people("en_US")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("SYNTHDATA_HOME", str(blocked))
    vocab.clear_pools()
    assert_frame_equal(vocab.people("en_US"), expected)
