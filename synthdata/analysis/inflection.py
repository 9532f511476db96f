"""English inflection: the singular and plural of nouns, through the ``inflection`` library.

``inflection`` (a port of Rails' inflector: a short list of regular-expression rules) imports in a
millisecond, so a fresh process no longer pays seconds for its first analysis. Business text has
words it gets wrong (``data`` is not ``datum`` here, ``sales`` is the plural of ``sale``); the two
exception tables hold them.
"""

from __future__ import annotations

from functools import lru_cache

import inflection as _inflection

__all__ = ["plural", "singular"]

#: Words the inflector gets wrong for business text (``data`` is not ``datum`` here).
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
    "lenses": "lens",
    "themselves": "themselves",
}
#: Plurals the inflector gets wrong (``cow`` is not ``kine``); uncountable words map to themselves.
_PLURAL_EXCEPTIONS = {
    "specimen": "specimens",  # not a plural of "-man"
    "regimen": "regimens",
    "abdomen": "abdomens",
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
    "aircraft": "aircraft",
    "cash": "cash",
    "goods": "goods",
    "logistics": "logistics",
    "premises": "premises",
    "cow": "cows",
    "tooth": "teeth",
    "index": "indexes",
}
#: The nouns whose plural turns ``f``/``fe`` into ``ves``: the inflector's rule applies it to every
#: word (``valves`` → ``valf``, ``cafe`` → ``caves``), so its result is kept only for these.
_VES_PLURALS = frozenset(
    "knives wives lives halves wolves shelves loaves thieves calves selves elves scarves hooves"
    " wharves sheaves".split()
)


@lru_cache(maxsize=20_000)
def singular(word: str) -> str:
    """The singular of an English noun (``categories`` → ``category``); other words unchanged."""
    word = word.lower()
    if word in _SINGULAR_EXCEPTIONS:
        return _SINGULAR_EXCEPTIONS[word]
    if word.endswith("people"):  # salespeople, tradespeople
        return word.removesuffix("people") + "person"
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ves") and word not in _VES_PLURALS:
        return word[:-1]
    made = _inflection.singularize(word) or word
    if (made != word[:-1] or word.endswith("es")) and word.isalpha():
        return _lexicon_singular(word) or made
    return made


def _lexicon_singular(word: str) -> str | None:
    """The singular the English lexicon (lemminflect) knows for a plural whose ending the
    inflector's rules misread: ``canoes`` → ``canoe`` (not ``cano``), ``niches`` → ``niche``,
    ``ties`` → ``tie``. None for a word it does not know."""
    from lemminflect import getLemma  # its tables load on first use (~0.15 s)

    lemmas = getLemma(word, upos="NOUN", lemmatize_oov=False)
    return lemmas[0] if lemmas and lemmas[0] else None


@lru_cache(maxsize=20_000)
def plural(word: str) -> str:
    """The plural of a snake_case noun phrase: only the last word changes (``order_item``)."""
    head, _, last = word.rpartition("_")
    if last in _PLURAL_EXCEPTIONS:
        made = _PLURAL_EXCEPTIONS[last]
    elif singular(last) != last:  # already plural
        return word
    else:
        made = _pluralize(last)
    return f"{head}_{made}" if head else made


def _pluralize(word: str) -> str:
    """The inflector's plural of a singular noun, less its Latin and ``-ves`` guesses."""
    for ves in (word[:-1] + "ves", word[:-2] + "ves"):
        if word.endswith(("f", "fe")) and ves in _VES_PLURALS:
            return ves  # loaf → loaves, knife → knives
    made = _inflection.pluralize(word)
    if made.endswith("ves") and not word.endswith("ves") and made not in _VES_PLURALS:
        return word + "s"  # cafe, turf
    if made == word and word not in _inflection.UNCOUNTABLES:
        # The inflector takes -s, -ta and -ia words for plurals already (bonus, quota, pizzeria).
        return word + ("es" if word.endswith("s") else "s" if word.endswith("a") else "")
    if word.endswith("um") and made.endswith("a"):
        return word + "s"  # premiums, stadiums (not premia)
    return made
