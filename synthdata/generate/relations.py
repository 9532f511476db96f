"""Foreign-key columns: draw a parent row index, then compute the parent's key from it."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

from synthdata import _rng
from synthdata.errors import InvalidInputError
from synthdata.generate import keys
from synthdata.generate.composite import allocated, through_composite
from synthdata.generate.context import Batch
from synthdata.generate.plan import junction_groups
from synthdata.schema import Distribution, ForeignKey

__all__ = ["foreign_key_column", "parent_rows"]

#: Share of a self-referencing table's rows that are roots (no parent) unless null_rate says.
ROOT_SHARE = 0.05


def _parent_index(batch: Batch, fk: ForeignKey, parents: int) -> npt.NDArray[np.uint64]:
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
        return allocated(batch, fk.field)[0]
    u = batch.uniform(fk.field, "parent")
    if fk.cardinality.distribution is Distribution.ZIPF:
        ranks = np.minimum((u**3 * parents).astype(np.uint64), np.uint64(parents - 1))
        return _rng.permute(ranks, parents, batch.key(fk.field, "popular"))
    return np.minimum((u * parents).astype(np.uint64), np.uint64(parents - 1))


#: Strides for spreading one parent's children over another table; coprime ones are kept.
_STRIDES = (1, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61)


def _distinct_per_anchor(
    batch: Batch, anchor: ForeignKey, fk: ForeignKey, size: int
) -> npt.NDArray[np.uint64]:
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
    parent, rank = allocated(batch, anchor.field)
    key = batch.key(fk.field, "offset")
    offset = _rng.mix64(parent, key) % np.uint64(size)
    strides = np.array([s for s in _STRIDES if np.gcd(s, size) == 1], dtype=np.uint64)
    stride = strides[(_rng.mix64(parent, key + 1) % np.uint64(len(strides))).astype(np.int64)]
    return (offset + (rank % np.uint64(size)) * stride) % np.uint64(size)


def _junction_index(
    batch: Batch, group: list[ForeignKey], fk: ForeignKey
) -> npt.NDArray[np.uint64]:
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


def _self_reference(
    batch: Batch, fk: ForeignKey
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.bool_]]:
    """Each row's parent is an earlier row, so there are no cycles; the first rows are roots."""
    f = batch.schema.field(fk.field)
    share = f.null_rate if f.null_rate is not None else ROOT_SHARE
    roots = max(1, int(np.ceil(batch.plan.volume * share)))
    index = batch.index()
    parent = np.floor(batch.uniform(fk.field, "parent") * index).astype(np.uint64)
    return parent, index < np.uint64(roots)


def parent_rows(
    batch: Batch, fk: ForeignKey
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.bool_]]:
    """The index of the parent row each row refers to through ``fk``, and where it is null."""

    def make() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.bool_]]:
        decided = through_composite(batch, fk)
        if decided is not None:  # the field is a column of a composite key
            return decided
        parents = batch.plan.volumes[fk.parent]
        f = batch.schema.field(fk.field)
        if fk.parent == batch.schema.name:
            return _self_reference(batch, fk)
        if fk.field in batch.plan.follows:
            return _through(batch, fk)
        if parents == 0:
            if not fk.optional:
                msg = f"Table '{batch.schema.name}' needs rows of '{fk.parent}', which has none"
                raise InvalidInputError(msg)
            return np.zeros(batch.n, dtype=np.uint64), np.ones(batch.n, dtype=bool)
        index = _parent_index(batch, fk, parents)
        return index, batch.uniform(fk.field, "null") < f.effective_null_rate

    return batch.latent(("parent rows", fk.field), make)


def _through(batch: Batch, fk: ForeignKey) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.bool_]]:
    """The parent row of a key the row takes from another of its parents (an appointment's
    owner is its pet's owner): that parent's own key, computed again for the rows referred
    to; drawn as any key where the row has no such parent."""
    plan = batch.plan
    through_field, way = plan.follows[fk.field]
    through = next(k for k in plan.schema.foreign_keys if k.field == through_field)
    middle, missing = parent_rows(batch, through)
    middle_plan = plan.via[through.parent]
    # each row's middle parent computed again where it is (draws by row index: a repeated
    # parent gives the same key, and that costs less than sorting them out)
    middles = Batch(middle_plan, 0, len(middle), rows=middle.astype(np.uint64))
    their = next(k for k in middle_plan.schema.foreign_keys if k.field == way)
    index, null = parent_rows(middles, their)
    own = missing | null
    if own.any():  # no middle parent here: an independent draw
        parents = plan.volumes[fk.parent]
        drawn = _parent_index(batch, fk, parents)
        rate = batch.schema.field(fk.field).effective_null_rate
        index = np.where(own, drawn, index)
        null = np.where(own, batch.uniform(fk.field, "null") < rate, False)
    return index.astype(np.uint64), null.astype(bool)


def foreign_key_column(batch: Batch, fk: ForeignKey) -> pl.Series:
    """The foreign key ``fk`` for one batch, with nulls where the key is optional."""
    plan = batch.plan
    parent_schema = plan.schemas[fk.parent]
    parents = plan.volumes[fk.parent]
    index, null = parent_rows(batch, fk)
    values = keys.key_values(plan.seed, parent_schema, parents, index)
    if null.any():
        values = pl.select(
            pl.when(pl.lit(pl.Series(null))).then(None).otherwise(pl.lit(values))
        ).to_series()
    return values.alias(fk.field)
