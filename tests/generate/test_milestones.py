"""Rows that agree with themselves (issue 16, part 1): milestones in order with gaps by
meaning, statuses that decide which milestones exist, both written into the schema and
checked by ``sd.validate``; proved on random schemas, plain ones and the analyzer's own."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings, strategies as st

import synthdata as sd
from tests import rows_audit


def _schema(fields: list[dict[str, Any]], **options: Any) -> sd.Schema:
    return sd.Schema.model_validate({"name": "orders", "fields": fields, **options})


ORDER_FIELDS: list[dict[str, Any]] = [
    {"name": "id", "type": "UUID"},
    {"name": "status", "type": "ENUM", "enum_values": ["pending", "shipped", "cancelled"]},
    {"name": "ordered_at", "type": "DATETIME"},
    {"name": "shipped_at", "type": "DATETIME"},
    {"name": "delivered_at", "type": "DATE"},
    {"name": "cancelled_at", "type": "DATETIME"},
]


def test_milestones_are_ordered_in_the_schema():
    """Names give each milestone its nearest earlier one, written as ordinary constraints."""
    s = _schema(ORDER_FIELDS)
    assert [str(c) for c in s.constraints] == [
        "shipped_at >= ordered_at",
        "delivered_at >= shipped_at",
        "cancelled_at >= ordered_at",
    ]


def test_a_status_rule_is_written_and_relaxes_only_what_it_must():
    """Milestones a status rules out become optional with no nulls of their own."""
    s = _schema(ORDER_FIELDS)
    assert [r.model_dump() for r in s.status_rules] == [
        {
            "field": "status",
            "milestones": ["shipped_at", "delivered_at", "cancelled_at"],
            "when": {
                "pending": [],
                "shipped": ["shipped_at"],
                "cancelled": ["cancelled_at"],
            },
        }
    ]
    relaxed = {f.name: (f.required, f.null_rate) for f in s.fields}
    assert relaxed["ordered_at"] == (True, None)
    assert relaxed["shipped_at"] == (False, 0.0)


def test_inference_can_be_turned_off_and_a_schema_round_trips():
    """``infer_rules: false`` keeps the schema as written; inferred rules survive a dump."""
    bare = _schema(ORDER_FIELDS, infer_rules=False)
    assert (bare.constraints, bare.status_rules) == ([], [])
    s = _schema(ORDER_FIELDS)
    assert sd.Schema.model_validate(s.model_dump(mode="json")) == s
    body = s.to_reference()
    body["constraints"] = body["constraints"][:1]
    kept = sd.Schema.model_validate({**body, "infer_rules": False})
    assert [str(c) for c in kept.constraints] == ["shipped_at >= ordered_at"]


def test_written_pairs_are_not_ordered_again():
    """A pair the user orders (either way round) is left as written, with no cycle added."""
    s = _schema(ORDER_FIELDS[:4], constraints=["ordered_at <= shipped_at"])
    assert [str(c) for c in s.constraints] == ["ordered_at <= shipped_at"]


def test_offsets_parse_print_and_need_dates():
    """``+ 16 years`` reads, prints back and is refused on numbers."""
    c = sd.Constraint.model_validate("hire_date >= birth_date + 16 years")
    assert (c.offset, c.duration(), str(c)) == (
        "16 years",
        "16y",
        "hire_date >= birth_date + 16 years",
    )
    with pytest.raises(ValueError, match="offset '16 parsecs' must be a whole number"):
        sd.Constraint.model_validate(
            {"field": "a", "op": ">=", "other": "b", "offset": "16 parsecs"}
        )
    with pytest.raises(ValueError, match="has an offset, so it needs dates"):
        sd.Schema.model_validate(
            {
                "name": "t",
                "fields": [{"name": "a", "type": "INTEGER"}, {"name": "b", "type": "INTEGER"}],
                "constraints": ["a >= b + 2 days"],
            }
        )


def test_a_status_rule_names_real_values_and_dates():
    """A rule's values come from the ENUM and its milestones are dates (with a suggestion)."""
    rule = {"field": "status", "milestones": ["shipped_at"], "when": {"shiped": []}}
    with pytest.raises(ValueError, match=r"names value 'shiped'.*Did you mean shipped\?"):
        _schema(ORDER_FIELDS, status_rules=[rule], infer_rules=False)
    rule = {"field": "status", "milestones": ["id"], "when": {"pending": []}}
    with pytest.raises(ValueError, match="milestone 'id' must be a DATE or DATETIME field"):
        _schema(ORDER_FIELDS, status_rules=[rule], infer_rules=False)


def test_validate_reports_each_rule_by_name():
    """Broken orderings and statuses are reported per constraint and per milestone."""
    s = _schema(ORDER_FIELDS)
    t = dt.datetime(2025, 1, 1)
    frame = pl.DataFrame(
        {
            "id": [str(uuid.uuid4()), str(uuid.uuid4())],
            "status": ["pending", "shipped"],
            "ordered_at": [t, t],
            "shipped_at": [t, t - dt.timedelta(days=1)],
            "delivered_at": [None, None],
            "cancelled_at": [None, None],
        },
        schema_overrides={"delivered_at": pl.Date, "cancelled_at": pl.Datetime("us")},
    )
    failed = {c.check: c.detail for c in sd.validate({"orders": frame}, [s]).failures}
    assert failed == {
        "constraint shipped_at >= ordered_at": "1 rows violate it",
        "status_rule status → shipped_at": "1 rows contradict their status",
    }


def test_gaps_follow_the_meaning():
    """Shipping takes days, a stay 1–14 nights, a due date 14–60 days, a hire ≥ 16 years
    after birth; and a milestone lies before the reference date unless it is a plan."""
    s = sd.load_schemas(rows_audit.PLAIN)
    frames = sd.sample(s, rows=3000, seed=5)
    orders, stays = frames["orders"], frames["hotel_stays"]
    ship = (orders["shipped_at"] - orders["ordered_at"]).dt.total_days().drop_nulls()
    assert (ship.min(), ship.max() <= 15, 0.5 <= ship.median() <= 4) == (0, True, True)
    nights = (stays["check_out"] - stays["check_in"]).dt.total_days()
    assert (nights.min(), nights.max() <= 14) == (1, True)
    invoices = frames["invoices"]
    due = (invoices["due_date"] - invoices["issue_date"]).dt.total_days()
    assert (due.min() >= 14, due.max() <= 60) == (True, True)
    people = frames["employees"]
    assert (people["hire_date"] >= people["birth_date"].dt.offset_by("16y")).all()
    end = dt.datetime(2025, 12, 31, 23, 59, 59)
    assert orders["delivered_at"].drop_nulls().max() <= end


# --- Random schemas ------------------------------------------------------------------------

_STAGE_WORDS = [
    "ordered", "paid", "shipped", "delivered", "cancelled", "returned", "created", "updated",
    "requested", "approved", "rejected", "completed", "submitted", "reviewed", "resolved",
    "closed", "issued", "due", "start", "end", "check_in", "check_out", "admitted",
    "discharged", "enrolled", "graduated", "hire", "birth", "started", "ended", "booked",
]  # fmt: skip
_STATUS_VALUES = [
    "pending", "new", "draft", "paid", "shipped", "delivered", "cancelled", "returned",
    "completed", "approved", "rejected", "no_show", "in_progress", "active", "open",
    "resolved", "closed", "overdue", "failed", "on_hold", "In Transit", "refunded",
]  # fmt: skip


@st.composite
def milestone_schemas(draw: st.DrawFn) -> dict[str, Any]:
    """A table with milestone-like dates (any suffix, type and nullability) and maybe a
    status whose values name stages (and some that name none)."""
    stages = draw(st.lists(st.sampled_from(_STAGE_WORDS), min_size=2, max_size=7, unique=True))
    fields: list[dict[str, Any]] = [{"name": "id", "type": "UUID"}]
    for stage in stages:
        suffix = draw(st.sampled_from(["_at", "_on", "_date", "_time", ""]))
        name = f"date_of_{stage}" if suffix == "" and stage == "birth" else f"{stage}{suffix}"
        if not suffix and stage not in ("check_in", "check_out"):
            name = f"{stage}_date"
        optional = draw(st.booleans())
        fields.append(
            {
                "name": name,
                "type": draw(st.sampled_from(["DATE", "DATETIME"])),
                "required": not optional,
                **({"null_rate": draw(st.sampled_from([0.05, 0.3]))} if optional else {}),
            }
        )
    if draw(st.booleans()):
        values = draw(
            st.lists(st.sampled_from(_STATUS_VALUES), min_size=2, max_size=6, unique=True)
        )
        fields.append({"name": "status", "type": "ENUM", "enum_values": [*values, "weird"]})
    table = draw(st.sampled_from(["orders", "bookings", "cases", "records"]))
    return {"name": table, "fields": fields}


def _rule_checks(report: sd.Report) -> list[sd.Check]:
    return [c for c in report.checks if c.check.startswith(("constraint", "status_rule"))]


@given(body=milestone_schemas(), seed=st.integers(0, 2**32))
@settings(max_examples=25)
def test_random_milestone_schemas_hold_every_rule(
    body: dict[str, Any], seed: int, tmp_path_factory
):
    """Every inferred ordering and status rule holds on every row, whatever the batch size and
    worker count, and the same seed gives the same bytes."""
    schemas = sd.load_schemas([body])
    root = tmp_path_factory.mktemp("m")
    outputs = []
    for workers, batch_size in ((1, 50_000), (4, 333)):
        corpus = sd.generate(
            schemas,
            total_rows=1200,
            seed=seed,
            out_dir=root / f"{workers}-{batch_size}",
            workers=workers,
            batch_size=batch_size,
        )
        report = sd.validate(corpus)
        assert [c for c in _rule_checks(report) if not c.ok] == []
        assert report.ok, report.summary()
        frame = corpus.frame(body["name"]).collect()
        figures = rows_audit.audit({body["name"]: frame})
        assert figures.inverted == 0, figures.examples
        assert figures.contradicting == 0, figures.examples
        outputs.append(frame)
    assert outputs[0].equals(outputs[1])


# --- The audit over plain and analyzed schemas --------------------------------------------


@pytest.fixture(scope="module")
def schema_sets() -> list[list[sd.Schema]]:
    return rows_audit.plain_schemas() + rows_audit.sentence_schemas()


def test_the_audit_covers_about_thirty_schema_sets(schema_sets: list[list[sd.Schema]]):
    """The audit's sets: hand-written plain tables and the analyzer's schemas for sentences,
    most with rules inferred."""
    assert len(schema_sets) >= 30
    ruled = [s for group in schema_sets for s in group if s.constraints or s.status_rules]
    assert len(ruled) >= 25


@pytest.mark.parametrize(("workers", "batch_size"), [(1, 50_000), (4, 700)])
def test_audit_of_plain_and_analyzed_schemas(
    schema_sets: list[list[sd.Schema]], tmp_path: Path, workers: int, batch_size: int
):
    """Inverted milestones ≤ 0.1 %, statuses contradicting milestones ≤ 2 % and children dated
    before their parents ≤ 1 % (all 0 today) by the audit's own reading of the names, and every
    written rule holds by sd.validate."""
    figures = rows_audit.Figures()
    for i, schemas in enumerate(schema_sets):
        corpus_dir = tmp_path / str(i)
        frames = rows_audit.corpus_frames(
            schemas, corpus_dir, workers=workers, batch_size=batch_size
        )
        figures.add(rows_audit.audit(frames))
        failed = [c for c in _rule_checks(sd.validate(sd.Corpus.open(corpus_dir))) if not c.ok]
        assert failed == []
    assert min(figures.pairs, figures.status_rows) > 20_000
    assert figures.inverted_share <= 0.001, figures.examples
    assert figures.contradicting_share <= 0.02, figures.examples
    assert (figures.inverted, figures.contradicting) == (0, 0), figures.examples
    # Children after their parents (≤ 1 %, 0 today), read from key and date names alone.
    assert figures.child_rows > 20_000
    assert figures.early_children == 0, figures.examples


def test_analyzed_schemas_carry_their_rules():
    """``sd.infer_schemas`` output has the orderings and status rules in it."""
    shop = sd.infer_schemas(
        sd.analyze("An online shop with customers, orders, shipments and invoices")
    )
    by_name = {s.name: s for s in shop}
    assert "delivered_at >= shipped_at" in [str(c) for c in by_name["shipments"].constraints]
    assert [r.field for r in by_name["shipments"].status_rules] == ["status"]


def test_same_seed_same_bytes_for_any_batch_size(tmp_path: Path):
    """Parquet bytes of a ruled table do not depend on the batch size or worker count."""
    schemas = sd.load_schemas(rows_audit.PLAIN[:4])
    digests = []
    for workers, batch_size in ((1, 50_000), (2, 999), (4, 250)):
        out = tmp_path / f"{workers}-{batch_size}"
        sd.generate(
            schemas, total_rows=6000, seed=11, out_dir=out, workers=workers,
            batch_size=batch_size, format="csv",
        )  # fmt: skip
        digests.append({p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))})
    assert digests[0] == digests[1] == digests[2]


def test_removing_a_milestone_by_feedback_updates_its_rules():
    """Feedback that removes a ruled milestone takes it out of the constraints and the rule."""
    s = _schema(ORDER_FIELDS)
    feedback = [{"schema_name": "orders", "remove_fields": ["shipped_at"]}]
    (after,) = sd.apply_feedback([s], feedback)
    assert "shipped_at" not in [m for r in after.status_rules for m in r.milestones]
    assert all("shipped_at" not in (c.field, c.other) for c in after.constraints)


def test_things_done_to_a_record_come_after_it_was_installed(tmp_path: Path):
    """``installed_on`` says when a row came to exist and ``harvested_on`` (``inspected_at``,
    ``tested_on``…) when something was done to it: every harvest falls on or after its hive's
    installation, and such a date orders nothing inside its own table."""
    hives = sd.Schema.model_validate(
        {
            "name": "hives",
            "fields": [
                {"name": "id", "type": "UUID"},
                {"name": "installed_on", "type": "DATE"},
            ],
        }
    )
    harvests = sd.Schema.model_validate(
        {
            "name": "harvests",
            "fields": [
                {"name": "id", "type": "UUID"},
                {"name": "hive_id", "type": "UUID", "references": "hives"},
                {"name": "harvested_on", "type": "DATE"},
                {"name": "inspected_at", "type": "DATETIME"},
            ],
        }
    )
    regaugings = sd.Schema.model_validate(  # a verb no list names
        {
            "name": "regaugings",
            "fields": [
                {"name": "id", "type": "UUID"},
                {"name": "hive_id", "type": "UUID", "references": "hives"},
                {"name": "regauged_on", "type": "DATE"},
            ],
        }
    )
    assert [str(c) for c in harvests.constraints] == []
    sd.generate(
        [hives, harvests, regaugings], total_rows=4000, seed=5, out_dir=tmp_path, format="parquet"
    )
    h = pl.read_parquet(tmp_path / "hives" / "*.parquet")
    rows = pl.read_parquet(tmp_path / "harvests" / "*.parquet").join(
        h.rename({"id": "hive_id"}), on="hive_id"
    )
    assert rows.height > 1000
    assert rows.filter(pl.col("harvested_on") < pl.col("installed_on")).height == 0
    regauged = pl.read_parquet(tmp_path / "regaugings" / "*.parquet").join(
        h.rename({"id": "hive_id"}), on="hive_id"
    )
    assert regauged.height > 500
    assert regauged.filter(pl.col("regauged_on") < pl.col("installed_on")).height == 0
