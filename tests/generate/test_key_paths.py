"""Keys that agree along a path: a row with keys to A and to B, where each B belongs to one A,
takes its B's A (an appointment for a pet is with that pet's owner), at any batch size and
worker count; link tables, allocated keys and ``infer_rules: false`` are left as drawn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import synthdata as sd
from synthdata.schema.paths import key_paths


def _tables(
    appointments: int = 3000,
    *,
    pet_key: dict[str, Any] | None = None,
    owner_key: dict[str, Any] | None = None,
    **options: Any,
) -> list[dict[str, Any]]:
    return [
        {
            "name": "owners",
            "volume": 400,
            "fields": [{"name": "id", "type": "UUID"}, {"name": "name", "type": "NAME"}],
        },
        {
            "name": "pets",
            "volume": 700,
            "fields": [
                {"name": "id", "type": "INTEGER", "primary_key": True},
                {"name": "owner_id", "type": "UUID", "references": "owners"},
                {"name": "name", "type": "FIRST_NAME"},
            ],
        },
        {
            "name": "vets",
            "volume": 5,
            "fields": [{"name": "id", "type": "UUID"}, {"name": "name", "type": "NAME"}],
        },
        {
            "name": "appointments",
            "volume": appointments,
            "fields": [
                {"name": "id", "type": "UUID"},
                {"name": "pet_id", "type": "INTEGER", "references": "pets.id", **(pet_key or {})},
                {"name": "vet_id", "type": "UUID", "references": "vets"},
                {"name": "owner_id", "type": "UUID", "references": "owners", **(owner_key or {})},
                {"name": "scheduled_at", "type": "DATETIME"},
            ],
            **options,
        },
    ]


def _disagreeing(out: Path) -> tuple[int, int]:
    """Appointments whose owner is not their pet's owner, and appointments with a pet."""
    pets = pl.read_parquet(out / "pets" / "*.parquet").select(
        pl.col("id").alias("pet_id"), pl.col("owner_id").alias("pets_owner")
    )
    rows = pl.read_parquet(out / "appointments" / "*.parquet").join(pets, on="pet_id")
    return rows.filter(pl.col("owner_id") != pl.col("pets_owner")).height, rows.height


def test_the_path_is_found_only_where_it_is_one():
    by_name = {s.name: s for s in sd.load_schemas(_tables())}
    assert key_paths(by_name["appointments"], by_name) == {"owner_id": ("pet_id", "owner_id")}
    assert key_paths(by_name["pets"], by_name) == {}
    linked = {s.name: s for s in sd.load_schemas(_tables(unique_together=[["pet_id", "owner_id"]]))}
    assert key_paths(linked["appointments"], linked) == {}
    off = {s.name: s for s in sd.load_schemas(_tables(infer_rules=False))}
    assert key_paths(off["appointments"], off) == {}


@pytest.mark.parametrize(("workers", "batch_size"), [(1, 50_000), (4, 333)])
def test_an_appointment_is_with_its_pets_owner(tmp_path: Path, workers: int, batch_size: int):
    corpus = sd.generate(
        sd.load_schemas(_tables()), seed=7, out_dir=tmp_path, workers=workers,
        batch_size=batch_size, format="parquet",
    )  # fmt: skip
    wrong, total = _disagreeing(tmp_path)
    assert total == 3000
    assert wrong == 0
    assert sd.validate(corpus).ok


def test_the_same_bytes_for_any_batching(tmp_path: Path):
    digests = []
    for workers, batch_size in ((1, 50_000), (2, 97)):
        out = tmp_path / f"{workers}-{batch_size}"
        sd.generate(
            sd.load_schemas(_tables()), seed=3, out_dir=out, workers=workers,
            batch_size=batch_size, format="csv",
        )  # fmt: skip
        digests.append({p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))})
    assert digests[0] == digests[1]


def test_a_row_without_the_middle_parent_draws_its_own(tmp_path: Path):
    """Where the pet is unknown (null), the owner is still a real owner, drawn as any key."""
    schemas = sd.load_schemas(_tables(pet_key={"required": False, "null_rate": 0.3}))
    corpus = sd.generate(schemas, seed=2, out_dir=tmp_path, format="parquet")
    wrong, with_pet = _disagreeing(tmp_path)
    assert wrong == 0
    assert 1800 < with_pet < 2400
    rows = corpus.frame("appointments").collect()
    assert rows["owner_id"].null_count() == 0
    assert sd.validate(corpus).ok


def test_an_allocated_key_keeps_its_counts(tmp_path: Path):
    """A key with bounded cardinality is allocated over its parent; that rule wins."""
    schemas = sd.load_schemas(_tables(1200, owner_key={"cardinality": {"min": 3, "max": 3}}))
    corpus = sd.generate(schemas, seed=2, out_dir=tmp_path, format="parquet")
    counts = corpus.frame("appointments").group_by("owner_id").len().collect()["len"]
    assert counts.min() == counts.max() == 3
    assert sd.validate(corpus).ok


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    volume=st.integers(1, 2500),
    batch_size=st.integers(50, 5000),
    seed=st.integers(0, 2**31),
)
def test_any_volume_batch_and_seed(tmp_path_factory, volume: int, batch_size: int, seed: int):
    out = tmp_path_factory.mktemp("paths")
    sd.generate(
        sd.load_schemas(_tables(volume)), seed=seed, out_dir=out, batch_size=batch_size,
        format="parquet",
    )  # fmt: skip
    wrong, total = _disagreeing(out)
    assert (wrong, total) == (0, volume)


def test_a_path_through_a_key_that_follows_a_path(tmp_path: Path):
    """A treatment keyed to its appointment and to an owner is for the appointment's owner,
    who is the pet's owner: paths chain, at any batch size."""
    tables = _tables()
    tables.append(
        {
            "name": "treatments",
            "volume": 5000,
            "fields": [
                {"name": "id", "type": "UUID"},
                {"name": "appointment_id", "type": "UUID", "references": "appointments"},
                {"name": "owner_id", "type": "UUID", "references": "owners"},
            ],
        }
    )
    for batch_size in (50_000, 211):
        out = tmp_path / str(batch_size)
        sd.generate(
            sd.load_schemas(tables), seed=9, out_dir=out, batch_size=batch_size, format="parquet"
        )
        assert _disagreeing(out) == (0, 3000)
        visits = pl.read_parquet(out / "appointments" / "*.parquet").select(
            pl.col("id").alias("appointment_id"), pl.col("owner_id").alias("visit_owner")
        )
        rows = pl.read_parquet(out / "treatments" / "*.parquet").join(visits, on="appointment_id")
        assert rows.height == 5000
        assert rows.filter(pl.col("owner_id") != pl.col("visit_owner")).height == 0


def test_validate_reports_rows_off_their_path(tmp_path: Path):
    """``sd.validate`` checks the path by name, and finds a row moved to another owner."""
    corpus = sd.generate(sd.load_schemas(_tables(500)), seed=4, out_dir=tmp_path, format="csv")
    names = [c.check for c in sd.validate(corpus).checks if c.check.startswith("key path")]
    assert names == ["key path owner_id = pets.owner_id through pet_id"]
    frames = {n: corpus.frame(n).collect() for n in corpus.tables}
    owners = frames["owners"]["id"]
    moved = frames["appointments"].with_columns(
        pl.when(pl.int_range(pl.len()) < 7)
        .then(pl.lit(owners[0]))
        .otherwise(pl.col("owner_id"))
        .alias("owner_id")
    )
    pets = frames["pets"].filter(pl.col("owner_id") != owners[0])["id"]
    expected_bad = moved.head(7).filter(pl.col("pet_id").is_in(pets.implode())).height
    report = sd.validate({**frames, "appointments": moved}, corpus.schemas)
    failed = [c for c in report.checks if not c.ok]
    assert [c.check for c in failed] == ["key path owner_id = pets.owner_id through pet_id"]
    assert failed[0].detail == f"{expected_bad} rows differ from the pets row they refer to"
