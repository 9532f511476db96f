"""Domain knowledge as data: business domains and entity templates, parsed once from TOML.

``domains.toml`` lists each domain's keywords and core entities; ``entities.toml`` lists entity
templates (synonyms, fields, typical parents and cardinalities); ``locales.toml`` lists place
names by the Faker locale they point to. The compact field and parent notations are documented at
the top of ``entities.toml``.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from synthdata.analysis.inflection import plural
from synthdata.analysis.naming import field_from_name
from synthdata.schema import Constraint, Field, FieldType
from synthdata.schema.traits import FIELD_TRAITS

__all__ = [
    "Catalog",
    "DomainSpec",
    "EntityTemplate",
    "FieldSpec",
    "ParentSpec",
    "catalog",
    "places",
]

_HERE = Path(__file__).resolve().parent
_CONFIG = ConfigDict(extra="forbid", frozen=True)


class FieldSpec(BaseModel):
    """A template field, possibly limited to one domain."""

    model_config = _CONFIG

    field: Field
    domain: str | None = None


class ParentSpec(BaseModel):
    """A typical parent: the first of ``choices`` present; ``implied`` adds it if none is."""

    model_config = _CONFIG

    choices: tuple[str, ...]
    role: str | None = None
    mean: float | None = None
    implied: bool = False
    optional: bool = False


class EntityTemplate(BaseModel):
    """What synthdata knows about one kind of thing a business keeps records of."""

    model_config = _CONFIG

    key: str
    table: str
    domains: tuple[str, ...]
    phrases: tuple[tuple[str, str | None], ...]
    person: bool = False
    fields: tuple[FieldSpec, ...] = ()
    parents: tuple[ParentSpec, ...] = ()
    self_ref: str | None = None
    volume: int = 100
    constraints: tuple[Constraint, ...] = ()
    link: bool = False

    def native_to(self, domain: str) -> bool:
        """Whether the entity belongs to ``domain`` (or to every domain)."""
        return "*" in self.domains or domain in self.domains


class DomainSpec(BaseModel):
    """A business domain: its keywords (strong and weak) and core entities."""

    model_config = _CONFIG

    name: str
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    core: tuple[str, ...]


class Catalog(BaseModel):
    """Every domain and entity template."""

    model_config = _CONFIG

    domains: dict[str, DomainSpec]
    entities: dict[str, EntityTemplate]

    def by_table(self, table: str) -> EntityTemplate | None:
        """The template whose table (or key) is ``table``."""
        for template in self.entities.values():
            if table in (template.table, template.key):
                return template
        return None


_FIELD = re.compile(
    r"^(?P<name>\w+)(?::(?P<type>[A-Z_0-9]+)(?:\((?P<args>[^)]*)\))?)?(?P<flags>[?!]*)"
    r"(?:@(?P<domain>\w+))?$"
)
_PARENT = re.compile(
    r"^(?:(?P<role>\w+)=)?(?P<choices>[\w|]+)(?:\*(?P<mean>[\d.]+))?(?P<flags>[!?]*)$"
)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_field(spec: str, *, person: bool) -> FieldSpec:
    """Parse ``name[:TYPE[(args)]][?][!][@domain]`` into a field."""
    match = _FIELD.match(spec)
    if not match:
        msg = f"Bad field spec {spec!r}"
        raise ValueError(msg)
    name, kind, args, flags = match["name"], match["type"], match["args"], match["flags"]
    if kind is None:
        field = field_from_name(name, person=person)
    else:
        field = Field(name=name, type=kind, **_type_args(FieldType(kind), args))
    update: dict[str, object] = {}
    if "?" in flags:
        update.update(required=False)
    if "!" in flags:
        update.update(unique=True)
    if field.type is FieldType.CODE and kind is None and "!" not in flags:
        update.setdefault("unique", True)
    return FieldSpec(
        field=field.model_copy(update=update) if update else field, domain=match["domain"]
    )


def _type_args(kind: FieldType, args: str | None) -> dict[str, object]:
    if not args:
        return {}
    if kind is FieldType.ENUM:
        return {"enum_values": args.split("|")}
    if FIELD_TRAITS[kind].patterned:
        return {"pattern": args}
    lo, _, hi = args.partition("..")
    if FIELD_TRAITS[kind].temporal:
        return {"min": lo, "max": hi}
    number = float if "." in lo + hi.replace("..", "") else int
    return {"min": number(lo), "max": number(hi)}


def _parse_parent(spec: str) -> ParentSpec:
    match = _PARENT.match(spec)
    if not match:
        msg = f"Bad parent spec {spec!r}"
        raise ValueError(msg)
    return ParentSpec(
        choices=tuple(match["choices"].split("|")),
        role=match["role"],
        mean=float(match["mean"]) if match["mean"] else None,
        implied="!" in match["flags"],
        optional="?" in match["flags"],
    )


def _phrases(key: str, also: str) -> tuple[tuple[str, str | None], ...]:
    out: list[tuple[str, str | None]] = [(key.replace("_", " "), None)]
    for item in _split(also):
        phrase, _, domain = item.partition("@")
        out.append((phrase.rstrip("?").strip(), domain or None))
    return tuple(out)


def _entity(key: str, data: dict[str, object]) -> EntityTemplate:
    person = bool(data.get("person", False))
    return EntityTemplate(
        key=key,
        table=str(data.get("table") or plural(key)),
        domains=tuple(_split(str(data.get("domains", "*")))),
        phrases=_phrases(key, str(data.get("also", ""))),
        person=person,
        fields=tuple(parse_field(s, person=person) for s in _split(str(data.get("fields", "")))),
        parents=tuple(_parse_parent(s) for s in _split(str(data.get("parents", "")))),
        self_ref=str(data["self"]) if data.get("self") else None,
        volume=int(data.get("volume", 100)),  # type: ignore[call-overload]
        constraints=tuple(
            Constraint.model_validate(c) for c in _split(str(data.get("constraints", "")))
        ),
        link=bool(data.get("link", False)),
    )


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The catalogue, parsed and checked once per process."""
    with (_HERE / "domains.toml").open("rb") as handle:
        raw_domains = tomllib.load(handle)
    with (_HERE / "entities.toml").open("rb") as handle:
        raw_entities = tomllib.load(handle)
    domains = {
        name: DomainSpec(
            name=name, strong=tuple(d["strong"]), weak=tuple(d["weak"]), core=tuple(d["core"])
        )
        for name, d in raw_domains.items()
    }
    entities = {key: _entity(key, data) for key, data in raw_entities.items()}
    _check(domains, entities)
    return Catalog(domains=domains, entities=entities)


@lru_cache(maxsize=1)
def places() -> dict[str, list[str]]:
    """Place names (cities, regions) by the Faker locale they point to."""
    with (_HERE / "locales.toml").open("rb") as handle:
        return tomllib.load(handle)


def _check(domains: dict[str, DomainSpec], entities: dict[str, EntityTemplate]) -> None:
    problems = []
    for e in entities.values():
        problems += [
            f"{e.key}: unknown domain {d}" for d in e.domains if d != "*" and d not in domains
        ]
        for p in e.parents:
            problems += [f"{e.key}: unknown parent {c}" for c in p.choices if c not in entities]
        problems += [f"{e.key}: phrase domain {d}" for _, d in e.phrases if d and d not in domains]
    for d in domains.values():
        problems += [f"{d.name}: unknown core entity {c}" for c in d.core if c not in entities]
    if problems:
        msg = "Catalogue errors: " + "; ".join(problems)
        raise ValueError(msg)
