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
from synthdata.schema.milestones import STAGES, milestones, stage_of_value, status_fields

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


def settle_statuses(batch: Batch) -> None:
    """Records opened more than :data:`PASSING_DAYS` before the reference date that still hold
    a passing status get one of the column's settled values instead (drawn in their weights),
    before the status rules set the milestones; not for a schema with ``infer_rules: false``."""
    if not batch.schema.infer_rules:
        return
    for field, values in status_fields(batch.schema.fields, batch.schema.name):
        if field.name in batch.columns:
            _settle(batch, field.name, values, list(field.enum_weights or [1.0] * len(values)))


def _settle(batch: Batch, name: str, values: list[str], weights: list[float]) -> None:
    settled = [
        (v, w)
        for v, w in zip(values, weights, strict=False)
        if v not in PASSING and stage_of_value(v)
    ]
    if not settled or not any(v in PASSING for v in values):
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
    opened = batch.dense.get(opening, batch.columns[opening])
    limit = batch.plan.reference - dt.timedelta(days=PASSING_DAYS)
    if opened.dtype == pl.Date:
        old = opened < limit.date()
    else:
        old = opened.cast(pl.Datetime("us")) < limit
    current = batch.columns[name]
    moves = (current.cast(pl.String).is_in(list(PASSING)) & old).fill_null(False).to_numpy()
    if not moves.any():
        return
    share = np.cumsum([w for _, w in settled], dtype=float)
    pick = np.searchsorted(share / share[-1], batch.uniform(name, "settled"), side="right")
    chosen = np.array([v for v, _ in settled], dtype=object)[np.minimum(pick, len(settled) - 1)]
    replaced = pl.Series(
        np.where(moves, chosen, current.cast(pl.String).to_numpy()), dtype=pl.String
    )
    batch.columns[name] = replaced.cast(current.dtype).alias(name)
