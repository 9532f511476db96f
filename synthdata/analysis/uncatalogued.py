"""Tables the catalogue does not know: plural nouns in list shapes ("vineyards, grape varieties").

Phrases in parentheses or after "like"/"such as" are examples, capitalized words are names, and
nouns that read as columns (a quantity, a date, a choice) are not tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from synthdata.analysis.naming import field_from_name
from synthdata.analysis.text import Mention, Token, identifier
from synthdata.schema import FieldType

__all__ = ["all_occurrences", "find_unknown"]

#: Words that never name a table, however they are inflected.
_NOT_ENTITIES = frozenset(
    "data record detail thing stuff number row count year month week day hour minute time people "
    "one other type kind lot way spreadsheet whiteboard system management information need "
    "process scheduling tracking reporting purpose place part side end start case term "
    "include track need has have do go come sell make run use get keep log book order pay send "
    "take give own belong want let show sign submit bring approve assign manage handle hold move "
    "s it us we they them these those this that what which who whose everything something level "
    "manager renewal foreigner local rate price amount total cost fee value score name email "
    "phone address date status note description photo picture image size color colour weight "
    "height length".split()
)
_LIST_SEPARATORS = frozenset(
    ", and or ( ) : / plus with w for in at to from by per that which who where like such as "
    "including".split()
)
_LEADERS = frozenset(
    "track tracks tracking manage manages managing need needs store stores keep keeps log logs "
    "record records want wants include includes including list lists handle handles our their "
    "the a an all any some each every new existing various different many several also of for "
    "about around we i you they also just currently then".split()
)


_EXAMPLE_LEADS = frozenset({"like", "such", "eg", "including", "incl", "say"})
_LIST_WORDS = frozenset({",", "and", "or", "/", "plus"})


def find_unknown(tokens: list[Token], mentions: list[Mention], limit: int = 4) -> list[Mention]:
    """Nouns in list shapes that the catalogue does not know (``vineyards, grape varieties``).

    A candidate is a short plural noun phrase next to a list separator (comma, and, or), in a
    sentence whose list holds at least two other entities; phrases in parentheses or after
    "like"/"such as" are examples, not tables, and capitalized words are names.
    """
    covered = {i for m in mentions for i in range(m.first, m.last + 1)}
    found: list[Mention] = []
    segments = _segments(tokens)
    for sentence in {t.sentence for t in tokens}:
        items = [seg for seg in segments if tokens[seg.indexes[0]].sentence == sentence]
        known = sum(1 for seg in items if any(i in covered for i in seg.indexes))
        picked = (_candidate(tokens, seg.indexes, covered) for seg in items if seg.listed)
        names = [c for c in picked if c]
        if len(names) + known >= 3 and (known >= 1 or len(names) >= 3):
            found += [n for n in names if n.key not in {f.key for f in found}]
    return found[:limit]


@dataclass
class _Segment:
    indexes: list[int]
    listed: bool = False


def all_occurrences(
    tokens: list[Token], found: list[Mention], known: list[Mention]
) -> list[Mention]:
    """Every place the text names an uncatalogued entity, so phrases can link it."""
    covered = {i for m in known for i in range(m.first, m.last + 1)}
    out = list(found)
    for mention in found:
        words = tuple(t.base for t in tokens[mention.first : mention.last + 1])
        n = len(words)
        for i in range(len(tokens) - n + 1):
            if i == mention.first or any(j in covered for j in range(i, i + n)):
                continue
            if tuple(t.base for t in tokens[i : i + n]) == words:
                out.append(Mention(mention.key, i, i + n - 1, tokens[i + n - 1].plural))
    return out


def _segments(tokens: list[Token]) -> list[_Segment]:
    """Runs of words between separators, outside parentheses and example lists."""
    out: list[_Segment] = []
    current: list[int] = []
    depth = 0
    example = False
    before = ""
    for i, token in enumerate(tokens):
        if i and tokens[i - 1].sentence != token.sentence:
            example = False
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        if token.text in _EXAMPLE_LEADS:
            example = True
        if (
            token.text in _LIST_SEPARATORS
            or token.text == ")"
            or (i and tokens[i - 1].sentence != token.sentence)
        ):
            if current:
                out.append(_Segment(current, before in _LIST_WORDS or token.text in _LIST_WORDS))
            current = []
            before = token.text
        if token.text not in _LIST_SEPARATORS and token.text != ")" and not depth and not example:
            current.append(i)
    if current:
        out.append(_Segment(current, before in _LIST_WORDS))
    return out


def _candidate(tokens: list[Token], segment: list[int], covered: set[int]) -> Mention | None:
    start = 0
    while start < len(segment) and tokens[segment[start]].text in _LEADERS:
        start += 1
    segment = segment[start:]
    words = [tokens[i] for i in segment]
    if not words or len(words) > 2 or any(i in covered for i in segment):
        return None
    head = words[-1]
    if not head.word or not head.plural or head.base in _NOT_ENTITIES or len(head.base) < 3:
        return None
    if any(w.base in _NOT_ENTITIES or not w.word or w.proper for w in words):
        return None
    name = identifier("_".join(w.base for w in words))
    attribute = field_from_name(name).type is not FieldType.STRING
    if attribute or field_from_name(identifier(head.text)).type is not FieldType.STRING:
        return None  # a quantity, a choice or a date: a column, not a table
    return Mention(name, segment[0], segment[-1], True)
