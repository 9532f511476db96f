"""Composite keys: a table's key spread over several columns, and the keys that refer to it.

Each column of a ``composite_key`` takes its values from a finite domain: a foreign key's parent
rows, an ENUM's or a ``values`` list's values, a boolean, whole numbers from min to max, dates or
datetimes from min to max by ``step``, or the codes a pattern spells. A row's combination is its
index sent through a keyed permutation of the product of the domain sizes, then read as one
index per column (mixed radix, the last column fastest): so the key columns are a pure function
of the row index, unique by construction, and any table can compute them again for any rows.

When the key's first foreign-key column has a bounded cardinality (its rows are allocated to the
parent's rows), that column is the anchor: it takes its allocated parent, and the other columns
take consecutive combinations from an offset drawn per parent, distinct among the children of one
parent (weather rows per airport, every hour once).

A child's composite foreign key picks a parent row (uniformly, skewed by ``zipf``, or allocated by
its cardinality, as a single-column key does), then each of its fields is the parent's key column
at that row, computed again from the parent's plan: never read back from written data.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
import polars as pl

from synthdata import _rng
from synthdata.errors import InvalidInputError
from synthdata.generate import keys
from synthdata.generate.context import Batch
from synthdata.generate.plan import composite_anchor
from synthdata.schema import CompositeForeignKey, Distribution, ForeignKey

__all__ = [
    "allocated",
    "composite_fk_column",
    "composite_parent_rows",
    "key_column",
    "key_indices",
    "through_composite",
]

_U64 = np.uint64


def allocated(batch: Batch, name: str) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """Parent index and rank among that parent's children, from the allocation of child slots
    of key ``name`` (a field, or a composite key's :attr:`CompositeForeignKey.name`)."""

    def make() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
        allocation = batch.plan.allocations[name]
        cum = allocation.cumulative()
        slots = batch.index()
        if not allocation.ordered:
            slots = _rng.permute(slots, int(cum[-1]), batch.key(name, "slots"))
        parent = batch.plan.allocations[name].owners()[slots]
        first = np.where(parent > 0, cum[np.maximum(parent - 1, 0)], 0).astype(np.uint64)
        return parent.astype(np.uint64), slots - first

    return batch.latent(("allocated", name), make)


def _decode(combo: npt.NDArray[np.uint64], sizes: list[int]) -> list[npt.NDArray[np.uint64]]:
    """One index per column from combination numbers (mixed radix, the last column fastest)."""
    out: list[npt.NDArray[np.uint64]] = []
    rest = combo
    for size in reversed(sizes):
        out.append(rest % _U64(size))
        rest = rest // _U64(size)
    return out[::-1]


def key_indices(batch: Batch) -> list[npt.NDArray[np.uint64]]:
    """Per column of the batch table's composite key, each row's index into that column's
    domain: a pure function of the row index."""

    def make() -> list[npt.NDArray[np.uint64]]:
        plan = batch.plan
        names = plan.schema.composite_key
        sizes = keys.composite_sizes(plan.schema, plan.volumes)
        anchor = composite_anchor(plan)
        if anchor is None:
            combo = _rng.permute(batch.index(), math.prod(sizes), batch.key(*names, "key"))
            return _decode(combo, sizes)
        parent, rank = allocated(batch, names[anchor])
        others = sizes[:anchor] + sizes[anchor + 1 :]
        room = _U64(math.prod(others))
        offset = _rng.mix64(parent, batch.key(*names, "offset")) % room
        parts = _decode((offset + rank % room) % room, others)
        return [*parts[:anchor], parent, *parts[anchor:]]

    return batch.latent(("composite key",), make)


def key_column(batch: Batch, name: str) -> pl.Series:
    """The values of composite key column ``name`` in the batch's rows."""
    plan = batch.plan
    schema = plan.schema
    index = key_indices(batch)[schema.composite_key.index(name)]
    f = schema.field(name)
    fk = keys.single_key(schema, name)
    if fk is not None:
        parent = plan.schemas[fk.parent]
        return keys.key_values(plan.seed, parent, plan.volumes[fk.parent], index).alias(name)
    return keys.composite_values(f, index).alias(name)


def composite_parent_rows(
    batch: Batch, fk: CompositeForeignKey
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.bool_]]:
    """The index of the parent row each row refers to through ``fk``, and where it is null."""

    def make() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.bool_]]:
        plan = batch.plan
        parents = plan.volumes[fk.parent]
        if parents == 0:
            if not fk.optional:
                msg = f"Table '{batch.schema.name}' needs rows of '{fk.parent}', which has none"
                raise InvalidInputError(msg)
            return np.zeros(batch.n, dtype=np.uint64), np.ones(batch.n, dtype=bool)
        if fk.name in plan.allocations:
            index = allocated(batch, fk.name)[0]
        else:
            u = batch.uniform(fk.name, "parent")
            index = np.minimum((u * parents).astype(np.uint64), _U64(parents - 1))
            if fk.cardinality.distribution is Distribution.ZIPF:
                ranks = np.minimum((u**3 * parents).astype(np.uint64), _U64(parents - 1))
                index = _rng.permute(ranks, parents, batch.key(fk.name, "popular"))
        rate = batch.schema.field(fk.fields[0]).effective_null_rate
        return index, batch.uniform(fk.name, "null") < rate

    return batch.latent(("composite parent rows", fk.name), make)


def _parent_batch(
    batch: Batch, fk: CompositeForeignKey
) -> tuple[Batch, pl.Series, npt.NDArray[np.bool_]]:
    """The parent rows the batch refers to through ``fk`` (each once), which of them each row
    takes, and where the key is null."""
    index, null = composite_parent_rows(batch, fk)
    plan = batch.plan.composite_parents[fk.parent]
    rows, inverse = np.unique(index, return_inverse=True)
    parents = Batch(plan, 0, len(rows), rows=rows.astype(np.uint64))
    return parents, pl.Series(inverse.ravel(), dtype=pl.UInt32), null


def composite_fk_column(batch: Batch, fk: CompositeForeignKey, name: str) -> pl.Series:
    """Field ``name`` of composite foreign key ``fk``: the parent's key column at the parent row
    each row refers to (null where the key is)."""

    def make() -> dict[str, pl.Series]:
        parents, which, null = _parent_batch(batch, fk)
        out = {}
        for mine, theirs in zip(fk.fields, fk.referenced, strict=True):
            values = key_column(parents, theirs).gather(which)
            if null.any():
                values = values.set(pl.Series(null), None)
            out[mine] = values.alias(mine)
        return out

    return batch.latent(("composite foreign key", fk.name), make)[name]


def through_composite(
    batch: Batch, fk: ForeignKey
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.bool_]] | None:
    """The parent rows of single-column key ``fk`` when a composite key decides its field (a
    column of the table's composite key, or of a composite foreign key whose parent column
    refers to the same table); None otherwise."""
    schema = batch.schema
    if fk.field in schema.composite_key:
        index = key_indices(batch)[schema.composite_key.index(fk.field)]
        return index, np.zeros(batch.n, dtype=bool)
    composite = schema.composite_fields().get(fk.field)
    if composite is None:
        return None
    parents, which, null = _parent_batch(batch, composite)
    other = composite.referenced[composite.fields.index(fk.field)]
    theirs = key_indices(parents)[parents.schema.composite_key.index(other)]
    return theirs[which.to_numpy()], null
