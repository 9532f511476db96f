"""The plan: public on ``Analysis.plan`` in Python, absent from the analysis' JSON."""

import json

import pydantic
import pytest

import synthdata as sd
from synthdata.analysis.catalog import catalog
from synthdata.analysis.plan import EntityPlan, Plan, resolve_links

CONTEXT = "Online bookstore: 5k customers, orders with order lines, books by authors"
REFERENCE_FIELDS = {"domain", "confidence", "requirements", "keywords", "suggested_schemas"}


def test_the_plan_rides_on_the_analysis_but_not_in_its_json():
    """The JSON, the JSON schema and the repr hold the API reference's fields only."""
    analysis = sd.analyze(CONTEXT)
    assert isinstance(analysis.plan, Plan)
    assert [e.table for e in analysis.plan.entities.values()] == analysis.suggested_schemas
    assert set(analysis.model_dump()) == REFERENCE_FIELDS
    assert set(json.loads(analysis.model_dump_json())) == REFERENCE_FIELDS
    assert set(sd.Analysis.model_json_schema()["properties"]) == REFERENCE_FIELDS
    assert "plan=" not in repr(analysis)
    assert (analysis.llm_schemas, analysis.llm_usage, analysis.warnings) == (None, None, [])


def test_estimated_volumes_are_the_plans_volumes():
    analysis = sd.analyze(CONTEXT)
    volumes = analysis.plan.volumes()
    estimated = [r.estimated_volume for r in analysis.requirements]
    assert [str(volumes[key]) for key in analysis.plan.entities] == estimated


def test_a_plan_is_never_parsed_from_data():
    """Only a Plan object is accepted: a model's or a client's JSON cannot smuggle one in."""
    body = {**sd.analyze(CONTEXT).model_dump(), "plan": {"domain": "x", "entities": {}}}
    with pytest.raises(pydantic.ValidationError, match="plan"):
        sd.Analysis.model_validate(body)
    with pytest.raises(pydantic.ValidationError, match="plan"):
        sd.Analysis.model_validate_json(json.dumps(body))


def test_a_plan_made_by_hand_decides_the_schemas():
    """infer_schemas follows the plan it is given, whatever the requirements say."""
    templates = catalog().entities
    entities = {
        key: EntityPlan.from_template(templates[key], mentioned=True, volume=volume)
        for key, volume in (("customer", 40), ("order", None))
    }
    resolve_links(entities)
    plan = Plan("ecommerce", entities, keywords=[], confidence=0.5)
    analysis = sd.Analysis(
        domain="ecommerce",
        confidence=0.5,
        requirements=[],
        keywords=[],
        suggested_schemas=[],
        plan=plan,
    )
    schemas = {s.name: s for s in sd.infer_schemas(analysis)}
    assert list(schemas) == ["customers", "orders"]
    assert schemas["customers"].volume == 40
    assert schemas["orders"].field("customer_id").references == "customers.id"
