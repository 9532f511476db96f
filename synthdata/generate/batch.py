"""One batch: rows ``start … start+n-1`` of a table, a pure function of its plan and the range.

Sinks call :func:`generate_batch` in worker threads, processes or Dask workers; the same plan and
range give the same frame anywhere, which is what makes output independent of batch size, worker
count and executor.
"""

from __future__ import annotations

import polars as pl

from synthdata.errors import InvalidInputError
from synthdata.generate import keys
from synthdata.generate.columns import generate_column
from synthdata.generate.context import Batch
from synthdata.generate.plan import TablePlan
from synthdata.generate.relations import foreign_key_column
from synthdata.schema import Field, Schema

__all__ = ["field_order", "generate_batch"]


def generate_batch(plan: TablePlan, start: int, n: int) -> pl.DataFrame:
    """Rows ``start … start+n-1`` of a table: a pure function of the plan and the row range."""
    batch = Batch(plan, start, n)
    fks = {fk.field: fk for fk in plan.schema.foreign_keys}
    for f in field_order(plan.schema):
        if f.name == plan.schema.primary_key:
            series = keys.key_values(plan.seed, plan.schema, plan.volume, batch.index())
        elif f.name in fks:
            series = foreign_key_column(batch, fks[f.name])
        else:
            series = generate_column(batch, f)
        batch.columns[f.name] = series.alias(f.name)
    return pl.DataFrame([batch.columns[f.name] for f in plan.schema.fields])


def field_order(schema: Schema) -> list[Field]:
    """Fields with their anchors (constraint ``other``, ``derived_from``) before them."""
    needs: dict[str, set[str]] = {f.name: set() for f in schema.fields}
    for c in schema.constraints:
        needs[c.field].add(c.other)
    for f in schema.fields:
        if f.derived_from:
            needs[f.name].add(f.derived_from)
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
