"""Foreign-key columns: draw a parent row index, then compute the parent's key from it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import polars as pl

from synthdata import _rng
from synthdata.errors import InvalidInputError
from synthdata.generate import keys
from synthdata.generate.context import Batch
from synthdata.schema import Distribution, ForeignKey, Schema

__all__ = ["Allocation", "allocate", "foreign_key_column", "junction_groups"]

#: Share of a self-referencing table's rows that are roots (no parent) unless null_rate says.
ROOT_SHARE = 0.05


def allocate(
    seed: int, key: int, parents: int, total: int, lo: int, hi: int | None, skewed: bool
) -> np.ndarray:
    """Cumulative child counts per parent: each count within ``[lo, hi]``, summing to ``total``."""
    cap = (total if hi is None else hi) - lo
    extra_total = total - parents * lo
    if extra_total < 0 or extra_total > parents * cap:
        msg = f"cannot give {total} children to {parents} parents with {lo} to {hi} each"
        raise InvalidInputError(msg)
    weights = _rng.uniform(seed, key, 0, parents) + 1e-9
    if skewed:
        weights = weights**-1.5
    extra = np.zeros(parents, dtype=np.int64)
    remaining = extra_total
    while remaining > 0:
        room = (cap - extra).astype(float)
        share = np.where(room > 0, weights, 0.0)
        share = share / share.sum() * remaining
        add = np.minimum(np.floor(share).astype(np.int64), cap - extra)
        if add.sum() == 0:  # spread the last few one by one, to the heaviest parents with room
            add = np.zeros(parents, dtype=np.int64)
            add[_heaviest(np.where(room > 0, share, -1.0), remaining)] = 1
        extra += add
        remaining = extra_total - int(extra.sum())
    return np.cumsum(lo + extra)


@dataclass(frozen=True)
class Allocation:
    """The recipe for spreading a child table's rows over its parent's rows.

    Plans carry this small recipe rather than its result (one count per parent row, megabytes for
    large parents), so a plan travels cheaply to worker processes and Dask workers; each process
    computes the counts once, on first use, and keeps them.
    """

    seed: int
    key: int
    parents: int
    total: int
    lo: int
    hi: int | None
    skewed: bool

    def cumulative(self) -> np.ndarray:
        """Cumulative child counts per parent row (read-only, cached in this process)."""
        return _cumulative(self)


@lru_cache(maxsize=8)
def _cumulative(spec: Allocation) -> np.ndarray:
    cum = allocate(spec.seed, spec.key, spec.parents, spec.total, spec.lo, spec.hi, spec.skewed)
    cum.flags.writeable = False
    return cum


def _heaviest(values: np.ndarray, k: int) -> np.ndarray:
    """Indexes of the ``k`` largest values, ties going to the lower index (as a stable sort
    would), found in linear time."""
    threshold = np.partition(values, len(values) - k)[len(values) - k]
    above = np.flatnonzero(values > threshold)
    ties = np.flatnonzero(values == threshold)[: k - len(above)]
    return np.concatenate([above, ties])


def junction_groups(schema: Schema) -> list[list[ForeignKey]]:
    """Groups of foreign keys whose combination must be unique (many-to-many link tables)."""
    by_field = {fk.field: fk for fk in schema.foreign_keys}
    groups = []
    for names in schema.unique_together:
        if all(n in by_field for n in names) and len(names) > 1:
            groups.append([by_field[n] for n in names])
    return groups


def _parent_index(batch: Batch, fk: ForeignKey, parents: int) -> np.ndarray:
    plan = batch.plan
    group = next((g for g in junction_groups(batch.schema) if fk in g), None)
    if group is not None:
        anchors = [k for k in group if k.field in plan.allocations]
        if not anchors:
            return _junction_index(batch, group, fk)
        others = [k for k in group if k is not anchors[0]]
        if fk is others[0]:
            return _distinct_per_anchor(batch, anchors[0], fk, parents)
    if fk.field in plan.allocations:
        return _allocated(batch, fk)[0]
    u = batch.uniform(fk.field, "parent")
    if fk.cardinality.distribution is Distribution.ZIPF:
        ranks = np.minimum((u**3 * parents).astype(np.uint64), np.uint64(parents - 1))
        return _rng.permute(ranks, parents, batch.key(fk.field, "popular"))
    return np.minimum((u * parents).astype(np.uint64), np.uint64(parents - 1))


def _allocated(batch: Batch, fk: ForeignKey) -> tuple[np.ndarray, np.ndarray]:
    """Parent index and rank among that parent's children, from the allocation of child slots."""

    def make() -> tuple[np.ndarray, np.ndarray]:
        cum = batch.plan.allocations[fk.field].cumulative()
        slots = _rng.permute(batch.index(), int(cum[-1]), batch.key(fk.field, "slots"))
        parent = np.searchsorted(cum, slots, side="right")
        first = np.where(parent > 0, cum[np.maximum(parent - 1, 0)], 0).astype(np.uint64)
        return parent.astype(np.uint64), slots - first

    return batch.latent(("allocated", fk.field), make)


#: Strides for spreading one parent's children over another table; coprime ones are kept.
_STRIDES = (1, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61)


def _distinct_per_anchor(batch: Batch, anchor: ForeignKey, fk: ForeignKey, size: int) -> np.ndarray:
    """Indexes into ``fk``'s parent that differ among the children of one ``anchor`` parent.

    A parent's k-th child takes ``(offset + k × stride) mod size`` with an offset and stride drawn
    per parent: distinct for k below ``size``, so (anchor, fk) pairs never repeat.
    """
    cum = batch.plan.allocations[anchor.field].cumulative()
    widest = int(np.diff(cum, prepend=0).max())
    if widest > size:
        msg = (
            f"Table '{batch.schema.name}': a '{anchor.parent}' row has {widest} children but "
            f"'{fk.parent}' has only {size} rows to pair them with uniquely"
        )
        raise InvalidInputError(msg)
    parent, rank = _allocated(batch, anchor)
    key = batch.key(fk.field, "offset")
    offset = _rng.mix64(parent, key) % np.uint64(size)
    strides = np.array([s for s in _STRIDES if np.gcd(s, size) == 1], dtype=np.uint64)
    stride = strides[(_rng.mix64(parent, key + 1) % np.uint64(len(strides))).astype(np.int64)]
    return (offset + (rank % np.uint64(size)) * stride) % np.uint64(size)


def _junction_index(batch: Batch, group: list[ForeignKey], fk: ForeignKey) -> np.ndarray:
    sizes = [batch.plan.volumes[k.parent] for k in group]
    capacity = int(np.prod(sizes, dtype=object))
    if capacity < batch.plan.volume:
        names = ", ".join(k.field for k in group)
        msg = (
            f"Table '{batch.schema.name}' needs {batch.plan.volume} distinct ({names}) pairs but "
            f"its parents allow only {capacity}"
        )
        raise InvalidInputError(msg)
    key = tuple(k.field for k in group)
    combo = batch.latent(
        ("junction", key),
        lambda: (
            _rng.permute(batch.index(), capacity, batch.key(*key, "pairs")).astype(object)
            if capacity >= 1 << 64
            else _rng.permute(batch.index(), capacity, batch.key(*key, "pairs"))
        ),
    )
    position = group.index(fk)
    rest = combo
    for size in reversed(sizes[position + 1 :]):
        rest = rest // size
    return (rest % sizes[position]).astype(np.uint64)


def _self_reference(batch: Batch, fk: ForeignKey) -> tuple[np.ndarray, np.ndarray]:
    """Each row's parent is an earlier row, so there are no cycles; the first rows are roots."""
    f = batch.schema.field(fk.field)
    share = f.null_rate if f.null_rate is not None else ROOT_SHARE
    roots = max(1, int(np.ceil(batch.plan.volume * share)))
    index = batch.index()
    parent = np.floor(batch.uniform(fk.field, "parent") * index).astype(np.uint64)
    return parent, index < np.uint64(roots)


def foreign_key_column(batch: Batch, fk: ForeignKey) -> pl.Series:
    """The foreign key ``fk`` for one batch, with nulls where the key is optional."""
    plan = batch.plan
    parent_schema = plan.schemas[fk.parent]
    parents = plan.volumes[fk.parent]
    f = batch.schema.field(fk.field)
    if fk.parent == batch.schema.name:
        index, null = _self_reference(batch, fk)
    elif parents == 0:
        if not fk.optional:
            msg = f"Table '{batch.schema.name}' needs rows of '{fk.parent}', which has none"
            raise InvalidInputError(msg)
        index, null = np.zeros(batch.n, dtype=np.uint64), np.ones(batch.n, dtype=bool)
    else:
        index = _parent_index(batch, fk, parents)
        null = batch.uniform(fk.field, "null") < f.effective_null_rate
    values = keys.key_values(plan.seed, parent_schema, parents, index)
    if null.any():
        values = pl.select(pl.when(pl.lit(pl.Series(null))).then(None).otherwise(pl.lit(values)))
        values = values.to_series()
    return values.alias(fk.field)
