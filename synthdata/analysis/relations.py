"""Relationships the text states, and the many-to-many link tables they call for.

"X belongs to Y", "X for each Y", "each X has a pickup Y" and "Y has many X" make foreign keys;
"an author has written many books" both ways makes a link table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from synthdata.analysis.catalog import Catalog, catalog
from synthdata.analysis.inflection import plural
from synthdata.analysis.plan import EntityPlan, Link
from synthdata.analysis.text import Mention, Token

__all__ = ["add_link_tables", "many_pairs", "phrase_links"]

_MANY = {"several", "many", "multiple", "various", "more"}
_MANY_PHRASES = (("one", "or", "more"), ("more", "than", "one"), ("any", "number", "of"))


def _nearby(
    tokens: list[Token], mentions: list[Mention], span: int
) -> Iterator[tuple[Mention, Mention, list[str]]]:
    """Pairs of different entities named in that order within ``span`` words of one sentence,
    with the words between them."""
    for a in mentions:
        for b in mentions:
            if b.first <= a.last or b.first - a.last > span or a.key == b.key:
                continue
            if tokens[a.first].sentence == tokens[b.first].sentence:
                yield a, b, [t.text for t in tokens[a.last + 1 : b.first]]


def many_pairs(tokens: list[Token], mentions: list[Mention]) -> set[tuple[str, str]]:
    """(A, B) where the text says one A has several B (``an author has written many books``)."""
    return {
        (a.key, b.key)
        for a, b, words in _nearby(tokens, mentions, 9)
        if _MANY & set(words) or any(_contains(words, p) for p in _MANY_PHRASES)
    }


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


_BELONGS = re.compile(r"^(belong|belongs|owned|assigned|linked|tied|attached)$")


_HAS = frozenset({"has", "have", "gets", "get", "with", "needs", "takes"})
_ONE = frozenset({"a", "an", "one", "its", "their", "single"})
_SEVERAL = frozenset({"many", "several", "multiple", "some", "various"})


def phrase_links(tokens: list[Token], mentions: list[Mention]) -> set[tuple[str, str, str]]:
    """(child, parent, role) from the text's own words.

    "X belongs to Y", "X for each Y", "X per Y" and "each X has a Y" make X a child of Y;
    "each X has a pickup Y" adds the role ``pickup``; "Y has many X" makes X a child of Y.
    """
    links = set()
    for a, b, words in _nearby(tokens, mentions, 6):
        belongs = any(_BELONGS.match(w) for w in words)
        if belongs or words[-2:] in (["for", "each"], ["for", "every"]) or words[-1:] == ["per"]:
            links.add((a.key, b.key, ""))
        elif words and words[0] in _HAS and len(words) >= 2:
            if words[1] in _ONE and len(words) <= 3:
                role = words[2] if len(words) == 3 and tokens[b.first - 1].word else ""
                links.add((a.key, b.key, role))
            elif words[1] in _SEVERAL or words[1:4] == ["one", "or", "more"]:
                links.add((b.key, a.key, ""))
    return links


def _linked(a: str, b: str, entities: dict[str, EntityPlan], cat: Catalog) -> bool:
    """Whether a template already relates a and b directly."""
    for child, parent in ((a, b), (b, a)):
        template = entities[child].template if child in entities else cat.entities.get(child)
        if template and any(parent in spec.choices for spec in template.parents):
            return True
    return False


def add_link_tables(
    entities: dict[str, EntityPlan], pairs: set[tuple[str, str]], domain: str
) -> None:
    """Many-to-many tables: a catalogue link when both ends are present and the text says "many"
    or one end would otherwise stand alone; a generic ``a_bs`` table for other "many" pairs."""
    cat = catalog()
    present = set(entities)
    templates = [e.template for e in entities.values() if e.template]
    related = {p for t in templates for spec in t.parents for p in spec.choices}
    for template in cat.entities.values():
        if not template.link or template.key in entities:
            continue
        ends = [spec.choices[0] for spec in template.parents]
        if len(ends) != 2 or not all(e in present for e in ends):
            continue
        a, b = ends
        said = (a, b) in pairs or (b, a) in pairs
        alone = any(e not in related and not cat.entities[e].parents for e in ends)
        if said or (alone and template.native_to(domain)):
            entities[template.key] = EntityPlan.from_template(
                template, mentioned=False, reason="many-to-many"
            )
    for a, b in sorted(pairs):
        catalogued = any(
            t.link and {s.choices[0] for s in t.parents} == {a, b} for t in cat.entities.values()
        )
        if (b, a) in pairs and a < b and not _linked(a, b, entities, cat) and not catalogued:
            key = f"{a}_{b}"
            ea, eb = entities[a].key_name, entities[b].key_name  # as the tables are named
            links = [Link(f"{ea}_id", a), Link(f"{eb}_id", b)]
            entities[key] = EntityPlan(
                key, f"{ea}_{plural(eb)}", None, False, links=links, reason="many-to-many"
            )
