"""Status rules applied to a batch: a row's status decides which of its milestones exist.

A rule (:class:`synthdata.schema.StatusRule`) lists, per status value, the milestones a row
with that value has; the rule's other milestones are null in that row. The milestones were
drawn in order beforehand (:attr:`Batch.dense` keeps them before their own nulls), so a
milestone a status sets has its place after the earlier ones; this only hides or shows them,
one vectorized expression per milestone.

Statuses a record holds only for a while (``pending``, ``processing``, ``in_transit``) are kept
for records opened in the last weeks before the reference date: an older record has moved on,
to one of the rule's settled values (``delivered``, ``cancelled`` …) in their proportions, so a
pending order is days old, not years.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from synthdata.generate.context import Batch
from synthdata.schema.milestones import (
    STAGES,
    milestones,
    stage_of_value,
    status_fields,
)

__all__ = ["PASSING", "PASSING_DAYS", "apply_status_rules", "settle_statuses"]


def apply_status_rules(batch: Batch) -> None:
    """Set or null each rule's milestones in ``batch.columns`` by the row's status."""
    for rule in batch.schema.status_rules:
        if rule.field not in batch.columns:
            continue  # not among the columns a parent's aggregate computes again
        status = batch.columns[rule.field].cast(pl.String)
        for name in rule.milestones:
            have = [v for v, listed in rule.when.items() if name in listed]
            lack = [v for v, listed in rule.when.items() if name not in listed]
            drawn = batch.dense.get(name, batch.columns[name])
            frame = pl.DataFrame([status.alias("s"), drawn.alias("d"), batch.columns[name]])
            batch.columns[name] = frame.select(
                pl.when(pl.col("s").is_in(have))
                .then(pl.col("d"))
                .when(pl.col("s").is_in(lack))
                .then(None)
                .otherwise(pl.col(name))
                .alias(name)
            ).to_series()


#: Status values a record holds for days or weeks, not years.
PASSING = frozenset(
    "pending new processing queued awaiting_payment awaiting_shipment awaiting_fulfillment "
    "awaiting_approval in_transit out_for_delivery label_created unconfirmed under_review "
    "in_review".split()
)
#: How long a record may keep a passing status after it was opened.
PASSING_DAYS = 45


#: Status values by where a record stands against its planned dates (a stay, an appointment,
#: a rental): still to come, under way, or over.
UPCOMING = frozenset(
    "pending confirmed booked scheduled upcoming reserved new requested approved planned "
    "open unconfirmed awaiting_confirmation not_started todo to_do".split()
)
CURRENT = frozenset("checked_in in_progress ongoing in_transit boarding started underway".split())
OVER = frozenset(
    "checked_out completed complete done finished closed ended no_show noshow cancelled "
    "canceled attended missed returned fulfilled expired".split()
)
#: Status values of a bill by its due date: late ones, and unpaid ones not yet late.
LATE = frozenset("overdue past_due late delinquent".split())
NOT_YET_DUE = frozenset("sent issued open unpaid outstanding pending awaiting_payment".split())
_STARTS = ("check_in", "start", "scheduled", "departure", "pickup")
_ENDS = ("check_out", "end", "arrival", "dropoff")


def settle_statuses(batch: Batch) -> None:
    """Statuses that agree with the row's dates, before the status rules set the milestones;
    not for a schema with ``infer_rules: false``:

    * a record opened more than :data:`PASSING_DAYS` before the reference date holds no
      passing status (``pending``, ``processing``): it takes one of the column's settled
      values, in their weights;
    * a stay, appointment or rental whose planned end (or start) is past is over
      (``checked_out``, ``completed``, ``no_show``, ``cancelled``), one whose start is still to
      come is not (``confirmed``, ``booked``);
    * a bill is ``overdue`` only after its due date, and one past due that is still ``sent``
      is overdue when the column has that value;
    * a membership, policy or card is ``active`` until its end or expiry date and ``expired``
      after it.
    """
    if not batch.schema.infer_rules:
        return
    for field, values in status_fields(batch.schema.fields, batch.schema.name):
        if field.name in batch.columns:
            weights = list(field.enum_weights or [1.0] * len(values))
            pairs = list(zip(values, weights, strict=False))
            _settle(batch, field.name, pairs)
            _by_plan(batch, field.name, pairs)
            _by_due(batch, field.name, pairs)
            _by_validity(batch, field.name, pairs)


def _key(value: str) -> str:
    return value.lower().replace(" ", "_").replace("-", "_")


def _replace(
    batch: Batch, name: str, moves: np.ndarray, choices: list[tuple[str, float]], why: str
) -> None:
    """Set ``moves`` rows of column ``name`` to one of ``choices``, drawn in their weights."""
    if not choices or not moves.any():
        return
    share = np.cumsum([max(w, 0.0) for _, w in choices], dtype=float)
    if share[-1] <= 0:
        share = np.arange(1, len(choices) + 1, dtype=float)
    pick = np.searchsorted(share / share[-1], batch.uniform(name, why), side="right")
    current = batch.columns[name]
    chosen = pl.Series([v for v, _ in choices], dtype=pl.String).cast(current.dtype)
    chosen = chosen.gather(pl.Series(np.minimum(pick, len(choices) - 1), dtype=pl.UInt32))
    batch.columns[name] = (
        pl.select(pl.when(pl.lit(pl.Series(moves))).then(pl.lit(chosen)).otherwise(pl.lit(current)))
        .to_series()
        .alias(name)
    )


def _dates(batch: Batch, column: str) -> pl.Series:
    """A date column as drawn (before its nulls), as datetimes."""
    return batch.dense.get(column, batch.columns[column]).cast(pl.Datetime("us"))


def _in(
    batch: Batch, name: str, pairs: list[tuple[str, float]], group: frozenset[str]
) -> np.ndarray:
    """Rows whose status is one of the column's values in ``group``."""
    listed = [v for v, _ in pairs if _key(v) in group]
    if not listed:
        return np.zeros(batch.n, dtype=bool)
    return batch.columns[name].cast(pl.String).is_in(listed).fill_null(False).to_numpy()


def _planned(batch: Batch, stages: tuple[str, ...]) -> str | None:
    return next(
        (
            m.field
            for m in milestones(batch.schema.fields)
            if m.stage in stages and m.planned and m.field in batch.columns
        ),
        None,
    )


def _by_plan(batch: Batch, name: str, pairs: list[tuple[str, float]]) -> None:
    start, end = _planned(batch, _STARTS), _planned(batch, _ENDS)
    if start is None and end is None:
        return
    now = batch.plan.reference
    over = [(v, w) for v, w in pairs if _key(v) in OVER]
    ahead = [(v, w) for v, w in pairs if _key(v) in UPCOMING]
    finished = _dates(batch, end or start or "") < now
    if end is None:  # an appointment: over once its day has passed
        finished = _dates(batch, start or "") < now - dt.timedelta(days=1)
    waiting = _in(batch, name, pairs, UPCOMING | CURRENT)
    if not over or not waiting.any():
        waiting = np.zeros(batch.n, dtype=bool)
    _replace(batch, name, waiting & finished.fill_null(False).to_numpy(), over, "over")
    if start is not None:
        coming = (_dates(batch, start) > now).fill_null(False).to_numpy()
        _replace(batch, name, _in(batch, name, pairs, OVER | CURRENT) & coming, ahead, "ahead")


def _by_due(batch: Batch, name: str, pairs: list[tuple[str, float]]) -> None:
    due = _planned(batch, ("due",))
    if due is None:
        return
    now = batch.plan.reference
    if batch.columns[due].dtype == pl.Date:  # a bill due today is not late yet
        now = dt.datetime.combine(now.date(), dt.time())
    past = (_dates(batch, due) < now).fill_null(False).to_numpy()
    late = [(v, w) for v, w in pairs if _key(v) in LATE]
    waiting = [(v, w) for v, w in pairs if _key(v) in NOT_YET_DUE]
    _replace(batch, name, _in(batch, name, pairs, LATE) & ~past, waiting, "not yet due")
    _replace(batch, name, _in(batch, name, pairs, NOT_YET_DUE) & past, late, "late")


#: Status values of something valid for a while (a membership, a policy, a card, a lease): in
#: force until its end date, lapsed after it.
IN_FORCE = frozenset("active current valid in_force live".split())
LAPSED = frozenset("expired lapsed ended".split())


def _by_validity(batch: Batch, name: str, pairs: list[tuple[str, float]]) -> None:
    """A membership, policy or card is ``active`` only until its end or expiry date and
    ``expired`` only after it (cancelled, frozen or blocked ones stay as drawn)."""
    end = _planned(batch, ("expires", "end"))
    if end is None:
        return
    now = batch.plan.reference
    if batch.columns[end].dtype == pl.Date:  # valid through its last day
        now = dt.datetime.combine(now.date(), dt.time())
    past = (_dates(batch, end) < now).fill_null(False).to_numpy()
    known = _dates(batch, end).is_not_null().to_numpy()
    valid = [(v, w) for v, w in pairs if _key(v) in IN_FORCE]
    lapsed = [(v, w) for v, w in pairs if _key(v) in LAPSED]
    if not valid or not lapsed:
        return
    _replace(batch, name, _in(batch, name, pairs, IN_FORCE) & past, lapsed, "lapsed")
    still = known & ~past
    _replace(batch, name, _in(batch, name, pairs, LAPSED) & still, valid, "in force")


#: Stages a record passes through, and the later stages that say it got further on its way
#: ("shipped" before "delivered"; a refund or a cancellation is not the way on).
_ON_THE_WAY = {
    "paid": frozenset({"shipped", "delivered", "completed"}),
    "shipped": frozenset({"delivered", "completed"}),
    "confirmed": frozenset({"completed", "check_in", "check_out"}),
    "assigned": frozenset({"resolved", "completed", "closed"}),
}


def _passing(pairs: list[tuple[str, float]]) -> frozenset[str]:
    """The column's passing values: :data:`PASSING` ones, and those of a stage on the way to a
    later stage another value names (``shipped`` where ``delivered`` is a value: an order
    shipped two years ago has arrived; where nothing comes after it, shipped is where it ends)."""
    stages = {v: stage_of_value(v) for v, _ in pairs}
    named = set(stages.values())
    on_the_way = {_key(v) for v, s in stages.items() if s and _ON_THE_WAY.get(s, set()) & named}
    return PASSING | on_the_way


def _settle(batch: Batch, name: str, pairs: list[tuple[str, float]]) -> None:
    passing_values = _passing(pairs)
    settled = [(v, w) for v, w in pairs if _key(v) not in passing_values and stage_of_value(v)]
    passing = _in(batch, name, pairs, passing_values) if settled else None
    if passing is None or not passing.any():
        return
    opening = next(
        (
            m.field
            for m in milestones(batch.schema.fields)
            if STAGES[m.stage].opening and not m.planned and m.field in batch.columns
        ),
        None,
    )
    if opening is None:
        return
    limit = batch.plan.reference - dt.timedelta(days=PASSING_DAYS)
    old = (_dates(batch, opening) < limit).fill_null(False).to_numpy()
    _replace(batch, name, passing & old, settled, "settled")
