"""One batch: rows ``start … start+n-1`` of a table, a pure function of its plan and the range.

Sinks call :func:`generate_batch` in worker threads, processes or Dask workers; the same plan and
range give the same frame anywhere, which is what makes output independent of batch size, worker
count and executor.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from synthdata import _rng
from synthdata.errors import InvalidInputError
from synthdata.generate import keys
from synthdata.generate.columns import generate_column
from synthdata.generate.columns.money import follow_currency, in_whole_units
from synthdata.generate.composite import composite_fk_column, key_column
from synthdata.generate.context import Batch
from synthdata.generate.derived import derived_column, derived_inputs
from synthdata.generate.plan import TablePlan, gathered_columns
from synthdata.generate.relations import foreign_key_column, parent_rows
from synthdata.generate.statuses import apply_status_rules, settle_statuses
from synthdata.schema import Constraint, Field, Schema
from synthdata.schema.checks import child_key, parent_key
from synthdata.schema.expressions import Aggregate, aggregate_column, aggregates, parse
from synthdata.schema.semantics import anchor

__all__ = ["field_order", "generate_batch"]


def _raise_mmap_threshold() -> None:
    """Let the C allocator keep batch-sized arrays on its heap.

    glibc hands allocations above its mmap threshold (128 KiB at first) to fresh mmaps, which the
    kernel zeroes page by page on first touch; freeing an mmapped block raises the threshold to
    its size (up to 32 MiB). A process that happened to free large blocks early (building Faker
    pools did) then generates 15-20 % faster than one that did not (pools read from disk), so
    every process frees one untouched 32 MiB block once, on import: virtual memory only, no
    pages touched, a no-op elsewhere than glibc.
    """
    block = np.empty((32 << 20) - (64 << 10), dtype=np.uint8)
    del block


_raise_mmap_threshold()


def generate_batch(plan: TablePlan, start: int, n: int) -> pl.DataFrame:
    """Rows ``start … start+n-1`` of a table: a pure function of the plan and the row range."""
    batch = Batch(plan, start, n)
    _fill(batch, field_order(plan.schema))
    return pl.DataFrame([batch.columns[f.name] for f in plan.schema.fields])


def _fill(batch: Batch, fields: list[Field]) -> None:
    """Compute ``fields`` (in :func:`field_order`) into ``batch.columns``, then the status rules
    and currencies over them: every column of a batch, or what a parent's aggregate needs of
    its children (:func:`synthdata.generate.plan.computed_columns`)."""
    plan = batch.plan
    fks = {fk.field: fk for fk in plan.schema.foreign_keys}
    composite = plan.schema.composite_fields()
    for f in fields:
        if f.name == plan.schema.primary_key:
            series = keys.key_values(plan.seed, plan.schema, plan.volume, batch.index())
        elif f.name in plan.schema.composite_key:
            series = key_column(batch, f.name)
        elif f.name in composite:
            series = composite_fk_column(batch, composite[f.name], f.name)
        elif f.name in fks:
            series = foreign_key_column(batch, fks[f.name])
        elif f.derived is not None:
            _aggregate_inputs(batch, f)
            series = derived_column(batch, f)
        else:
            series = _generated(batch, f)
        batch.columns[f.name] = series.alias(f.name)
    _one_of(batch)  # a line holds a cake or a bread, not both
    settle_statuses(batch)  # a pending order is weeks old, not years
    if plan.schema.status_rules:
        apply_status_rules(batch)
        _rederive(batch)
    if follow_currency(batch):  # amounts in the row's currency, where the table has one
        for f in fields:  # and the sums over them again, in whole yen
            if f.derived is not None:
                batch.columns[f.name] = in_whole_units(batch, f, derived_column(batch, f))


def _one_of(batch: Batch) -> None:
    """Each group of ``one_of`` columns keeps one, drawn per row (evenly), and empties the
    others."""
    for group in batch.schema.one_of:
        if not all(name in batch.columns for name in group):
            continue
        pick = batch.choice(len(group), "one of", *group)
        for i, name in enumerate(group):
            column = batch.columns[name]
            batch.columns[name] = (
                pl.select(
                    pl.when(pl.lit(pl.Series(pick == i))).then(pl.lit(column)).otherwise(None)
                )
                .to_series()
                .alias(name)
            )


def _aggregate_inputs(batch: Batch, f: Field) -> None:
    """The aggregates over children a derived field reads, one value per row of the batch."""
    assert f.derived is not None
    for agg in aggregates(parse(f.derived)):
        name = aggregate_column(agg)
        if name not in batch.columns:
            batch.columns[name] = children_aggregate(batch, agg).alias(name)


def children_aggregate(batch: Batch, agg: Aggregate) -> pl.Series:
    """``agg`` over each batch row's children, computed again from the child table's plan:
    the children's slots come from the key's allocation, their rows from inverting the
    permutation that spread them, their values from draws by row index alone."""
    plan = batch.plan
    child_plan, need = plan.children[agg.table]
    fk = child_key(child_plan.schema, plan.schema.name)
    allocation = child_plan.allocations[fk.field]
    cum = allocation.cumulative()
    parents = batch.index().astype(np.int64)
    last = cum[parents]
    first = np.where(parents > 0, cum[np.maximum(parents - 1, 0)], 0)
    counts = last - first
    total = int(counts.sum())
    owner = np.repeat(np.arange(batch.n, dtype=np.int64), counts)
    starts = np.cumsum(counts) - counts
    slots = np.repeat(first, counts) + np.arange(total, dtype=np.int64) - np.repeat(starts, counts)
    rows = slots.astype(np.uint64)
    if not allocation.ordered:
        key = _rng.stream_key(child_plan.schema.name, fk.field, "slots")
        rows = _rng.unpermute(rows, int(cum[-1]), key)
    children = Batch(child_plan, 0, total, rows=rows)
    _fill(children, [g for g in field_order(child_plan.schema) if g.name in need - {fk.field}])
    # The key's nulls as foreign_key_column draws them (by row index: the key is gathered);
    # its values are the owners already.
    rate = child_plan.schema.field(fk.field).effective_null_rate
    keep = np.ones(total, dtype=bool)
    if rate > 0:
        keep = children.uniform(fk.field, "null") >= rate
    values = np.ones(total)
    if agg.column is not None:
        column = children.columns[agg.column]
        keep &= column.is_not_null().to_numpy()
        values = column.cast(pl.Float64).fill_null(0.0).to_numpy()
    values = np.where(keep, values, 0.0)
    # Children are in owner order: sums by bincount, extremes by segment.
    kept = np.bincount(owner, weights=keep, minlength=batch.n)
    if agg.func == "count":
        return pl.Series(kept.astype(np.int64))
    sums = np.bincount(owner, weights=values, minlength=batch.n)
    if agg.func == "sum":
        return pl.Series(sums)
    if agg.func == "avg":
        return pl.Series(np.divide(sums, kept, out=np.zeros(batch.n), where=kept > 0)).set(
            pl.Series(kept == 0), None
        )
    fill, reduce = (np.inf, np.minimum) if agg.func == "min" else (-np.inf, np.maximum)
    extremes = np.full(batch.n, fill)
    some = counts > 0
    if some.any():
        extremes[some] = reduce.reduceat(np.where(keep, values, fill), starts[some])
    return pl.Series(extremes).set(pl.Series(np.isinf(extremes)), None)


def field_order(schema: Schema) -> list[Field]:
    """Fields with their anchors (constraint ``other``, ``derived_from``, the sibling a meaning
    follows, such as a product name's category) before them."""
    needs: dict[str, set[str]] = {f.name: set() for f in schema.fields}
    for c in schema.constraints:
        needs[c.field].add(c.other if c.parent is None else parent_key(schema, c).field)
    for f in schema.fields:
        if f.derived_from:
            needs[f.name].add(f.derived_from)
        if f.quantiles_by is not None:  # the driving column first
            needs[f.name].add(f.quantiles_by.column)
        if f.values_by is not None:  # the driving column first
            needs[f.name].add(f.values_by.column)
        needs[f.name].update(derived_inputs(f))
    for f in schema.fields:
        follows = anchor(f, schema.name, schema.field_names)
        # A meaning follows its sibling only when that makes no cycle (it reads the sibling's
        # values if they are there, and draws alone otherwise).
        if follows is not None and f.name not in _needed(follows, needs):
            needs[f.name].add(follows)
    order: list[Field] = []
    done: set[str] = set()
    while len(order) < len(schema.fields):
        ready = [f for f in schema.fields if f.name not in done and needs[f.name] <= done]
        if not ready:
            msg = f"Schema '{schema.name}': its constraints and derived fields form a cycle"
            raise InvalidInputError(msg)
        order.extend(ready)
        done.update(f.name for f in ready)
    return order


def parent_column(batch: Batch, c: Constraint) -> pl.Series:
    """The value of ``c.parent``'s column ``c.other`` in the parent row each row refers to
    (null where the key is): computed again for those parent rows alone, from the draws by
    row index that column uses (:attr:`TablePlan.gathered`)."""
    plan = batch.plan
    fk = parent_key(plan.schema, c)
    index, null = parent_rows(batch, fk)
    schema = plan.schemas[fk.parent]
    need = gathered_columns(schema, c.other)
    parent_plan = TablePlan(
        plan.seed,
        schema,
        plan.volumes[fk.parent],
        plan.volumes,
        plan.schemas,
        schema.locale or plan.locale,
        plan.reference,
        gathered=frozenset(need),
    )
    rows, inverse = np.unique(index, return_inverse=True)
    parents = Batch(parent_plan, 0, len(rows), rows=rows.astype(np.uint64))
    for f in field_order(schema):
        if f.name in need:
            parents.columns[f.name] = _generated(parents, f)
    values = parents.columns[c.other].gather(pl.Series(inverse.ravel(), dtype=pl.UInt32))
    if null.any():
        values = pl.select(
            pl.when(pl.lit(pl.Series(null))).then(None).otherwise(pl.lit(values))
        ).to_series()
    return values.alias(c.ref)


def _generated(batch: Batch, f: Field) -> pl.Series:
    """A drawn field, after the parent values its constraints name are gathered."""
    for c in batch.schema.constraints:
        if c.field == f.name and c.parent is not None and c.ref not in batch.columns:
            batch.columns[c.ref] = parent_column(batch, c)
    return generate_column(batch, f)


def _rederive(batch: Batch) -> None:
    """Derived fields that read a milestone a status rule set or nulled, computed again."""
    changed = {m for rule in batch.schema.status_rules for m in rule.milestones}
    for f in field_order(batch.schema):
        if f.name in batch.columns and f.derived is not None and changed & set(derived_inputs(f)):
            batch.columns[f.name] = derived_column(batch, f)
            changed.add(f.name)


def _needed(name: str, needs: dict[str, set[str]]) -> set[str]:
    """Every field ``name`` needs, directly or through others."""
    found: set[str] = set()
    todo = [name]
    while todo:
        for other in needs[todo.pop()] - found:
            found.add(other)
            todo.append(other)
    return found
