"""The offline analyzer: a short pipeline from business text to a plan over the catalogue.

normalize → domain → entities → volumes → relationships → fill-in. Each stage is a small function
in its own module (:mod:`~synthdata.analysis.text`, :mod:`~synthdata.analysis.domains`,
:mod:`~synthdata.analysis.entities`, :mod:`~synthdata.analysis.uncatalogued`,
:mod:`~synthdata.analysis.relations`, :mod:`~synthdata.analysis.places`); :func:`plan_from_text`
runs them into a :class:`~synthdata.analysis.plan.Plan`, and :func:`analyze` returns the API
reference's :class:`~synthdata.Analysis` with that plan on it.
"""

from __future__ import annotations

from synthdata.analysis.catalog import catalog
from synthdata.analysis.domains import GENERAL, core_entities, score_domains
from synthdata.analysis.entities import (
    LINE_ITEMS,
    attach_volumes,
    entity_index,
    find_mentions,
    retarget_lines,
)
from synthdata.analysis.inflection import plural
from synthdata.analysis.models import Analysis, Requirement
from synthdata.analysis.places import detect_locale
from synthdata.analysis.plan import EntityPlan, Link, Plan, _reaches, resolve_links
from synthdata.analysis.relations import add_link_tables, many_pairs, phrase_links
from synthdata.analysis.text import Token, find_numbers, tokenize
from synthdata.analysis.uncatalogued import all_occurrences, find_unknown
from synthdata.errors import InvalidInputError
from synthdata.llm import LLMConfig

__all__ = ["MAX_CONTEXT", "analyze", "plan_from_text"]

MAX_CONTEXT = 20_000
#: Below this domain confidence the catalogue adds no tables the text does not name.
WEAK_DOMAIN = 0.45
#: A text naming this many entities names its own tables: the catalogue's implied parents are
#: not added, and a child left without any parent links to the entities the text names.
RICH_TEXT = 3


def plan_from_text(context: str, domain_hint: str | None = None) -> Plan:
    """Run the offline pipeline and return the full plan.

    Raises:
        InvalidInputError: the context is empty or too long.
    """
    _check_context(context)
    tokens = tokenize(context)
    domain, confidence, keywords, _ = score_domains(tokens, domain_hint)
    known = retarget_lines(find_mentions(tokens, domain))
    unknown = all_occurrences(tokens, find_unknown(tokens, known), known)
    mentions = sorted(known + unknown, key=lambda m: m.first)
    volumes = attach_volumes(tokens, mentions, find_numbers(tokens))
    order = list(dict.fromkeys(m.key for m in mentions))
    entities = _named_entities(order, volumes)
    if len(entities) < 2:
        for key in core_entities(domain):
            core = EntityPlan.from_template(catalog().entities[key], mentioned=False, reason="core")
            entities.setdefault(key, core)
    rich = sum(1 for e in entities.values() if e.mentioned) >= RICH_TEXT
    if rich or confidence < WEAK_DOMAIN:  # only parents the text itself names somewhere
        _add_implied_parents(entities, domain, _said(tokens))
    else:
        _add_implied_parents(entities, domain)
    add_link_tables(entities, many_pairs(tokens, mentions), domain)
    resolve_links(entities, phrase_links(tokens, mentions))
    if rich:
        _link_orphans(entities)
    words = [*keywords, *(k.replace("_", " ") for k in order)]
    return Plan(domain, entities, list(dict.fromkeys(words)), confidence, detect_locale(tokens))


def _check_context(context: object) -> None:
    if not isinstance(context, str) or not context.strip():
        msg = "context must be a non-empty description of the business"
        raise InvalidInputError(msg)
    if len(context) > MAX_CONTEXT:
        msg = f"context must be at most {MAX_CONTEXT} characters (got {len(context)})"
        raise InvalidInputError(msg)


def _named_entities(order: list[str], volumes: dict[str, int]) -> dict[str, EntityPlan]:
    """The entities the text names, in its order, one per table."""
    cat = catalog()
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
            entities[key] = EntityPlan.from_template(
                template, mentioned=True, volume=volumes.get(key)
            )
    return entities


def _said(tokens: list[Token]) -> set[str]:
    """Every catalogue entity any run of words in the text names, as a noun or not."""
    index = entity_index()
    bases = [t.base for t in tokens]
    return {
        key
        for n in (1, 2, 3, 4)
        for i in range(len(bases) - n + 1)
        for key, _ in index.get(tuple(bases[i : i + n]), [])
    }


def _add_implied_parents(
    entities: dict[str, EntityPlan], domain: str, allowed: set[str] | None = None
) -> None:
    """The catalogue's implied parents of the planned entities; with ``allowed``, only those."""
    cat = catalog()
    for plan in list(entities.values()):
        if plan.template is None:
            continue
        for spec in plan.template.parents:
            if spec.implied and not any(c in entities for c in spec.choices):
                # Prefer a parent this kind of business owns over a generic one.
                own = [c for c in spec.choices if domain in cat.entities[c].domains]
                homes = [c for c in spec.choices if cat.entities[c].native_to(domain)]
                parent = cat.entities[(own or homes or spec.choices)[0]]
                if allowed is not None:
                    named = [c for c in spec.choices if c in allowed]
                    if not named:
                        continue  # the text names no such parent: do not invent one
                    parent = cat.entities[named[0]]
                if any(e.table == parent.table for e in entities.values()):
                    continue
                if domain != GENERAL and not parent.native_to(domain):
                    continue  # a borrowed template's parents belong to another business
                reason = f"parent of {plan.table}"
                entities[parent.key] = EntityPlan.from_template(
                    parent, mentioned=False, reason=reason
                )


def _link_orphans(entities: dict[str, EntityPlan]) -> None:
    """A named child whose implied parents the text does not name links to the named entities
    that nothing else hangs from (leaves and loners), one per missing parent, in text order.

    "customers and their dogs, appointments and groomers": appointments take a dog and a
    groomer, not the catalogue's patient and doctor; "orders with order lines, books by authors":
    an order line takes a book.
    """
    parents = {
        lk.parent
        for e in entities.values()
        if not e.is_link  # a link table hanging from an entity leaves it free to be a parent
        for lk in e.links
        if lk.parent != e.key
    }
    for plan in list(entities.values()):
        if plan.template is None or not plan.mentioned or plan.is_link:
            continue
        wanted = sum(
            1
            for spec in plan.template.parents
            if spec.implied and not any(c in entities for c in spec.choices)
        )
        for other in list(entities.values()):
            if wanted <= 0:
                break
            if other is plan or not other.mentioned or other.is_link or other.key in parents:
                continue
            if other.key in LINE_ITEMS or any(lk.parent == other.key for lk in plan.links):
                continue  # an order line is no one's parent; one key per parent
            if other.template is not None and plan.key in {
                c for spec in other.template.parents for c in spec.choices
            }:
                continue
            if _reaches(entities, other.key, plan.key):
                continue  # a cycle
            plan.links.append(Link(f"{other.key_name}_id", other.key))
            parents.add(other.key)
            wanted -= 1


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
        The :class:`Analysis` (domain, confidence, requirements, keywords, suggested_schemas),
        with the analyzer's :class:`~synthdata.analysis.plan.Plan` on ``analysis.plan``.

    Raises:
        InvalidInputError: the context is empty or too long.
        LLMError: ``strict`` and the model failed or never gave a valid answer.

    >>> a = analyze("Healthcare clinic with 200 patients needs patient records and appointments")
    >>> a.domain, [r.name for r in a.requirements]
    ('healthcare', ['patients', 'appointments', 'doctors'])
    """
    plan = plan_from_text(context, domain_hint)
    volumes = plan.volumes()
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
        plan=plan,
    )
    config = LLMConfig.resolve(model, strict=strict)
    if config is None:
        return analysis
    from synthdata.analysis.llm import analyze_with_fallback  # only with a model

    return analyze_with_fallback(config, context, domain_hint, analysis)


def _describe(entity: EntityPlan, plan: Plan) -> str:
    noun = entity.key_name.replace("_", " ")
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
