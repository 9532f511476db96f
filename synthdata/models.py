"""Pydantic models for schemas: the data that crosses every boundary (files, HTTP, LLM)."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field as PydanticField,
    field_validator,
    model_validator,
)

from synthdata.errors import InvalidInputError, did_you_mean
from synthdata.schema.traits import FIELD_TRAITS
from synthdata.schema.types import TYPE_ALIASES, FieldType

__all__ = [
    "Cardinality",
    "Constraint",
    "Distribution",
    "Field",
    "FieldType",
    "ForeignKey",
    "Schema",
    "SchemaList",
    "check_schemas",
    "describe_validation_error",
    "load_schemas",
]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


def _identifier(value: str) -> str:
    if not isinstance(value, str) or not _IDENTIFIER.fullmatch(value):
        msg = (
            f"Invalid name {value!r}: names must start with a letter or underscore, then use only "
            "letters, digits and underscores, at most 63 characters"
        )
        raise ValueError(msg)
    return value


Identifier = Annotated[str, AfterValidator(_identifier)]


def _field_type(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, FieldType):
        key = value.strip().upper().replace(" ", "_").replace("-", "_")
        if key in TYPE_ALIASES:
            return TYPE_ALIASES[key]
        if key not in FieldType.__members__:
            msg = f"Unknown field type {value!r}.{did_you_mean(key, FieldType.__members__)}"
            raise ValueError(msg)
        return FieldType[key]
    return value


class Distribution(StrEnum):
    """The shape of numeric draws and of foreign-key fan-out."""

    UNIFORM = "uniform"
    NORMAL = "normal"
    LOGNORMAL = "lognormal"
    ZIPF = "zipf"


_MODEL_CONFIG = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Cardinality(BaseModel):
    """How many children each parent row has.

    With ``min`` or ``max`` set, every parent gets between ``min`` and ``max`` children exactly;
    otherwise children pick parents at random (uniformly, or skewed with ``zipf``).
    """

    model_config = _MODEL_CONFIG

    min: int | None = PydanticField(default=None, ge=0)
    max: int | None = PydanticField(default=None, ge=0)
    mean: float | None = PydanticField(default=None, ge=0)
    distribution: Distribution = Distribution.UNIFORM

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        lo, hi, mean = self.min, self.max, self.mean
        if lo is not None and hi is not None and lo > hi:
            msg = f"cardinality min ({lo}) must not exceed max ({hi})"
            raise ValueError(msg)
        if mean is not None and ((lo is not None and mean < lo) or (hi is not None and mean > hi)):
            msg = f"cardinality mean ({mean}) must lie between min and max"
            raise ValueError(msg)
        return self

    @property
    def bounded(self) -> bool:
        """Whether every parent's child count is held between min and max."""
        return bool(self.min) or self.max is not None

    def expected(self) -> float:
        """The mean number of children per parent, from what was given (3 when nothing was)."""
        if self.mean is not None:
            return self.mean
        if self.max is not None:
            return ((self.min or 0) + self.max) / 2
        return max(float(self.min or 0), 3.0)


class ForeignKey(BaseModel):
    """A field that holds the key of a row in a parent table."""

    model_config = _MODEL_CONFIG

    field: Identifier
    parent: Identifier
    parent_field: Identifier = "id"
    cardinality: Cardinality = Cardinality()
    optional: bool = False


_ORDER_RE = re.compile(r"^\s*(\w+)\s*(>=|<=|>|<)\s*(\w+)\s*$")


class Constraint(BaseModel):
    """An ordering between two fields of one row, e.g. ``end_date >= start_date``.

    Accepts the string form ``"end_date >= start_date"`` as well as the object form.
    """

    model_config = _MODEL_CONFIG

    field: Identifier
    op: Literal[">=", ">", "<=", "<"]
    other: Identifier

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: Any) -> Any:
        if isinstance(data, str):
            match = _ORDER_RE.match(data)
            if not match:
                msg = f"Constraint {data!r} must look like 'end_date >= start_date'"
                raise ValueError(msg)
            return {"field": match[1], "op": match[2], "other": match[3]}
        return data

    def __str__(self) -> str:
        return f"{self.field} {self.op} {self.other}"


def _bound(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


Bound = Annotated[int | float | str | None, BeforeValidator(_bound)]


class Field(BaseModel):
    """One column of a schema.

    Args:
        name: an identifier (letter or underscore, then letters, digits, underscores; ≤ 63 chars).
        type: a :class:`FieldType` (case-insensitive; aliases such as ``SKU`` or ``SSN`` accepted).
        required: when False the field gets nulls at ``null_rate`` (10 % if not given).
        unique: no two non-null values are equal.
        primary_key: the table's key; implies required and unique.
        references: ``"table"`` or ``"table.field"``; declares a foreign key.
        cardinality: children per parent for the foreign key declared by ``references``.
        enum_values, enum_weights: the values of an ENUM field and their relative frequencies.
        min, max: bounds for numbers, dates (ISO strings), times and lengths of TEXT.
        distribution: uniform, normal, lognormal or zipf, for numbers.
        pattern: for CODE and STRING: ``#`` a digit, ``?`` an upper-case letter, ``*`` either.
        locale: a Faker locale such as ``de_DE`` for this field's vocabulary.
        derived_from: the field this one is computed from (email from a name, age from a date).
    """

    model_config = _MODEL_CONFIG

    name: Identifier
    type: Annotated[FieldType, BeforeValidator(_field_type)]
    required: bool = True
    null_rate: float | None = PydanticField(default=None, ge=0.0, le=1.0)
    unique: bool = False
    primary_key: bool = False
    references: str | None = None
    cardinality: Cardinality | None = None
    enum_values: list[str] | None = None
    enum_weights: list[float] | None = None
    min: Bound = None
    max: Bound = None
    distribution: Distribution | None = None
    pattern: str | None = PydanticField(default=None, min_length=1, max_length=200)
    locale: str | None = None
    derived_from: Identifier | None = None
    description: str | None = PydanticField(default=None, max_length=2000)

    @field_validator("enum_values")
    @classmethod
    def _enum_values(cls, values: list[str] | None) -> list[str] | None:
        if values is not None and not values:
            msg = "enum_values must not be empty"
            raise ValueError(msg)
        return values

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        name = self.name
        if self.primary_key and (not self.required or self.null_rate):
            msg = f"Field '{name}' is a primary key, so it must be required with no nulls"
            raise ValueError(msg)
        if self.required and self.null_rate:
            msg = (
                f"Field '{name}' is required but has null_rate {self.null_rate}; set required=false"
            )
            raise ValueError(msg)
        if self.type is FieldType.ENUM and not self.enum_values:
            msg = f"ENUM field '{name}' needs enum_values"
            raise ValueError(msg)
        if self.enum_weights is not None:
            if self.enum_values is None or len(self.enum_weights) != len(self.enum_values):
                msg = f"Field '{name}': enum_weights must have one weight per enum value"
                raise ValueError(msg)
            if any(w < 0 for w in self.enum_weights) or sum(self.enum_weights) <= 0:
                msg = f"Field '{name}': enum_weights must be non-negative with a positive sum"
                raise ValueError(msg)
        if self.cardinality is not None and self.references is None:
            msg = f"Field '{name}' has a cardinality but no references"
            raise ValueError(msg)
        lo, hi = self.bounds()
        if lo is not None and hi is not None and lo > hi:
            msg = f"Field '{name}': min ({self.min}) must not exceed max ({self.max})"
            raise ValueError(msg)
        return self

    @property
    def effective_null_rate(self) -> float:
        """The share of nulls generation aims for."""
        if self.required or self.primary_key:
            return 0.0
        return 0.1 if self.null_rate is None else self.null_rate

    @property
    def is_unique(self) -> bool:
        """Whether values must be distinct (primary keys always are)."""
        return self.unique or self.primary_key

    def details(self) -> str:
        """A one-line summary of the options that matter (key, reference, nulls, values)."""
        parts = []
        if self.primary_key:
            parts.append("primary key")
        if self.references:
            parts.append(f"→ {self.references}")
        if self.unique and not self.primary_key:
            parts.append("unique")
        if not self.required:
            parts.append(f"{self.effective_null_rate:.0%} null")
        if self.enum_values:
            parts.append(" | ".join(self.enum_values[:8]))
        if self.min is not None or self.max is not None:
            low = "" if self.min is None else self.min
            high = "" if self.max is None else self.max
            parts.append(f"{low}..{high}")
        return ", ".join(parts)

    def bounds(self) -> tuple[Any, Any]:
        """Return ``(min, max)`` parsed for this field's type (dates as dates, etc.)."""
        return _parse_bound(self, self.min, "min"), _parse_bound(self, self.max, "max")


def _parse_bound(field: Field, value: Any, which: str) -> Any:
    if value is None:
        return None
    kind = field.type
    try:
        if kind is FieldType.DATE:
            return dt.date.fromisoformat(str(value)[:10])
        if kind is FieldType.DATETIME:
            return dt.datetime.fromisoformat(str(value)).replace(tzinfo=None)
        if kind is FieldType.TIME:
            return dt.time.fromisoformat(str(value))
        if isinstance(value, str):
            return float(value)
    except ValueError:
        msg = f"Field '{field.name}': {which} {value!r} is not a valid {kind.value} bound"
        raise ValueError(msg) from None
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"Field '{field.name}': {which} {value!r} is not a number"
        raise ValueError(msg)
    return value


class Schema(BaseModel):
    """A table: its fields, key, foreign keys, constraints and row count.

    >>> s = Schema.model_validate({"name": "orders", "volume": 10, "fields": [
    ...     {"name": "id", "type": "UUID", "primary_key": True},
    ...     {"name": "customer_id", "type": "UUID", "references": "customers.id"}]})
    >>> s.primary_key, s.foreign_keys[0].parent
    ('id', 'customers')
    """

    model_config = _MODEL_CONFIG

    name: Identifier
    fields: list[Field] = PydanticField(min_length=1, max_length=500)
    primary_key: Identifier | None = None
    foreign_keys: list[ForeignKey] = []
    volume: int | None = PydanticField(default=None, ge=0, le=10_000_000_000)
    constraints: list[Constraint] = []
    unique_together: list[list[Identifier]] = []
    locale: str | None = None
    description: str | None = PydanticField(default=None, max_length=2000)

    @model_validator(mode="after")
    def _normalize(self) -> Self:
        by_name = self._field_index()
        self._set_primary_key(by_name)
        foreign_keys = _merge_foreign_keys(self, by_name)
        fields = [_with_fk(f, foreign_keys) for f in self.fields]
        object.__setattr__(self, "foreign_keys", foreign_keys)
        object.__setattr__(self, "fields", fields)
        self._check_references(self._field_index())
        return self

    def _field_index(self) -> dict[str, Field]:
        seen: dict[str, Field] = {}
        for f in self.fields:
            if f.name.lower() in {n.lower() for n in seen}:
                msg = (
                    f"Schema '{self.name}' has field '{f.name}' twice (names are case-insensitive)"
                )
                raise ValueError(msg)
            seen[f.name] = f
        return seen

    def _set_primary_key(self, by_name: dict[str, Field]) -> None:
        marked = [f.name for f in self.fields if f.primary_key]
        if len(marked) > 1:
            msg = f"Schema '{self.name}' marks several primary keys {marked}; use one key field"
            raise ValueError(msg)
        pk = self.primary_key or (marked[0] if marked else None)
        if pk is None and "id" in by_name:
            pk = "id"
        if pk is None:
            return
        if pk not in by_name:
            hint = did_you_mean(pk, by_name)
            msg = f"Schema '{self.name}': primary key '{pk}' is not a field.{hint}"
            raise ValueError(msg)
        if marked and marked[0] != pk:
            msg = f"Schema '{self.name}': primary_key '{pk}' but field '{marked[0]}' is marked"
            raise ValueError(msg)
        key = by_name[pk]
        if not key.primary_key:
            update = {"primary_key": True, "required": True, "null_rate": None}
            fields = [f.model_copy(update=update) if f.name == pk else f for f in self.fields]
            object.__setattr__(self, "fields", fields)
        object.__setattr__(self, "primary_key", pk)

    def _check_references(self, by_name: dict[str, Field]) -> None:
        def need(name: str, what: str) -> Field:
            if name not in by_name:
                msg = (
                    f"Schema '{self.name}': {what} names unknown field '{name}'."
                    f"{did_you_mean(name, by_name)}"
                )
                raise ValueError(msg)
            return by_name[name]

        keyed = {fk.field for fk in self.foreign_keys}
        for c in self.constraints:
            for name in (c.field, c.other):
                if not FIELD_TRAITS[need(name, f"constraint '{c}'").type].orderable:
                    msg = f"Schema '{self.name}': constraint '{c}' needs numbers, dates or times"
                    raise ValueError(msg)
            if by_name[c.field].is_unique or c.field in keyed:
                msg = (
                    f"Schema '{self.name}': constraint '{c}' cannot hold for '{c.field}', "
                    "a key or unique field; write it the other way round"
                )
                raise ValueError(msg)
        for group in self.unique_together:
            for name in group:
                need(name, "unique_together")
        for f in self.fields:
            if f.derived_from is not None:
                need(f.derived_from, f"field '{f.name}' derived_from")
                if f.derived_from == f.name:
                    msg = f"Schema '{self.name}': field '{f.name}' cannot derive from itself"
                    raise ValueError(msg)

    def field(self, name: str) -> Field:
        """Return the field called ``name``.

        Raises:
            NotFoundError: there is no such field (the message suggests the closest name).
        """
        for f in self.fields:
            if f.name == name:
                return f
        from synthdata.errors import NotFoundError

        names = [f.name for f in self.fields]
        msg = f"Schema '{self.name}' has no field '{name}'.{did_you_mean(name, names)}"
        raise NotFoundError(msg)

    @property
    def field_names(self) -> list[str]:
        """The field names in order."""
        return [f.name for f in self.fields]

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
            table.add_row(f.name, f.type.value, f.details())
        return table


def _split_reference(ref: str) -> tuple[str, str]:
    table, _, field = ref.partition(".")
    return _identifier(table.strip()), _identifier(field.strip() or "id")


def _merge_foreign_keys(schema: Schema, by_name: dict[str, Field]) -> list[ForeignKey]:
    merged: dict[str, ForeignKey] = {}
    for fk in schema.foreign_keys:
        if fk.field not in by_name:
            msg = (
                f"Schema '{schema.name}': foreign key names unknown field '{fk.field}'."
                f"{did_you_mean(fk.field, by_name)}"
            )
            raise ValueError(msg)
        if fk.field in merged:
            msg = f"Schema '{schema.name}': field '{fk.field}' has two foreign keys"
            raise ValueError(msg)
        merged[fk.field] = fk
    for f in schema.fields:
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
        fk.model_copy(update={"optional": True}) if fk.parent == schema.name else fk
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


def check_schemas(schemas: list[Schema]) -> list[Schema]:
    """Check a set of schemas together: unique names, resolvable foreign keys, feasible uniqueness.

    Returns the schemas in dependency order (parents before children; self-references allowed).

    Raises:
        InvalidInputError: the set is inconsistent; the message names the table and field.
    """
    if not schemas:
        msg = "At least one schema is required"
        raise InvalidInputError(msg)
    tables: dict[str, Schema] = {}
    for s in schemas:
        if s.name.lower() in {t.lower() for t in tables}:
            msg = f"Two schemas are named '{s.name}' (names are case-insensitive)"
            raise InvalidInputError(msg)
        tables[s.name] = s
    for s in schemas:
        for fk in s.foreign_keys:
            _check_foreign_key(s, fk, tables)
    return _dependency_order(tables)


def _check_foreign_key(s: Schema, fk: ForeignKey, tables: dict[str, Schema]) -> None:
    where = f"Schema '{s.name}' field '{fk.field}'"
    parent = tables.get(fk.parent)
    if parent is None:
        msg = f"{where} references unknown table '{fk.parent}'.{did_you_mean(fk.parent, tables)}"
        raise InvalidInputError(msg)
    names = parent.field_names
    if fk.parent_field not in names:
        msg = (
            f"{where} references unknown field '{fk.parent}.{fk.parent_field}'."
            f"{did_you_mean(fk.parent_field, names)}"
        )
        raise InvalidInputError(msg)
    if fk.parent_field != parent.primary_key:
        msg = f"{where} must reference the primary key of '{fk.parent}' ({parent.primary_key})"
        raise InvalidInputError(msg)
    child_type = s.field(fk.field).type
    parent_type = parent.field(fk.parent_field).type
    if child_type is not parent_type:
        msg = f"{where} is {child_type.value} but '{fk.parent}.{fk.parent_field}' is {parent_type}"
        raise InvalidInputError(msg)


def _dependency_order(tables: dict[str, Schema]) -> list[Schema]:
    try:
        return _topological(tables, with_optional=True)
    except InvalidInputError:
        # Only required keys must order tables: an optional one may close a cycle, since its
        # rows can be loaded first and linked later.
        return _topological(tables, with_optional=False)


def _topological(tables: dict[str, Schema], *, with_optional: bool) -> list[Schema]:
    order: list[Schema] = []
    state: dict[str, int] = {}

    def visit(name: str, path: tuple[str, ...]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = " -> ".join((*path, name))
            msg = f"Required foreign keys form a cycle ({cycle}); make one of them optional"
            raise InvalidInputError(msg)
        state[name] = 1
        for fk in tables[name].foreign_keys:
            if fk.parent != name and (with_optional or not fk.optional):
                visit(fk.parent, (*path, name))
        state[name] = 2
        order.append(tables[name])

    for name in tables:
        visit(name, ())
    return order


def schema_json_schema() -> dict[str, Any]:
    """The JSON Schema of a list of schemas, for LLM prompts and OpenAPI."""
    from pydantic import TypeAdapter

    return TypeAdapter(list[Schema]).json_schema()


class SchemaList(list[Schema]):
    """A list of schemas that shows as tables (with their relationships) in a notebook."""

    def _repr_html_(self) -> str:
        from synthdata._html import schemas_html

        return schemas_html(self)


def describe_validation_error(exc: Exception, prefix: str = "") -> str:
    """A one-paragraph message from a pydantic ValidationError: where, and what is wrong."""
    from pydantic import ValidationError

    if not isinstance(exc, ValidationError):
        return str(exc)
    parts = []
    for err in exc.errors():
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
        where = (prefix + where).lstrip(".") or "input"
        text = str(err["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}: {text}")
    return "; ".join(parts)


def load_schemas(source: str | bytes | list[Any] | dict[str, Any]) -> list[Schema]:
    """Schemas from JSON text, a path to a JSON file, a list of dicts, or ``{"schemas": [...]}``.

    A single schema object is accepted too. The set is checked with :func:`check_schemas`.

    Raises:
        InvalidInputError: the JSON is malformed or a schema is invalid; the message says where.
        NotFoundError: ``source`` names a file that does not exist.

    >>> text = '[{"name": "t", "fields": [{"name": "id", "type": "UUID"}]}]'
    >>> [s.name for s in load_schemas(text)]
    ['t']
    """
    import json
    from pathlib import Path

    from pydantic import TypeAdapter, ValidationError

    from synthdata.errors import NotFoundError

    data: Any = source
    if isinstance(source, bytes):
        source = source.decode("utf-8", "replace")
    if isinstance(source, str):
        text = source.strip()
        if not text.startswith(("[", "{")):
            path = Path(text)
            if not path.is_file():
                msg = f"No schema file at {text!r}"
                raise NotFoundError(msg)
            text = path.read_text(encoding="utf-8")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            msg = f"Schemas are not valid JSON: {exc}"
            raise InvalidInputError(msg) from exc
    if isinstance(data, dict):
        data = data.get("schemas", [data]) if "fields" not in data else [data]
    if not isinstance(data, list):
        msg = "Schemas must be a JSON list of schema objects"
        raise InvalidInputError(msg)
    try:
        schemas = TypeAdapter(list[Schema]).validate_python(data)
    except ValidationError as exc:
        raise InvalidInputError(describe_validation_error(exc, "schemas")) from exc
    check_schemas(schemas)
    return schemas
