"""How a child table's rows spread over its parent's rows: a count per parent, within the
cardinality's bounds, adding up exactly to the child's volume."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from synthdata import _rng
from synthdata.errors import InvalidInputError

__all__ = ["Allocation", "allocate", "allocate_counts"]


def allocate(
    seed: int, key: int, parents: int, total: int, lo: int, hi: int | None, skewed: bool
) -> npt.NDArray[np.int64]:
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


def allocate_counts(
    seed: int, key: int, parents: int, total: int, shares: tuple[tuple[int, float], ...]
) -> npt.NDArray[np.int64]:
    """Cumulative child counts per parent following an empirical distribution of children per
    parent (``shares``: pairs of a number of children and the share of parents having it),
    summing to ``total``.

    Each count is given to its share of the parents exactly (largest remainders), to parents in
    a keyed random order; when ``total`` differs from what those counts add up to, every count
    is scaled by the same factor (rounded by largest remainders), so the shape, zero-child
    parents included, stays and only its scale follows ``total``.
    """
    if parents == 0:
        if total:
            msg = f"cannot give {total} children to 0 parents"
            raise InvalidInputError(msg)
        return np.zeros(0, dtype=np.int64)
    children = np.array([k for k, _ in shares], dtype=np.int64)
    weights = np.array([v for _, v in shares], dtype=np.float64)
    wanted = weights / weights.sum() * parents
    per_bucket = np.floor(wanted).astype(np.int64)
    short = parents - int(per_bucket.sum())
    if short:
        per_bucket[_heaviest(wanted - per_bucket, short)] += 1
    ordered = np.repeat(children, per_bucket)  # ascending counts, one per parent
    where = _rng.permute(np.arange(parents, dtype=np.uint64), parents, key).astype(np.int64)
    counts = np.empty(parents, dtype=np.int64)
    counts[where] = ordered
    natural = int(counts.sum())
    if natural != total:
        if natural == 0:
            msg = f"cannot give {total} children to parents whose counts are all 0"
            raise InvalidInputError(msg)
        scaled = counts * (total / natural)
        counts = np.floor(scaled).astype(np.int64)
        rest = total - int(counts.sum())
        if rest:
            # Ties to the parents ranked first by a seeded draw, not to the first rows.
            frac = scaled - counts + _rng.uniform(seed, key, 0, parents) * 1e-9
            counts[_heaviest(frac, rest)] += 1
    return np.cumsum(counts)


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
    #: An empirical distribution of children per parent (``Cardinality.shares``), which
    #: replaces ``lo``, ``hi`` and ``skewed`` when given.
    shares: tuple[tuple[int, float], ...] = ()
    #: Children in their parents' order (a parent's children are consecutive rows, as lines
    #: follow their order): what a parent that adds up its children reads cheaply. Otherwise
    #: the child slots are spread over the child's rows by a keyed permutation.
    ordered: bool = False

    def cumulative(self) -> npt.NDArray[np.int64]:
        """Cumulative child counts per parent row (read-only, cached in this process)."""
        return cumulative_counts(self)

    def owners(self) -> npt.NDArray[np.signedinteger[Any]]:
        """The parent row of each child slot (read-only, cached in this process): a gather
        where a search of the cumulative counts would cost a binary search per child."""
        return slot_owners(self)


@lru_cache(maxsize=8)
def cumulative_counts(spec: Allocation) -> npt.NDArray[np.int64]:
    """:func:`allocate` for a recipe.

    Cache: filled by planning (which checks each recipe can be met) and by the first batch of a
    child table in each process; the last 8 recipes stay for the life of the process. Read-only
    arrays that are pure functions of the recipe, so emptying the cache (see
    :mod:`synthdata.generate.caches`) only costs the recomputation.
    """
    if spec.shares:
        cum = allocate_counts(spec.seed, spec.key, spec.parents, spec.total, spec.shares)
    else:
        cum = allocate(spec.seed, spec.key, spec.parents, spec.total, spec.lo, spec.hi, spec.skewed)
    cum.flags.writeable = False
    return cum


@lru_cache(maxsize=8)
def slot_owners(spec: Allocation) -> npt.NDArray[np.signedinteger[Any]]:
    """Per child slot, the parent row it belongs to (4 bytes a child below 2**31 parents).

    Cache: as :func:`cumulative_counts`, filled by the first batch of a child table in each
    process; a pure function of the recipe.
    """
    cum = cumulative_counts(spec)
    kind = np.int32 if spec.parents < 2**31 else np.int64
    owners = np.repeat(np.arange(spec.parents, dtype=kind), np.diff(cum, prepend=0))
    owners.flags.writeable = False
    return owners.astype(kind, copy=False)


def _heaviest(values: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.intp]:
    """Indexes of the ``k`` largest values, ties going to the lower index (as a stable sort
    would), found in linear time."""
    threshold = np.partition(values, len(values) - k)[len(values) - k]
    above = np.flatnonzero(values > threshold)
    ties = np.flatnonzero(values == threshold)[: k - len(above)]
    return np.concatenate([above, ties])
