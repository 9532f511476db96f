"""How a child table's rows spread over its parent's rows: a count per parent, within the
cardinality's bounds, adding up exactly to the child's volume."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from synthdata import _rng
from synthdata.errors import InvalidInputError

__all__ = ["Allocation", "allocate"]


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

    def cumulative(self) -> npt.NDArray[np.int64]:
        """Cumulative child counts per parent row (read-only, cached in this process)."""
        return cumulative_counts(self)


@lru_cache(maxsize=8)
def cumulative_counts(spec: Allocation) -> npt.NDArray[np.int64]:
    """:func:`allocate` for a recipe.

    Cache: filled by planning (which checks each recipe can be met) and by the first batch of a
    child table in each process; the last 8 recipes stay for the life of the process. Read-only
    arrays that are pure functions of the recipe, so emptying the cache (see
    :mod:`synthdata.generate.caches`) only costs the recomputation.
    """
    cum = allocate(spec.seed, spec.key, spec.parents, spec.total, spec.lo, spec.hi, spec.skewed)
    cum.flags.writeable = False
    return cum


def _heaviest(values: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.intp]:
    """Indexes of the ``k`` largest values, ties going to the lower index (as a stable sort
    would), found in linear time."""
    threshold = np.partition(values, len(values) - k)[len(values) - k]
    above = np.flatnonzero(values > threshold)
    ties = np.flatnonzero(values == threshold)[: k - len(above)]
    return np.concatenate([above, ties])
