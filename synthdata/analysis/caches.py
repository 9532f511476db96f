"""Every process-wide cache of the analyzer, listed in one place.

Each cache belongs to the module that fills it. All are filled on first use and live for the life
of the process: the catalogue parsed from its TOML files and the indexes built over it (phrases,
domain keywords, place names), and English words (memoized singulars, plurals, word classes and
lemmas). They are pure functions of the package's data, so emptying them costs time and never
changes an analysis. The API server fills them while it warms up. (The LLM's text pools are
cached on disk under ``SYNTHDATA_HOME``, see :mod:`synthdata.llm`.)
"""

from __future__ import annotations

from collections.abc import Callable

from synthdata.analysis import catalog, domains, entities, inflection, kinds, places, reading

__all__ = ["CACHES", "clear_caches"]

#: Cache name → how to empty it.
CACHES: dict[str, Callable[[], None]] = {
    "catalogue": catalog.catalog.cache_clear,
    "place names": catalog.places.cache_clear,
    "entity phrase index": entities.entity_index.cache_clear,
    "domain keyword index": domains._keyword_index.cache_clear,
    "place index": places._place_index.cache_clear,
    "singulars": inflection.singular.cache_clear,
    "plurals": inflection.plural.cache_clear,
    "word classes": reading.lexicon.cache_clear,
    "lemmas": reading._lemma.cache_clear,
    "spellings": reading.spelled.cache_clear,
    "participles": reading._participle.cache_clear,
    "event verbs": kinds.done_form.cache_clear,
}


def clear_caches() -> None:
    """Empty every analyzer cache of this process (the next analysis refills them, identically)."""
    for clear in CACHES.values():
        clear()
