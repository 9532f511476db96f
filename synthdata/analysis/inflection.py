"""English inflection: the singular and plural of nouns, through the ``inflect`` library.

``inflect`` is imported on first use. Business text has words it gets wrong (``data`` is not
``datum`` here, ``sales`` is the plural of ``sale``); the two exception tables hold them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["plural", "singular"]

#: Words inflect gets wrong for business text (``data`` is not ``datum`` here).
_SINGULAR_EXCEPTIONS = {
    "data": "data",
    "media": "media",
    "leaves": "leave",
    "goods": "goods",
    "analytics": "analytics",
    "series": "series",
    "news": "news",
    "sales": "sale",
    "species": "species",
    "wax": "wax",
    "gas": "gas",
    "bus": "bus",
    "status": "status",
    "statuses": "status",
    "campus": "campus",
    "chassis": "chassis",
    "sms": "sms",
    "cdrs": "cdr",
    "skus": "sku",
    "pos": "po",
    "ids": "id",
    "kudos": "kudos",
    "physics": "physics",
    "logistics": "logistics",
    "premises": "premises",
    "sesiones": "sesion",
    "menus": "menu",
    "canvas": "canvas",
    "alias": "alias",
    "atlas": "atlas",
    "process": "process",
    "address": "address",
    "business": "business",
    "class": "class",
    "glass": "glass",
    "access": "access",
    "progress": "progress",
    "lens": "lens",
    "this": "this",
    "has": "has",
    "was": "was",
    "is": "is",
    "its": "its",
    "us": "us",
    "yes": "yes",
    "as": "as",
    "less": "less",
    "across": "across",
    "plus": "plus",
    "bonus": "bonus",
    "virus": "virus",
}
_PLURAL_EXCEPTIONS = {
    "staff": "staff",
    "data": "data",
    "media": "media",
    "personnel": "personnel",
    "equipment": "equipment",
    "inventory": "inventory",
    "feedback": "feedback",
    "analytics": "analytics",
    "series": "series",
    "sms": "sms",
    "news": "news",
    "stock": "stock",
    "information": "information",
    "livestock": "livestock",
}


@lru_cache(maxsize=1)
def _engine() -> Any:
    import inflect

    return inflect.engine()


@lru_cache(maxsize=20_000)
def singular(word: str) -> str:
    """The singular of an English noun (``categories`` → ``category``); other words unchanged."""
    word = word.lower()
    if word in _SINGULAR_EXCEPTIONS:
        return _SINGULAR_EXCEPTIONS[word]
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    result = _engine().singular_noun(word)
    return result if isinstance(result, str) and result else word


@lru_cache(maxsize=20_000)
def plural(word: str) -> str:
    """The plural of a snake_case noun phrase: only the last word changes (``order_item``)."""
    head, _, last = word.rpartition("_")
    if last in _PLURAL_EXCEPTIONS:
        return word
    if singular(last) != last:  # already plural
        return word
    made = _engine().plural_noun(last)
    return f"{head}_{made}" if head else made
