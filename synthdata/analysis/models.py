"""The analysis as the API reference shapes it, with how it was made alongside (Python only)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, GetPydanticSchema
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import core_schema

from synthdata.analysis.plan import Plan
from synthdata.llm import Usage
from synthdata.schema import Schema

__all__ = ["Analysis", "Requirement"]


def _python_only(**kwargs: Any) -> Any:
    """A field kept out of the JSON, the JSON schema and the repr."""
    return Field(exclude=True, repr=False, **kwargs)


def _instance_of(cls: type) -> GetPydanticSchema:
    """Validation by isinstance alone: the object is never parsed from data (nor copied)."""
    return GetPydanticSchema(lambda _source, _handler: core_schema.is_instance_schema(cls))


_Plan = Annotated[Plan, _instance_of(Plan)]
_Usage = Annotated[Usage, _instance_of(Usage)]


class Requirement(BaseModel):
    """One kind of record the business needs, as the API reference describes it."""

    model_config = ConfigDict(extra="forbid")

    name: str
    description: str
    data_type: str = "tabular"
    estimated_volume: str


class Analysis(BaseModel):
    """What a context description says: domain, confidence, requirements, keywords, schemas.

    The first five fields are exactly the API reference's and the only ones in the JSON
    (``model_dump``, ``model_dump_json``, the JSON schema). The other four say how the analysis
    was made; they live in Python only, so an analysis read back from JSON has none of them and
    :func:`synthdata.infer_schemas` rebuilds a plan from its requirements.

    Attributes:
        domain: the business domain (``healthcare``), or ``general``.
        confidence: how sure the analyzer is of the domain, in [0, 1].
        requirements: one per table, with a description and an estimated volume.
        keywords: the words of the text that decided the domain and the tables.
        suggested_schemas: the table names.
        plan: what the offline analyzer decided (entity templates, foreign keys, stated volumes,
            locale), which :func:`synthdata.infer_schemas` turns into schemas; None when the
            analysis was read from JSON or written by a model.
        llm_schemas: the schemas a model wrote, already validated, which
            :func:`synthdata.infer_schemas` returns as they are; None offline.
        llm_usage: tokens and estimated cost of the model calls; None offline.
        warnings: what went differently than asked (e.g. the model failed and the offline
            analyzer ran).
    """

    model_config = ConfigDict(extra="forbid")

    domain: str
    confidence: float = Field(ge=0.0, le=1.0)
    requirements: list[Requirement]
    keywords: list[str]
    suggested_schemas: list[str]
    plan: SkipJsonSchema[_Plan | None] = _python_only(default=None)
    llm_schemas: SkipJsonSchema[list[Schema] | None] = _python_only(default=None)
    llm_usage: SkipJsonSchema[_Usage | None] = _python_only(default=None)
    warnings: SkipJsonSchema[list[str]] = _python_only(default_factory=list)

    def _repr_html_(self) -> str:
        from synthdata._html import analysis_html

        return analysis_html(self)
