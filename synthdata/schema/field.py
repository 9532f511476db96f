"""One column: :class:`Field`, and the names, distributions and cardinalities it is described by."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field as PydanticField,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from synthdata.errors import did_you_mean
from synthdata.schema import expressions, semantics
from synthdata.schema.traits import FIELD_TRAITS
from synthdata.schema.types import TYPE_ALIASES, FieldType

__all__ = [
    "Cardinality",
    "Distribution",
    "Field",
    "Identifier",
    "QuantilesBy",
    "ValuesBy",
    "valid_identifier",
]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")

#: Shared by every schema model: unknown keys are errors, and a model never changes once built.
MODEL_CONFIG = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


def valid_identifier(value: object) -> str:
    """Return ``value`` if it can name a table or field, else raise ValueError saying why."""
    if not isinstance(value, str) or not _IDENTIFIER.fullmatch(value):
        msg = (
            f"Invalid name {value!r}: names must start with a letter or underscore, then use only "
            "letters, digits and underscores, at most 63 characters"
        )
        raise ValueError(msg)
    return value


Identifier = Annotated[str, AfterValidator(valid_identifier)]


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


class Cardinality(BaseModel):
    """How many children each parent row has.

    With ``min`` or ``max`` set, every parent gets between ``min`` and ``max`` children exactly;
    otherwise children pick parents at random (uniformly, or skewed with ``zipf``).
    """

    model_config = MODEL_CONFIG

    min: int | None = PydanticField(default=None, ge=0)
    max: int | None = PydanticField(default=None, ge=0)
    mean: float | None = PydanticField(default=None, ge=0)
    distribution: Distribution = Distribution.UNIFORM
    counts: list[float] | dict[int, float] | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _check_counts(self)
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
        """Whether every parent's child count is decided per parent: held between min and max,
        or given by ``counts``."""
        return bool(self.min) or self.max is not None or self.counts is not None

    def shares(self) -> tuple[tuple[int, float], ...]:
        """``counts`` as (children, share of parents) pairs in increasing order, shares adding
        up to 1; empty without ``counts``."""
        if self.counts is None:
            return ()
        pairs = enumerate(self.counts) if isinstance(self.counts, list) else self.counts.items()
        kept = sorted((int(k), float(v)) for k, v in pairs if v > 0)
        total = sum(v for _, v in kept)
        return tuple((k, v / total) for k, v in kept)

    def expected(self) -> float:
        """The mean number of children per parent, from what was given (3 when nothing was)."""
        if self.counts is not None:
            return sum(k * v for k, v in self.shares())
        if self.mean is not None:
            return self.mean
        if self.max is not None:
            return ((self.min or 0) + self.max) / 2
        return max(float(self.min or 0), 3.0)


def _bound(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


Bound = Annotated[int | float | str | None, BeforeValidator(_bound)]
#: One value a column takes (``values``): a number, a boolean, or a string (dates as ISO strings).
Value = Annotated[bool | int | float | str, BeforeValidator(_bound)]

#: Most points a ``quantiles`` option may list (a percentile every 0.1 %).
MAX_QUANTILES = 1001
#: Most values a ``values`` option may list, and most buckets ``Cardinality.counts`` may hold.
MAX_VALUES = 10_000


class QuantilesBy(BaseModel):
    """Quantiles that depend on another column of the row (a category driving a number).

    Args:
        column: the driving field of the same table (a category, a code, a small whole number).
        quantiles: per value of that field (written as text: ``"JFK"``, ``"3"``, ``"true"``,
            ISO dates), the quantiles rows holding that value draw from; rows holding a value
            not listed (or null) draw from the field's own ``quantiles``.
    """

    model_config = MODEL_CONFIG

    column: Identifier
    quantiles: dict[str, list[Bound]]


class ValuesBy(BaseModel):
    """Weights that depend on another column of the row (two categories that co-occur).

    Args:
        column: the driving field of the same table (a category, a code, a small whole number).
        weights: per value of that field (written as text: ``"JFK"``, ``"3"``, ``"true"``), the
            relative frequencies of this field's own ``values`` (``enum_values`` for an ENUM),
            one per value in their order; rows holding a driving value not listed (or null)
            draw at the field's own ``weights``.
    """

    model_config = MODEL_CONFIG

    column: Identifier
    weights: dict[str, list[float]]


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
        values, weights, other: for any other type, the values the column takes and their
            relative frequencies (numbers as numbers, dates as ISO strings, booleans as
            true/false); with ``other`` (a share from 0 to 1) that share of rows draws a value
            of the column's own kind instead (its meaning, pattern, bounds or quantiles), so
            rare values need not be listed.
        quantiles: for numbers, dates, datetimes and times, the column's values at evenly
            spaced probabilities 0, 1/(n-1), …, 1 (2 to 1001 of them, non-decreasing); values
            are drawn between adjacent quantiles, so a repeated quantile is a spike and a wide
            step a gap. Within min and max when those are given; replaces ``distribution``.
        quantiles_by: quantiles per value of another field of the row (a
            :class:`QuantilesBy`: ``{"column": "origin", "quantiles": {"JFK": […]}}``), so a
            category drives the number; values not listed draw from ``quantiles``.
        values_by: weights per value of another field of the row (a :class:`ValuesBy`:
            ``{"column": "origin", "weights": {"JFK": [5, 1, 0]}}``), one per listed value
            (``values``, or ``enum_values`` for an ENUM), so one category drives another;
            driving values not listed draw at the field's own weights.
        min, max: bounds for numbers, dates (ISO strings), times and lengths of TEXT.
        distribution: uniform, normal, lognormal or zipf, for numbers.
        pattern: for CODE and STRING: ``#`` a digit, ``?`` an upper-case letter, ``*`` either.
        locale: a Faker locale such as ``de_DE`` for this field's vocabulary.
        derived_from: the field this one is computed from (email from a name, age from a date).
        derived: an expression over the row's other columns that computes this number in every
            row (``"quantity * unit_price"``, ``"check_out - check_in"``; see
            :mod:`synthdata.schema.expressions`).
        semantic: what a field holds (``book_title``, ``first_name``, ``review`` for STRING and
            TEXT; ``price_book``, ``salary``, ``quantity``, ``rating`` for numbers;
            ``birth_date``, ``hire_date``, ``business_event`` for dates; see
            :data:`synthdata.schema.semantics.MEANINGS`), when its names do not say it or say
            it wrongly. Without it the meaning is read from the field's, its table's and its
            siblings' names (:func:`synthdata.schema.semantics.meaning`).
        description: what the field holds, in words (a language model may read it).
        step: for a DATE or DATETIME field of a ``composite_key``, the spacing of the values
            it takes from min to max (``"1 hour"``, ``"15 minutes"``, ``"1 day"``; a DATE
            steps by a day when not given).
    """

    model_config = MODEL_CONFIG

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
    values: list[Value] | None = None
    weights: list[float] | None = None
    other: float | None = PydanticField(default=None, ge=0.0, le=1.0)
    quantiles: list[Bound] | None = None
    quantiles_by: QuantilesBy | None = None
    values_by: ValuesBy | None = None
    min: Bound = None
    max: Bound = None
    distribution: Distribution | None = None
    pattern: str | None = PydanticField(default=None, min_length=1, max_length=200)
    locale: str | None = None
    derived_from: Identifier | None = None
    derived: str | None = PydanticField(default=None, min_length=1, max_length=500)
    semantic: str | None = PydanticField(
        default=None,
        max_length=100,
        description="What a field holds (text, number or date), when its names do not say it",
        json_schema_extra=lambda schema: _list_meanings(schema),
    )
    description: str | None = PydanticField(default=None, max_length=2000)
    step: str | None = PydanticField(default=None, max_length=40)

    @field_validator("enum_values")
    @classmethod
    def _enum_values(cls, values: list[str] | None) -> list[str] | None:
        if values is not None and not values:
            msg = "enum_values must not be empty"
            raise ValueError(msg)
        return values

    @field_validator("derived")
    @classmethod
    def _derived(cls, value: str | None) -> str | None:
        if value is not None:
            expressions.parse(value)
            return " ".join(value.split())
        return value

    @field_validator("semantic", mode="before")
    @classmethod
    def _semantic(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        key = semantics.normalize(value)
        if key not in semantics.MEANINGS:
            msg = (
                f"Unknown semantic {value!r}.{did_you_mean(key, semantics.MEANINGS)} "
                f"Known meanings: {', '.join(semantics.MEANINGS)}"
            )
            raise ValueError(msg)
        return key

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_nulls(self)
        _check_enum(self)
        _check_values(self)
        _check_quantiles(self)
        _check_quantiles_by(self)
        _check_values_by(self)
        _check_semantic(self)
        _check_step(self)
        if self.cardinality is not None and self.references is None:
            msg = f"Field '{self.name}' has a cardinality but no references"
            raise ValueError(msg)
        lo, hi = self.bounds()
        if lo is not None and hi is not None and lo > hi:
            msg = f"Field '{self.name}': min ({self.min}) must not exceed max ({self.max})"
            raise ValueError(msg)
        return self

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """The field's options; ``quantiles_by``, ``values_by`` and ``step`` only when given, so
        schemas that do not use them dump (and hash) as before they existed."""
        data: dict[str, Any] = handler(self)
        for option in ("quantiles_by", "values_by", "step"):
            if getattr(self, option) is None:
                data.pop(option, None)
        return data

    def step_size(self) -> dt.timedelta | None:
        """``step`` as a duration (``"1 hour"`` → one hour), or None without one."""
        if self.step is None:
            return None
        match = _STEP_RE.fullmatch(self.step.strip().lower())
        assert match is not None  # checked when built
        return int(match[1]) * _STEP_UNITS[match[2]]

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

    def details(self, table: str = "", siblings: Iterable[str] = ()) -> str:
        """A one-line summary of the options that matter (key, reference, nulls, values, meaning).

        Given its ``table``'s name and its ``siblings``' names, a STRING or TEXT field also shows
        the meaning read from them ("means: book title"); without them only the meaning its own
        name or its ``semantic`` option gives.
        """
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
        if self.values is not None:
            shown = " | ".join(str(v) for v in self.values[:8])
            more = " | …" if len(self.values) > 8 else ""
            other = f" + {self.other:.0%} other" if self.other else ""
            parts.append(f"{shown}{more}{other}")
        if self.quantiles is not None:
            q = self.quantiles
            parts.append(f"quantiles {q[0]}..{q[len(q) // 2]}..{q[-1]} ({len(q)} points)")
        if self.min is not None or self.max is not None:
            low = "" if self.min is None else self.min
            high = "" if self.max is None else self.max
            parts.append(f"{low}..{high}")
        if self.derived is not None:
            parts.append(f"= {self.derived}")
        kind = semantics.meaning(self, table, siblings)
        if kind is not None:
            parts.append(f"means: {semantics.MEANINGS[kind]}")
        return ", ".join(parts)

    def bounds(self) -> tuple[Any, Any]:
        """Return ``(min, max)`` parsed for this field's type (dates as dates, etc.)."""
        return _parse_bound(self, self.min, "min"), _parse_bound(self, self.max, "max")

    def limits(self) -> tuple[Any, Any]:
        """:meth:`bounds`, with the first and last of ``quantiles`` where min or max is not
        given: the range every generated value lies in."""
        lo, hi = self.bounds()
        q = self.quantiles
        if q:
            ends = [(q[0], q[-1])]
            if self.quantiles_by is not None:
                ends += [(p[0], p[-1]) for p in self.quantiles_by.quantiles.values() if p]
            firsts = [_parse_bound(self, a, "quantiles[0]") for a, _ in ends]
            lasts = [_parse_bound(self, b, f"quantiles[{len(q) - 1}]") for _, b in ends]
            lo = min(firsts) if lo is None else lo
            hi = max(lasts) if hi is None else hi
        return lo, hi

    def quantile_points(self, value: str | None = None) -> list[Any]:
        """``quantiles`` parsed for this field's type (dates as dates, etc.); empty without.
        With ``value``, the quantiles ``quantiles_by`` lists for that value of its column."""
        if value is None:
            points, which = self.quantiles or [], "quantiles"
        else:
            assert self.quantiles_by is not None
            points = self.quantiles_by.quantiles[value]
            which = f"quantiles_by.quantiles[{value!r}]"
        return [_parse_bound(self, q, f"{which}[{i}]") for i, q in enumerate(points)]

    def listed(self) -> list[Any]:
        """``values`` parsed for this field's type (dates as dates, etc.); empty without."""
        return [_parse_value(self, v, f"values[{i}]") for i, v in enumerate(self.values or [])]


_STEP_RE = re.compile(r"(\d+)\s*(second|minute|hour|day|week)s?")
_STEP_UNITS = {
    "second": dt.timedelta(seconds=1),
    "minute": dt.timedelta(minutes=1),
    "hour": dt.timedelta(hours=1),
    "day": dt.timedelta(days=1),
    "week": dt.timedelta(weeks=1),
}


def _check_step(field: Field) -> None:
    if field.step is None:
        return
    match = _STEP_RE.fullmatch(field.step.strip().lower())
    if match is None or int(match[1]) == 0:
        msg = (
            f"Field '{field.name}': step {field.step!r} must be a positive whole number of "
            "seconds, minutes, hours, days or weeks (e.g. '1 hour')"
        )
        raise ValueError(msg)
    if field.type not in semantics.DATE_TYPES:
        msg = f"Field '{field.name}': step applies to DATE and DATETIME fields"
        raise ValueError(msg)
    size = field.step_size()
    if field.type is FieldType.DATE and size is not None and size % dt.timedelta(days=1):
        msg = f"Field '{field.name}': a DATE steps by whole days, not {field.step!r}"
        raise ValueError(msg)


def _check_nulls(field: Field) -> None:
    if field.primary_key and (not field.required or field.null_rate):
        msg = f"Field '{field.name}' is a primary key, so it must be required with no nulls"
        raise ValueError(msg)
    if field.required and field.null_rate:
        msg = (
            f"Field '{field.name}' is required but has null_rate {field.null_rate}; "
            "set required=false"
        )
        raise ValueError(msg)


def _list_meanings(schema: dict[str, Any]) -> None:
    """The JSON Schema of ``semantic`` lists the known meanings (for API clients and models)."""
    for option in schema.get("anyOf", []):
        if option.get("type") == "string":
            option["enum"] = list(semantics.MEANINGS)


def _check_semantic(field: Field) -> None:
    if field.semantic is None:
        return
    fits = sorted(t.value for t in semantics.types_for(field.semantic))
    if field.type not in semantics.types_for(field.semantic):
        listed = ", ".join(fits[:-1]) + f" and {fits[-1]}"
        msg = (
            f"Field '{field.name}': semantic {field.semantic!r} applies to {listed} fields, "
            f"not {field.type.value}"
        )
        raise ValueError(msg)
    if (
        field.semantic != "code"
        and FIELD_TRAITS[field.type].patterned
        and (field.is_unique or field.pattern)
    ):
        msg = (
            f"Field '{field.name}': a unique or patterned STRING is spelled from a code "
            f"pattern, so it cannot mean {field.semantic!r}; drop unique/pattern or the semantic"
        )
        raise ValueError(msg)


def _check_enum(field: Field) -> None:
    if field.type is FieldType.ENUM and not field.enum_values:
        msg = f"ENUM field '{field.name}' needs enum_values"
        raise ValueError(msg)
    weights = field.enum_weights
    if weights is None:
        return
    if field.enum_values is None or len(weights) != len(field.enum_values):
        msg = f"Field '{field.name}': enum_weights must have one weight per enum value"
        raise ValueError(msg)
    if any(w < 0 for w in weights) or sum(weights) <= 0:
        msg = f"Field '{field.name}': enum_weights must be non-negative with a positive sum"
        raise ValueError(msg)


def _exclusive(field: Field, option: str) -> None:
    """``option`` describes drawn values, which keys, references and derived fields are not."""
    clash = next(
        (
            name
            for name, on in (
                ("unique", field.is_unique),
                ("references", field.references is not None),
                ("derived", field.derived is not None),
                ("derived_from", field.derived_from is not None),
            )
            if on
        ),
        None,
    )
    if clash is not None:
        msg = (
            f"Field '{field.name}': the {option} option describes drawn values, "
            f"so it cannot go with {clash}"
        )
        raise ValueError(msg)


def _check_values(field: Field) -> None:
    if field.values is None:
        if field.weights is not None or field.other is not None:
            msg = f"Field '{field.name}': weights and other need values"
            raise ValueError(msg)
        return
    if field.type is FieldType.ENUM:
        msg = f"ENUM field '{field.name}': list its values in enum_values, not values"
        raise ValueError(msg)
    if not field.values or len(field.values) > MAX_VALUES:
        msg = f"Field '{field.name}': values must list 1 to {MAX_VALUES} values"
        raise ValueError(msg)
    _exclusive(field, "values")
    field.listed()  # each value fits the type
    weights = field.weights
    if weights is not None and (
        len(weights) != len(field.values) or any(w < 0 for w in weights) or sum(weights) <= 0
    ):
        msg = (
            f"Field '{field.name}': weights must have one non-negative weight per value, "
            "with a positive sum"
        )
        raise ValueError(msg)


def _check_quantiles(field: Field) -> None:
    if field.quantiles is None:
        if field.quantiles_by is not None:
            msg = (
                f"Field '{field.name}': quantiles_by needs quantiles too (for rows whose "
                f"{field.quantiles_by.column} is not listed)"
            )
            raise ValueError(msg)
        return
    if not FIELD_TRAITS[field.type].orderable:
        msg = (
            f"Field '{field.name}': quantiles apply to numbers, dates, datetimes and times, "
            f"not {field.type.value}"
        )
        raise ValueError(msg)
    _exclusive(field, "quantiles")
    if field.distribution is not None:
        msg = f"Field '{field.name}': quantiles give the shape, so drop distribution"
        raise ValueError(msg)
    _check_points(field, field.quantiles, field.quantile_points(), "quantiles")


def _check_points(field: Field, raw: list[Any], points: list[Any], which: str) -> None:
    """One list of quantiles: 2 to 1001 points, no nulls, non-decreasing, within min/max."""
    if not 2 <= len(raw) <= MAX_QUANTILES:
        msg = f"Field '{field.name}': {which} must list 2 to {MAX_QUANTILES} values"
        raise ValueError(msg)
    if any(p is None for p in points):
        msg = f"Field '{field.name}': {which} must not hold null"
        raise ValueError(msg)
    drops = [i for i in range(1, len(points)) if points[i] < points[i - 1]]
    if drops:
        i = drops[0]
        msg = (
            f"Field '{field.name}': {which} must not decrease "
            f"({which}[{i}] = {raw[i]!r} after {raw[i - 1]!r})"
        )
        raise ValueError(msg)
    lo, hi = field.bounds()
    if (lo is not None and points[0] < lo) or (hi is not None and points[-1] > hi):
        msg = (
            f"Field '{field.name}': {which} run from {raw[0]!r} to "
            f"{raw[-1]!r}, beyond min {field.min!r} or max {field.max!r}"
        )
        raise ValueError(msg)


def _check_quantiles_by(field: Field) -> None:
    by = field.quantiles_by
    if by is None:
        return
    if by.column == field.name:
        msg = f"Field '{field.name}': quantiles_by must name another field, not the field itself"
        raise ValueError(msg)
    if not 1 <= len(by.quantiles) <= MAX_VALUES:
        msg = f"Field '{field.name}': quantiles_by must list quantiles for 1 to {MAX_VALUES} values"
        raise ValueError(msg)
    for value, raw in by.quantiles.items():
        which = f"quantiles_by.quantiles[{value!r}]"
        _check_points(field, raw, field.quantile_points(value), which)


def _check_values_by(field: Field) -> None:
    by = field.values_by
    if by is None:
        return
    listed = field.enum_values if field.type is FieldType.ENUM else field.values
    if listed is None:
        msg = (
            f"Field '{field.name}': values_by needs the field's own values "
            "(enum_values for an ENUM) to weigh"
        )
        raise ValueError(msg)
    if by.column == field.name:
        msg = f"Field '{field.name}': values_by must name another field, not the field itself"
        raise ValueError(msg)
    if not 1 <= len(by.weights) <= MAX_VALUES:
        msg = f"Field '{field.name}': values_by must list weights for 1 to {MAX_VALUES} values"
        raise ValueError(msg)
    for value, weights in by.weights.items():
        if (
            len(weights) != len(listed)
            or any(not math.isfinite(w) or w < 0 for w in weights)
            or sum(weights) <= 0
        ):
            msg = (
                f"Field '{field.name}': values_by.weights[{value!r}] must have one "
                f"non-negative weight per value ({len(listed)}), with a positive sum"
            )
            raise ValueError(msg)


def _check_counts(card: Cardinality) -> None:
    counts = card.counts
    if counts is None:
        return
    given = [k for k in ("min", "max", "mean") if getattr(card, k) is not None]
    if given or card.distribution is not Distribution.UNIFORM:
        named = ", ".join(given) or "distribution"
        msg = f"cardinality counts give the whole shape, so drop {named}"
        raise ValueError(msg)
    shares = list(counts.values()) if isinstance(counts, dict) else counts
    keys = list(counts) if isinstance(counts, dict) else []
    if not shares or len(shares) > MAX_VALUES:
        msg = f"cardinality counts must hold 1 to {MAX_VALUES} shares"
        raise ValueError(msg)
    if any(not math.isfinite(v) or v < 0 for v in shares) or sum(shares) <= 0:
        msg = "cardinality counts must be non-negative shares with a positive sum"
        raise ValueError(msg)
    if any(k < 0 for k in keys):
        msg = "cardinality counts must be keyed by numbers of children from 0 up"
        raise ValueError(msg)


def _parse_value(field: Field, value: Any, which: str) -> Any:
    """One of ``values`` as the field's type holds it."""
    traits = FIELD_TRAITS[field.type]
    if traits.orderable:
        parsed = _parse_bound(field, value, which)
        if field.type is FieldType.INTEGER and isinstance(parsed, float):
            if not parsed.is_integer():
                msg = f"Field '{field.name}': {which} {value!r} is not a whole number"
                raise ValueError(msg)
            return int(parsed)
        return parsed
    if field.type is FieldType.BOOLEAN:
        if not isinstance(value, bool):
            msg = f"Field '{field.name}': {which} {value!r} is not true or false"
            raise ValueError(msg)
        return value
    if not isinstance(value, str):
        msg = f"Field '{field.name}': {which} {value!r} is not a string"
        raise ValueError(msg)
    return value


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
