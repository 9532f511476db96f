"""Status rules applied to a batch: a row's status decides which of its milestones exist.

A rule (:class:`synthdata.schema.StatusRule`) lists, per status value, the milestones a row
with that value has; the rule's other milestones are null in that row. The milestones were
drawn in order beforehand (:attr:`Batch.dense` keeps them before their own nulls), so a
milestone a status sets has its place after the earlier ones; this only hides or shows them,
one vectorized expression per milestone.
"""

from __future__ import annotations

import polars as pl

from synthdata.generate.context import Batch

__all__ = ["apply_status_rules"]


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
