"""From an analysis to schemas: typed fields, keys, foreign keys, volumes and constraints."""

from __future__ import annotations

import re

from synthdata.analysis.catalog import catalog
from synthdata.analysis.kinds import (
    AGREEMENT_HEADS,
    CREDENTIAL_HEADS,
    GROUP_HEADS,
    HOME_GROUPS,
    JOB_HEADS,
    PLACE_HEADS,
    SCHEDULED_HEADS,
    TROUBLE_WORDS,
    done_form,
    verbal_noun,
)
from synthdata.analysis.models import Analysis
from synthdata.analysis.naming import field_from_name, unit_of
from synthdata.analysis.plan import EntityPlan, Link, Plan, resolve_links
from synthdata.analysis.reading import agent_noun, event_noun
from synthdata.analysis.text import identifier
from synthdata.errors import InvalidInputError
from synthdata.schema import Cardinality, Field, FieldType, Schema, SchemaList, check_schemas

__all__ = ["infer_schemas"]


def _plan_of(analysis: Analysis) -> Plan:
    """The analyzer's plan, or one rebuilt from the requirements (an analysis read from JSON)."""
    if analysis.plan is not None:
        return analysis.plan
    cat = catalog()
    entities: dict[str, EntityPlan] = {}
    for requirement in analysis.requirements:
        table = identifier(requirement.name)
        template = cat.by_table(table)
        key = template.key if template else table
        volume = _int(requirement.estimated_volume)
        entities[key] = EntityPlan(
            key, template.table if template else table, template, True, volume
        )
    resolve_links(entities)
    by_table = {e.table: e for e in entities.values()}
    for requirement in analysis.requirements:
        entity = by_table.get(identifier(requirement.name))
        said = _said_parents(requirement.description, by_table)
        if entity is None or said is None:
            continue  # not the analyzer's wording: the catalogue's keys stay
        kept = [lk for lk in entity.links if lk.parent in said or lk.parent == entity.key]
        for parent in said:
            if not any(lk.parent == parent for lk in kept):
                kept.append(Link(f"{entities[parent].key_name}_id", parent))
        entity.links = kept
    return Plan(analysis.domain, entities, analysis.keywords, analysis.confidence)


def _said_parents(description: str, by_table: dict[str, EntityPlan]) -> list[str] | None:
    """The parents an analyzer's requirement names ("Repair order records linked to vehicles
    and customers"), as entity keys; None when the description is not in that form."""
    match = re.match(r"^.+? records(?: linked to (.+?))?(?: \([^)]*\))?$", description)
    if match is None:
        return None
    if not match[1]:
        return []
    names = [identifier(n) for n in match[1].split(" and ")]
    if not all(n in by_table for n in names):
        return None
    return [by_table[n].key for n in names]


def _int(text: str) -> int | None:
    digits = "".join(ch for ch in str(text) if ch.isdigit())
    return int(digits) if digits else None


def infer_schemas(analysis: Analysis) -> list[Schema]:
    """Turn an analysis into schemas ready for :func:`synthdata.generate`.

    Args:
        analysis: the result of :func:`synthdata.analyze` (or the same shape read from JSON).

    Returns:
        One :class:`Schema` per requirement, parents before children: an ``id`` UUID key,
        foreign keys named ``<parent>_id``, the catalogue's typed fields for known entities (a
        sensible set from the name for unknown ones), constraints such as
        ``end_date >= start_date``, and volumes.

    Raises:
        InvalidInputError: the analysis names no tables.

    >>> from synthdata import analyze
    >>> text = "Legal firm case management with clients, cases, and documents"
    >>> schemas = infer_schemas(analyze(text))
    >>> [(s.name, s.volume) for s in schemas]
    [('clients', 300), ('cases', 600), ('documents', 2400)]
    """
    if analysis.llm_schemas is not None:  # a model wrote them, already validated
        return SchemaList(check_schemas(list(analysis.llm_schemas)))
    plan = _plan_of(analysis)
    if not plan.entities:
        msg = "The analysis has no requirements to turn into schemas"
        raise InvalidInputError(msg)
    volumes = plan.volumes()
    schemas = [_schema(e, plan, volumes[k]) for k, e in plan.entities.items()]
    return SchemaList(check_schemas(schemas))  # parents first


def _schema(entity: EntityPlan, plan: Plan, volume: int) -> Schema:
    fields = [Field(name="id", type=FieldType.UUID, primary_key=True)]
    keys = [_fk_field(lk, plan) for lk in entity.links]
    fields += keys
    taken = {f.name for f in fields}
    body = _in_stated_units(_body_fields(entity, plan.domain), entity)
    said = _text_fields(entity, taken | {f.name for f in body})
    # "date listed" is the catalogue's listed_on, its conventional name kept
    said = [g for g in said if not any(_same_measure(f, g, same=True) for f in body)]
    for f in [*_not_said_otherwise(body, said, entity), *said]:
        if f.name not in taken:
            fields.append(_own_kind(f, entity))
            taken.add(f.name)
    template = entity.template
    constraints = [
        str(c)
        for c in (template.constraints if template else ())
        if c.field in taken and c.other in taken
    ]
    unique_together = [[k.name for k in keys[:2]]] if entity.is_link else []
    # A line lists one of several kinds of goods: a cake or a bread, never both nor neither.
    goods = [k.name for k in keys[1:] if not k.required] if entity.reason == "lines" else []
    return Schema(
        name=entity.table,
        fields=fields,
        volume=volume,
        constraints=constraints,
        unique_together=unique_together,
        one_of=[goods] if len(goods) > 1 else [],
        locale=plan.locale,
    )


def _fk_field(link: Link, plan: Plan) -> Field:
    parent = plan.entities[link.parent]
    cardinality = Cardinality(mean=link.mean) if link.mean else None
    return Field(
        name=link.field,
        type=FieldType.UUID,
        references=f"{parent.table}.id",
        required=not link.optional,
        cardinality=cardinality,
    )


def _own_kind(f: Field, entity: EntityPlan) -> Field:
    """A catalogue choice the table's own name settles: a table of cats holds only cats (the
    template's species dog | cat | rabbit is for animals in general)."""
    if f.type is not FieldType.ENUM or not f.enum_values:
        return f
    own = entity.key_name.rsplit("_", 1)[-1]
    if own in f.enum_values and len(f.enum_values) > 1:
        return f.model_copy(update={"enum_values": [own], "enum_weights": None})
    return f


def _in_stated_units(body: list[Field], entity: EntityPlan) -> list[Field]:
    """The catalogue's measures in the units the text states them in: "plots (area in
    cents)" turns a template's ``area_hectares`` (0.1..40) into ``area_cents`` (25..9900)."""
    stated = {}
    for name, _ in entity.attributes:
        unit = unit_of(name)
        if unit is not None:
            stated[unit[0], unit[1]] = (name, unit[2])
    if not stated:
        return body
    out = []
    for f in body:
        unit = unit_of(f.name)
        if unit is None or (unit[0], unit[1]) not in stated or f.name in entity_names(entity):
            out.append(f)
            continue
        name, factor = stated[unit[0], unit[1]]
        scale = unit[2] / factor
        update: dict[str, object] = {"name": name}
        if f.min is not None:
            update["min"] = round(float(f.min) * scale, 2)
        if f.max is not None:
            update["max"] = round(float(f.max) * scale, 2)
        out.append(f.model_copy(update=update))
    return out


def entity_names(entity: EntityPlan) -> set[str]:
    """The names of the fields the text itself gives the table."""
    return {name for name, _ in entity.attributes}


def _one_of_a_kind(kind: FieldType) -> bool:
    """Contact fields a table has one of: the text's own name for it replaces the catalogue's."""
    return kind is FieldType.PHONE or kind is FieldType.EMAIL


def _not_said_otherwise(body: list[Field], said: list[Field], entity: EntityPlan) -> list[Field]:
    """The catalogue's fields less those the text names its own way: a "mobile number" is the
    person's phone, not a second one beside ``phone``."""
    own = entity_names(entity)
    kinds = {f.type for f in said if _one_of_a_kind(f.type)}
    if "full_name" in own:  # "full name": one field, not first and last names beside it
        body = [f for f in body if f.name not in {"first_name", "last_name"}]
    return [
        f
        for f in body
        if f.name in own
        or (
            (f.type not in kinds or sum(1 for g in body if g.type is f.type) > 1)
            and not any(_same_measure(f, g) for g in said)
        )  # work and home phones: both stay
    ]


#: Words that only glue a field's name to its type ("listed_on", "date_listed").
_GLUE_WORDS = frozenset({"on", "at", "date", "of", "the"})


def _same_measure(template: Field, said: Field, *, same: bool = False) -> bool:
    """Whether the text's field is the catalogue's named more precisely (the same type, the
    catalogue's words among more of the text's: "price" and "asking_price"; "total_price" is
    not "unit_price"), or, with ``same``, named with the same words ("listed_on" and
    "date_listed")."""
    if template.type is not said.type or template.name == said.name:
        return False
    mine = set(template.name.split("_")) - _GLUE_WORDS
    theirs = set(said.name.split("_")) - _GLUE_WORDS
    return bool(mine) and (mine == theirs if same else mine < theirs)


def _text_fields(entity: EntityPlan, taken: set[str]) -> list[Field]:
    """The fields the text names for the table, typed from their names (or an ENUM of the
    choices the text gives)."""
    out = []
    for name, choices in entity.attributes:
        if f"{name}_id" in taken:
            continue  # the text named a parent ("each delivery has a zone")
        if any(t.startswith(f"{name}_") for t in taken):
            continue  # "a duration": the catalogue's duration_minutes already holds it
        if name == "name" and {"first_name", "last_name"} <= taken:
            continue  # a person's name: the catalogue's first and last names hold it
        if choices:
            out.append(Field(name=name, type=FieldType.ENUM, enum_values=list(choices)))
        else:
            out.append(
                field_from_name(name, person=bool(entity.template and entity.template.person))
            )
    return out


def _body_fields(entity: EntityPlan, domain: str) -> list[Field]:
    if entity.template is not None:
        return [s.field for s in entity.template.fields if s.domain in (None, domain)]
    if entity.reason == "many-to-many":
        return [field_from_name("created_at")]
    return _unknown_fields(entity)


#: Records of a trouble ("leak report", "fault ticket") rather than documents.
_TROUBLE_RECORDS = frozenset({"report", "ticket", "log", "record"})


def _event_date(head: str) -> str:
    """When an event of this kind happened, named by its verb as a modeller would: an
    inspection is ``inspected_at``, a bottling ``bottled_at``; a booked one ``starts_at``."""
    if head in SCHEDULED_HEADS:
        return "starts_at"
    done = done_form(head)
    return f"{done}_at" if done and done.isalpha() else "occurred_at"


#: The choices of the fields a table of a kind gets by default: field name, values, weights.
_CHOICES: dict[str, tuple[str, tuple[str, ...], tuple[float, ...]]] = {
    # the date is when it happened, so it happened (or was called off): a "scheduled" one
    # dated years ago would contradict it
    "status:EVENT": ("status", ("completed", "cancelled"), (0.92, 0.08)),
    # a thing is in use or not; "completed" or "pending" would make it an event
    "status:THING": ("status", ("active", "inactive"), (0.85, 0.15)),
    # reported in the past: most are dealt with, a few still open
    "status:TROUBLE": (
        "status",
        ("open", "in_progress", "resolved", "closed"),
        (0.1, 0.1, 0.3, 0.5),
    ),
    # in force until it expires (statuses._by_validity keeps them agreeing), or taken back
    "status:CARD": ("status", ("active", "expired", "revoked"), (0.7, 0.25, 0.05)),
    "status:DEAL": ("status", ("draft", "active", "expired", "terminated"), (0.05, 0.6, 0.3, 0.05)),
    "status:JOB": (
        "status",
        ("scheduled", "in_progress", "completed", "cancelled"),
        (0.1, 0.1, 0.72, 0.08),
    ),
    "severity": ("severity", ("low", "medium", "high", "critical"), (0.4, 0.35, 0.2, 0.05)),
    "action:ENUM": ("action", ("create", "update", "delete", "view"), ()),
    "mime_type": ("mime_type", ("application/pdf", "image/png", "text/plain"), ()),
}
#: Heads of uncatalogued tables whose rows are observations recorded at a time.
_RECORD_HEADS = frozenset("record entry reading measurement observation note sample".split())


def _unknown_fields(entity: EntityPlan) -> list[Field]:
    """Fields for a table the catalogue does not know, from its name."""
    name = entity.key_name
    words = name.split("_")
    last = words[-1]
    trouble = last in TROUBLE_WORDS or (
        last in _TROUBLE_RECORDS and any(w in TROUBLE_WORDS for w in words[:-1])
    )
    if last in {"log", "event", "history", "audit", "activity"}:
        names = ["occurred_at", "actor", "action:ENUM", "details"]
    elif trouble:  # a leak report is raised, rated and resolved
        names = ["reported_at", "description", "severity", "status:TROUBLE"]
    elif last in AGREEMENT_HEADS:  # a sale contract is signed, runs, and ends
        names = [f"{last}_number", "signed_on", "starts_on", "expires_on", "value", "status:DEAL"]
    elif last in {"document", "file", "attachment", "report"}:
        names = ["title", "file_name", "mime_type", "uploaded_at"]
    elif last in _RECORD_HEADS:
        names = ["recorded_at", "notes"]
    elif last in CREDENTIAL_HEADS:  # an RFID card: its number, issued, valid until
        names = [f"{last}_number", "issued_on", "expires_on", "status:CARD"]
    elif last in JOB_HEADS:  # work done for someone: started, finished, what it cost
        names = ["started_at", "completed_at", "status:JOB", "cost"]
    elif entity.reason == "event" or event_noun(last) or verbal_noun(last):
        names = [_event_date(last), "status:EVENT", "notes"]
    elif agent_noun(last):
        return [
            field_from_name(n, person=True)
            for n in ("first_name", "last_name", "email", "phone", "created_at")
        ]
    elif last in PLACE_HEADS:
        names = ["name", "address", "city", "latitude", "longitude", "status:THING"]
    elif last in HOME_GROUPS:
        names = ["name", "address", "phone", "email"]
    elif last in GROUP_HEADS:
        names = ["name", "status:THING", "created_at"]
    else:
        names = ["name", "description", "status:THING", "created_at"]
    out = []
    for n in names:
        if n in _CHOICES:
            field_name, values, weights = _CHOICES[n]
            out.append(
                Field(
                    name=field_name,
                    type=FieldType.ENUM,
                    enum_values=list(values),
                    enum_weights=list(weights) if weights else None,
                )
            )
        elif n == "file_name":
            out.append(Field(name=n, type=FieldType.STRING))
        elif n == "actor":
            out.append(Field(name=n, type=FieldType.NAME))
        else:
            out.append(field_from_name(n))
    return out
