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
    for first, last, entries in match_phrases(tokens, _keyword_index()):
        keywords.append(" ".join(t.text for t in tokens[first : last + 1]))
        weight_of = _said_weight(tokens, first, last, seen)
        for domain, weight in entries:
            scores[domain] += weight * weight_of
    for _, _, candidates in match_phrases(tokens, entity_index()):
        # A thing any business can have (pets, customers) says little about which one this is.
        anywhere = any("*" in catalog().entities[key].domains for key, _ in candidates)
        homes = {d for key, _ in candidates for d in catalog().entities[key].domains if d != "*"}
        for domain in homes:
            scores[domain] += (0.3 if anywhere else 1.0) / len(homes)
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
