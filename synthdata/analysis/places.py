"""Where the business is: the Faker locale that the places named in the text point to."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from synthdata.analysis.catalog import places
from synthdata.analysis.text import Token, match_phrases, phrase_key

__all__ = ["detect_locale"]


@lru_cache(maxsize=1)
def _place_index() -> dict[tuple[str, ...], list[str]]:
    index: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for locale, names in places().items():
        for name in names:
            index[phrase_key(name)].append(locale)
    return dict(index)


def detect_locale(tokens: list[Token]) -> str | None:
    """The locale most places in the text belong to (Madrid → es_ES), or None."""
    votes: dict[str, int] = defaultdict(int)
    for _, _, locales in match_phrases(tokens, _place_index()):
        for locale in locales:
            votes[locale] += 1
    return max(sorted(votes), key=votes.__getitem__) if votes else None
