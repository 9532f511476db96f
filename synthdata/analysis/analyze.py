"""The offline analyzer: a short pipeline from business text to an entity plan over the catalogue.

normalize → domain → entities → volumes → relationships → fill-in. Each stage is a small
function; :func:`analyze` runs them and returns the API reference's :class:`Analysis`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from synthdata.analysis.catalog import Catalog, EntityTemplate, catalog
from synthdata.analysis.naming import identifier, plural, singular
from synthdata.analysis.text import Mention, Number, Token, find_numbers, tokenize
from synthdata.analysis.uncatalogued import all_occurrences, find_unknown
from synthdata.errors import InvalidInputError
from synthdata.llm import LLMConfig
from synthdata.models import Analysis, Requirement

__all__ = ["EntityPlan", "Link", "Plan", "analyze", "plan_from_text"]

GENERAL = "general"
MAX_CONTEXT = 20_000
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


@dataclass
class Link:
    """A foreign key the plan wants: ``field`` in the child points at ``parent``."""

    field: str
    parent: str
    mean: float | None = None
    optional: bool = False


@dataclass
class EntityPlan:
    """One table to make: its template (if the catalogue knows it), volume and parents."""

    key: str
    table: str
    template: EntityTemplate | None
    mentioned: bool
    volume: int | None = None
    links: list[Link] = field(default_factory=list)
    reason: str = ""


@dataclass
class Plan:
    """Everything the analyzer decided, for :func:`synthdata.infer_schemas`."""

    domain: str
    entities: dict[str, EntityPlan]
    keywords: list[str]
    confidence: float
    #: The Faker locale the places in the text point to (None: the default).
    locale: str | None = None


# --- indexes over the catalogue -------------------------------------------------------------------


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(t.base for t in tokenize(phrase))


@lru_cache(maxsize=1)
def _entity_index() -> dict[tuple[str, ...], list[tuple[str, str | None]]]:
    """Phrase → (entity, domain limit) candidates; an entity's own name comes first."""
    index: dict[tuple[str, ...], list[tuple[str, str | None]]] = defaultdict(list)
    for template in catalog().entities.values():
        for position, (phrase, domain) in enumerate(template.phrases):
            entries = index[_words(phrase)]
            entries.insert(0 if position == 0 else len(entries), (template.key, domain))
    return dict(index)


@lru_cache(maxsize=1)
def _locale_index() -> dict[tuple[str, ...], list[tuple[str, float]]]:
    import tomllib
    from pathlib import Path

    path = Path(__file__).resolve().parent / "catalog" / "locales.toml"
    with path.open("rb") as handle:
        places = tomllib.load(handle)
    index: dict[tuple[str, ...], list[tuple[str, float]]] = defaultdict(list)
    for locale, names in places.items():
        for name in names:
            index[_words(name)].append((locale, 1.0))
    return dict(index)


def detect_locale(tokens: list[Token]) -> str | None:
    """The locale most places in the text belong to (Madrid → es_ES), or None."""
    votes: dict[str, int] = defaultdict(int)
    for _, _, entries in _scan(tokens, _locale_index()):
        for locale, _ in entries:
            votes[locale] += 1
    return max(sorted(votes), key=votes.__getitem__) if votes else None


@lru_cache(maxsize=1)
def _keyword_index() -> dict[tuple[str, ...], list[tuple[str, float]]]:
    index: dict[tuple[str, ...], list[tuple[str, float]]] = defaultdict(list)
    for spec in catalog().domains.values():
        for words, weight in [(k, 3.0) for k in spec.strong] + [(k, 1.0) for k in spec.weak]:
            index[_words(words)].append((spec.name, weight))
    return dict(index)


def _scan(tokens: list[Token], index: dict[tuple[str, ...], list]) -> list[tuple[int, int, list]]:
    """Longest-first phrase matches: (first token, last token, index entries)."""
    out = []
    i = 0
    while i < len(tokens):
        for n in (4, 3, 2, 1):
            if i + n > len(tokens) or tokens[i + n - 1].sentence != tokens[i].sentence:
                continue
            key = tuple(t.base for t in tokens[i : i + n])
            if key in index:
                out.append((i, i + n - 1, index[key]))
                i += n
                break
        else:
            i += 1
    return out


# --- stages ---------------------------------------------------------------------------------------


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
    for first, last, entries in _scan(tokens, _keyword_index()):
        keywords.append(" ".join(t.text for t in tokens[first : last + 1]))
        for domain, weight in entries:
            scores[domain] += weight
    for _, _, entries in _scan(tokens, _entity_index()):
        homes = {d for key, _ in entries for d in catalog().entities[key].domains if d != "*"}
        for domain in homes:
            scores[domain] += 1.0 / len(homes)
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


def _shorter(
    tokens: list[Token], first: int, last: int, domain: str
) -> tuple[int, list[tuple[str, str | None]]]:
    """The longest tail of a phrase that names an entity in this domain."""
    index = _entity_index()
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


def find_mentions(tokens: list[Token], domain: str) -> list[Mention]:
    """Catalogue entities named in the text, resolved for the domain."""
    cat = catalog()
    out: list[Mention] = []
    held: list[Mention] = []
    for first, last, entries in _scan(tokens, _entity_index()):
        if first == last and tokens[first].base in _SELF_WORDS and not tokens[first].plural:
            continue  # "a parcel company", "our firm": the business itself, not a table
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
_LINES = {
    "order_item": "order",
    "sale_item": "sale",
    "receipt_line": "inbound_receipt",
    "outbound_order_line": "outbound_order",
}


def _retarget_lines(mentions: list[Mention]) -> list[Mention]:
    keys = {m.key for m in mentions}
    out = []
    for m in mentions:
        header = _LINES.get(m.key)
        if header and header not in keys:
            other = next((line for line, h in _LINES.items() if h in keys), None)
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


# --- the plan -------------------------------------------------------------------------------------


def plan_from_text(context: str, domain_hint: str | None = None) -> Plan:
    """Run the offline pipeline and return the full plan."""
    if not isinstance(context, str) or not context.strip():
        msg = "context must be a non-empty description of the business"
        raise InvalidInputError(msg)
    if len(context) > MAX_CONTEXT:
        msg = f"context must be at most {MAX_CONTEXT} characters (got {len(context)})"
        raise InvalidInputError(msg)
    tokens = tokenize(context)
    domain, confidence, keywords, _ = score_domains(tokens, domain_hint)
    known = _retarget_lines(find_mentions(tokens, domain))
    unknown = all_occurrences(tokens, find_unknown(tokens, known), known)
    mentions = sorted(known + unknown, key=lambda m: m.first)
    volumes = attach_volumes(tokens, mentions, find_numbers(tokens))
    cat = catalog()
    order = list(dict.fromkeys(m.key for m in mentions))
    entities: dict[str, EntityPlan] = {}
    for key in order:
        template = cat.entities.get(key)
        table = template.table if template else plural(key)
        if any(e.table == table for e in entities.values()):
            continue
        if template is None:
            volume = volumes.get(key)
            entities[key] = EntityPlan(key, table, None, True, volume, reason="uncatalogued")
        else:
            entities[key] = _plan_entity(template, True, volumes.get(key))
    if len(entities) < 2:
        core = cat.domains[domain].core if domain in cat.domains else _GENERAL_CORE
        for key in core:
            entities.setdefault(key, _plan_entity(cat.entities[key], False, None, "core"))
    _add_implied_parents(entities, cat, domain)
    pairs = many_pairs(tokens, mentions)
    _add_links(entities, cat, pairs, domain)
    _resolve_links(entities, cat, phrase_links(tokens, mentions))
    words = [*keywords, *(k.replace("_", " ") for k in order)]
    return Plan(domain, entities, list(dict.fromkeys(words)), confidence, detect_locale(tokens))


def _plan_entity(
    template: EntityTemplate, mentioned: bool, volume: int | None, reason: str = "named"
) -> EntityPlan:
    return EntityPlan(template.key, template.table, template, mentioned, volume, reason=reason)


def _add_implied_parents(entities: dict[str, EntityPlan], cat: Catalog, domain: str) -> None:
    for plan in list(entities.values()):
        if plan.template is None:
            continue
        for spec in plan.template.parents:
            if spec.implied and not any(c in entities for c in spec.choices):
                # Prefer a parent this kind of business owns over a generic one.
                own = [c for c in spec.choices if domain in cat.entities[c].domains]
                homes = [c for c in spec.choices if cat.entities[c].native_to(domain)]
                parent = cat.entities[(own or homes or spec.choices)[0]]
                if any(e.table == parent.table for e in entities.values()):
                    continue
                if domain != GENERAL and not parent.native_to(domain):
                    continue  # a borrowed template's parents belong to another business
                entities[parent.key] = _plan_entity(parent, False, None, f"parent of {plan.table}")


def _linked(a: str, b: str, entities: dict[str, EntityPlan], cat: Catalog) -> bool:
    """Whether a template already relates a and b directly."""
    for child, parent in ((a, b), (b, a)):
        template = entities[child].template if child in entities else cat.entities.get(child)
        if template and any(parent in spec.choices for spec in template.parents):
            return True
    return False


def _add_links(
    entities: dict[str, EntityPlan], cat: Catalog, pairs: set[tuple[str, str]], domain: str
) -> None:
    """Many-to-many tables: a catalogue link when both ends are present and the text says "many"
    or one end would otherwise stand alone; a generic ``a_bs`` table for other "many" pairs."""
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
            entities[template.key] = _plan_entity(template, False, None, "many-to-many")
    for a, b in sorted(pairs):
        catalogued = any(
            t.link and {s.choices[0] for s in t.parents} == {a, b} for t in cat.entities.values()
        )
        if (b, a) in pairs and a < b and not _linked(a, b, entities, cat) and not catalogued:
            key = f"{a}_{b}"
            links = [Link(f"{a}_id", a), Link(f"{b}_id", b)]
            entities[key] = EntityPlan(
                key, f"{a}_{plural(b)}", None, False, links=links, reason="many-to-many"
            )


def _resolve_links(
    entities: dict[str, EntityPlan], cat: Catalog, extra: set[tuple[str, str, str]]
) -> None:
    """Turn template parents into foreign keys between the planned tables."""
    for plan in entities.values():
        if plan.template is None:
            continue
        seen = set()
        for spec in plan.template.parents:
            parent = next((c for c in spec.choices if c in entities), None)
            if parent is None:
                continue
            name = f"{spec.role or _key_name(entities[parent])}_id"
            if name in seen:
                continue
            seen.add(name)
            plan.links.append(Link(name, parent, spec.mean, spec.optional))
        if plan.template.self_ref:
            plan.links.append(Link(plan.template.self_ref, plan.key, None, True))
    for child, parent, role in sorted(extra):
        plan = entities.get(child)
        if plan is None or parent not in entities:
            continue
        name = f"{role + '_' if role else ''}{_key_name(entities[parent])}_id"
        if any(lk.field == name for lk in plan.links):
            continue
        if not role and any(lk.parent == parent for lk in plan.links):
            continue
        if _reaches(entities, parent, child):
            continue  # the text's link would close a cycle of required keys
        plan.links.append(Link(name, parent))


def _reaches(entities: dict[str, EntityPlan], start: str, target: str) -> bool:
    """Whether following foreign keys from ``start`` leads to ``target``."""
    seen, todo = set(), [start]
    while todo:
        key = todo.pop()
        if key == target:
            return True
        if key in seen or key not in entities:
            continue
        seen.add(key)
        todo += [lk.parent for lk in entities[key].links if lk.parent != key]
    return False


def _key_name(plan: EntityPlan) -> str:
    """The singular of a table name, as foreign keys say it (``order_items`` → ``order_item``)."""
    head, _, last = plan.table.rpartition("_")
    return f"{head}_{singular(last)}" if head else singular(last)


# --- the public function --------------------------------------------------------------------------


def analyze(
    context: str,
    domain_hint: str | None = None,
    model: str | LLMConfig | None = None,
    *,
    strict: bool = False,
) -> Analysis:
    """Read a business description and say what data it needs.

    Args:
        context: plain-English description, e.g. "Healthcare clinic with 200 patients".
        domain_hint: a domain to lean towards; clear evidence in the text still wins.
        model: a litellm model name (or :class:`synthdata.llm.LLMConfig`) that refines the
            analysis and writes the schemas; offline when None and ``SYNTHDATA_LLM_MODEL`` is
            unset. Token usage and cost are on ``analysis.llm_usage``.
        strict: raise LLMError when the model fails instead of falling back to offline (with
            a note in ``analysis.warnings``).

    Returns:
        The :class:`Analysis` (domain, confidence, requirements, keywords, suggested_schemas).

    Raises:
        InvalidInputError: the context is empty or too long.
        LLMError: ``strict`` and the model failed or never gave a valid answer.

    >>> a = analyze("Healthcare clinic with 200 patients needs patient records and appointments")
    >>> a.domain, [r.name for r in a.requirements]
    ('healthcare', ['patients', 'appointments', 'doctors'])
    """
    plan = plan_from_text(context, domain_hint)
    from synthdata.analysis.infer import plan_volumes_for

    volumes = plan_volumes_for(plan)
    requirements = [
        Requirement(name=e.table, description=_describe(e, plan), estimated_volume=str(volumes[k]))
        for k, e in plan.entities.items()
    ]
    analysis = Analysis(
        domain=plan.domain,
        confidence=plan.confidence,
        requirements=requirements,
        keywords=plan.keywords,
        suggested_schemas=[e.table for e in plan.entities.values()],
    )
    analysis._plan = plan
    config = LLMConfig.resolve(model, strict=strict)
    if config is None:
        return analysis
    from synthdata.analysis.infer import infer_schemas
    from synthdata.analysis.llm import analyze_with_fallback

    return analyze_with_fallback(config, context, domain_hint, analysis, infer_schemas(analysis))


def _describe(entity: EntityPlan, plan: Plan) -> str:
    noun = _key_name(entity).replace("_", " ")
    parents = [
        plan.entities[lk.parent].table.replace("_", " ")
        for lk in entity.links
        if lk.parent != entity.key
    ]
    text = f"{noun[:1].upper()}{noun[1:]} records"
    if parents:
        text += " linked to " + " and ".join(parents)
    if entity.reason and entity.reason != "named":
        text += f" ({entity.reason})"
    return text
