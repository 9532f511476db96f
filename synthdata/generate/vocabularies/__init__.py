"""Offline vocabularies: hand-written values for STRING columns, one plain-text file per kind.

Each kind is a UTF-8 text file, ``<locale>/<kind>.txt``, with one entry per line; blank lines and
lines starting with ``#`` are skipped, and nothing else is trimmed or rewritten (so no entry may
start with ``#``). Titles and names (:data:`TEMPLATED`) also have ``<locale>/templates/<kind>.txt``,
one template per line, whose ``{slot}`` placeholders name word lists ``<locale>/words/<slot>.txt``
in the same format; :func:`expand` fills them in a fixed order, so their pools are the same on
every run and platform. Entries are distinct within a kind, at most 80 characters, without double
quotes; ``tests/generate/test_vocabularies.py`` checks these rules and each kind's minimum size.

Only ``en_US/`` (American spelling, US units where US catalogs use them) exists today. Another
locale is a sibling folder (``de_DE/``) holding the files it translates; any file it lacks is read
from ``en_US/``.

The lists are original to synthdata, under its MIT licence (see ``LICENSE.md`` here). This module
imports only the standard library and :mod:`synthdata.errors`: reading a kind costs a file read
(a millisecond for a templated kind), never Faker or polars.
"""

from __future__ import annotations

import difflib
import itertools
import math
import string
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from synthdata.errors import InvalidInputError

__all__ = ["FALLBACK_LOCALE", "FREE_TEXTS", "KINDS", "POOL_SIZE", "TEMPLATED", "expand", "load"]

#: The locale every kind exists in; other locales fall back to it file by file.
FALLBACK_LOCALE = "en_US"
#: How many distinct values :func:`load` returns for a templated kind (fewer only if the
#: hand-written entries and templates cannot make that many).
POOL_SIZE = 2000

#: Kinds whose values also come from templates (``<locale>/templates/<kind>.txt``).
TEMPLATED = (
    "book_titles",
    "film_titles",
    "album_titles",
    "song_titles",
    "course_titles",
    "project_names",
    "event_names",
    "property_headlines",
)

#: Free text by what it is about (sentences people type into notes, feedback, descriptions);
#: ``text_description`` may name the row's thing as ``{thing}``, filled in by the generator.
FREE_TEXTS = (
    "text_viewing_feedback",
    "text_feedback",
    "text_notes",
    "text_record_notes",
    "text_inspection_notes",
    "text_property_description",
    "text_issue_description",
    "text_repair_description",
    "text_claim_description",
    "text_transaction_description",
    "text_description",
    "text_visit_reason",
    "text_return_reason",
    "text_reason",
    "text_outcome",
    "text_delivery_instructions",
    "text_dosage_instructions",
    "text_offer_terms",
)

#: Every kind, one ``<locale>/<kind>.txt`` each.
KINDS = (
    *TEMPLATED,
    "departments",
    "team_names",
    "job_titles",
    "ticket_subjects",
    "products_electronics",
    "products_clothing",
    "products_grocery",
    "products_furniture",
    "products_beauty",
    "products_toys",
    "products_sports",
    "products_tools_hardware",
    "products_books_stationery",
    "products_auto_parts",
    "products_pet_supplies",
    "products_office_supplies",
    "products_kitchen",
    "products_garden",
    "product_categories",
    "reviews_1",
    "reviews_2",
    "reviews_3",
    "reviews_4",
    "reviews_5",
    "skills",
    "tags",
    "dog_breeds",
    "cat_breeds",
    "dishes",
    "airport_codes",
    *FREE_TEXTS,
)

_ROOT = files(__name__)
_FORMATTER = string.Formatter()


def _source(locale: str, *parts: str) -> str:
    """``locale`` if it has the file ``<locale>/<parts…>``, else the fallback locale."""
    own = locale.isidentifier() and _ROOT.joinpath(locale, *parts).is_file()  # never ``../x``
    return locale if own else FALLBACK_LOCALE


def _file(locale: str, *parts: str) -> Traversable:
    """``<locale>/<parts…>``, or the fallback locale's copy when the locale lacks that file."""
    return _ROOT.joinpath(_source(locale, *parts), *parts)


def _lines(path: Traversable) -> tuple[str, ...]:
    """The entries of one data file: its lines, less blank ones and ``#`` comments."""
    text = path.read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line and not line.startswith("#"))


def _check(kind: str) -> None:
    if kind not in KINDS:
        close = difflib.get_close_matches(kind, KINDS, n=3, cutoff=0.6)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        msg = f"Unknown vocabulary kind {kind!r}.{hint} Known kinds: {', '.join(KINDS)}."
        raise InvalidInputError(msg)


@lru_cache(maxsize=256)
def load(kind: str, locale: str = FALLBACK_LOCALE) -> tuple[str, ...]:
    """The values of one kind, in file order (the files hold no duplicates; the tests check).

    A flat kind is its file's entries. A templated kind (:data:`TEMPLATED`) is its hand-written
    entries followed by :func:`expand`'s, :data:`POOL_SIZE` distinct values in all.

    >>> load("departments")[:3]
    ('Accounts Payable', 'Accounts Receivable', 'Payroll')
    >>> len(load("book_titles", "de_DE")) == POOL_SIZE  # no de_DE files yet: en_US
    True

    Cache: filled on first use per (kind, locale), kept for the life of the process (the last 256
    asked for); the files never change while it runs, so emptying it (see
    :mod:`synthdata.generate.caches`) only costs the rereads.

    Raises:
        InvalidInputError: ``kind`` is not one of :data:`KINDS` (a ``ValueError``; the message
            names the closest kinds).
    """
    _check(kind)
    written = _lines(_file(locale, f"{kind}.txt"))
    if kind not in TEMPLATED:
        return written
    pool = dict.fromkeys(written)
    pool.update(dict.fromkeys(expand(kind, locale, POOL_SIZE + len(pool))))
    return tuple(pool)[:POOL_SIZE]


def expand(kind: str, locale: str = FALLBACK_LOCALE, size: int = POOL_SIZE) -> tuple[str, ...]:
    """Up to ``size`` distinct values made from ``kind``'s templates, the same on every call.

    Templates take turns, one value each, until they are used up. Each walks through every
    combination of its slots' words with a fixed stride coprime to their number, so its values
    never repeat and spread over all its words instead of running through the last slot's list
    first. A smaller ``size`` gives a prefix of a larger one. Word lists are read from the locale
    the templates came from (falling back to ``en_US`` file by file). Kinds without templates
    expand to nothing.

    Raises:
        InvalidInputError: ``kind`` is not one of :data:`KINDS`.
    """
    _check(kind)
    if kind not in TEMPLATED:
        return ()
    source = _source(locale, "templates", f"{kind}.txt")
    words: dict[str, tuple[str, ...]] = {}
    walks = []
    for template in _lines(_ROOT.joinpath(source, "templates", f"{kind}.txt")):
        parsed = list(_FORMATTER.parse(template))
        slots = list(dict.fromkeys(field for _, field, _, _ in parsed if field is not None))
        for slot in slots:
            if slot not in words:
                words[slot] = _lines(_file(source, "words", f"{slot}.txt"))
        # ``{slot}`` → ``{0}``, ``{1}``…: positional formatting is the fastest to fill.
        positional = "".join(
            text.replace("{", "{{").replace("}", "}}")
            + ("" if field is None else f"{{{slots.index(field)}}}")
            for text, field, _, _ in parsed
        )
        walks.append(_Walk(positional, [words[slot] for slot in slots]))
    totals = [walk.total for walk in walks]
    wanted, rounds = size, _rounds(totals, size)
    while True:
        columns = [walk.values(rounds) for walk in walks]
        values = itertools.chain.from_iterable(itertools.zip_longest(*columns))
        out = dict.fromkeys(value for value in values if value is not None)
        if len(out) >= size or rounds >= max(totals, default=0):
            return tuple(out)[:size]
        # Some templates made the same value: take as many more turns as it takes.
        wanted += size - len(out)
        rounds = max(rounds + 1, _rounds(totals, wanted))


def _rounds(totals: list[int], size: int) -> int:
    """How many turns the templates take to make ``size`` values (used-up ones skip turns)."""
    left = size
    for done, total in enumerate(sorted(totals)):
        share = -(-left // (len(totals) - done))
        if total >= share:
            return share
        left -= total
    return max(totals, default=0)


class _Walk:
    """One template's combinations, in stride order."""

    def __init__(self, template: str, lists: list[tuple[str, ...]]) -> None:
        self.template = template
        self.total = math.prod(len(words) for words in lists)
        self.stride = _stride(self.total)
        # Each slot's word is ``index // place % len(words)`` (the last slot varies fastest).
        places = [math.prod(len(words) for words in lists[i + 1 :]) for i in range(len(lists))]
        self.slots = list(zip(lists, places, [len(words) for words in lists], strict=True))

    def values(self, count: int) -> list[str]:
        """The first ``count`` values (fewer if the template has fewer combinations)."""
        fill, slots, total, stride = self.template.format, self.slots, self.total, self.stride
        indexes = (k * stride % total for k in range(min(count, total)))
        if len(slots) == 1:  # the common cases, unrolled
            ((a, _, _),) = slots
            return [fill(a[i]) for i in indexes]
        if len(slots) == 2:
            (a, _, _), (b, _, nb) = slots
            return [fill(a[i // nb], b[i % nb]) for i in indexes]
        if len(slots) == 3:
            (a, pa, _), (b, _, nb), (c, _, nc) = slots
            return [fill(a[i // pa], b[i // nc % nb], c[i % nc]) for i in indexes]
        return [fill(*[w[i // place % n] for w, place, n in slots]) for i in indexes]


def _stride(total: int) -> int:
    """A step coprime to ``total`` near its golden section (1 when ``total`` is 1 or 2)."""
    stride = max(1, round(total * 0.618))
    while math.gcd(stride, total) != 1:
        stride += 1
    return stride
