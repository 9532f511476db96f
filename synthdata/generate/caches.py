"""Every process-wide cache of the generator, listed in one place.

Each cache belongs to the module that fills it, and its definition says what fills it. All of
them are filled on first use, live for the life of the process, and hold pure functions of their
keys (vocabularies drawn with fixed seeds or read from the package's data files, lookup tables,
allocation counts, answers about pools), so emptying them costs time and never changes a byte of
output. Worker processes keep caches of their own; process pools and Dask workers start with a
copy of the Faker vocabularies (see :func:`synthdata.generate.vocab.snapshot`) and read the
offline ones (:mod:`synthdata.generate.vocabularies`) again, which takes about a millisecond.

The warm worker processes of :mod:`synthdata.generate.executors` are a resource, not a cache:
:func:`synthdata.generate.executors.shutdown_process_pools` stops them.
"""

from __future__ import annotations

from collections.abc import Callable

from synthdata.generate import allocation, encoding, quoting, vocab, vocabularies
from synthdata.generate.columns import choices, numbers, semantic

__all__ = ["CACHES", "clear_caches"]

#: Cache name → how to empty it.
CACHES: dict[str, Callable[[], None]] = {
    "vocabulary pools": vocab.clear_pools,
    "vocabulary pool digest": vocab._source_digest.cache_clear,
    "handle parts": vocab.handle_parts.cache_clear,
    "e-mail domains": vocab.email_domains.cache_clear,
    "template pair lookups": encoding.pair_lookups.cache_clear,
    "allocation counts": allocation.cumulative_counts.cache_clear,
    "allocation owners": allocation.slot_owners.cache_clear,
    "plain CSV pools": quoting.plain_pool.cache_clear,
    "offline vocabularies": vocabularies.load.cache_clear,
    "vocabulary series": semantic.mixture.cache_clear,
    "description series": semantic._described.cache_clear,
    "quantile points": numbers.quantile_units.cache_clear,
    "quantile points by value": numbers.grouped_quantiles.cache_clear,
    "weights by value": choices.grouped_weights.cache_clear,
}


def clear_caches() -> None:
    """Empty every cache of this process (the next generation refills them, identically)."""
    for clear in CACHES.values():
        clear()
