"""Review feedback: adjust, add and remove fields (or whole schemas), as in the API's body."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field as PydanticField, TypeAdapter, ValidationError

from synthdata.errors import InvalidInputError, NotFoundError, did_you_mean
from synthdata.schema import expressions
from synthdata.schema.checks import check_schemas
from synthdata.schema.io import describe_validation_error
from synthdata.schema.table import Schema

__all__ = [
    "Feedback",
    "FeedbackReport",
    "SchemaFeedback",
    "apply_feedback",
    "apply_feedback_report",
]


class SchemaFeedback(BaseModel):
    """Changes to one schema: ``modify`` it, ``add`` it as a new table, or ``remove`` it."""

    model_config = ConfigDict(extra="forbid")

    schema_name: str = PydanticField(min_length=1, max_length=63)
    feedback_type: Literal["modify", "add", "remove", "approve"] = "modify"
    field_adjustments: dict[str, dict[str, Any]] = {}
    add_fields: list[dict[str, Any]] = []
    remove_fields: list[str] = []
    volume: int | None = PydanticField(default=None, ge=0, le=10_000_000_000)


class Feedback(BaseModel):
    """The reference's feedback body (``job_id``, ``start_corpus``, ``corpus_size`` serve jobs)."""

    model_config = ConfigDict(extra="forbid")

    job_id: str | None = None
    approved: bool = False
    schema_feedback: list[SchemaFeedback] = []
    start_corpus: bool = False
    corpus_size: int | None = PydanticField(default=None, ge=1, le=10_000_000_000)


@dataclass(frozen=True)
class FeedbackReport:
    """What feedback did: the schemas after it, and a note for every change made or skipped.

    ``applied`` notes changes made (``"clients.phone: added (PHONE)"``); ``ignored`` notes
    requests that had nothing to act on (``"clients.fax: no such field, nothing removed."``).
    """

    schemas: list[Schema]
    applied: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def apply_feedback(
    schemas: Sequence[Schema],
    feedback: Feedback | Sequence[SchemaFeedback] | dict[str, Any] | list[dict[str, Any]],
) -> list[Schema]:
    """Apply review feedback to schemas and return the changed set (the input is not modified).

    Adding a field that exists replaces it with the given definition; removing a field that does
    not exist does nothing. :func:`apply_feedback_report` says which of these happened.

    Args:
        schemas: the current schemas.
        feedback: a :class:`Feedback`, its ``schema_feedback`` list, or the same as plain JSON.

    Returns:
        The schemas after every change, checked together (foreign keys still resolve).

    Raises:
        NotFoundError: a schema, or a field to adjust, does not exist ("Did you mean?").
        InvalidInputError: a change makes a field or schema invalid, or the feedback is malformed.

    >>> s = Schema.model_validate({"name": "clients", "fields": [
    ...     {"name": "id", "type": "UUID"}, {"name": "email", "type": "EMAIL"}]})
    >>> fb = {"schema_feedback": [{"schema_name": "clients",
    ...       "field_adjustments": {"email": {"unique": True}},
    ...       "add_fields": [{"name": "phone", "type": "PHONE"}]}]}
    >>> [(f.name, f.unique) for f in apply_feedback([s], fb)[0].fields]
    [('id', False), ('email', True), ('phone', False)]
    """
    return apply_feedback_report(schemas, feedback).schemas


def apply_feedback_report(
    schemas: Sequence[Schema],
    feedback: Feedback | Sequence[SchemaFeedback] | dict[str, Any] | list[dict[str, Any]],
) -> FeedbackReport:
    """Like :func:`apply_feedback`, with a note for every change applied or ignored.

    >>> s = Schema.model_validate({"name": "clients", "fields": [
    ...     {"name": "id", "type": "UUID"}, {"name": "phone", "type": "STRING"}]})
    >>> fb = [{"schema_name": "clients", "add_fields": [{"name": "phone", "type": "PHONE"}],
    ...        "remove_fields": ["fax"]}]
    >>> report = apply_feedback_report([s], fb)
    >>> report.applied
    ['clients.phone: replaced by the given definition (PHONE)']
    >>> report.ignored
    ['clients.fax: no such field, nothing removed.']
    """
    report = FeedbackReport(schemas=[])
    current = {s.name: s for s in schemas}
    for item in _items(feedback):
        _apply_one(current, item, report)
    report.schemas.extend(check_schemas(list(current.values())) if current else [])
    return report


def _items(feedback: Any) -> list[SchemaFeedback]:
    try:
        if isinstance(feedback, Feedback):
            return feedback.schema_feedback
        if isinstance(feedback, dict):
            return Feedback.model_validate(feedback).schema_feedback
        return TypeAdapter(list[SchemaFeedback]).validate_python(list(feedback))
    except ValidationError as exc:
        prefix = "" if isinstance(feedback, dict) else "schema_feedback"
        raise InvalidInputError(describe_validation_error(exc, prefix)) from exc


def _apply_one(current: dict[str, Schema], item: SchemaFeedback, report: FeedbackReport) -> None:
    name = item.schema_name
    if item.feedback_type == "add":
        if name in current:
            msg = f"Schema '{name}' already exists; use feedback_type 'modify' to change it"
            raise InvalidInputError(msg)
        new_fields = [{"name": "id", "type": "UUID", "primary_key": True}, *item.add_fields]
        current[name] = _validated(
            {"name": name, "fields": new_fields, "volume": item.volume}, name
        )
        report.applied.append(f"{name}: schema added")
        return
    schema = _find(current, name)
    if item.feedback_type == "remove":
        _remove_schema(current, schema)
        report.applied.append(f"{name}: schema removed")
        return
    data = schema.model_dump(mode="json", exclude_none=True)
    fields: list[dict[str, Any]] = data["fields"]
    for field_name, changes in item.field_adjustments.items():
        _field_dict(fields, field_name, name).update(changes)
        report.applied.append(f"{name}.{field_name}: adjusted ({', '.join(sorted(changes))})")
    for field_name in item.remove_fields:
        _remove_field(data, fields, field_name, name, report)
    for spec in item.add_fields:
        _add_field(fields, dict(spec), name, report)
    if item.volume is not None:
        data["volume"] = item.volume
        report.applied.append(f"{name}: volume set to {item.volume}")
    names = {f["name"] for f in fields}
    data["foreign_keys"] = [fk for fk in data.get("foreign_keys", []) if fk["field"] in names]
    current[name] = _validated(data, name)


def _add_field(
    fields: list[dict[str, Any]], spec: dict[str, Any], schema: str, report: FeedbackReport
) -> None:
    """Append the field, or replace the field of that name with the given definition."""
    name, kind = spec.get("name"), spec.get("type", "STRING")
    for i, existing in enumerate(fields):
        if existing["name"] == name:
            fields[i] = spec
            report.applied.append(f"{schema}.{name}: replaced by the given definition ({kind})")
            return
    fields.append(spec)
    report.applied.append(f"{schema}.{name}: added ({kind})")


def _find(current: dict[str, Schema], name: str) -> Schema:
    if name not in current:
        msg = f"No schema named '{name}'.{did_you_mean(name, current)}"
        raise NotFoundError(msg)
    return current[name]


def _field_dict(fields: list[dict[str, Any]], name: str, schema: str) -> dict[str, Any]:
    for f in fields:
        if f["name"] == name:
            return f
    names = [f["name"] for f in fields]
    msg = f"Schema '{schema}' has no field '{name}'.{did_you_mean(name, names)}"
    raise NotFoundError(msg)


def _remove_field(
    data: dict[str, Any],
    fields: list[dict[str, Any]],
    name: str,
    schema: str,
    report: FeedbackReport,
) -> None:
    names = [f["name"] for f in fields]
    if name not in names:
        hint = did_you_mean(name, names)
        report.ignored.append(f"{schema}.{name}: no such field, nothing removed.{hint}")
        return
    if name == data.get("primary_key"):
        msg = f"Cannot remove '{schema}.{name}': it is the primary key"
        raise InvalidInputError(msg)
    fields[:] = [f for f in fields if f["name"] != name]
    for f in fields:
        # A field derived from the removed one is drawn freely again.
        if f.get("derived") and name in expressions.names(expressions.parse(f["derived"])):
            f.pop("derived")
    data["constraints"] = [
        c for c in data.get("constraints", []) if name not in (c["field"], c["other"])
    ]
    data["unique_together"] = [g for g in data.get("unique_together", []) if name not in g]
    data["status_rules"] = [_without(r, name) for r in data.get("status_rules", [])]
    data["status_rules"] = [
        r for r in data["status_rules"] if r["field"] != name and r["milestones"]
    ]
    report.applied.append(f"{schema}.{name}: removed")


def _without(rule: dict[str, Any], name: str) -> dict[str, Any]:
    """A status rule with milestone ``name`` left out."""
    return {
        **rule,
        "milestones": [m for m in rule["milestones"] if m != name],
        "when": {v: [m for m in have if m != name] for v, have in rule["when"].items()},
    }


def _remove_schema(current: dict[str, Schema], schema: Schema) -> None:
    for other in current.values():
        for fk in other.foreign_keys:
            if fk.parent == schema.name and other.name != schema.name:
                msg = (
                    f"Cannot remove '{schema.name}': '{other.name}.{fk.field}' references it; "
                    "remove that field first"
                )
                raise InvalidInputError(msg)
    del current[schema.name]


def _validated(data: dict[str, Any], name: str) -> Schema:
    try:
        return Schema.model_validate(data)
    except ValidationError as exc:
        raise InvalidInputError(describe_validation_error(exc, name)) from exc
