"""The LLM path of :func:`synthdata.analyze`: a model refines the offline analysis into schemas."""

from __future__ import annotations

import json
import logging
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter

from synthdata.analysis.infer import infer_schemas
from synthdata.analysis.inflection import singular
from synthdata.analysis.models import Analysis
from synthdata.analysis.text import tokenize
from synthdata.errors import LLMError, MissingDependencyError
from synthdata.llm import LLMConfig, Usage, complete_json
from synthdata.schema import FieldType, Schema, check_schemas

__all__ = ["analyze_with_fallback", "reconcile", "refine_analysis"]

logger = logging.getLogger("synthdata")

_SYSTEM = """You design relational database schemas for realistic synthetic test data.
Reply with one JSON object: {"analysis": ANALYSIS, "schemas": [SCHEMA, ...]}.
ANALYSIS = {"domain": str, "confidence": number 0..1, "requirements": [{"name": table,
"description": str, "data_type": "tabular", "estimated_volume": "<rows>"}], "keywords": [str],
"suggested_schemas": [table names]}.
SCHEMA = {"name": table, "volume": rows, "fields": [FIELD, ...], "constraints": ["a >= b"]}.
FIELD = {"name": str, "type": TYPE, "primary_key": bool, "references": "parent_table.id",
"required": bool, "unique": bool, "enum_values": [str], "min": number or ISO date,
"max": number or ISO date}; omit keys you do not need.
TYPE is one of: {types}.
Rules: table and field names are snake_case identifiers, tables plural; every table has an "id"
UUID primary key; a foreign key is named <parent_singular>_id, type UUID, with "references";
ENUM fields list enum_values; volumes follow the numbers in the description; prefer the draft's
tables unless the description clearly asks for others.
"reading" is what the offline analyzer read in the description: "named" are the tables the text
itself names (keep every one of them, under that name), "relations" the keys its sentences state.
Add a table the description does not name only when the data needs it, and then say why in
"notes": {"table_name": "reason"} beside "analysis" and "schemas"."""


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    analysis: Analysis
    schemas: list[dict[str, Any]]
    notes: dict[str, str] = {}


def _validate(data: Any) -> tuple[Analysis, list[Schema], dict[str, str]]:
    answer = _Answer.model_validate(data)
    schemas = TypeAdapter(list[Schema]).validate_python(answer.schemas)
    notes = {str(k): str(v) for k, v in answer.notes.items()}
    return answer.analysis, check_schemas(schemas), notes


def _reading(draft: Analysis) -> dict[str, Any]:
    """The tables the text names and the keys it states, from the offline plan."""
    plan = draft.plan
    if plan is None:
        return {"named": [r.name for r in draft.requirements], "relations": []}
    return {
        "named": [e.table for e in plan.entities.values() if e.mentioned],
        "relations": [
            f"{e.table}.{lk.field} -> {plan.entities[lk.parent].table}"
            for e in plan.entities.values()
            for lk in e.links
        ],
    }


def refine_analysis(
    config: LLMConfig,
    context: str,
    domain_hint: str | None,
    draft: Analysis,
    draft_schemas: list[Schema],
) -> Analysis:
    """Ask the model for the analysis and schemas, starting from the offline draft.

    Raises:
        LLMError: the provider failed or every answer was invalid.
    """
    compact = [
        s.model_dump(mode="json", exclude_none=True, exclude_defaults=True) for s in draft_schemas
    ]
    user = {
        "description": context,
        "domain_hint": domain_hint,
        "reading": _reading(draft),
        "draft": {"analysis": draft.model_dump(mode="json"), "schemas": compact},
    }
    messages = [
        {
            "role": "system",
            "content": _SYSTEM.replace("{types}", ", ".join(t.value for t in FieldType)),
        },
        {"role": "user", "content": json.dumps(user)},
    ]
    usage = Usage()
    (analysis, schemas, notes), usage = complete_json(config, messages, _validate, usage)
    logger.info(
        "LLM analysis by %s: %d tokens, cost %s", config.model, usage.total_tokens, usage.cost_usd
    )
    named = _reading(draft)["named"]
    schemas, warnings = reconcile(context, named, draft_schemas, schemas, notes)
    kept = {s.name for s in schemas}
    requirements = [r for r in analysis.requirements if r.name in kept]
    requirements += [
        r
        for r in draft.requirements
        if r.name in kept and r.name not in {x.name for x in requirements}
    ]
    # Only the reference's fields come from the model; the rest says how the analysis was made.
    made = {
        "plan": None,
        "llm_schemas": schemas,
        "llm_usage": usage,
        "warnings": warnings,
        "requirements": requirements,
        "suggested_schemas": [s.name for s in schemas],
    }
    return analysis.model_copy(update=made)


def reconcile(
    context: str,
    named: list[str],
    draft_schemas: list[Schema],
    schemas: list[Schema],
    notes: dict[str, str],
) -> tuple[list[Schema], list[str]]:
    """The model's schemas, held to the text: a table the text names and the model dropped is
    restored from the draft; a table the model added that the text neither names nor implies is
    kept only with the model's reason. Both leave a note.

    Returns:
        The schemas (checked: keys point at tables that exist) and the notes.
    """
    warnings: list[str] = []
    said = _words(context)
    drafted = {_stem(s.name) for s in draft_schemas}
    out = list(schemas)
    for s in schemas:
        if _stem(s.name) in drafted or _stem(s.name).split("_")[-1] in said:
            continue
        reason = notes.get(s.name, "").strip()
        if reason:
            warnings.append(
                f"The model added '{s.name}', which the description does not name: {reason}"
            )
        else:
            out.remove(s)
            warnings.append(
                f"Dropped '{s.name}': the model added it without saying why, and the description "
                "does not name or imply it."
            )
    present = {_stem(s.name) for s in out}
    by_name = {_stem(s.name): s for s in draft_schemas}
    for table in named:
        if _stem(table) not in present and _stem(table) in by_name:
            out.append(by_name[_stem(table)])
            present.add(_stem(table))
            warnings.append(
                f"The model left out '{table}', which the description names; restored from the "
                "offline analysis."
            )
    return check_schemas(_without_dangling_keys(out)), warnings


def _stem(table: str) -> str:
    """A table name in the singular, for comparing names (``order_items`` → ``order_item``)."""
    head, _, last = table.rpartition("_")
    return f"{head}_{singular(last)}" if head else singular(last)


def _words(context: str) -> set[str]:
    return {t.base for t in tokenize(context)}


def _without_dangling_keys(schemas: list[Schema]) -> list[Schema]:
    """Foreign keys to tables that are no longer there are dropped."""
    names = {s.name for s in schemas}
    out = []
    for s in schemas:
        fields = [
            f for f in s.fields if f.references is None or f.references.split(".", 1)[0] in names
        ]
        kept = {f.name for f in fields}
        update: dict[str, Any] = {
            "fields": fields,  # (constraints never name a key: keys are not orderable)
            "unique_together": [g for g in s.unique_together if all(n in kept for n in g)],
        }
        out.append(s.model_copy(update=update))
    return out


def analyze_with_fallback(
    config: LLMConfig, context: str, domain_hint: str | None, draft: Analysis
) -> Analysis:
    """The model's analysis, or the offline draft with a warning when the model fails.

    Raises:
        LLMError: ``config.strict`` and the model failed or never gave a valid answer.
    """
    try:
        return refine_analysis(config, context, domain_hint, draft, infer_schemas(draft))
    except (LLMError, MissingDependencyError) as exc:
        if config.strict:
            raise
        logger.warning("LLM analysis failed, using the offline analyzer: %s", exc)
        note = f"LLM analysis failed, used the offline analyzer: {exc}"
        return draft.model_copy(update={"warnings": [*draft.warnings, note]})
