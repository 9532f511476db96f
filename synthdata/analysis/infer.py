"""From an analysis to schemas: typed fields, keys, foreign keys, volumes and constraints."""

from __future__ import annotations

from synthdata.analysis.analyze import EntityPlan, Link, Plan, _key_name, _resolve_links
from synthdata.analysis.catalog import catalog
from synthdata.analysis.naming import field_from_name, identifier
from synthdata.errors import InvalidInputError
from synthdata.models import (
    Analysis,
    Cardinality,
    Field,
    FieldType,
    Schema,
    SchemaList,
    check_schemas,
)

__all__ = ["infer_schemas", "plan_volumes_for"]

#: Children per parent when neither the text nor the catalogue says.
DEFAULT_FAN_OUT = 3.0
#: A link table takes at most this share of the possible (a, b) pairs.
LINK_DENSITY = 0.5


def plan_volumes_for(plan: Plan) -> dict[str, int]:
    """Rows per planned table: stated counts, then what parents and children imply, then defaults.

    A stated child count implies its parents (1.2M transactions at ~25 per account → 48k
    accounts); a parent implies its children through the catalogue's cardinalities.
    """
    volumes = {k: e.volume for k, e in plan.entities.items() if e.volume}
    edges = [(k, lk) for k, e in plan.entities.items() for lk in e.links if lk.parent != k]
    changed = True
    while changed:  # upwards from stated children
        changed = False
        for child, link in edges:
            if child in volumes and link.parent not in volumes:
                volumes[link.parent] = max(
                    1, round(volumes[child] / (link.mean or DEFAULT_FAN_OUT))
                )
                changed = True
    for key, entity in plan.entities.items():  # roots the text gave no count for
        if key not in volumes and not any(lk.parent != key for lk in entity.links):
            volumes[key] = entity.template.volume if entity.template else 100
    for _ in range(len(plan.entities) + 1):  # downwards from parents, in dependency order
        for key, entity in plan.entities.items():
            parents = [lk for lk in entity.links if lk.parent != key and lk.parent in volumes]
            if key in volumes or not parents:
                continue
            link = next((lk for lk in parents if lk.mean), None)
            if link is None and entity.template is not None:
                volumes[key] = entity.template.volume  # the catalogue's typical size
            else:
                link = link or parents[0]
                volumes[key] = max(1, round(volumes[link.parent] * (link.mean or DEFAULT_FAN_OUT)))
    for key, entity in plan.entities.items():
        if key not in volumes:
            volumes[key] = entity.template.volume if entity.template else 100
    for key, entity in plan.entities.items():
        if _is_link(entity):
            ends = [volumes[lk.parent] for lk in entity.links[:2]]
            volumes[key] = max(1, min(volumes[key], int(ends[0] * ends[1] * LINK_DENSITY)))
    return volumes


def _is_link(entity: EntityPlan) -> bool:
    if entity.template is not None:
        return entity.template.link and len(entity.links) >= 2
    return entity.reason == "many-to-many" and len(entity.links) >= 2


def _plan_of(analysis: Analysis) -> Plan:
    """The analyzer's plan, or one rebuilt from the requirements (an analysis read from JSON)."""
    if isinstance(analysis._plan, Plan):
        return analysis._plan
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
    _resolve_links(entities, cat, set())
    return Plan(analysis.domain, entities, analysis.keywords, analysis.confidence)


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
    if analysis._schemas is not None:  # a model wrote them, already validated
        return SchemaList(check_schemas(list(analysis._schemas)))
    plan = _plan_of(analysis)
    if not plan.entities:
        msg = "The analysis has no requirements to turn into schemas"
        raise InvalidInputError(msg)
    volumes = plan_volumes_for(plan)
    schemas = [_schema(e, plan, volumes[k]) for k, e in plan.entities.items()]
    return SchemaList(check_schemas(schemas))  # parents first


def _schema(entity: EntityPlan, plan: Plan, volume: int) -> Schema:
    fields = [Field(name="id", type=FieldType.UUID, primary_key=True)]
    keys = [_fk_field(lk, plan) for lk in entity.links]
    fields += keys
    taken = {f.name for f in fields}
    for f in _body_fields(entity, plan.domain):
        if f.name not in taken:
            fields.append(f)
            taken.add(f.name)
    template = entity.template
    constraints = [
        str(c)
        for c in (template.constraints if template else ())
        if c.field in taken and c.other in taken
    ]
    unique_together = [[k.name for k in keys[:2]]] if _is_link(entity) else []
    return Schema(
        name=entity.table,
        fields=fields,
        volume=volume,
        constraints=constraints,
        unique_together=unique_together,
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


def _body_fields(entity: EntityPlan, domain: str) -> list[Field]:
    if entity.template is not None:
        return [s.field for s in entity.template.fields if s.domain in (None, domain)]
    if entity.reason == "many-to-many":
        return [field_from_name("created_at")]
    return _unknown_fields(entity)


def _unknown_fields(entity: EntityPlan) -> list[Field]:
    """Fields for a table the catalogue does not know, from its name."""
    name = _key_name(entity)
    last = name.rsplit("_", 1)[-1]
    if last in {"log", "event", "history", "audit", "activity"}:
        names = ["occurred_at", "actor", "action:ENUM", "details"]
    elif last in {"document", "file", "attachment", "report", "contract"}:
        names = ["title", "file_name", "mime_type", "uploaded_at"]
    elif last.endswith(("er", "or", "ist", "ant", "ee")) and last not in {"order", "folder"}:
        return [
            field_from_name(n, person=True)
            for n in ("first_name", "last_name", "email", "phone", "created_at")
        ]
    else:
        names = ["name", "description", "status", "created_at"]
    out = []
    for n in names:
        if n == "action:ENUM":
            out.append(
                Field(
                    name="action",
                    type=FieldType.ENUM,
                    enum_values=["create", "update", "delete", "view"],
                )
            )
        elif n == "mime_type":
            out.append(
                Field(
                    name=n,
                    type=FieldType.ENUM,
                    enum_values=["application/pdf", "image/png", "text/plain"],
                )
            )
        elif n == "file_name":
            out.append(Field(name=n, type=FieldType.STRING))
        elif n == "actor":
            out.append(Field(name=n, type=FieldType.NAME))
        else:
            out.append(field_from_name(n))
    return out
