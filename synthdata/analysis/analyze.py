"""The offline analyzer: a short pipeline from business text to a plan over the catalogue.

normalize → read → domain → entities → volumes → relationships → fill-in. The text comes first:
:mod:`~synthdata.analysis.reading` tags the words and finds the things the business keeps
records of and what the sentences say relates them; the catalogue
(:mod:`~synthdata.analysis.entities`, :mod:`~synthdata.analysis.domains`) recognises the things
it knows and enriches them (fields, typical parents, volumes), and adds tables only where the
text is too short to name them. :func:`plan_from_text` runs the stages into a
:class:`~synthdata.analysis.plan.Plan`, and :func:`analyze` returns the API reference's
:class:`~synthdata.Analysis` with that plan on it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from synthdata.analysis.catalog import catalog
from synthdata.analysis.domains import GENERAL, core_entities, score_domains
from synthdata.analysis.entities import (
    LINE_ITEMS,
    attach_volumes,
    entity_index,
    find_mentions,
    retarget_lines,
)
from synthdata.analysis.inflection import plural, singular
from synthdata.analysis.kinds import (
    GROUP_HEADS as _GROUP_HEADS,
    PLACE_HEADS as _PLACE_HEADS,
    examples_of_things,
    kinds_sharing_a_head,
    shared_heads,
)
from synthdata.analysis.models import Analysis, Requirement
from synthdata.analysis.naming import field_from_name
from synthdata.analysis.places import detect_locale
from synthdata.analysis.plan import (
    EntityPlan,
    Link,
    Plan,
    _reaches,
    drop_cycles,
    template_links,
    text_links,
)
from synthdata.analysis.reading import (
    EVENT_NOUNS,
    FIELD_WORDS,
    GENERIC_SINGULAR,
    PERSON_NOUNS,
    SELF_ROLES,
    LinkTable,
    Noun,
    Reading,
    SelfRef,
    TextLink,
    agent_noun,
    in_idiom,
    kinds_of_things,
    kinds_with_fields,
    lexicon,
    link_name,
    names_events,
    normalize,
    noted_events,
    other_names,
    person_word,
    read,
    recurring_events,
    relate,
    roles_in_apposition,
    roles_of_kinds,
    singular_key,
    staff_kinds,
    verb_lemma,
    what_things_are,
)
from synthdata.analysis.relations import add_link_tables, many_pairs, phrase_links
from synthdata.analysis.text import Mention, Token, find_numbers, phrase_key, tokenize
from synthdata.errors import InvalidInputError
from synthdata.llm import LLMConfig
from synthdata.schema import FieldType

__all__ = ["MAX_CONTEXT", "analyze", "plan_from_text"]

MAX_CONTEXT = 20_000
#: Below this domain confidence the catalogue adds no tables the text does not name.
WEAK_DOMAIN = 0.45
#: A text of at most this many words is too short to name every table: the catalogue adds its
#: domain's core tables beside the few it names ("city cycle hire with docking points").
SHORT_TEXT = 12
#: A text naming this many entities names its own tables: the catalogue's implied parents are
#: not added, and a child left without any parent links to the entities the text names.
RICH_TEXT = 3


def plan_from_text(context: str, domain_hint: str | None = None) -> Plan:
    """Run the offline pipeline and return the full plan.

    Raises:
        InvalidInputError: the context is empty or too long.
    """
    _check_context(context)
    tokens, read_as = normalize(tokenize(context))
    reading = read(tokens)
    domain, confidence, keywords, _ = score_domains(tokens, domain_hint)
    known = retarget_lines(find_mentions(tokens, domain))
    usable = domain if confidence >= WEAK_DOMAIN else None
    mentions, names, roles = _merge(tokens, reading, known, usable)
    mentions, typed = _one_table_for_kinds(tokens, reading.tags, mentions, names)
    said_keys = {m.key for m in mentions}
    mentions = [  # "co-authors" are authors when the text has authors
        replace(m, key=m.key[3:]) if m.key.startswith("co_") and m.key[3:] in said_keys else m
        for m in mentions
    ]
    for key, name in list(names.items()):
        if name.startswith("co_") and not key.startswith("co_") and key in said_keys:
            names[key] = name[3:]  # the owners' table, though "co-owners" was said last
    volumes = attach_volumes(tokens, mentions, find_numbers(tokens))
    order = list(dict.fromkeys(m.key for m in mentions))
    entities = _named_entities(order, volumes, names)
    for key in reading.carrying & entities.keys():
        if entities[key].template is None:
            entities[key].reason = "event"  # "every truckload of logs delivered"
    for key, values in typed.items():
        if key in entities:
            entities[key].attributes.append(("type", values))
    mentions = _same_table(mentions, entities, names)
    short = len([t for t in tokens if t.word]) <= SHORT_TEXT and confidence >= WEAK_DOMAIN
    if len(entities) < 2 or (short and len(entities) < RICH_TEXT):
        for key in _core_around(entities, core_entities(domain)):
            template = catalog().entities[key]
            if any(e.table == template.table for e in entities.values()):
                continue
            core = EntityPlan.from_template(template, mentioned=False, reason="core")
            entities.setdefault(key, core)
    rich = sum(1 for e in entities.values() if e.mentioned) >= RICH_TEXT
    if rich or confidence < WEAK_DOMAIN:  # only parents the text itself names somewhere
        _add_implied_parents(entities, domain, _said(tokens))
    else:
        _add_implied_parents(entities, domain)
    spans = [(m.key, m.first, m.last, roles.get(m.first, "")) for m in mentions]
    stated, link_tables, self_refs, attributes, listed = relate(tokens, reading.tags, spans)
    for word, lines in _lines_of_documents(entities, stated).items():
        mentions = [replace(m, key=lines) if m.key == word else m for m in mentions]
        spans = [(lines if s[0] == word else s[0], *s[1:]) for s in spans]
        _read_as(stated, word, lines)
        link_tables = [
            replace(t, a=lines if t.a == word else t.a, b=lines if t.b == word else t.b)
            for t in link_tables
        ]
        if word in attributes:
            attributes[lines] = attributes.pop(word)
    valued = _given_values(tokens, spans)
    _fields_not_tables(entities, listed, stated, link_tables, domain, valued, attributes)
    role_of = roles_of_kinds(tokens, spans)
    for kind, named, words, subject in roles_in_apposition(tokens, spans):
        role_of.update(dict.fromkeys((r for r in named if r != subject), kind))
        owners = [lk.child for lk in stated if lk.parent in named and lk.child != kind]
        owner = owners[0] if owners else subject
        if owner == kind or owner in named:
            continue
        for role in named:  # the role keys of the record that names them
            if role != owner and not any(lk.parent == role for lk in stated):
                stated.append(TextLink(owner, role, "", True))
        for word in words:  # "a captain and a first officer, both of them pilots"
            stated.append(TextLink(owner, kind, f"{word}_", True))
            if owner in entities:
                attrs = entities[owner].attributes
                attrs[:] = [a for a in attrs if a[0] != word]
    _roles_not_tables(entities, role_of, stated, self_refs)
    kinds = kinds_of_things(tokens, reading.tags, spans)
    kinds += examples_of_things(tokens, reading.tags, spans)
    _kinds_not_tables(entities, kinds, stated, self_refs)
    _value_words_not_tables(entities, tokens, spans, stated)
    _counts_not_tables(entities, tokens, spans, stated)
    _descriptions_not_tables(entities, what_things_are(tokens, spans), stated)
    for word, thing in other_names(tokens, spans).items():
        if word in entities and thing in entities:  # "shippers (they are our customers)"
            del entities[word]
            _read_as(stated, word, thing)
    link_tables = _one_staff(entities, staff_kinds(tokens, spans), stated, self_refs, link_tables)
    for key, fields in attributes.items():
        if key in entities:
            for name, choices in shared_heads(fields):
                parent = None if choices else _listed_entity(name, entities, domain)
                if parent is None:
                    attrs = entities[key].attributes
                    attrs[:] = [a for a in attrs if a[1] or singular(a[0]) != singular(name)]
                    attrs.append((name, choices))  # "modes" of a listed thing: its "mode"
                elif parent != key:
                    role = name if parent != name and person_word(name) else ""
                    stated.append(TextLink(key, parent, role, True))
    pairs = many_pairs(tokens, mentions) | {(t.a, t.b) for t in link_tables}
    add_link_tables(entities, pairs, domain)
    said = {(lk.child, lk.parent, lk.role) for lk in stated} | _modifier_parents(entities)
    strong = {(lk.child, lk.parent, lk.role) for lk in stated if lk.strong}
    strong |= _modifier_parents(entities)
    template_links(entities, lambda key: _stands_for(key, entities))
    _drop_contradicted(entities, strong)
    text_links(entities, strong, both_ways=True)  # said outright first: guesses must not block them
    text_links(entities, phrase_links(tokens, mentions) | said)
    _add_text_link_tables(entities, link_tables)
    _add_recurring_events(entities, recurring_events(tokens, reading.tags, spans))
    _add_noted_events(entities, noted_events(tokens, reading.tags, spans))
    _add_kinds_with_fields(entities, kinds_with_fields(tokens, reading.tags, spans))
    _pair_things(entities)
    _add_self_refs(entities, self_refs)
    if rich:
        sentences: dict[str, set[int]] = {}
        for m in mentions:
            sentences.setdefault(m.key, set()).add(tokens[m.first].sentence)
        _link_orphans(entities, {k for t in link_tables for k in (t.a, t.b)}, sentences)
    _line_tables(entities)
    _people_own_events(entities)
    _parties_of_events(entities, mentions, tokens, reading.tags)
    _two_sided_trade(entities)
    drop_cycles(entities)
    _drop_loners(entities, Counter(m.key for m in mentions), reading.things)
    _owners_by_class(entities, mentions, tokens, reading.tags, strong)
    _line_tables(entities)  # again, for goods the defaults above keyed to a document
    _goods_on_lines(entities)
    _people_paired_through_events(entities, strong)
    _paired_not_keyed(entities, link_tables, strong)
    _acts_on_passive_subjects(entities, mentions, tokens, reading.tags)
    _events_about_the_subject(entities, Counter(m.key for m in mentions))
    _no_keys_beside_links(entities, strong)
    _pairings_in_periods(entities)
    drop_cycles(entities)  # the defaults after the first pass must not close a cycle either
    words = [*keywords, *(k.replace("_", " ") for k in order)]
    warnings = _warnings(entities, domain, confidence)
    warnings += [f"read {typed!r} as {meant!r}" for typed, meant in read_as.items()]
    sure = _understood(entities, confidence)
    locale = detect_locale(tokens)
    return Plan(domain, entities, list(dict.fromkeys(words)), sure, locale, warnings)


def _one_table_for_kinds(
    tokens: list[Token], tags: list[str], mentions: list[Mention], names: dict[str, str]
) -> tuple[list[Mention], dict[str, tuple[str, ...]]]:
    """Kinds of one thing joined in a list ("group lessons and private lessons", "day and
    night shifts") are one table named by the head, its kinds the values of a type field.
    Returns the mentions read so, and the type values by entity."""
    typed: dict[str, tuple[str, ...]] = {}
    for idxs, head, values in kinds_sharing_a_head(tokens, tags, mentions):
        said = [mentions[i].key for i in idxs] + [  # and the bare head said elsewhere
            m.key for m in mentions if m.first == m.last and tokens[m.last].base == head
        ]
        keys = set(said)
        known = [k for k in said if k in catalog().entities]
        key = known[0] if known else head  # "lessons" the catalogue knows keep its fields
        for n, m in enumerate(mentions):
            if m.key in keys:
                mentions[n] = replace(m, key=key)
        for old in keys:
            names.pop(old, None)
        names[key] = plural(head)
        typed[key] = values
    return mentions, typed


def _fields_not_tables(
    entities: dict[str, EntityPlan],
    listed: dict[str, str],
    stated: list[TextLink],
    link_tables: list[LinkTable],
    domain: str,
    valued: frozenset[str] = frozenset(),
    fields: dict[str, list[tuple[str, tuple[str, ...]]]] | None = None,
) -> None:
    """Things the text names only among another thing's fields ("a box score line per player
    per game: minutes, points, rebounds") are fields of it, not tables, unless the catalogue
    knows them as records (and the text gives no values for them, nor reads them as a measure
    of the owner: "a budget", "average attendance"), they are people, or a sentence relates
    them."""
    fields = fields or {}
    for thing, owner in listed.items():
        entity = entities.get(thing)
        if entity is None or owner not in entities or person_word(thing):
            continue
        if "_" in thing and thing.rsplit("_", 1)[-1] in _PHRASAL_PARTICLES:
            continue  # "trade ins", "check-ins": acts, each a row, not a field
        read = {name for name, _ in fields.get(owner, [])}  # the reader made it a field
        as_field = bool({thing, entity.table} & read) or any(
            name.endswith(f"_{thing}") or name.startswith(f"{thing}_") for name in read
        )
        native = entity.template is not None and _native(thing, domain)
        if native and thing not in valued and not as_field:
            continue  # a kind of record of this business: the list links to it
        if any(thing in (t.a, t.b) for t in link_tables):
            continue
        if any(
            thing in (lk.child, lk.parent) and lk.strong and {lk.child, lk.parent} != {thing, owner}
            for lk in stated
        ):
            continue  # related otherwise than as the owner's field
        del entities[thing]
        stated[:] = [lk for lk in stated if thing not in (lk.child, lk.parent)]
        if not as_field:
            entities[owner].attributes.append((entity.table, ()))


#: The particle ending a noun made of a verb and its particle ("trade_in", "drop_off").
_PHRASAL_PARTICLES = frozenset({"in", "on", "up", "off", "out"})


def _roles_not_tables(
    entities: dict[str, EntityPlan],
    roles: dict[str, str],
    stated: list[TextLink],
    self_refs: list[SelfRef],
) -> None:
    """A role the text says is another thing it names ("an editor who is also a journalist",
    "sergeants are officers as well") is a row of that thing, not a table: what the text says
    of the role it says of the thing, and a key from the thing to the role is to itself
    ("every officer has a sergeant" → officers.sergeant_id)."""
    for role, kind in roles.items():
        if role not in entities or kind not in entities:
            continue
        del entities[role]
        if any({lk.child, lk.parent} == {role, kind} for lk in stated) and not any(
            r.entity == kind for r in self_refs
        ):
            self_refs.append(SelfRef(kind, role))
        _read_as(stated, role, kind, as_role=True)


def _read_as(stated: list[TextLink], word: str, thing: str, as_role: bool = False) -> None:
    """What the text relates to ``word`` it relates to ``thing`` (in place); a relation of the
    thing to itself goes. ``as_role``: a key to the word is a key to the thing in that role
    ("a manager who is an employee": the department's manager_id)."""
    stated[:] = [
        TextLink(
            thing if lk.child == word else lk.child,
            thing if lk.parent == word else lk.parent,
            f"{word}_" if as_role and lk.parent == word and not lk.role else lk.role,
            lk.strong,
        )
        for lk in stated
    ]
    stated[:] = [lk for lk in stated if lk.child != lk.parent]


def _kinds_not_tables(
    entities: dict[str, EntityPlan],
    kinds: list[tuple[str, str, tuple[str, ...]]],
    stated: list[TextLink],
    self_refs: list[SelfRef],
) -> None:
    """Kinds the text lists of a thing ("Staff are nurses, care assistants and cooks", "fires,
    floods and other incidents") are values of the thing's type field, not tables: what the
    text says of a kind it says of the thing."""
    typed: set[str] = set()
    for kind, thing, names in kinds:
        if thing not in entities:
            continue
        if thing not in typed:
            typed.add(thing)
            field_name = "role" if person_word(thing) else "type"
            entities[thing].attributes.append((field_name, names))
        if kind:  # "" for kinds the text names only as examples
            # "partner institutions are other museums": that statement relates nothing
            stated[:] = [lk for lk in stated if {lk.child, lk.parent} != {kind, thing}]
            _roles_not_tables(entities, {kind: thing}, stated, self_refs)


def _given_values(tokens: list[Token], spans: list[tuple[str, int, int, str]]) -> frozenset[str]:
    """Things named in the singular with their values in brackets: "a category (hardware,
    software, access)" is a field with these values, whatever the catalogue keeps as records."""
    out = set()
    for key, _first, last, _ in spans:
        if tokens[last].plural or last + 3 >= len(tokens) or tokens[last + 1].text != "(":
            continue
        if tokens[last + 3].text in {",", "/", "or"}:
            out.add(key)
    return frozenset(out)


#: Pairs of roles one person plays on either side of a marketplace.
_TRADE_SIDES = (("buyer", "seller"),)


def _two_sided_trade(entities: dict[str, EntityPlan]) -> None:
    """Buyers and sellers of one marketplace are its users in two roles ("sellers list items,
    buyers place bids"): one users table; a key to either side is a key to a user, named by
    its role (``seller_id``)."""
    for names in _TRADE_SIDES:
        found = [
            next((k for k, e in entities.items() if name in {k, singular(e.table)}), "")
            for name in names
        ]
        sides = [side for side in found if side]
        if len(sides) < len(names) or "user" in entities:
            continue
        template = catalog().entities.get("user")
        if template is not None:
            users = EntityPlan.from_template(template, mentioned=True)
        else:
            users = EntityPlan("user", "users", None, True, reason="named")
        for side, name in zip(sides, names, strict=True):
            more = [a for a in entities[side].attributes if a not in users.attributes]
            users.attributes.extend(more)
            del entities[side]
            for entity in entities.values():
                entity.links = [
                    replace(lk, parent="user", field=f"{name}_id") if lk.parent == side else lk
                    for lk in entity.links
                ]
        users.links = []
        entities["user"] = users


def _one_staff(
    entities: dict[str, EntityPlan],
    found: tuple[list[str], str, list[str]],
    stated: list[TextLink],
    self_refs: list[SelfRef],
    link_tables: list[LinkTable],
) -> list[LinkTable]:
    """Kinds of people put on duty together ("drivers and conductors are assigned to each
    run") are one table of staff with a role (the staff the text names as a body, else
    ``staff_members``); pairings of a kind with what they are assigned to become the staff's
    (``run_staff``)."""
    kinds, body, staffed = found
    kinds = [k for k in kinds if k in entities and k != body]
    if len(kinds) < 2:
        return link_tables
    if not body or body not in entities:
        body = "staff_member"
        entities.setdefault(body, EntityPlan(body, "staff_members", None, True, reason="named"))
    names = tuple(entities[k].table.replace("_", " ") for k in kinds)
    entities[body].attributes.append(("role", tuple(singular(n) for n in names)))
    _roles_not_tables(entities, dict.fromkeys(kinds, body), stated, self_refs)
    out: list[LinkTable] = []
    for t in link_tables:
        a, b = (body if t.a in kinds else t.a), (body if t.b in kinds else t.b)
        if (a, b) == (t.a, t.b):
            out.append(t)
            continue
        other = b if a == body else a
        table = replace(t, a=a, b=b, name=f"{other}_staff")
        if not any({x.a, x.b} == {a, b} for x in out):
            out.append(table)
    for thing in staffed:  # "each departure is staffed with ...": who works which departure
        if thing in entities and not any({x.a, x.b} == {thing, body} for x in out):
            out.append(LinkTable(thing, body, f"{thing}_staff"))
    return out


def _descriptions_not_tables(
    entities: dict[str, EntityPlan], described: dict[str, str], stated: list[TextLink]
) -> None:
    """What the text says a thing is, named only there ("a blend is a recipe of several lots")
    is the thing itself: what the sentence relates to the word it relates to the thing."""
    for word, thing in described.items():
        if word not in entities or thing not in entities or person_word(word):
            continue
        del entities[word]
        _read_as(stated, word, thing)


#: Words that name a choice among values, not a kind of record.
_VALUE_WORDS = frozenset(
    "role status type kind category level grade stage state priority severity mode gender sex "
    "rating outcome".split()
)


def _value_words_not_tables(
    entities: dict[str, EntityPlan],
    tokens: list[Token],
    spans: list[tuple[str, int, int, str]],
    stated: list[TextLink],
) -> None:
    """A word that names a choice ("role", "status", "type") given its values in brackets is a
    field, never a table, singular or plural: "a role per project (owner, editor, viewer)",
    "in different roles (plaintiff, defendant)". It goes to the thing named before it in the
    sentence."""
    for key, first, last, _ in spans:
        head = tokens[last].base  # the text's word ("a desk" may be the catalogue's category)
        if head not in _VALUE_WORDS or key not in entities:
            continue
        opening = next(
            (j for j in range(last + 1, min(len(tokens), last + 4)) if tokens[j].text == "("),
            None,
        )
        if (
            opening is None
            or opening + 2 >= len(tokens)
            or tokens[opening + 2].text
            not in {
                ",",
                "/",
                "or",
            }
        ):
            continue
        ends = range(opening, min(len(tokens), opening + 14))
        close = next((j for j in ends if tokens[j].text == ")"), None)
        if close is None:
            continue
        values = tuple(
            t.text for t in tokens[opening + 1 : close] if t.word and t.text not in {"or", "and"}
        )
        del entities[key]
        stated[:] = [lk for lk in stated if key not in (lk.child, lk.parent)]
        owner = next(
            (
                k
                for k, f, la, _ in sorted(spans, key=lambda m: -m[1])
                if la < first and tokens[la].sentence == tokens[first].sentence and k in entities
            ),
            None,
        )
        if owner is not None:
            entities[owner].attributes.append((singular(head), values))


#: Words that open the list of a thing's fields ("wards have a name, …", "stations (name, …)").
_FIELD_LEADS = frozenset({"(", ":", "have", "has", "with", "include", "includes"})


def _counts_not_tables(
    entities: dict[str, EntityPlan],
    tokens: list[Token],
    spans: list[tuple[str, int, int, str]],
    stated: list[TextLink],
) -> None:
    """A thing the text names only as a number of it in another's fields ("wards have a name,
    a floor and a number of beds", "stations (name, number of platforms)") is a count of the
    thing before it in the sentence (``bed_count``), not a table. "Any number of" and "with a
    number of" say how many rows, not a field."""
    counted: dict[str, list[tuple[int, int]]] = {}
    for key, first, last, _ in spans:
        counted.setdefault(key, [])
        j = first - 1
        if j < 2 or tokens[j].text != "of" or tokens[j - 1].text != "number":
            continue
        before = tokens[j - 2].text
        lead = tokens[j - 3].text if j >= 3 else ""
        if before in {"the", ",", "(", "and", ":"} or (before == "a" and lead in {",", "and"}):
            counted[key].append((first, last))
    for key, first, last, _ in spans:
        if key not in entities or not counted[key]:
            continue
        if len(counted[key]) < sum(1 for k, *_ in spans if k == key):
            continue  # named as a thing elsewhere too
        earlier = [
            (k, la)
            for k, f, la, _ in sorted(spans, key=lambda m: -m[1])
            if la < first and tokens[la].sentence == tokens[first].sentence and k in entities
        ]
        heads = [k for k, la in earlier if _FIELD_LEADS & {t.text for t in tokens[la + 1 : first]}]
        owner = next(iter(heads or [k for k, _ in earlier]), None)
        if owner is None or owner == key:
            continue
        del entities[key]
        stated[:] = [lk for lk in stated if key not in (lk.child, lk.parent)]
        words = [tokens[i].base for i in range(first, last + 1) if tokens[i].word]
        entities[owner].attributes.append(("_".join([*words, "count"]), ()))


def _core_around(entities: dict[str, EntityPlan], core: tuple[str, ...]) -> list[str]:
    """The domain's core tables that belong with the few the text names: the core tables that
    record something about them (and so on down), and the parents of all of these ("gym
    memberships and check-ins" gets members, not the class timetable). With nothing named, the
    whole core.
    """
    named = {key for key in entities if key in catalog().entities}

    def parents(key: str) -> set[str]:
        template = catalog().entities.get(key)
        if template is None:
            return set()
        return {c for p in template.parents for c in p.choices}

    keep = set(named)
    grown = True
    while grown:  # what the named things have: their children, grandchildren, ...
        more = {key for key in core if parents(key) & keep} - keep
        keep |= more
        grown = bool(more)
    grown = True
    while grown:  # and who those belong to
        more = set().union(*(parents(key) & set(core) for key in keep)) - keep
        keep |= more
        grown = bool(more)
    if keep & set(core):
        return [key for key in core if key in keep]
    # The core is about another side of the business: the text named its own part ("animal
    # shelter adoptions" is not about donors) unless it names too little to stand alone.
    with_parents = set(named)
    for key in named:
        with_parents |= parents(key)
    if len(entities) >= 2:
        return []  # "mentors coach apprentices" is not a gym's timetable with two new names
    return list(core) if len(with_parents) < RICH_TEXT else []


def _understood(entities: dict[str, EntityPlan], domain_confidence: float) -> float:
    """How much of the text the analyzer understood, in [0, 1]: the strength of the domain
    evidence and the share of the tables the text names that it either recognises from the
    catalogue or can relate to the others."""
    named = [e for e in entities.values() if e.mentioned]
    if not named:
        return round(domain_confidence, 2)
    placed = sum(1 for e in named if e.template is not None or _related(e, entities))
    coverage = placed / len(named)
    return round(min(0.99, 0.6 * domain_confidence + 0.4 * coverage), 2)


def _related(entity: EntityPlan, entities: dict[str, EntityPlan]) -> bool:
    return any(lk.parent != entity.key for lk in entity.links) or any(
        lk.parent == entity.key for e in entities.values() if e is not entity for lk in e.links
    )


def _warnings(entities: dict[str, EntityPlan], domain: str, confidence: float) -> list[str]:
    """What the analyzer could not place, as notes a user can act on."""
    notes = []
    if confidence < WEAK_DOMAIN:
        closest = domain if domain != GENERAL else "no catalogue domain"
        notes.append(
            f"The description matches no business the catalogue knows well (closest: {closest}, "
            f"{confidence:.2f}); tables come from the text alone."
        )
    for e in entities.values():
        if e.mentioned and e.template is None and not _related(e, entities):
            noun = e.table.replace("_", " ")
            notes.append(
                f"'{noun}': kept as a table, but the text does not say how it relates to the "
                "others; it has no foreign keys."
            )
    return notes


def _check_context(context: object) -> None:
    if not isinstance(context, str) or not context.strip():
        msg = "context must be a non-empty description of the business"
        raise InvalidInputError(msg)
    if len(context) > MAX_CONTEXT:
        msg = f"context must be at most {MAX_CONTEXT} characters (got {len(context)})"
        raise InvalidInputError(msg)


def _merge(
    tokens: list[Token], reading: Reading, known: list[Mention], domain: str | None
) -> tuple[list[Mention], dict[str, str], dict[int, str]]:
    """The catalogue's mentions that the text uses as names of records, and the things only the
    text names.

    Returns the mentions in text order, the text's own table names for catalogue entities it
    names differently ("instructors" for the catalogue's teachers, "till shifts" for shifts),
    and the role of mentions that name a thing in a role ("a pickup stop"), by first token.
    """
    nouns = {n.last: n for n in reading.nouns}
    modifiers = {i for n in reading.nouns for i in range(n.first, n.last)}
    things = _aliases(reading.things)
    for variant, key in reading.variants.items():
        if key in things:
            things[variant] = things[key]
    mentions: list[Mention] = []
    names: dict[str, str] = {}
    roles: dict[int, str] = {}
    catalogued: dict[str, str] = {}  # the text's key → the catalogue's
    for m in known:
        if m.first in reading.opening:
            if len(reading.things) >= 2:
                continue  # "Dog boarding kennel with ...": the business, not a table
            mentions.append(m)  # "a multi screen movie theatre": its main table
            continue
        if reading.tags[m.last] not in {"NOUN", "PROPN", "GER", "ADJ"}:
            continue  # the reader sees a verb there ("A brewery tracks batches")
        if m.last in modifiers:
            continue  # "car" in "surface car parks": the phrase's head decides
        noun = nouns.get(m.last)
        if noun is not None and noun.example:
            continue
        thing = things.get(noun.key) if noun is not None else None
        if noun is not None and (
            (thing is None and not m.plural and noun.lead in _DETERMINERS)
            or in_idiom(tokens, reading.tags, noun)
        ):
            continue  # "in a chosen order": a word in passing, not a kind of record
        if noun is not None and noun.first < m.first and not _native(m.key, domain):
            continue  # "pipe segments" are not the catalogue's trip segments
        m = _shortened(m, noun, thing, catalogued)
        mentions.append(m)
        if noun is None or thing is None:
            continue
        text_key, role = thing
        if role:
            roles[m.first] = role
            continue
        catalogued.setdefault(text_key, m.key)
        if text_key.rsplit("_", 1)[-1] in _RECORD_WORDS and text_key.startswith(f"{m.key}_"):
            continue  # "patient records" are the patients
        extra = [w for w in text_key.split("_")[:-1] if w not in m.key.split("_")]
        if any(_parent_word(w, m.key) for w in extra):
            continue  # "customer accounts": accounts that customers hold
        if noun.first <= m.first and m.key not in names:
            template = catalog().entities.get(m.key)
            own_key = singular_key(template.table) if template is not None else ""
            own = things.get(own_key, ("", ""))[0] == own_key
            if template is not None and template.table != plural(text_key) and not own:
                names[m.key] = plural(text_key)
    covered = {i for m in mentions for i in range(m.first, m.last + 1)}
    for noun in reading.nouns:
        thing = things.get(noun.key)
        if thing is None or noun.last in covered or noun.example or noun.first in reading.opening:
            continue
        if in_idiom(tokens, reading.tags, noun):
            continue
        key, role = thing
        if role:
            roles[noun.first] = role
        key = catalogued.get(key, key)
        mentions.append(Mention(key, noun.first, noun.last, noun.plural))
    return sorted(mentions, key=lambda m: m.first), names, roles


def _shortened(
    m: Mention, noun: Noun | None, thing: tuple[str, str] | None, catalogued: dict[str, str]
) -> Mention:
    """A bare head that shortens a longer thing named before ("reward tiers ... a tier") is
    that thing, not another catalogue entity the head alone names (tier → plan)."""
    if noun is None or thing is None or thing[1] or thing[0] == noun.key:
        return m
    key = catalogued.get(thing[0])
    return m if key is None or key == m.key else replace(m, key=key)


def _native(key: str, domain: str | None) -> bool:
    """Whether a catalogue entity belongs to the business the text is clearly about."""
    template = catalog().entities.get(key)
    return template is not None and domain is not None and template.native_to(domain)


_RECORD_WORDS = frozenset("record detail information data file profile entry list".split())
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "our", "his", "her", "this"})


def _listed_entity(name: str, entities: dict[str, EntityPlan], domain: str) -> str | None:
    """The table a listed field names ("each hearing has a case, courtroom and judge": the
    courtroom is a table the hearing points at), added to the plan if need be; None for a
    field."""
    if name in FIELD_WORDS or name.rsplit("_", 1)[-1] in FIELD_WORDS or name.count("_") > 1:
        return None
    if field_from_name(name).type is not FieldType.STRING:
        return None  # a date, an amount, a code: a field
    for e in entities.values():
        if e.key_name == name or e.key == name:
            return e.key
    candidates = [
        k
        for k, d in entity_index().get(phrase_key(name.replace("_", " ")), [])
        if d is None or d == domain
    ]
    if candidates:
        template = catalog().entities[candidates[0]]
        if template.key not in entities and template.native_to(domain):
            entities[template.key] = EntityPlan.from_template(
                template, mentioned=True, reason="named"
            )
            entities[template.key].table = plural(name)
            return template.key
    if "_" not in name and person_word(name) and name not in entities:
        # "the requester", "the assigned agent": a person the row points at, one of the
        # people the text keeps a table of ("users (…); issues (reporter, assignee)")
        people = [k for k in entities if k.rsplit("_", 1)[-1] in _PEOPLE_TABLES]
        return people[0] if len(people) == 1 else None
    return None


#: Tables of everyone a system knows, whose rows play the roles a field list names.
_PEOPLE_TABLES = frozenset({"user", "employee", "member", "person", "staff"})


def _parent_word(word: str, key: str) -> bool:
    """Whether ``word`` names one of the catalogue entity ``key``'s typical parents."""
    template = catalog().entities.get(key)
    if template is None:
        return False
    parents = {c for spec in template.parents for c in spec.choices}
    return any(k in parents for k, _ in entity_index().get((word,), []))


def _aliases(things: dict[str, float]) -> dict[str, tuple[str, str]]:
    """Each thing's key and role: a bare head ("report") stands for the one longer thing it
    shortens ("leak report"); a longer phrase said in passing ("a pickup stop") names a thing
    the text keeps on its own ("stops") in a role (``pickup``)."""
    out = {t: (t, "") for t in things}
    tails: dict[str, list[str]] = {}
    for t in things:
        if t.count("_") >= 2:
            tails.setdefault(t.split("_", 1)[1], []).append(t)
    for tail, longer in tails.items():
        if len(longer) >= 2:  # "surface car parks", "airport car parks": car parks
            for t in longer:
                out[t] = (tail, "")
    for t, vote in things.items():
        if out[t][0] != t:
            continue
        if "_" in t:
            role, _, head = t.rpartition("_")
            if head in things and things[head] >= 1.0:
                if vote < 1.0:
                    out[t] = (head, role)  # "a pickup stop"
                elif role.endswith("ing") and "_" not in role:
                    out[t] = (head, "")  # "paying customers" are customers
            continue
        longer = [
            u
            for u in things
            if u.endswith(f"_{t}")
            # a generic head ("each application") shortens the longer name it has
            and things[u] >= (min(vote, 1.0) if t in GENERIC_SINGULAR else vote)
            and not u.split("_", 1)[0].endswith("ing")
            and u.split("_", 1)[0] not in SELF_ROLES  # "prerequisite courses" are courses
        ]
        if len(longer) == 1:
            out[t] = (longer[0], "")
    return out


def _add_text_link_tables(entities: dict[str, EntityPlan], tables: list[LinkTable]) -> None:
    """Link and event tables the sentences call for, or their keys on a table the text or the
    catalogue already has under that name ("enrolments", "bookings")."""
    for t in tables:
        if t.a not in entities or t.b not in entities:
            continue
        reason = "many-to-many" if t.kind == "link" else "event"
        if t.a != t.b and any(
            e.reason == reason
            and {lk.parent for lk in e.links} >= {t.a, t.b}
            and not _other_act(e, t)
            for e in entities.values()
        ):
            continue
        a, b = entities[t.a], entities[t.b]
        if t.kind == "link" and t.name == link_name("", t.a, t.b):
            # named after both ends as the text names them (guardians, not parent_guardians)
            t = replace(t, name=link_name("", a.key_name, b.key_name))
        elif t.kind == "link" and t.name == f"{t.b}_{plural(t.a)}":
            # "referees are assigned to every game": game_referees, not match_referees
            t = replace(t, name=f"{b.key_name}_{plural(a.key_name)}")
        elif t.kind == "link" and t.name.startswith(f"{t.b}_"):
            # "which lessons each learner has completed": lesson_completions
            t = replace(t, name=f"{b.key_name}_{t.name[len(t.b) + 1 :]}")
        elif t.kind == "event" and t.name.startswith(f"{t.a}_"):
            # "each dish is judged by several judges": dish_judgings, not menu_item_judgings
            t = replace(t, name=f"{a.key_name}_{t.name[len(t.a) + 1 :]}")
        elif t.kind == "event" and t.name.startswith(f"{t.b}_"):
            t = replace(t, name=f"{b.key_name}_{t.name[len(t.b) + 1 :]}")  # race_entries
        key = singular_key(t.name)
        existing = _named(entities, t.name) or _bare_act(entities, t, a)
        if t.a == t.b:
            role = singular(t.name.rsplit("_", 1)[-1])
            fields = [f"dependent_{a.key_name}_id", f"{role}_{a.key_name}_id"]
        else:
            fields = [f"{a.key_name}_id", f"{b.key_name}_id"]
            if t.kind == "link":  # the pairing replaces a single key either way
                a.links = [lk for lk in a.links if lk.parent != t.b]
                b.links = [lk for lk in b.links if lk.parent != t.a]
        links = [Link(fields[0], t.a), Link(fields[1], t.b)]
        if t.roles:
            links = [links[0], *_role_links(t, b, a)]
        if existing is not None:
            if existing.is_link and t.kind == "link" and existing.template is not None:
                existing.links = []  # the text says which two things this one pairs
            for lk in links:
                taken = any(x.parent == lk.parent or x.field == lk.field for x in existing.links)
                if lk.parent != existing.key and not taken:
                    existing.links.append(lk)
            existing.attributes += [x for x in t.attributes if x not in existing.attributes]
            continue
        template = catalog().entities.get(key) if t.kind == "event" else None
        if template is not None and template.table == t.name:
            # "backers pledge to a tier": the catalogue's pledges, on its campaign as well
            for spec in template.parents:
                parent = next((c for c in spec.choices if c in entities), None)
                if parent is not None and not any(lk.parent == parent for lk in links):
                    name = f"{spec.role or entities[parent].key_name}_id"
                    links.append(Link(name, parent, spec.mean, spec.optional))
        entities[key] = EntityPlan(
            key, t.name, template, False, links=links, reason=reason, attributes=list(t.attributes)
        )


def _bare_act(
    entities: dict[str, EntityPlan], table: LinkTable, a: EntityPlan
) -> EntityPlan | None:
    """The table the text names for an act on a thing by the act alone ("inspectors inspect
    restaurants; inspections record violations": inspections, not restaurant_inspections)."""
    if table.kind != "event" or not table.name.startswith(f"{a.key_name}_"):
        return None
    bare = table.name[len(a.key_name) + 1 :]
    found = next((e for e in entities.values() if e.table == bare), None)
    if found is None or not found.mentioned or not names_events(singular_key(bare)):
        return None  # ("with a mark": a field, not the act's table)
    return found


def _role_links(table: LinkTable, b: EntityPlan, a: EntityPlan) -> list[Link]:
    """The keys to ``b`` of an event that has it in several roles ("moved between paddocks":
    from_paddock_id, to_paddock_id), and the start/end keys ``a`` had to ``b`` taken off."""
    a.links = [lk for lk in a.links if lk.parent != table.b]
    return [Link(f"{role}_{b.key_name}_id", table.b) for role in table.roles]


def _add_recurring_events(
    entities: dict[str, EntityPlan], events: list[tuple[str, str, tuple[str, ...]]]
) -> None:
    """Acts done to one thing again and again are rows of their own, keyed to the thing (and
    to who does them): "each calf is weighed monthly" → calf_weighings with calf_id and a time;
    "members renew their memberships each year" → membership_renewals. A table the text already
    has for the act ("inspections") takes the key instead."""
    for thing, noun, parties in events:
        if thing not in entities or _is_event(entities[thing]) or entities[thing].is_link:
            continue
        owner = entities[thing]
        name = plural(noun)
        existing = next(
            (e for e in entities.values() if e.table == name or e.table.endswith(f"_{name}")),
            None,
        )
        links = [Link(f"{owner.key_name}_id", thing)]
        for party in dict.fromkeys(parties):
            if party in entities and party != thing and not _is_event(entities[party]):
                links.append(Link(f"{entities[party].key_name}_id", party))
        if existing is not None:
            for lk in links:
                if not any(x.parent == lk.parent for x in existing.links):
                    existing.links.append(lk)
            continue
        table = f"{owner.key_name}_{name}"
        key = singular_key(table)
        if key not in entities:
            entities[key] = EntityPlan(key, table, None, False, links=links, reason="event")


def _add_noted_events(
    entities: dict[str, EntityPlan], events: list[tuple[str, tuple[str, ...]]]
) -> None:
    """A thing of a catalogue done again and again, each time a row naming it among others:
    "whenever a repair is done we record the car, the repair and the mechanic" →
    car_repairs keyed to the car, the repair and the mechanic; the repairs stay a catalogue
    and lose the keys the clause had given them."""
    for thing, parties in events:
        if thing not in entities or _is_event(entities[thing]) or entities[thing].is_link:
            continue
        others = [p for p in parties if p in entities and p != thing]
        if not others:
            continue
        owner = entities[thing]
        table = f"{entities[others[0]].key_name}_{owner.table}"
        key = singular_key(table)
        if key in entities or any(e.table == table for e in entities.values()):
            continue
        links = [Link(f"{entities[p].key_name}_id", p) for p in others]
        links.insert(1, Link(f"{owner.key_name}_id", thing))
        owner.links = [lk for lk in owner.links if lk.parent not in others]
        entities[key] = EntityPlan(key, table, None, False, links=links, reason="event")


def _add_kinds_with_fields(
    entities: dict[str, EntityPlan], kinds: list[tuple[str, str, tuple[str, ...]]]
) -> None:
    """A kind named among a record's fields with fields of its own ("instance type (vCPUs,
    memory, hourly price)"): a table of the kinds with those fields, the record keyed to it."""
    for owner_key, kind, fields in kinds:
        if owner_key not in entities or kind in entities:
            continue
        table = plural(kind)
        if any(e.table == table for e in entities.values()):
            continue
        owner = entities[owner_key]
        for e in entities.values():  # a field no more, whoever the list was read as
            e.attributes = [a for a in e.attributes if a[0] != kind]
        template = catalog().entities.get(kind)
        entities[kind] = EntityPlan(
            kind,
            table,
            template if template is not None and template.table == table else None,
            True,
            attributes=[(f, ()) for f in fields],
            reason="kind",
        )
        owner.links.append(Link(f"{kind}_id", kind))


def _other_act(entity: EntityPlan, table: LinkTable) -> bool:
    """Whether an event table is another act than ``entity`` between the same two things
    ("technicians install and inspect boilers": installations and inspections)."""
    return table.kind == "event" and entity.table != table.name


_PAIR_HEADS = frozenset("pair combination mapping link association match".split())


def _modifier_parents(entities: dict[str, EntityPlan]) -> set[tuple[str, str, str]]:
    """A table named after another one holds its key: "course sections" belong to a course,
    "invoice line items" to an invoice; a kind named after one is its parent ("room types")."""
    by_name = {e.key_name: e.key for e in entities.values()}
    out = set()
    for e in entities.values():
        words = e.table.split("_")[:-1]
        if not e.mentioned or not words or e.is_link or words[-1] in _PAIR_HEADS:
            continue
        kind = singular(e.table.rsplit("_", 1)[-1]) in _KIND_HEADS
        for n in range(len(words), 0, -1):
            parent = by_name.get("_".join(words[:n]))
            if parent is not None and parent != e.key:
                # "room types" are the rooms' kinds: each room holds its type
                out.add((parent, e.key, "") if kind else (e.key, parent, ""))
                break
    return out


def _pair_things(entities: dict[str, EntityPlan]) -> None:
    """A "chemical-protein pair" the text names is the link between chemicals and proteins:
    the pairing the sentence already made, or a link table of its own."""
    by_name = {e.key_name: e.key for e in entities.values()}
    for key, e in list(entities.items()):
        words = e.table.split("_")
        if e.template is not None or len(words) < 3 or singular(words[-1]) not in _PAIR_HEADS:
            continue
        ends = [by_name.get(w) for w in words[:-1]]
        if len(ends) != 2 or None in ends or ends[0] == ends[1]:
            continue
        a, b = str(ends[0]), str(ends[1])
        made = next(
            (
                x
                for x in entities.values()
                if x is not e
                and x.reason == "many-to-many"
                and {lk.parent for lk in x.links} == {a, b}
            ),
            None,
        )
        if made is not None:
            made.attributes += [x for x in e.attributes if x not in made.attributes]
            del entities[key]
            for other in entities.values():
                other.links = [lk for lk in other.links if lk.parent != key]
            continue
        e.reason = "many-to-many"
        e.links = [Link(f"{entities[a].key_name}_id", a), Link(f"{entities[b].key_name}_id", b)]


def _named(entities: dict[str, EntityPlan], table: str) -> EntityPlan | None:
    """The planned table called ``table`` or a catalogue synonym of it (enrolments,
    enrollments)."""
    key = singular_key(table)
    for e in entities.values():
        if e.table == table or e.key == key:
            return e
    for candidate, _ in entity_index().get(phrase_key(table.replace("_", " ")), []):
        if candidate in entities:
            return entities[candidate]
    return None


def _drop_contradicted(entities: dict[str, EntityPlan], said: set[tuple[str, str, str]]) -> None:
    """A catalogue key the text reverses ("policyholders own vehicles": the vehicle holds the
    policyholder's key, not the other way) is dropped."""
    reverse = {(parent, child) for child, parent, _ in said} - {(c, p) for c, p, _ in said}
    for plan in entities.values():
        plan.links = [lk for lk in plan.links if (plan.key, lk.parent) not in reverse]


def _add_self_refs(entities: dict[str, EntityPlan], refs: list[SelfRef]) -> None:
    for ref in refs:
        plan = entities.get(ref.entity)
        if plan is None or any(lk.parent == plan.key for lk in plan.links):
            continue
        name = (
            f"{ref.role}_{plan.key_name}_id"
            if ref.role in {"parent", "previous"}
            else f"{ref.role}_id"
        )
        plan.links.append(Link(name, plan.key, None, True))


def _named_entities(
    order: list[str], volumes: dict[str, int], names: dict[str, str]
) -> dict[str, EntityPlan]:
    """The entities the text names, in its order, one per table."""
    cat = catalog()
    entities: dict[str, EntityPlan] = {}
    for key in order:
        template = cat.entities.get(key)
        table = names.get(key) or (template.table if template else plural(key))
        if any(e.table == table for e in entities.values()):
            continue
        if template is None:
            volume = volumes.get(key)
            entities[key] = EntityPlan(key, table, None, True, volume, reason="uncatalogued")
        else:
            entities[key] = EntityPlan.from_template(
                template, mentioned=True, volume=volumes.get(key)
            )
            entities[key].table = table
    return entities


def _same_table(
    mentions: list[Mention], entities: dict[str, EntityPlan], names: dict[str, str]
) -> list[Mention]:
    """Mentions of a table under another key name it by that table's key: "each exam" after
    "eye exams" is a mention of eye_exam, so what its sentence says holds for eye exams."""
    cat = catalog()
    by_table = {e.table: key for key, e in entities.items()}
    out = []
    for m in mentions:
        if m.key not in entities:
            template = cat.entities.get(m.key)
            table = names.get(m.key) or (template.table if template else plural(m.key))
            if table in by_table:
                m = replace(m, key=by_table[table])
        out.append(m)
    return out


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
    """The catalogue's implied parents of the planned entities, two levels up (a charging
    session's connector and that connector's charger); with ``allowed``, only those."""
    for _ in range(2):
        before = len(entities)
        _implied_parents_once(entities, domain, allowed)
        if len(entities) == before:
            break


def _implied_parents_once(
    entities: dict[str, EntityPlan], domain: str, allowed: set[str] | None
) -> None:
    cat = catalog()
    for plan in list(entities.values()):
        if plan.template is None:
            continue
        for spec in plan.template.parents:
            if spec.implied and not any(c in entities for c in spec.choices):
                if any(_stands_for(c, entities) for c in spec.choices):
                    continue  # the text's "tickets" are the catalogue's support tickets
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


def _stands_for(key: str, entities: dict[str, EntityPlan]) -> str | None:
    """The planned table that a catalogue entity's own phrases name ("ticket" for support
    tickets), when the catalogue entity itself is not planned."""
    template = catalog().entities.get(key)
    if template is None or key in entities:
        return None
    phrases = {phrase.replace(" ", "_") for phrase, _ in template.phrases}
    for e in entities.values():
        if e.key_name in phrases:
            return e.key
    return None


#: Documents that list goods line by line ("orders for products": order items).
_DOCUMENTS = {
    **dict.fromkeys("order sale check cart basket delivery shipment consignment".split(), "items"),
    **dict.fromkeys("invoice bill receipt requisition quote quotation".split(), "lines"),
}


def _lines_of_documents(entities: dict[str, EntityPlan], stated: list[TextLink]) -> dict[str, str]:
    """Bare "items" or "lines" that the text says a document has ("an order has several
    items", "invoices with lines") are that document's lines, named after it (order_items),
    not whatever else the catalogue calls items. Renames the entities in place and returns the
    old key → the new."""
    out: dict[str, str] = {}
    for lk in stated:
        item, doc = entities.get(lk.child), entities.get(lk.parent)
        if not lk.strong or item is None or doc is None or lk.child in out:
            continue
        head = singular(doc.table.rsplit("_", 1)[-1])
        if item.table not in _LINE_WORDS or head not in _DOCUMENTS:
            continue
        name = f"{doc.key_name}_{item.table}"
        key = singular_key(name)
        if key in entities or _named(entities, name) is not None:
            continue
        template = catalog().entities.get(key) or catalog().entities.get("order_item")
        lines = EntityPlan(key, name, template, True, item.volume, reason="named")
        renamed = {
            (key if k == lk.child else k): (lines if k == lk.child else e)
            for k, e in entities.items()
        }
        entities.clear()
        entities.update(renamed)
        out[lk.child] = key
    return out


_LINE_WORDS = frozenset({"items", "lines"})


def _people_own_events(entities: dict[str, EntityPlan]) -> None:
    """People are never the rows of an event: "passengers -> bookings" is read the other way
    (the booking holds the passenger), as every modeller has it."""
    for key, person in list(entities.items()):
        if not person_word(key) or person.is_link:
            continue
        for lk in list(person.links):
            event = entities.get(lk.parent)
            if event is None or lk.parent == key or not _is_event(event) or event.is_link:
                continue
            if person.template and any(lk.parent in s.choices for s in person.template.parents):
                continue  # the catalogue's own: a wedding's guests, an election's candidates
            person.links.remove(lk)
            if not any(x.parent == key for x in event.links):
                event.links.append(Link(f"{person.key_name}_id", key, optional=lk.optional))


#: Words between a passive subject and its verb ("each accident is assessed", "claims are
#: then reviewed").
_PASSIVE_LEADS = frozenset({"is", "are", "was", "were", "gets", "get", "then", "always", "also"})


def _acts_on_passive_subjects(
    entities: dict[str, EntityPlan], mentions: list[Mention], tokens: list[Token], tags: list[str]
) -> None:
    """The record of an act the text says is done to a thing is the thing's: "each accident is
    assessed by an adjuster who writes an assessment" puts the accident's key on assessments,
    "every hive is inspected monthly" on inspections (when the text makes that table)."""
    by_last = {m.last: m.key for m in mentions}
    for i, tag in enumerate(tags):
        if tag != "VERB" or not tokens[i].text.endswith(("ed", "en")):
            continue
        k = i - 1
        while k >= 0 and tokens[k].text in _PASSIVE_LEADS:
            k -= 1
        if k == i - 1 or k < 0 or k not in by_last:
            continue  # no "is"/"are" before the participle, or no thing before that
        noun = EVENT_NOUNS.get(verb_lemma(tokens[i].text))
        thing = by_last[k]
        act = next((key for key, e in entities.items() if noun and e.key_name == noun), None)
        if act is None or thing not in entities or act == thing:
            continue
        if _reaches(entities, act, thing) or _reaches(entities, thing, act):
            continue
        entities[act].links.append(Link(f"{entities[thing].key_name}_id", thing))


def _events_about_the_subject(entities: dict[str, EntityPlan], said: Counter[str]) -> None:
    """An event keyed only to people or places ("a vet records vaccinations") is about the
    thing the text is about (the cats of a cat shelter: the thing it names most, at least
    twice), unless its keys already lead there."""
    things = [
        k
        for k, e in entities.items()
        if not e.is_link and _kind(e) == "thing" and said[k] >= 2 and e.mentioned
    ]
    if not things:
        return
    subject = max(things, key=lambda k: said[k])  # the first of the most named
    for key, event in entities.items():
        if event.is_link or _kind(event) != "event" or not event.links:
            continue
        if any(
            _kind(entities[lk.parent]) in {"thing", "event"}
            for lk in event.links
            if lk.parent in entities
        ):
            continue
        if _reaches(entities, key, subject) or _reaches(entities, subject, key):
            continue
        event.links.append(Link(f"{entities[subject].key_name}_id", subject))


def _drop_loners(
    entities: dict[str, EntityPlan], said: Counter[str], votes: dict[str, float]
) -> None:
    """A word the catalogue does not know, named once and never as a kind of record (no plural,
    no "each"), that no sentence relates to anything is more likely a word in passing than a
    table — when the text names enough else."""
    related = {lk.parent for e in entities.values() for lk in e.links if lk.parent != e.key}
    related |= {e.key for e in entities.values() if any(lk.parent != e.key for lk in e.links)}
    if len(related) < RICH_TEXT:
        return
    for key, entity in list(entities.items()):
        loner = entity.template is None and key not in related and not entity.attributes
        if loner and said[key] <= 1 and votes.get(key, 0.0) < 1:  # named once, in passing
            del entities[key]


def _line_tables(entities: dict[str, EntityPlan]) -> None:
    """A document keyed to the goods it lists holds them in lines, as a modeller would have it
    ("customers place orders for products": order_items with the order and the product),
    unless it already has lines of its own."""
    for key, doc in list(entities.items()):
        head = singular(doc.table.rsplit("_", 1)[-1])
        word = _DOCUMENTS.get(head)
        if word is None or doc.is_link or doc.reason == "event":
            continue  # "trays are delivered to garden centres": each delivery is one tray's
        if any(
            lk.parent == key and singular(e.table.rsplit("_", 1)[-1]) in {"item", "line"}
            for e in entities.values()
            for lk in e.links
        ):
            continue  # "a check with items": the items are its lines already
        goods = [lk for lk in doc.links if lk.parent != key and _goods(entities.get(lk.parent))]
        if not goods:
            continue
        name = f"{doc.key_name}_{word}"
        if _named(entities, name) is not None:
            continue
        doc.links = [lk for lk in doc.links if lk not in goods]
        links = [Link(f"{doc.key_name}_id", key)]
        links += [Link(f"{entities[g.parent].key_name}_id", g.parent) for g in goods]
        if len(goods) > 1:  # a line holds a cake or a bread, not both
            links[1:] = [replace(lk, optional=True) for lk in links[1:]]
        line_key = singular_key(name)
        entities[line_key] = EntityPlan(
            line_key, name, catalog().entities.get("order_item"), False, links=links, reason="lines"
        )


def _people_paired_through_events(
    entities: dict[str, EntityPlan], strong: set[tuple[str, str, str]]
) -> None:
    """Two kinds of people an event (or a link table) already pairs hold no key to each other
    unless the text said so outright: "patients see doctors" with appointments of a patient
    with a doctor gives the doctors no patient_id."""
    for key, person in entities.items():
        if person.is_link or _kind(person) != "person":
            continue
        kept = []
        for lk in person.links:
            other = entities.get(lk.parent)
            paired = (
                other is not None
                and lk.parent != key
                and _kind(other) == "person"
                and (
                    not any(c == key and p == lk.parent for c, p, _ in strong)
                    # the key said is the one with a role ("a regular vet"), not this one
                    or (
                        lk.field == f"{other.key_name}_id"
                        and any(o is not lk and o.parent == lk.parent for o in person.links)
                    )
                )
                and any(
                    (e.is_link or _kind(e) == "event")
                    and {key, lk.parent} <= {x.parent for x in e.links}
                    for e in entities.values()
                )
            )
            if not paired:
                kept.append(lk)
        person.links = kept


def _goods_on_lines(entities: dict[str, EntityPlan]) -> None:
    """A document with lines names its goods on the lines only: an order whose order_items
    hold the product holds no product itself."""
    for key, doc in entities.items():
        lines = [
            e
            for e in entities.values()
            if e.key != key
            and singular(e.table.rsplit("_", 1)[-1]) in {"item", "line"}
            and any(lk.parent == key for lk in e.links)
        ]
        listed = {lk.parent for e in lines for lk in e.links if lk.parent != key}
        if (
            lines
            and singular(doc.table.rsplit("_", 1)[-1]) in _DOCUMENTS
            and not any(_goods(entities.get(p)) for p in listed)
        ):
            # "each order has lines" beside "sells bottles": the bottle is on the lines
            for lk in doc.links:
                other = entities[lk.parent]
                if lk.parent not in listed and _goods(other) and _kind(other) == "thing":
                    lines[0].links.append(Link(f"{other.key_name}_id", other.key))
                    listed.add(lk.parent)
        doc.links = [
            lk for lk in doc.links if not (lk.parent in listed and _goods(entities.get(lk.parent)))
        ]


def _goods(entity: EntityPlan | None) -> bool:
    """Whether a table holds goods a document lists: a thing the text names that the
    catalogue prices (products, parts, materials), not people or events."""
    if entity is None or not entity.mentioned or person_word(entity.key) or _is_event(entity):
        return False
    if _kind(entity) == "person":  # "a sale links a vehicle and the salesperson who closed it"
        return False
    if entity.template is None:  # "orders for bouquets and vases"
        return singular(entity.table.rsplit("_", 1)[-1]) not in _NOT_GOODS
    if entity.template.person:
        return False
    return bool(_GOODS_FIELDS & {f.field.name for f in entity.template.fields})


#: Heads of things a document is for or at, never on its lines.
_NOT_GOODS = frozenset(
    "zone region area site location address route room table desk counter branch store shop "
    "office depot warehouse account channel method plan tier type category status "
    "company organisation organization team department".split()
)


#: Fields that make a catalogue entity goods one can list on a document.
_GOODS_FIELDS = frozenset({"price", "unit_price", "sku", "unit_cost", "list_price", "cost"})


#: Verbs by which things change hands: the thing is not the buyer's record.
_TRADE_VERBS = frozenset("sell buy purchase rent hire borrow lend supply resell".split())
_CLAUSE_GLUE = frozenset({",", "and", "but", "while", "so", "then", "or"})
_NOUN_TAGS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM", "GER"})


def _clauses(tokens: list[Token], tags: list[str]) -> dict[int, int]:
    """Each token's clause: sentences split at ";" and ":" and where a comma or "and" starts a
    new subject and verb ("..., and hygienists do cleanings")."""
    clause_of = {}
    clause = 0
    for i, token in enumerate(tokens):
        prev = tokens[i - 1].text if i else ""
        if i and (token.sentence != tokens[i - 1].sentence or prev in {";", ":"}):
            clause += 1
        elif prev in _CLAUSE_GLUE and tags[i] in _NOUN_TAGS:
            j = i
            while j < len(tokens) and j < i + 5 and tags[j] in _NOUN_TAGS:
                j += 1
            if j < len(tokens) and tags[j] in {"VERB", "AUX"}:
                clause += 1
        clause_of[i] = clause
    return clause_of


def _parties_of_events(
    entities: dict[str, EntityPlan], mentions: list[Mention], tokens: list[Token], tags: list[str]
) -> None:
    """What a modeller does where the sentence's grammar says nothing: an event the text names
    ("pickups", "hearings", "rounds") holds a key to the other things named in the same clause
    that it has no relation with yet."""
    clause_of = _clauses(tokens, tags)
    by_clause: dict[int, list[str]] = {}
    by_sentence: dict[int, list[str]] = {}
    sentence_of: dict[int, int] = {}
    for m in mentions:
        if m.key in entities:
            by_clause.setdefault(clause_of[m.first], []).append(m.key)
            by_sentence.setdefault(tokens[m.first].sentence, []).append(m.key)
            sentence_of[clause_of[m.first]] = tokens[m.first].sentence
    verbal = {clause_of[i] for i, tag in enumerate(tags) if tag == "VERB"}
    for clause, keys in by_clause.items():
        if clause not in verbal:
            continue  # a bare list ("a SaaS product with users, subscriptions and tickets")
        for key in dict.fromkeys(keys):
            event = entities[key]
            if event.is_link or not _is_event(event):
                continue
            for other in dict.fromkeys(keys):
                party = entities[other]
                if other == key or _is_event(party) or party.is_link or _kind(party) == "kind":
                    continue  # a kind is a parent of things, of an event only where said
                if any(lk.parent == other for lk in event.links):
                    continue
                if any(lk.parent == key for lk in party.links) or _reaches(entities, other, key):
                    continue
                if _kind(party) == "place":  # the animal the vets check, not its enclosure
                    named = by_sentence[sentence_of[clause]]
                    other = _holder(entities, named, key, other) or other
                    party = entities[other]
                    if any(lk.parent == other for lk in event.links):
                        continue
                lines = [
                    e
                    for e in entities.values()
                    if e.reason == "lines" and any(lk.parent == key for lk in e.links)
                ]
                if lines and _goods(party):  # the order's products go on its lines
                    if not any(lk.parent == other for lk in lines[0].links):
                        lines[0].links = [
                            replace(lk, optional=True) if lk.parent != key else lk
                            for lk in lines[0].links
                        ]
                        lines[0].links.append(Link(f"{party.key_name}_id", other, optional=True))
                    continue
                event.links.append(Link(f"{party.key_name}_id", other))


#: (Heads of places and of groups: synthdata.analysis.kinds.)
#: Heads of kinds things are sorted into: parents of the things of their clause, never their
#: children ("each animal belongs to a species", "rooms of a room type").
_KIND_HEADS = frozenset(
    "type kind category tier level grade species breed genre variety cultivar class".split()
)
#: Heads of spans of time: events fall in them ("register each season"); people and things
#: hold no key to them and they to nothing by default.
_PERIOD_HEADS = frozenset("season period semester term year quarter month week".split())
#: Who hangs from whom by class, lowest first: an event holds keys to all the others, a
#: thing to the person who has it, a person to the group or place they belong to.
_RANKS = {"event": 0, "thing": 1, "person": 2, "group": 3, "place": 3, "kind": 3, "period": 3}


def _kind(entity: EntityPlan) -> str:
    """The class of a table's rows: event, person, group, place, kind, period or thing."""
    head = singular(entity.table.rsplit("_", 1)[-1])
    if entity.template is not None and entity.template.person:
        return "person"
    if head in PERSON_NOUNS or head.endswith("person") or (entity.template is None and _doer(head)):
        return "person"  # "clients" are people whatever the catalogue's template says
    if entity.template is None and head.endswith(("ian", "ist")) and agent_noun(head):
        return "person"  # "sanitarians", "florists": no verb inside, people all the same
    if _is_event(entity):
        return "event"
    if head in _PLACE_HEADS:
        return "place"
    if head in _GROUP_HEADS:
        return "group"
    if head in _KIND_HEADS:
        return "kind"
    if head in _PERIOD_HEADS:
        return "period"
    return "thing"


def _doer(word: str) -> bool:
    """Whether a noun names a person by a verb they do: a known verb with an agent's ending
    ("groomer", "adjuster", "employee"), not any word that ends like one ("tree", "glimmer")."""
    if not agent_noun(word):
        return False
    for end in ("er", "or", "ist", "ian", "ant", "ent", "ee"):
        if word.endswith(end):
            stem = word[: -len(end)]
            return any("VERB" in lexicon(s) for s in (stem, f"{stem}e", stem[:-1]) if len(s) > 2)
    return False


def _owners_by_class(
    entities: dict[str, EntityPlan],
    mentions: list[Mention],
    tokens: list[Token],
    tags: list[str],
    strong: set[tuple[str, str, str]],
) -> None:
    """The modeller's default for two things named in one clause that the grammar did not
    relate: the one of the lower class holds a key to the other ("patients order glasses":
    glasses hold the patient; "members sit on teams": members hold the team)."""
    clause_of = _clauses(tokens, tags)
    by_clause: dict[int, list[str]] = {}
    for m in mentions:
        if m.key in entities:
            by_clause.setdefault(clause_of[m.first], []).append(m.key)
    objects = _verb_objects(mentions, tokens, tags)
    lists = _verb_lists(mentions, tokens, tags)
    for key, person in entities.items():  # "farmers bring harvest lots": the lots' farmer
        if _kind(person) != "person" or person.is_link:
            continue
        for lk in list(person.links):
            thing = entities.get(lk.parent)
            if thing is None or thing.is_link or lk.parent == key:
                continue
            if _kind(thing) not in {"thing", "period"} or _catalogue_key(person, lk.parent):
                continue  # a crew member's home airport is the catalogue's, not a guess
            if any(c == key and p == lk.parent for c, p, _ in strong):
                continue  # "each show has one or two hosts": said outright
            person.links.remove(lk)
            if _kind(thing) == "period":
                continue  # "players sign with a team for a season": the signing's season
            if not any(x.parent == key for x in thing.links):
                thing.links.append(Link(f"{person.key_name}_id", key, optional=lk.optional))
    by_sentence: dict[int, list[str]] = {}
    for m in mentions:
        if m.key in entities:
            by_sentence.setdefault(tokens[m.first].sentence, []).append(m.key)
    for keys in by_sentence.values():  # an event's people and places, anywhere in its sentence
        named = [k for k in dict.fromkeys(keys) if not entities[k].is_link]
        for key in named:
            event = entities[key]
            if _kind(event) != "event":
                continue
            for other in named:
                party = entities[other]
                if other == key or _kind(party) not in {"person", "place"}:
                    continue
                if _reaches(entities, key, other) or _reaches(entities, other, key):
                    continue
                if any(
                    lk.parent in entities and _kind(entities[lk.parent]) == _kind(party)
                    for lk in event.links
                ):
                    continue
                if any(
                    x != key
                    and any(lk.parent == other for lk in e.links)
                    and _reaches(entities, x, key)
                    for x, e in entities.items()
                ):
                    continue  # "enter horses in races, book a jockey for each race entry"
                held = _holder(entities, named, key, other) if _kind(party) == "place" else None
                if held is not None:  # "each animal lives in an enclosure; ... health checks"
                    other, party = held, entities[held]
                event.links.append(Link(f"{party.key_name}_id", other))
    _events_refer_back(entities, by_sentence)
    verbal = {clause_of[i] for i, tag in enumerate(tags) if tag == "VERB"}
    traded = {
        clause_of[i]
        for i, tag in enumerate(tags)
        if tag == "VERB" and verb_lemma(tokens[i].text) in _TRADE_VERBS
    }
    for clause, keys in by_clause.items():
        if clause not in verbal:
            continue  # a bare list ("a shop with customers, products and orders") says nothing
        named = [k for k in dict.fromkeys(keys) if not entities[k].is_link]
        for key in named:
            child = entities[key]
            if any(
                e.is_link and key in (ends := {lk.parent for lk in e.links}) and ends & others
                for others in [set(named) - {key}]
                for e in entities.values()
            ):
                continue  # "users build playlists of tracks": the tracks are the playlists'
            for other in named:
                # two plain things: one named later with no parent at all hangs from the one
                # named first, as a text introduces a record before what it holds
                same = (
                    clause in verbal  # a bare list ("glimmers, frobs and quonks") says nothing
                    and _kind(child) == _kind(entities[other]) == "thing"
                    and not any(lk.parent != key for lk in child.links)
                )
                later = named.index(key) > named.index(other)
                if other == key or (
                    _RANKS[_kind(child)] >= _RANKS[_kind(entities[other])] and not (same and later)
                ):
                    continue
                if _reaches(entities, key, other) or _reaches(entities, other, key):
                    continue
                if "period" in {_kind(child), _kind(entities[other])}:
                    continue  # "players sign with a team for a season": the signing's season
                plain = _kind(child) == _kind(entities[other]) == "thing"
                if any(
                    (e.is_link or e.reason == "event" or (_kind(e) == "event" and not plain))
                    and {key, other} <= {lk.parent for lk in e.links}
                    for e in entities.values()
                ):
                    # "students enrol in sections": paired by enrolments already;
                    # "customers order bouquets": the verb's orders hold both
                    continue
                if _kind(child) == "event":
                    continue  # events took their parties already
                if frozenset((key, other)) in lists:
                    continue  # "we track vineyards, grape varieties and harvests"
                if (
                    _kind(child) == "thing"
                    and _kind(entities[other]) == "person"
                    and (other, key) not in objects
                ):
                    continue  # "patients order glasses made from a frame we stock"
                if clause in traded and _kind(child) == "thing":
                    continue  # "sells bottles to members": a sale's, not the bottle's member
                if _goods(child) and any(
                    singular(entities[k].table.rsplit("_", 1)[-1]) in _DOCUMENTS for k in named
                ):
                    continue  # "customers place orders for cakes": the order's, not the cake's
                kind = _kind(entities[other])
                if any(
                    lk.parent in entities and _kind(entities[lk.parent]) == kind
                    for lk in child.links
                ):
                    continue  # "customers and their dogs, ... groomers": one owner of a kind
                child.links.append(Link(f"{entities[other].key_name}_id", other))


def _events_refer_back(entities: dict[str, EntityPlan], by_sentence: dict[int, list[str]]) -> None:
    """An event keyed to nothing, alone in its sentence, happens to the thing the sentence
    before is about, the lowest of its things: "Boats are moored at berths. Each visit records
    the arrival" makes visits of a boat."""
    sentences = sorted(by_sentence)
    for n, sentence in enumerate(sentences[1:], 1):
        keys = list(dict.fromkeys(by_sentence[sentence]))
        if len(keys) != 1 or keys[0] not in entities:
            continue
        event = entities[keys[0]]
        if _kind(event) != "event" or any(lk.parent != event.key for lk in event.links):
            continue
        before = [k for k in dict.fromkeys(by_sentence[sentences[n - 1]]) if k in entities]
        leaves = [
            k
            for k in before
            if _kind(entities[k]) == "thing"
            and not entities[k].is_link
            and not any(lk.parent == k for o in before for lk in entities[o].links)
        ]
        if leaves:
            event.links.append(Link(f"{entities[leaves[0]].key_name}_id", leaves[0]))


def _holder(
    entities: dict[str, EntityPlan], named: list[str], event: str, place: str
) -> str | None:
    """The thing of the sentence that holds the place's key, which the event happens to rather
    than to the place itself: "each animal lives in an enclosure, ... the vets record health
    checks" makes checks of an animal, not of an enclosure. Failing one in the sentence, the
    only thing of the text that the place holds ("Hives sit in apiaries. Each inspection ...")."""

    def holds(key: str) -> bool:
        thing = entities[key]
        return (
            key not in (event, place)
            and not thing.is_link
            and _kind(thing) == "thing"
            and any(lk.parent == place for lk in thing.links)
            and not _reaches(entities, key, event)
            and not any(lk.parent == key for lk in entities[event].links)
        )

    near = [k for k in dict.fromkeys(named) if holds(k)]
    anywhere = [k for k in entities if holds(k)]
    return (near or anywhere)[0] if near or len(anywhere) == 1 else None


def _catalogue_key(entity: EntityPlan, parent: str) -> bool:
    """Whether the catalogue's template of the table holds a key to that parent."""
    if entity.template is None:
        return False
    return any(parent in spec.choices for spec in entity.template.parents)


_SUBJECT_GAP = frozenset({"ADV", "AUX"})
_OBJECT_GAP = frozenset({"DET", "ADJ", "NUM", "QUANT", "NOUN", "CONJ"})


def _verb_objects(
    mentions: list[Mention], tokens: list[Token], tags: list[str]
) -> set[tuple[str, str]]:
    """(subject, object) pairs of the text's plain transitive clauses: a noun, its verb and the
    nouns right after it ("patients order glasses", "members hold share and checking
    accounts", "drivers pay per visit or hold a season permit"), not nouns behind a preposition
    or a second verb ("... made from a frame")."""
    ordered = sorted(mentions, key=lambda m: m.first)
    subjects: dict[int, str] = {}
    for subject in ordered:
        v = subject.last + 1
        while v < len(tags) and tags[v] in _SUBJECT_GAP:
            v += 1
        if v < len(tags) and tags[v] == "VERB":
            subjects[v] = subject.key
    last: tuple[int, str] | None = None
    for v, tag in enumerate(tags):
        if tag != "VERB":
            continue
        if v in subjects:
            last = (tokens[v].sentence, subjects[v])
        elif last and last[0] == tokens[v].sentence and v and tags[v - 1] == "CONJ":
            subjects[v] = last[1]  # a second verb of the same subject
    out = set()
    for v, subject_key in subjects.items():
        for obj in ordered:
            if obj.first <= v:
                continue
            if any(tags[j] not in _OBJECT_GAP for j in range(v + 1, obj.first)):
                break
            out.add((subject_key, obj.key))
    return out


def _verb_lists(
    mentions: list[Mention], tokens: list[Token], tags: list[str]
) -> set[frozenset[str]]:
    """Pairs of things one verb lists as its objects ("we track vineyards, grape varieties,
    harvests and wine barrels"): a list names records, it does not relate them."""
    ordered = sorted(mentions, key=lambda m: m.first)
    out: set[frozenset[str]] = set()
    for v, tag in enumerate(tags):
        if tag != "VERB":
            continue
        listed: list[str] = []
        end = v
        for m in ordered:
            if m.first <= v:
                continue
            gap = range(end + 1, m.first)
            if any(tags[j] not in _OBJECT_GAP and tokens[j].text != "," for j in gap):
                break
            if listed and not any(tags[j] == "CONJ" or tokens[j].text == "," for j in gap):
                break  # "grape varieties" is one thing, not a list of two
            listed.append(m.key)
            end = m.last
        out |= {frozenset((a, b)) for a in listed for b in listed if a != b}
    return out


def _pairings_in_periods(entities: dict[str, EntityPlan]) -> None:
    """A pairing of two tables falls in the period one of them is keyed to: "players register
    with a team for each season" makes registrations of a season, beside the team's season."""
    for key, pairing in entities.items():
        if not pairing.is_link and pairing.reason != "event":
            continue
        ends = [lk.parent for lk in pairing.links if lk.parent in entities and lk.parent != key]
        for end in ends:
            for lk in entities[end].links:
                period = entities.get(lk.parent)
                if period is None or _kind(period) != "period" or lk.parent in ends:
                    continue
                if not any(x.parent == lk.parent for x in pairing.links):
                    pairing.links.append(Link(f"{period.key_name}_id", lk.parent))


def _no_keys_beside_links(
    entities: dict[str, EntityPlan], strong: set[tuple[str, str, str]]
) -> None:
    """Two tables a link table pairs ("game_referees", "passenger_flights") hold no plain key
    to each other unless the text said so outright: a referee per game beside three referees
    per game says two things."""
    said = {(c, p) for c, p, _ in strong}
    pairs = {
        frozenset(ends)
        for e in entities.values()
        if e.is_link
        for ends in [{lk.parent for lk in e.links if lk.parent != e.key}]
        if len(ends) == 2
    }
    for key, entity in entities.items():
        entity.links = [
            lk
            for lk in entity.links
            if frozenset((key, lk.parent)) not in pairs
            or (key, lk.parent) in said
            or lk.field != f"{entities[lk.parent].key_name}_id"
            or _catalogue_key(entity, lk.parent)  # a post's author beside its likes
        ]


def _paired_not_keyed(
    entities: dict[str, EntityPlan], tables: list[LinkTable], strong: set[tuple[str, str, str]]
) -> None:
    """Two things the text pairs as an exception to one each ("one stay can cover two dogs":
    stay_dogs) hold no key to each other unless the text says so outright: the default keys
    the clause's things got would say each stay has one dog."""
    said = {(c, p) for c, p, _ in strong}
    for t in tables:
        if not t.loose or t.a not in entities or t.b not in entities:
            continue
        for x, y in ((t.a, t.b), (t.b, t.a)):
            if (x, y) not in said:
                entities[x].links = [lk for lk in entities[x].links if lk.parent != y]


def _is_line(entity: EntityPlan) -> bool:
    """Whether the table holds the lines of a document or an event ("order items",
    "declaration lines", "box score lines")."""
    return entity.key in LINE_ITEMS or singular(entity.table.rsplit("_", 1)[-1]) in {"item", "line"}


def _is_event(entity: EntityPlan) -> bool:
    """Whether the table, as the text names it, holds events ("bookings", "hearings")."""
    return names_events(singular_key(entity.table))


def _link_orphans(
    entities: dict[str, EntityPlan], paired: set[str], sentences: dict[str, set[int]]
) -> None:
    """A named child whose implied parents the text does not name links to the named entities
    of its sentences that nothing else hangs from (leaves and loners), one per missing parent,
    in text order; never to an event, which happens to things that exist before it.

    "customers and their dogs, appointments and groomers": appointments take a dog and a
    groomer, not the catalogue's patient and doctor; "orders with order lines, books by authors":
    an order line takes a book.
    """
    parents = {
        lk.parent
        for e in entities.values()
        if not e.is_link or e.template is None  # a catalogue link leaves it free to be a parent
        for lk in e.links
        if lk.parent != e.key
    } | paired  # things the text pairs with others are placed already
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
            if _kind(other) == "event" and not _is_line(plan):
                continue  # things exist before the events that happen to them
            document = singular(plan.table.rsplit("_", 1)[-1]) in _DOCUMENTS and _goods(other)
            near = sentences.get(plan.key, set()) & sentences.get(other.key, set())
            if not (near or document):
                continue  # nothing says the two have to do with each other (orders list goods)
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
        warnings=list(plan.warnings),
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
