"""One table: :class:`Schema`, with its foreign keys and row constraints, normalised when built."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from typing import Any, Literal, Self

from pydantic import (
    BaseModel,
    Field as PydanticField,
    SerializerFunctionWrapHandler,
    ValidationError,
    model_serializer,
    model_validator,
)

from synthdata.errors import NotFoundError, did_you_mean
from synthdata.schema import arithmetic, expressions, milestones, semantics
from synthdata.schema.field import MODEL_CONFIG, Cardinality, Field, Identifier, valid_identifier
from synthdata.schema.traits import FIELD_TRAITS
from synthdata.schema.types import FieldType

__all__ = [
    "CompositeForeignKey",
    "Constraint",
    "ForeignKey",
    "Schema",
    "SchemaList",
    "StatusRule",
]


class ForeignKey(BaseModel):
    """A field that holds the key of a row in a parent table."""

    model_config = MODEL_CONFIG

    field: Identifier
    parent: Identifier
    parent_field: Identifier = "id"
    cardinality: Cardinality = Cardinality()
    optional: bool = False


class CompositeForeignKey(BaseModel):
    """Several fields that together hold the composite key of a row in a parent table:
    ``{"fields": ["origin", "time_hour"], "parent": "weather"}``.

    ``parent_fields`` are the parent's ``composite_key`` columns the fields refer to, in the
    same order (the child's own names when omitted). A row's fields are all null or all set:
    the key is optional when any of its fields is (or with ``optional: true``), and then every
    field of it is nullable with the same ``null_rate``.
    """

    model_config = MODEL_CONFIG

    fields: list[Identifier] = PydanticField(min_length=2, max_length=16)
    parent: Identifier
    parent_fields: list[Identifier] | None = None
    cardinality: Cardinality = Cardinality()
    optional: bool = False

    @property
    def name(self) -> str:
        """The key's name where one string is needed (streams, allocations): ``origin,time_hour``
        (no field name holds a comma, so it never clashes with a single field's)."""
        return ",".join(self.fields)

    @property
    def referenced(self) -> list[str]:
        """The parent's columns, in the order of ``fields``."""
        return list(self.parent_fields or self.fields)

    def __str__(self) -> str:
        return f"({', '.join(self.fields)}) -> {self.parent} ({', '.join(self.referenced)})"


_ORDER_RE = re.compile(
    r"^\s*(\w+)\s*(>=|<=|>|<)\s*(?:(\w+)\.)?(\w+)\s*(?:([+-])\s*(\d+\s*[a-z]+)\s*)?$",
    re.IGNORECASE,
)
_OFFSET_RE = re.compile(r"^(-?)(\d+)\s*(minute|hour|day|week|month|year)s?$")
_OFFSET_UNITS = {"minute": "m", "hour": "h", "day": "d", "week": "w", "month": "mo", "year": "y"}


class Constraint(BaseModel):
    """An ordering between two fields of one row, e.g. ``end_date >= start_date``, with an
    optional least gap for dates: ``hire_date >= birth_date + 16 years``.

    Accepts the string form ``"end_date >= start_date"`` as well as the object form
    (``offset`` in minutes, hours, days, weeks, months or years, negative with a leading ``-``).

    >>> str(Constraint.model_validate("hire_date >= birth_date + 16 years"))
    'hire_date >= birth_date + 16 years'

    ``other`` may be a column of the parent row a foreign key points at, written
    ``"ordered_at >= customers.created_at"`` (``parent`` is then ``customers``): the row's
    value against the value of the parent row its required foreign key to that table names.
    """

    model_config = MODEL_CONFIG

    field: Identifier
    op: Literal[">=", ">", "<=", "<"]
    other: Identifier
    offset: str | None = None
    #: The parent table ``other`` belongs to (reached through this table's foreign key to it).
    parent: Identifier | None = None
    #: For a date after a parent's date: the days between them at even probabilities (0, 1/(n-1)
    #: … 1), as a profile measures them; the date is then the parent's plus a gap drawn from
    #: these (without it, the row keeps its own date when that comes after the parent's).
    gap: list[float] | None = PydanticField(default=None, min_length=2, max_length=1001)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: Any) -> Any:
        if isinstance(data, str):
            match = _ORDER_RE.match(data)
            if not match:
                msg = (
                    f"Constraint {data!r} must look like 'end_date >= start_date' "
                    "or 'hire_date >= birth_date + 16 years'"
                )
                raise ValueError(msg)
            parsed = {"field": match[1], "op": match[2], "other": match[4]}
            if match[3]:
                parsed["parent"] = match[3]
            if match[5]:
                sign = "-" if match[5] == "-" else ""
                parsed["offset"] = sign + " ".join(match[6].split())
            return parsed
        return data

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """The constraint's options; ``gap`` only when given (older dumps hash as before)."""
        data: dict[str, Any] = handler(self)
        if self.gap is None:
            data.pop("gap", None)
        return data

    @model_validator(mode="after")
    def _gap(self) -> Self:
        if self.gap is None:
            return self
        if self.parent is None or self.op not in (">=", ">"):
            msg = f"Constraint '{self}': a gap is for a date after a parent's date (>= or >)"
            raise ValueError(msg)
        points = self.gap
        if any(not math.isfinite(x) or x < 0 for x in points) or any(
            b < a for a, b in itertools.pairwise(points)
        ):
            msg = f"Constraint '{self}': gap must be days, 0 or more, in increasing order"
            raise ValueError(msg)
        return self

    @model_validator(mode="after")
    def _offset(self) -> Self:
        if self.offset is not None and not _OFFSET_RE.match(self.offset.strip().lower()):
            msg = (
                f"Constraint '{self}': offset {self.offset!r} must be a whole number of "
                "minutes, hours, days, weeks, months or years (e.g. '16 years')"
            )
            raise ValueError(msg)
        return self

    def duration(self) -> str | None:
        """The offset as a polars duration (``16y``), or None without one."""
        if self.offset is None:
            return None
        match = _OFFSET_RE.match(self.offset.strip().lower())
        assert match is not None  # checked when built
        return f"{match[1]}{match[2]}{_OFFSET_UNITS[match[3]]}"

    @property
    def ref(self) -> str:
        """What the constraint orders by: ``other``, or ``parent.other`` across a foreign key."""
        return self.other if self.parent is None else f"{self.parent}.{self.other}"

    def __str__(self) -> str:
        base = f"{self.field} {self.op} {self.ref}"
        if self.offset is None:
            return base
        sign, amount = ("-", self.offset[1:]) if self.offset.startswith("-") else ("+", self.offset)
        return f"{base} {sign} {amount}"


class StatusRule(BaseModel):
    """Which milestones (dates) a row has, by the value of its status column.

    For a row whose ``field`` holds a value listed in ``when``, the milestones listed for that
    value are set and the other ``milestones`` are null; rows with other values keep their
    milestones as drawn. ``{"field": "status", "milestones": ["shipped_at", "delivered_at"],
    "when": {"pending": [], "shipped": ["shipped_at"], "delivered": ["shipped_at",
    "delivered_at"]}}`` says a pending order is neither shipped nor delivered.
    """

    model_config = MODEL_CONFIG

    field: Identifier
    milestones: list[Identifier] = PydanticField(min_length=1)
    when: dict[str, list[Identifier]]

    @model_validator(mode="after")
    def _within(self) -> Self:
        for value, have in self.when.items():
            extra = [m for m in have if m not in self.milestones]
            if extra:
                msg = (
                    f"Status rule on '{self.field}': value {value!r} names {extra}, "
                    f"which are not among its milestones {self.milestones}"
                )
                raise ValueError(msg)
        return self

    def ruled_out(self) -> set[str]:
        """The milestones some value makes null (they cannot be required)."""
        return {m for have in self.when.values() for m in self.milestones if m not in have}


class _Declared(BaseModel):
    """A table's options as given, before :class:`Schema` settles its key and foreign keys."""

    model_config = MODEL_CONFIG

    name: Identifier
    fields: list[Field] = PydanticField(min_length=1, max_length=500)
    primary_key: Identifier | None = None
    foreign_keys: list[ForeignKey] = []
    volume: int | None = PydanticField(default=None, ge=0, le=10_000_000_000)
    constraints: list[Constraint] = []
    status_rules: list[StatusRule] = []
    infer_rules: bool = True
    unique_together: list[list[Identifier]] = []
    #: Groups of optional columns of which every row fills exactly one (a line holds a cake
    #: or a bread: ``[["cake_id", "bread_id"]]``).
    one_of: list[list[Identifier]] = []
    locale: str | None = None
    description: str | None = PydanticField(default=None, max_length=2000)
    #: The table's primary key when it spans several fields (``primary_key`` is then unset).
    composite_key: list[Identifier] = PydanticField(default=[], max_length=16)
    composite_foreign_keys: list[CompositeForeignKey] = []

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """The table's options; ``one_of`` and the composite key options only when given, so
        tables without them dump (and hash) as before they existed."""
        data: dict[str, Any] = handler(self)
        for option in ("one_of", "composite_key", "composite_foreign_keys"):
            if not getattr(self, option):
                data.pop(option, None)
        return data


class Schema(_Declared):
    """A table: its fields, key, foreign keys, constraints and row count.

    >>> s = Schema.model_validate({"name": "orders", "volume": 10, "fields": [
    ...     {"name": "id", "type": "UUID", "primary_key": True},
    ...     {"name": "customer_id", "type": "UUID", "references": "customers.id"}]})
    >>> s.primary_key, s.foreign_keys[0].parent
    ('id', 'customers')
    """

    @model_validator(mode="before")
    @classmethod
    def _settle(cls, data: Any) -> Any:
        # The model is built complete, never patched afterwards: the declaration is validated
        # as given, then its settled key, fields and foreign keys replace the given ones.
        if not isinstance(data, dict):
            return data
        data = _listed_key(data)
        try:
            given = _Declared.model_validate(data)
        except ValidationError:
            # Validating ``data`` as it is reports these same errors, each at its own place.
            return data
        settled = _settled(given)
        if given.infer_rules:
            settled |= _inferred(given, settled["fields"], settled["foreign_keys"])
        settled["fields"] = _relaxed(
            settled["fields"], settled.get("status_rules", given.status_rules), given.one_of
        )
        return {**data, **settled}

    @model_validator(mode="after")
    def _check(self) -> Self:
        _check_references(self)
        return self

    def field(self, name: str) -> Field:
        """Return the field called ``name``.

        Raises:
            NotFoundError: there is no such field (the message suggests the closest name).
        """
        for f in self.fields:
            if f.name == name:
                return f
        names = [f.name for f in self.fields]
        msg = f"Schema '{self.name}' has no field '{name}'.{did_you_mean(name, names)}"
        raise NotFoundError(msg)

    @property
    def field_names(self) -> list[str]:
        """The field names in order."""
        return [f.name for f in self.fields]

    def meanings(self) -> dict[str, str]:
        """What each field holds as read from the names, in the words the views show
        (``{"title": "book title", "price": "price of a book"}``); fields without a meaning are
        left out (see :mod:`synthdata.schema.semantics`)."""
        names = self.field_names
        kinds = {f.name: semantics.meaning(f, self.name, names) for f in self.fields}
        return {name: semantics.MEANINGS[kind] for name, kind in kinds.items() if kind is not None}

    def to_reference(self) -> dict[str, Any]:
        """The schema as the API reference shows it (name; fields with name, type, required),
        plus every option that differs from its default."""
        body = self.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        body["name"] = self.name
        body["fields"] = [
            f.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
            | {"name": f.name, "type": f.type.value, "required": f.required}
            for f in self.fields
        ]
        return body

    def _repr_html_(self) -> str:
        from synthdata._html import schema_html

        return schema_html(self)

    def __rich__(self) -> Any:
        """A table of fields for ``rich`` consoles (the CLI and the demo print schemas so)."""
        from rich.table import Table

        volume = "" if self.volume is None else f"  ({self.volume:,} rows)"
        table = Table(title=f"{self.name}{volume}", title_justify="left")
        for column in ("field", "type", "details"):
            table.add_column(column)
        for f in self.fields:
            table.add_row(f.name, f.type.value, f.details(self.name, self.field_names))
        return table

    @property
    def key_fields(self) -> list[str]:
        """The fields of the table's primary key: ``[primary_key]``, the ``composite_key``,
        or none."""
        if self.composite_key:
            return list(self.composite_key)
        return [] if self.primary_key is None else [self.primary_key]

    def composite_fields(self) -> dict[str, CompositeForeignKey]:
        """Each field of a composite foreign key, with that key."""
        return {name: fk for fk in self.composite_foreign_keys for name in fk.fields}


class SchemaList(list[Schema]):
    """A list of schemas that shows as tables (with their relationships) in a notebook."""

    def _repr_html_(self) -> str:
        from synthdata._html import schemas_html

        return schemas_html(self)


def _settled(given: _Declared) -> dict[str, Any]:
    """The key, fields and foreign keys a table gets once every declaration is merged.

    The key is the field named ``primary_key``, else the one marked so, else ``id``; it becomes
    required. A field's ``references`` and the ``foreign_keys`` list describe the same links,
    so each side gets what the other says.
    """
    by_name = _field_index(given)
    key = _primary_key(given, by_name)
    composite = _composite_key(given, by_name)
    fields = [
        _as_key(f) if f.name == key else _as_key_part(f) if f.name in composite else f
        for f in given.fields
    ]
    foreign_keys = _merge_foreign_keys(given, fields, by_name)
    for fk in foreign_keys:
        if fk.optional and (fk.field == key or fk.field in composite):
            msg = (
                f"Schema '{given.name}': primary key '{fk.field}' cannot be an optional "
                "foreign key (a key is never null, and a reference to its own table is always "
                "optional)"
            )
            raise ValueError(msg)
    composite_fks = _composite_foreign_keys(given, by_name, composite)
    fields = [_with_fk(f, foreign_keys) for f in fields]
    settled: dict[str, Any] = {
        "primary_key": key,
        "foreign_keys": foreign_keys,
        "fields": _with_composite_fks(fields, composite_fks),
    }
    if composite_fks:
        settled["composite_foreign_keys"] = composite_fks
    return settled


def _listed_key(data: dict[str, Any]) -> dict[str, Any]:
    """``"primary_key": ["a", "b"]`` written as ``composite_key`` (one name: ``primary_key``)."""
    key = data.get("primary_key")
    if not isinstance(key, list | tuple):
        return data
    out = {o: v for o, v in data.items() if o != "primary_key"}
    if len(key) == 1:
        out["primary_key"] = key[0]
    elif key:
        if out.get("composite_key"):
            msg = f"Schema '{data.get('name')}': give the key as primary_key or composite_key"
            raise ValueError(msg)
        out["composite_key"] = list(key)
    return out


def _composite_key(table: _Declared, by_name: dict[str, Field]) -> list[str]:
    names = table.composite_key
    if not names:
        return []
    where = f"Schema '{table.name}': composite_key {names}"
    if len(names) < 2 or len(set(names)) != len(names):
        msg = f"{where} must name two or more different fields (one field: use primary_key)"
        raise ValueError(msg)
    for name in names:
        if name not in by_name:
            msg = f"{where} names unknown field '{name}'.{did_you_mean(name, by_name)}"
            raise ValueError(msg)
    marked = [f.name for f in table.fields if f.primary_key]
    if table.primary_key is not None or marked:
        single = table.primary_key or marked[0]
        msg = f"{where} and primary key '{single}': a table has one primary key"
        raise ValueError(msg)
    return list(names)


def _as_key_part(f: Field) -> Field:
    """A field of a composite key: never null (not unique on its own)."""
    if f.required and f.null_rate is None:
        return f
    return f.model_copy(update={"required": True, "null_rate": None})


def _composite_foreign_keys(
    table: _Declared, by_name: dict[str, Field], composite: list[str]
) -> list[CompositeForeignKey]:
    """The composite foreign keys with their parent fields spelled out and their optionality
    settled (optional when any field is nullable)."""
    out: list[CompositeForeignKey] = []
    seen: set[str] = set()
    for fk in table.composite_foreign_keys:
        where = f"Schema '{table.name}': composite foreign key {fk}"
        if len(set(fk.fields)) != len(fk.fields):
            msg = f"{where} names a field twice"
            raise ValueError(msg)
        if len(fk.referenced) != len(fk.fields):
            msg = f"{where} must name as many parent_fields as fields"
            raise ValueError(msg)
        if fk.parent == table.name:
            msg = f"{where} refers to its own table, which a composite key cannot (yet)"
            raise ValueError(msg)
        for name in fk.fields:
            if name not in by_name:
                msg = f"{where} names unknown field '{name}'.{did_you_mean(name, by_name)}"
                raise ValueError(msg)
            if name in seen:
                msg = f"{where}: field '{name}' is in two composite foreign keys"
                raise ValueError(msg)
            if name in composite:
                msg = (
                    f"{where}: field '{name}' is also in the composite_key, which is not "
                    "supported yet"
                )
                raise ValueError(msg)
        seen.update(fk.fields)
        optional = fk.optional or any(not by_name[n].required for n in fk.fields)
        out.append(fk.model_copy(update={"parent_fields": fk.referenced, "optional": optional}))
    return out


def _with_composite_fks(fields: list[Field], fks: list[CompositeForeignKey]) -> list[Field]:
    """An optional composite key's fields all nullable at one rate (all null or none)."""
    out = list(fields)
    for fk in fks:
        if not fk.optional:
            continue
        mine = [f for f in out if f.name in fk.fields]
        rates = [f.null_rate for f in mine if f.null_rate is not None and not f.required]
        rate = rates[0] if rates else None
        out = [
            f.model_copy(update={"required": False, "null_rate": rate})
            if f.name in fk.fields
            else f
            for f in out
        ]
    return out


def _inferred(
    given: _Declared, fields: list[Field], foreign_keys: list[ForeignKey]
) -> dict[str, Any]:
    """The ordering constraints and status rules the names imply, added to the written ones
    (:mod:`synthdata.schema.milestones`); keys and unique fields are never ordered."""
    keyed = {fk.field for fk in foreign_keys} | set(given.composite_key)
    keyed |= {name for fk in given.composite_foreign_keys for name in fk.fields}
    usable = [f for f in fields if f.name not in keyed]
    written = [(c.field, c.ref) for c in given.constraints]
    ordered = milestones.orderings(usable, written)
    ruled = milestones.status_rules(usable, given.name, [r.field for r in given.status_rules])
    out: dict[str, Any] = {}
    if ordered:
        out["constraints"] = [*given.constraints, *map(Constraint.model_validate, ordered)]
    if ruled:
        out["status_rules"] = [*given.status_rules, *map(StatusRule.model_validate, ruled)]
    constraints: list[Constraint] = out.get("constraints", given.constraints)
    derived = _derived(fields, constraints)
    paid = _paid_within_total(derived, constraints)
    bare = arithmetic.bare_total(fields, derived)
    if bare is not None and not any(
        frozenset((c.field, c.ref)) == frozenset(bare) for c in constraints
    ):  # "subtotal, total_amount" and nothing between: the total is at least the subtotal
        paid.append(Constraint(field=bare[0], op=">=", other=bare[1]))
    if paid:
        out["constraints"] = [*constraints, *paid]
    if derived:
        out["fields"] = [
            f.model_copy(update={"derived": derived[f.name]}) if f.name in derived else f
            for f in fields
        ]
    return out


def _derived(fields: list[Field], constraints: list[Constraint]) -> dict[str, str]:
    """The arithmetic the names imply (:mod:`synthdata.schema.arithmetic`), leaving out fields
    a constraint orders and any derivation that would close a cycle with written ones."""
    needs: dict[str, set[str]] = {f.name: set() for f in fields}
    for c in constraints:
        needs.setdefault(c.field, set()).add(c.ref)
    for f in fields:
        if f.derived is not None:
            needs[f.name].update(expressions.names(expressions.parse(f.derived)))
    found = arithmetic.derivations(fields, blocked={c.field for c in constraints})
    out = {}
    for name, expr in found.items():
        inputs = set(expressions.names(expressions.parse(expr)))
        if any(name in milestones.reach(i, needs) for i in inputs):
            continue
        needs[name] |= inputs
        out[name] = expr
    return out


def _paid_within_total(derived: dict[str, str], constraints: list[Constraint]) -> list[Constraint]:
    """What was paid is at most the total, so a balance derived as their difference is never
    negative: ``amount_paid <= total`` (unless the pair is already ordered)."""
    taken = {frozenset((c.field, c.ref)) for c in constraints}
    out = []
    for expr in derived.values():
        tree = expressions.parse(expr)
        if isinstance(tree, expressions.Binary) and tree.op == "-":
            total, paid = tree.left, tree.right
            if (
                isinstance(total, expressions.Column)
                and isinstance(paid, expressions.Column)
                and arithmetic.is_paid(paid.name)
                and frozenset((paid.name, total.name)) not in taken
            ):
                out.append(Constraint(field=paid.name, op="<=", other=total.name))
    return out


def _relaxed(fields: list[Field], rules: list[StatusRule], one_of: list[list[str]]) -> list[Field]:
    """Milestones a status rule makes null, and columns of a ``one_of`` group, become
    optional, with no nulls of their own."""
    ruled = {m for r in rules for m in r.ruled_out()}
    grouped = {n for group in one_of for n in group}
    return [
        f.model_copy(update={"required": False, "null_rate": 0.0})
        if not f.primary_key
        and ((f.name in ruled and f.required) or (f.name in grouped and f.null_rate != 0.0))
        else f
        for f in fields
    ]


def _field_index(table: _Declared) -> dict[str, Field]:
    seen: dict[str, Field] = {}
    lowered: set[str] = set()
    for f in table.fields:
        if f.name.lower() in lowered:
            msg = f"Schema '{table.name}' has field '{f.name}' twice (names are case-insensitive)"
            raise ValueError(msg)
        lowered.add(f.name.lower())
        seen[f.name] = f
    return seen


def _primary_key(table: _Declared, by_name: dict[str, Field]) -> str | None:
    marked = [f.name for f in table.fields if f.primary_key]
    if len(marked) > 1:
        msg = f"Schema '{table.name}' marks several primary keys {marked}; use one key field"
        raise ValueError(msg)
    key = table.primary_key or (marked[0] if marked else None)
    if key is None and "id" in by_name and not table.composite_key:
        key = "id"
    if key is None:
        return None
    if key not in by_name:
        hint = did_you_mean(key, by_name)
        msg = f"Schema '{table.name}': primary key '{key}' is not a field.{hint}"
        raise ValueError(msg)
    if marked and marked[0] != key:
        msg = f"Schema '{table.name}': primary_key '{key}' but field '{marked[0]}' is marked"
        raise ValueError(msg)
    return key


def _as_key(f: Field) -> Field:
    if f.primary_key:
        return f
    return f.model_copy(update={"primary_key": True, "required": True, "null_rate": None})


def _split_reference(ref: str) -> tuple[str, str]:
    table, _, field = ref.partition(".")
    return valid_identifier(table.strip()), valid_identifier(field.strip() or "id")


def _merge_foreign_keys(
    table: _Declared, fields: list[Field], by_name: dict[str, Field]
) -> list[ForeignKey]:
    merged: dict[str, ForeignKey] = {}
    for fk in table.foreign_keys:
        if fk.field not in by_name:
            msg = (
                f"Schema '{table.name}': foreign key names unknown field '{fk.field}'."
                f"{did_you_mean(fk.field, by_name)}"
            )
            raise ValueError(msg)
        if fk.field in merged:
            msg = f"Schema '{table.name}': field '{fk.field}' has two foreign keys"
            raise ValueError(msg)
        merged[fk.field] = fk
    for f in fields:
        if f.references is None or f.name in merged:
            continue
        parent, parent_field = _split_reference(f.references)
        merged[f.name] = ForeignKey(
            field=f.name,
            parent=parent,
            parent_field=parent_field,
            cardinality=f.cardinality or Cardinality(),
            optional=not f.required,
        )
    # A self-reference needs roots, so it is always optional.
    return [
        fk.model_copy(update={"optional": True}) if fk.parent == table.name else fk
        for fk in merged.values()
    ]


def _with_fk(f: Field, foreign_keys: list[ForeignKey]) -> Field:
    fk = next((k for k in foreign_keys if k.field == f.name), None)
    if fk is None:
        return f
    update: dict[str, Any] = {"references": f"{fk.parent}.{fk.parent_field}"}
    if fk.cardinality != Cardinality():
        update["cardinality"] = fk.cardinality
    if fk.optional and f.required:
        update["required"] = False
    return f.model_copy(update=update)


def _check_references(schema: Schema) -> None:
    """Constraints, unique groups and derivations name fields of this table, and can hold."""
    by_name = {f.name: f for f in schema.fields}

    def need(name: str, what: str) -> Field:
        if name not in by_name:
            msg = (
                f"Schema '{schema.name}': {what} names unknown field '{name}'."
                f"{did_you_mean(name, by_name)}"
            )
            raise ValueError(msg)
        return by_name[name]

    keyed = {fk.field for fk in schema.foreign_keys} | set(schema.composite_key)
    keyed |= set(schema.composite_fields())
    for c in schema.constraints:
        for name in (c.field,) if c.parent is not None else (c.field, c.other):
            _check_orderable(schema.name, c, need(name, f"constraint '{c}'"))
        if by_name[c.field].is_unique or c.field in keyed:
            msg = (
                f"Schema '{schema.name}': constraint '{c}' cannot hold for '{c.field}', "
                "a key or unique field; write it the other way round"
            )
            raise ValueError(msg)
    for group in schema.one_of:
        if len(set(group)) < 2:
            msg = f"Schema '{schema.name}': a one_of group needs two or more fields ({group})"
            raise ValueError(msg)
        for name in group:
            f = need(name, "one_of")
            if f.primary_key or f.derived is not None or f.derived_from is not None:
                msg = (
                    f"Schema '{schema.name}': one_of field '{name}' is a key or computed; "
                    "only a drawn column or a foreign key can be left empty by the group"
                )
                raise ValueError(msg)
    for group in schema.unique_together:
        for name in group:
            need(name, "unique_together")
    for rule in schema.status_rules:
        _check_status_rule(schema.name, rule, need)
    _check_derived(schema, by_name, keyed, need)
    for f in schema.fields:
        if f.step is not None and f.name not in schema.composite_key:
            msg = (
                f"Schema '{schema.name}': field '{f.name}' has a step, which only a field of "
                "the composite_key takes"
            )
            raise ValueError(msg)
        if f.quantiles_by is not None:
            need(f.quantiles_by.column, f"field '{f.name}' quantiles_by")
        if f.values_by is not None:
            need(f.values_by.column, f"field '{f.name}' values_by")
        if f.derived_from is not None:
            need(f.derived_from, f"field '{f.name}' derived_from")
            if f.derived_from == f.name:
                msg = f"Schema '{schema.name}': field '{f.name}' cannot derive from itself"
                raise ValueError(msg)


def _check_orderable(table: str, c: Constraint, field: Field) -> None:
    if not FIELD_TRAITS[field.type].orderable:
        msg = f"Schema '{table}': constraint '{c}' needs numbers, dates or times"
        raise ValueError(msg)
    if c.offset is not None and field.type not in semantics.DATE_TYPES:
        msg = f"Schema '{table}': constraint '{c}' has an offset, so it needs dates"
        raise ValueError(msg)


def _check_status_rule(table: str, rule: StatusRule, need: Callable[[str, str], Field]) -> None:
    status = need(rule.field, "status rule")
    where = f"Schema '{table}': status rule on '{rule.field}'"
    if status.type is not FieldType.ENUM and not FIELD_TRAITS[status.type].semantic:
        msg = f"{where} needs an ENUM, STRING or TEXT field, not {status.type.value}"
        raise ValueError(msg)
    if status.type is FieldType.ENUM and status.enum_values:
        unknown = [v for v in rule.when if v not in status.enum_values]
        if unknown:
            hint = did_you_mean(unknown[0], status.enum_values)
            msg = f"{where} names value {unknown[0]!r}, not one of its enum_values.{hint}"
            raise ValueError(msg)
    for name in rule.milestones:
        if need(name, f"status rule on '{rule.field}'").type not in semantics.DATE_TYPES:
            msg = f"{where}: milestone '{name}' must be a DATE or DATETIME field"
            raise ValueError(msg)


def _check_derived(
    schema: Schema, by_name: dict[str, Field], keyed: set[str], need: Callable[[str, str], Field]
) -> None:
    """Derived fields are numbers computed from other fields of the row, without cycles."""
    types = {f.name: f.type for f in schema.fields}
    needs: dict[str, set[str]] = {f.name: set() for f in schema.fields}
    for c in schema.constraints:
        if c.parent is None:
            needs.setdefault(c.field, set()).add(c.other)
    for f in schema.fields:
        if f.derived is None:
            continue
        where = f"Schema '{schema.name}': field '{f.name}' derived {f.derived!r}"
        if f.type not in expressions.DERIVABLE:
            kinds = ", ".join(t.value for t in expressions.DERIVABLE)
            msg = f"{where}: a derived field must be {kinds}, not {f.type.value}"
            raise ValueError(msg)
        if f.is_unique or f.name in keyed or f.derived_from is not None:
            msg = f"{where}: a key, unique or derived_from field cannot be derived"
            raise ValueError(msg)
        if any(c.field == f.name for c in schema.constraints):
            msg = f"{where}: a derived field cannot also be ordered by a constraint"
            raise ValueError(msg)
        tree = expressions.parse(f.derived)
        for name in expressions.names(tree):
            need(name, f"field '{f.name}' derived")
        expressions.check_types(f.derived, tree, types)
        needs[f.name].update(expressions.names(tree))
    for f in schema.fields:
        if f.derived is not None and f.name in _reach_through(f.name, needs):
            msg = f"Schema '{schema.name}': field '{f.name}' is derived from itself"
            raise ValueError(msg)


def _reach_through(name: str, needs: dict[str, set[str]]) -> set[str]:
    """Every field ``name`` needs, directly or through others (itself only in a cycle)."""
    found: set[str] = set()
    todo = [name]
    while todo:
        for other in needs.get(todo.pop(), set()) - found:
            found.add(other)
            todo.append(other)
    return found
