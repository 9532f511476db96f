"""The LLM path of :func:`synthdata.analyze`: a model refines the offline analysis into schemas."""

from __future__ import annotations

import json
import logging
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter

from synthdata.analysis.infer import infer_schemas
from synthdata.analysis.models import Analysis
from synthdata.errors import LLMError, MissingDependencyError
from synthdata.llm import LLMConfig, Usage, complete_json
from synthdata.schema import FieldType, Schema, check_schemas

__all__ = ["analyze_with_fallback", "refine_analysis"]

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
tables unless the description clearly asks for others."""


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    analysis: Analysis
    schemas: list[dict[str, Any]]


def _validate(data: Any) -> tuple[Analysis, list[Schema]]:
    answer = _Answer.model_validate(data)
    schemas = TypeAdapter(list[Schema]).validate_python(answer.schemas)
    return answer.analysis, check_schemas(schemas)


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
    (analysis, schemas), usage = complete_json(config, messages, _validate, usage)
    logger.info(
        "LLM analysis by %s: %d tokens, cost %s", config.model, usage.total_tokens, usage.cost_usd
    )
    # Only the reference's fields come from the model; the rest says how the analysis was made.
    made = {"plan": None, "llm_schemas": schemas, "llm_usage": usage, "warnings": []}
    return analysis.model_copy(update=made)


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
