"""Entities the text names: catalogue entities and their synonyms, and the counts stated for them.

Phrases match longest first, over singular word forms; a phrase the catalogue ties to the
domain wins, and a foreign noun used as a verb ("guests book direct") is not an entity.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from synthdata.analysis.catalog import catalog
from synthdata.analysis.text import Mention, Number, Token, match_phrases, phrase_key

__all__ = [
    "GENERIC_NOUNS",
    "LINE_ITEMS",
    "attach_volumes",
    "entity_index",
    "find_mentions",
    "is_verb",
    "retarget_lines",
]

#: Generic nouns that describe the records or the software, never a kind of record themselves.
GENERIC_NOUNS = frozenset(
    "system database record data information detail management platform app application "
    "software tool spreadsheet thing stuff".split()
)


@lru_cache(maxsize=1)
def entity_index() -> dict[tuple[str, ...], list[tuple[str, str | None]]]:
    """Phrase → (entity, domain limit) candidates; an entity's own name comes first."""
    index: dict[tuple[str, ...], list[tuple[str, str | None]]] = defaultdict(list)
    for template in catalog().entities.values():
        for position, (phrase, domain) in enumerate(template.phrases):
            entries = index[phrase_key(phrase)]
            entries.insert(0 if position == 0 else len(entries), (template.key, domain))
    return dict(index)


def _shorter(
    tokens: list[Token], first: int, last: int, domain: str
) -> tuple[int, list[tuple[str, str | None]]]:
    """The longest tail of a phrase that names an entity in this domain."""
    index = entity_index()
    for start in range(first + 1, last + 1):
        entries = index.get(tuple(t.base for t in tokens[start : last + 1]), [])
        if any(d is None or d == domain for _, d in entries):
            return start, entries
    return first, []


def _phrase(tokens: list[Token], first: int, last: int) -> str:
    return " ".join(t.base for t in tokens[first : last + 1])


#: Words that, in the singular, name the user's own business rather than a kind of record.
_SELF_WORDS = frozenset(
    {
        "company",
        "business",
        "firm",
        "organization",
        "organisation",
        "agency",
        "startup",
        "shop",
        "store",
        "practice",
        "clinic",
    }
)

_DETERMINERS = {
    "a",
    "an",
    "the",
    "each",
    "every",
    "our",
    "their",
    "its",
    "his",
    "her",
    "my",
    "per",
    "any",
    "all",
    "some",
    "one",
    "no",
    "this",
    "that",
    "these",
    "those",
}


def _subject_before(tokens: list[Token], i: int) -> bool:
    """Whether a singular noun phrase opened by a determiner ends right before ``tokens[i]``
    ("A brewery", "each recipe", "the dog grooming salon")."""
    j = i - 1
    if j < 0 or not tokens[j].word or tokens[j].plural or tokens[j].text in _DETERMINERS:
        return False
    while j >= 0 and i - j <= 4 and tokens[j].word and tokens[j].sentence == tokens[i].sentence:
        if tokens[j].text in _QUANTITIES:
            return False
        if tokens[j].text in _DETERMINERS:
            return tokens[j].text not in {"their", "these", "those", "all", "some", "no"}
        j -= 1
    return False


def is_verb(tokens: list[Token], i: int) -> bool:
    """Whether the ``-s`` word at ``i`` is a verb in its sentence: it follows a singular subject
    ("A brewery tracks ...", "each recipe lists ...") and a noun phrase follows it."""
    token = tokens[i]
    if not token.word or not token.text.endswith("s") or i + 1 >= len(tokens):
        return False
    after = tokens[i + 1]
    if not after.word or after.sentence != token.sentence or after.text in _NOT_OBJECTS:
        return False
    return _subject_before(tokens, i)


#: Words that cannot open the object of a verb: "a few dozen employees across 4 departments".
_NOT_OBJECTS = frozenset(
    "and or across at by for from in into of on per to with within without over under who "
    "which that whose where when is are was were".split()
)
#: Quantity words: "a dozen employees", "a few clients", "a couple of sites" count a noun.
_QUANTITIES = frozenset("dozen few couple hundred thousand million lot number handful".split())


def find_mentions(tokens: list[Token], domain: str) -> list[Mention]:
    """Catalogue entities named in the text, resolved for the domain."""
    cat = catalog()
    out: list[Mention] = []
    held: list[Mention] = []
    for first, last, entries in match_phrases(tokens, entity_index()):
        if first == last and tokens[first].base in _SELF_WORDS and not tokens[first].plural:
            continue  # "a parcel company", "our firm": the business itself, not a table
        if first == last and (tokens[first].base in GENERIC_NOUNS or is_verb(tokens, first)):
            continue  # "A brewery tracks batches": a verb; "records", "system": generic words
        usable = [(k, d) for k, d in entries if d is None or d == domain]
        if not usable:  # "pet owners" means insurance elsewhere: try "owners" alone
            first, entries = _shorter(tokens, first, last, domain)
            usable = [(k, d) for k, d in entries if d is None or d == domain]
        if not usable:
            continue
        native = [k for k, d in usable if d == domain or cat.entities[k].native_to(domain)]
        is_plural = tokens[last].plural
        own_name = (
            entries[0][0]
            if entries[0][0].replace("_", " ") == _phrase(tokens, first, last)
            else None
        )
        scoped = next((k for k, d in usable if d == domain), None)
        if scoped:  # a phrase the catalogue ties to this domain is the most specific reading
            key = scoped
        elif native:
            key = own_name if own_name in native else native[0]
        else:
            before = tokens[first - 1].text if first else ""
            key = usable[0][0]
            if not (is_plural or before in _DETERMINERS):
                held.append(Mention(key, first, last, is_plural))
                continue  # maybe a foreign noun used as a verb ("guests book direct")
        out.append(Mention(key, first, last, is_plural))
    # Once the text has used a borrowed noun as a noun, its other mentions count too.
    named = {m.key for m in out}
    return sorted(out + [m for m in held if m.key in named], key=lambda m: m.first)


#: Line-item tables and the header each belongs to: "line items" are the lines of whichever
#: header the text talks about (sales, receipts, orders).
LINE_ITEMS = {
    "order_item": "order",
    "sale_item": "sale",
    "receipt_line": "inbound_receipt",
    "outbound_order_line": "outbound_order",
}


def retarget_lines(mentions: list[Mention]) -> list[Mention]:
    """Line items as the lines of the header the text talks about (sales, not orders)."""
    keys = {m.key for m in mentions}
    out = []
    for m in mentions:
        header = LINE_ITEMS.get(m.key)
        if header and header not in keys:
            other = next((line for line, h in LINE_ITEMS.items() if h in keys), None)
            if other:
                m = Mention(other, m.first, m.last, m.plural)
        out.append(m)
    return out


def attach_volumes(
    tokens: list[Token], mentions: list[Mention], numbers: list[Number]
) -> dict[str, int]:
    """Stated counts: a number followed closely by the entity it counts (``200 patients``)."""
    volumes: dict[str, int] = {}
    starts = {m.first: m for m in mentions}
    for number in numbers:
        for gap in range(1, 4):
            mention = starts.get(number.last + gap)
            if mention is None:
                continue
            between = tokens[number.last + 1 : mention.first]
            if any(not t.word or t.text in {"and", "or", "to", "per"} for t in between):
                break
            if number.value > 1:  # "one station" names an instance, not a table size
                volumes.setdefault(mention.key, number.value)
            break
    return volumes
