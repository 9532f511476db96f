"""The plan: which tables to make, how they link, and how many rows each gets.

The offline analyzer builds a :class:`Plan` from the text (:func:`synthdata.analyze` keeps it on
``Analysis.plan``); :func:`synthdata.infer_schemas` turns a plan into schemas, rebuilding one from
the requirements when an analysis arrives as JSON. Both use :func:`resolve_links` and
:meth:`Plan.volumes` from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from synthdata.analysis.catalog import EntityTemplate
from synthdata.analysis.inflection import singular

__all__ = [
    "DEFAULT_FAN_OUT",
    "LINK_DENSITY",
    "EntityPlan",
    "Link",
    "Plan",
    "drop_cycles",
    "resolve_links",
    "template_links",
    "text_links",
]

#: Children per parent when neither the text nor the catalogue says.
DEFAULT_FAN_OUT = 3.0
#: A link table takes at most this share of the possible (a, b) pairs.
LINK_DENSITY = 0.5


@dataclass
class Link:
    """A foreign key the plan wants: ``field`` in the child points at ``parent``.

    Attributes:
        field: the foreign key's name in the child (``customer_id``, ``pickup_branch_id``).
        parent: the parent's key in :attr:`Plan.entities`.
        mean: children per parent, when the catalogue says.
        optional: the key may be null.
    """

    field: str
    parent: str
    mean: float | None = None
    optional: bool = False


@dataclass
class EntityPlan:
    """One table to make: its template (if the catalogue knows it), volume and parents.

    Attributes:
        key: the entity's singular key (``order_item``).
        table: the table's name (``order_items``).
        template: the catalogue's template, or None for a table the catalogue does not know.
        mentioned: the text names it (rather than the analyzer implying it).
        volume: the row count the text states, if any.
        links: its foreign keys, in field order.
        reason: why it is in the plan: ``named``, ``core``, ``parent of …``, ``many-to-many``,
            ``uncatalogued``.
        attributes: fields the text names for it, added to the catalogue's.
    """

    key: str
    table: str
    template: EntityTemplate | None
    mentioned: bool
    volume: int | None = None
    links: list[Link] = field(default_factory=list)
    reason: str = ""
    #: Fields the text gives the table ("each cat has a colour and an intake date"), in text
    #: order, as (name, enum values); empty values: the type comes from the name.
    attributes: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    @classmethod
    def from_template(
        cls,
        template: EntityTemplate,
        *,
        mentioned: bool,
        volume: int | None = None,
        reason: str = "named",
    ) -> EntityPlan:
        """A catalogued entity, with no links yet."""
        return cls(template.key, template.table, template, mentioned, volume, reason=reason)

    @property
    def key_name(self) -> str:
        """The singular table name that foreign keys use (``order_items`` → ``order_item``)."""
        head, _, last = self.table.rpartition("_")
        if head and last in {"ins", "ons", "ups", "offs", "outs"}:
            return f"{head}_{last[:-1]}"  # walk_ins → walk_in
        return f"{head}_{singular(last)}" if head else singular(last)

    @property
    def is_link(self) -> bool:
        """A many-to-many link table: two parents and a pair of them per row."""
        if self.template is not None:
            return self.template.link and len(self.links) >= 2
        return self.reason == "many-to-many" and len(self.links) >= 2


@dataclass
class Plan:
    """Everything the analyzer decided, for :func:`synthdata.infer_schemas`.

    Attributes:
        domain: the catalogue domain (``healthcare``) or ``general``.
        entities: the tables to make by entity key, in the order the text names them.
        keywords: the words that decided the domain and the entities.
        confidence: how sure the analyzer is of the domain, in [0, 1].
        locale: the Faker locale the places in the text point to (None: the default).
        warnings: what the analyzer did not understand, in words a user can act on.
    """

    domain: str
    entities: dict[str, EntityPlan]
    keywords: list[str]
    confidence: float
    locale: str | None = None
    #: Phrases of the text the analyzer could not place, and how sure it is of the domain.
    warnings: list[str] = field(default_factory=list)

    def volumes(self) -> dict[str, int]:
        """Rows per planned table: stated counts, then what parents and children imply, then
        defaults.

        A stated child count implies its parents (1.2M transactions at ~25 per account → 48k
        accounts); a parent implies its children through the catalogue's cardinalities.
        """
        volumes = {k: e.volume for k, e in self.entities.items() if e.volume}
        _volumes_from_children(self.entities, volumes)
        for key, entity in self.entities.items():  # roots the text gave no count for
            if key not in volumes and not any(lk.parent != key for lk in entity.links):
                volumes[key] = _typical_volume(entity)
        _volumes_from_parents(self.entities, volumes)
        for key, entity in self.entities.items():
            if key not in volumes:
                volumes[key] = _typical_volume(entity)
        for key, entity in self.entities.items():
            if entity.is_link:
                ends = [volumes[lk.parent] for lk in entity.links[:2]]
                volumes[key] = max(1, min(volumes[key], int(ends[0] * ends[1] * LINK_DENSITY)))
        return volumes


def _typical_volume(entity: EntityPlan) -> int:
    return entity.template.volume if entity.template else 100


def _volumes_from_children(entities: dict[str, EntityPlan], volumes: dict[str, int]) -> None:
    """Upwards from stated children: a parent gets children / fan-out."""
    edges = [(k, lk) for k, e in entities.items() for lk in e.links if lk.parent != k]
    changed = True
    while changed:
        changed = False
        for child, link in edges:
            if child in volumes and link.parent not in volumes:
                volumes[link.parent] = max(
                    1, round(volumes[child] / (link.mean or DEFAULT_FAN_OUT))
                )
                changed = True


def _volumes_from_parents(entities: dict[str, EntityPlan], volumes: dict[str, int]) -> None:
    """Downwards from parents, in dependency order: a child gets parents × fan-out."""
    for _ in range(len(entities) + 1):
        for key, entity in entities.items():
            parents = [lk for lk in entity.links if lk.parent != key and lk.parent in volumes]
            if key in volumes or not parents:
                continue
            link = next((lk for lk in parents if lk.mean), None)
            if link is None and entity.template is not None:
                volumes[key] = entity.template.volume  # the catalogue's typical size
            else:
                link = link or parents[0]
                volumes[key] = max(1, round(volumes[link.parent] * (link.mean or DEFAULT_FAN_OUT)))


def resolve_links(
    entities: dict[str, EntityPlan], extra: Iterable[tuple[str, str, str]] = ()
) -> None:
    """Turn template parents, then the text's ``extra`` (child, parent, role) links, into
    foreign keys between the planned tables.

    A text link that would close a cycle of required keys is left out.
    """
    template_links(entities)
    text_links(entities, extra)


def template_links(
    entities: dict[str, EntityPlan], stands_for: Callable[[str], str | None] | None = None
) -> None:
    """The catalogue templates' parents as foreign keys, where the parent is planned (or, with
    ``stands_for``, a planned table that the catalogue's parent names)."""
    for plan in entities.values():
        if plan.template is None:
            continue
        seen = {lk.field for lk in plan.links}
        for spec in plan.template.parents:
            parent = next((c for c in spec.choices if c in entities), None)
            if parent is None and stands_for is not None:
                parent = next((p for c in spec.choices if (p := stands_for(c)) != plan.key), None)
            if parent is None:
                continue
            name = f"{spec.role or entities[parent].key_name}_id"
            if name in seen:
                continue
            seen.add(name)
            plan.links.append(Link(name, parent, spec.mean, spec.optional))
        if plan.template.self_ref and plan.template.self_ref not in seen:
            plan.links.append(Link(plan.template.self_ref, plan.key, None, True))


def text_links(
    entities: dict[str, EntityPlan], extra: Iterable[tuple[str, str, str]], both_ways: bool = False
) -> None:
    """The text's (child, parent, role) links as foreign keys, unless one closes a cycle; with
    ``both_ways``, a link the text also states the other way round ("every physician belongs to
    one department", "each department is headed by one physician") is kept as a key that may be
    null, as a modeller would."""
    extra = sorted(extra)
    for child, parent, role in extra:
        found = entities.get(child)
        if found is None or parent not in entities:
            continue
        name = key_field(role, entities[parent].key_name)
        if any(lk.field == name for lk in found.links):
            continue
        if not role and any(lk.parent == parent for lk in found.links):
            continue
        if _reaches(entities, parent, child):
            if role or (both_ways and (parent, child, "") in extra):
                # "a manager who is an employee" of a department its employees belong to: a
                # key that may be null closes the cycle, as it does in a real database
                found.links.append(Link(name, parent, optional=True))
            continue  # the text's link would close a cycle of required keys
        found.links.append(Link(name, parent))


def key_field(role: str, parent: str) -> str:
    """A key's name: ``<parent>_id``, prefixed by its role (``pickup_location_id``); a role
    ending in ``_`` is a noun that names the key by itself (a department's ``manager_id`` to
    employees, from "a manager who is an employee")."""
    if not role:
        return f"{parent}_id"
    if role.endswith("_"):
        return f"{role}id"
    return f"{role}_{parent}_id"


def drop_cycles(entities: dict[str, EntityPlan]) -> None:
    """Leave out any required key that closes a cycle, keeping the keys planned first (rules
    that add keys late, such as pairings and orphans, must never make a plan that cannot be
    generated, whatever the text)."""
    kept: dict[str, list[Link]] = {key: [] for key in entities}
    view = {key: EntityPlan(e.key, e.table, None, e.mentioned) for key, e in entities.items()}
    for key, entity in entities.items():
        for link in entity.links:
            if link.parent != key and not link.optional:
                view[key].links = kept[key]
                if _reaches(view, link.parent, key, required=True):
                    continue
            kept[key].append(link)
            view[key].links = kept[key]
    for key, entity in entities.items():
        entity.links = kept[key]


def _reaches(
    entities: dict[str, EntityPlan], start: str, target: str, required: bool = False
) -> bool:
    """Whether following foreign keys (only those that may not be null, if ``required``) from
    ``start`` leads to ``target``."""
    seen, todo = set(), [start]
    while todo:
        key = todo.pop()
        if key == target:
            return True
        if key in seen or key not in entities:
            continue
        seen.add(key)
        todo += [
            lk.parent
            for lk in entities[key].links
            if lk.parent != key and not (required and lk.optional)
        ]
    return False
