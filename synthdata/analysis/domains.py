"""The business domain: catalogue domains scored by the keywords and entities the text names."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from synthdata.analysis.catalog import catalog
from synthdata.analysis.entities import entity_index
from synthdata.analysis.text import Token, identifier, match_phrases, phrase_key

__all__ = ["GENERAL", "core_entities", "normalize_domain", "score_domains"]

GENERAL = "general"
_GENERAL_CORE = ("customer", "product", "order", "order_item")
_DOMAIN_ALIASES = {
    "medical": "healthcare",
    "health": "healthcare",
    "law": "legal",
    "banking": "finance",
    "fintech": "finance",
    "financial": "finance",
    "financial_services": "finance",
    "e_commerce": "ecommerce",
    "online_retail": "ecommerce",
    "human_resources": "hr",
    "recruiting": "hr",
    "property": "real_estate",
    "realestate": "real_estate",
    "hotel": "hospitality",
    "restaurant": "restaurants",
    "food_service": "restaurants",
    "software": "saas",
    "technology": "saas",
    "tech": "saas",
    "non_profit": "nonprofit",
    "charity": "nonprofit",
    "farming": "agriculture",
    "utilities": "energy",
    "telecommunications": "telecom",
    "tourism": "travel",
    "games": "gaming",
    "event": "events",
    "sport": "sports",
    "public_sector": "government",
    "manufacture": "manufacturing",
    "supply_chain": "logistics",
    "insurer": "insurance",
    "education_services": "education",
    "automobile": "automotive",
}


@lru_cache(maxsize=1)
def _keyword_index() -> dict[tuple[str, ...], list[tuple[str, float]]]:
    index: dict[tuple[str, ...], list[tuple[str, float]]] = defaultdict(list)
    for spec in catalog().domains.values():
        for words, weight in [(k, 3.0) for k in spec.strong] + [(k, 1.0) for k in spec.weak]:
            index[phrase_key(words)].append((spec.name, weight))
    return dict(index)


def normalize_domain(name: str | None) -> str | None:
    """A catalogue domain from a user's spelling (``Banking`` → ``finance``), or None."""
    if not name:
        return None
    key = identifier(name)
    key = _DOMAIN_ALIASES.get(key, key)
    return key if key in catalog().domains else None


def score_domains(
    tokens: list[Token], hint: str | None
) -> tuple[str, float, list[str], dict[str, float]]:
    """The best domain, a confidence in [0, 1], the keywords that spoke, and all scores."""
    scores: dict[str, float] = defaultdict(float)
    keywords: list[str] = []
    seen: dict[tuple[str, ...], int] = defaultdict(int)
    opening = _opening(tokens)
    for first, last, entries in match_phrases(tokens, _keyword_index()):
        if first == last and _verb(tokens, first):
            continue
        keywords.append(" ".join(t.text for t in tokens[first : last + 1]))
        weight_of = _said_weight(tokens, first, last, seen)
        if first < opening:
            weight_of *= OPENING_WEIGHT
        if _in_parens(tokens, first):
            weight_of *= PAREN_WEIGHT
        for domain, weight in entries:
            scores[domain] += weight * weight_of
    named: dict[tuple[str, ...], int] = defaultdict(int)
    for first, last, candidates in match_phrases(tokens, entity_index()):
        # A thing any business can have (pets, customers) says little about which one this is.
        anywhere = any("*" in catalog().entities[key].domains for key, _ in candidates)
        homes = {d for key, _ in candidates for d in catalog().entities[key].domains if d != "*"}
        weight = (0.3 if anywhere else 1.0) * _entity_said(tokens, first, last, named)
        for domain in homes:
            scores[domain] += weight / len(homes)
    hinted = normalize_domain(hint)
    if hinted:
        scores[hinted] += 4.0
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < 1.0:
        return hinted or GENERAL, 0.05 if not hinted else 0.3, keywords, dict(scores)
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    margin = (top - second) / top
    confidence = 0.3 + 0.45 * margin + 0.24 * min(1.0, top / 10.0)
    return best, round(min(0.99, confidence), 2), keywords, dict(scores)


#: How much more a keyword counts in the opening words, which name the business ("A recipe
#: website where …", "Our museum's loans register", "Indie film production company").
OPENING_WEIGHT = 1.5
#: The opening: the first sentence, up to this many words.
OPENING_WORDS = 8
# Words before a verb ("we store", "they book") and after one ("stores the date", "books a room").
_SUBJECTS = frozenset({"we", "they", "i", "you", "can", "will", "must", "may", "also", "who"})
_OBJECTS = frozenset(
    {"a", "an", "the", "their", "its", "our", "his", "her", "each", "every", "them", "it"}
)


def _opening(tokens: list[Token]) -> int:
    """The index of the first token after the opening words that name the business."""
    words = 0
    for i, token in enumerate(tokens):
        if token.sentence != tokens[0].sentence:
            return i
        words += token.word
        if words > OPENING_WORDS:
            return i
    return len(tokens)


def _verb(tokens: list[Token], i: int) -> bool:
    """A keyword said as a verb, not a noun: "each review stores the date", "we store orders",
    "the service stores observations"."""
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    before = tokens[i - 1].text if i > 0 else ""
    if before in _SUBJECTS:
        return True
    if not tokens[i].plural or after is None or after.sentence != tokens[i].sentence:
        return False
    if i > 0 and (before in _OBJECTS or not tokens[i - 1].word):  # "the stores", "200 patients"
        return False
    # "stores the date"; "books games", "stores observations": nouns seldom stand in a row
    # with the first one plural
    return after.text in _OBJECTS or (after.word and after.plural)


#: How much an entity named again counts: a register that says "loan" six times is no bank.
ENTITY_REPEAT = 0.5
#: How much a word inside parentheses counts: "(ISBN, title, publisher)" lists a record's fields,
#: which many kinds of business share, not the business itself.
PAREN_WEIGHT = 0.5


def _entity_said(
    tokens: list[Token], first: int, last: int, named: dict[tuple[str, ...], int]
) -> float:
    """How much one entity mention says about the business (see ENTITY_REPEAT, PAREN_WEIGHT)."""
    key = tuple(t.base for t in tokens[first : last + 1])
    named[key] += 1
    weight = 1.0 if named[key] == 1 else ENTITY_REPEAT
    return weight * (PAREN_WEIGHT if _in_parens(tokens, first) else 1.0)


def _in_parens(tokens: list[Token], i: int) -> bool:
    """Token ``i`` sits inside parentheses opened in its own sentence."""
    for t in reversed(tokens[:i]):
        if t.text == ")" or t.sentence != tokens[i].sentence:
            return False
        if t.text == "(":
            return True
    return False


def _said_weight(
    tokens: list[Token], first: int, last: int, seen: dict[tuple[str, ...], int]
) -> float:
    """How much one keyword match says about the business: a keyword said again adds less.

    A film production company that says "production" five times is not a factory; a service
    desk that says "ticket" six times is not a ticket office.
    """
    key = tuple(t.base for t in tokens[first : last + 1])
    seen[key] += 1
    return 1.0 if seen[key] == 1 else 0.25


def core_entities(domain: str) -> tuple[str, ...]:
    """The entities a business of this domain has even when the text names few."""
    cat = catalog()
    return cat.domains[domain].core if domain in cat.domains else _GENERAL_CORE
