"""The analysis' LLM path, against a scripted OpenAI-compatible server (the ``llm`` fixture)."""

import json
import subprocess
import sys

import pytest

import synthdata as sd
from tests.llm_server import PET_SCHEMAS

CONTEXT = "Veterinary clinic with 300 pets and their owners"
ANSWER = {
    "analysis": {
        "domain": "healthcare",
        "confidence": 0.9,
        "requirements": [
            {
                "name": "owners",
                "description": "Pet owners",
                "data_type": "tabular",
                "estimated_volume": "200",
            },
            {
                "name": "pets",
                "description": "Pets",
                "data_type": "tabular",
                "estimated_volume": "300",
            },
        ],
        "keywords": ["vet", "pets"],
        "suggested_schemas": ["owners", "pets"],
    },
    "schemas": PET_SCHEMAS,
}


def test_valid_answer_becomes_the_analysis_and_schemas(llm):
    llm.reply(("content", json.dumps(ANSWER)))
    analysis = sd.analyze(CONTEXT, model=llm.config())
    assert analysis.domain == "healthcare"
    assert [r.name for r in analysis.requirements] == ["owners", "pets"]
    schemas = sd.infer_schemas(analysis)
    assert [s.name for s in schemas] == ["owners", "pets"]
    assert schemas[1].field("owner_id").references == "owners.id"
    usage = analysis.llm_usage
    assert (usage.calls, usage.prompt_tokens, usage.completion_tokens) == (1, 120, 80)
    assert usage.cost_usd > 0  # priced from litellm's own copy of the price list
    sent = json.loads(llm.requests[0]["messages"][1]["content"])
    assert sent["description"] == CONTEXT
    assert sent["draft"]["analysis"]["domain"] == "healthcare"  # the offline draft goes along
    assert llm.requests[0]["response_format"] == {"type": "json_object"}


def test_invalid_then_valid_answers_are_retried_with_the_error(llm):
    bad_type = json.loads(json.dumps(ANSWER))
    bad_type["schemas"][0]["fields"][1]["type"] = "PERSON"
    llm.reply(
        ("content", "sure! here it is"),
        ("content", json.dumps(bad_type)),
        ("content", json.dumps(ANSWER)),
    )
    analysis = sd.analyze(CONTEXT, model=llm.config())
    assert analysis.llm_usage.calls == 3
    assert [s.name for s in sd.infer_schemas(analysis)] == ["owners", "pets"]
    second, third = llm.requests[1]["messages"][-1], llm.requests[2]["messages"][-1]
    assert "not valid JSON" in second["content"]
    assert "Unknown field type 'PERSON'" in third["content"]


def test_always_invalid_falls_back_offline_or_raises_in_strict_mode(llm):
    llm.reply(("content", '{"analysis": {}}'))
    analysis = sd.analyze(CONTEXT, model=llm.config())
    assert analysis.warnings[0].startswith("LLM analysis failed, used the offline analyzer")
    assert "pets" in [r.name for r in analysis.requirements]  # the offline answer
    with pytest.raises(sd.LLMError) as info:
        sd.analyze(CONTEXT, model=llm.config(strict=True))
    assert info.value.error_code == "LLM_ERROR"
    assert "gave no valid answer in 3 attempts" in str(info.value)


def test_provider_error(llm):
    llm.reply(("status", 500))
    with pytest.raises(sd.LLMError, match="The model openai/gpt-4o-mini failed"):
        sd.analyze(CONTEXT, model=llm.config(strict=True))
    assert sd.analyze(CONTEXT, model=llm.config()).warnings


def test_timeout(llm):
    llm.reply(("sleep", 3, json.dumps(ANSWER)))
    with pytest.raises(sd.LLMError, match=r"did not answer within 0\.5 s"):
        sd.analyze(CONTEXT, model=llm.config(timeout=0.5, strict=True))


def test_model_from_the_environment(llm, monkeypatch):
    monkeypatch.setenv("SYNTHDATA_LLM_MODEL", "openai/test-model")
    monkeypatch.setenv("SYNTHDATA_LLM_API_BASE", llm.base)
    monkeypatch.setenv("SYNTHDATA_LLM_API_KEY", "test")
    llm.reply(("content", json.dumps(ANSWER)))
    analysis = sd.analyze(CONTEXT)
    assert llm.requests[0]["model"] == "test-model"
    assert analysis.llm_usage.calls == 1


def test_litellm_is_not_imported_offline():
    code = (
        "import sys, synthdata as sd; sd.infer_schemas(sd.analyze('a bakery')); "
        "print('litellm' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.strip() == "False"


def _answer(schemas, notes=None):
    names = [s["name"] for s in schemas]
    body = json.loads(json.dumps(ANSWER))
    body["schemas"] = schemas
    body["analysis"]["requirements"] = [
        r for r in body["analysis"]["requirements"] if r["name"] in names
    ]
    body["analysis"]["suggested_schemas"] = names
    if notes is not None:
        body["notes"] = notes
    return json.dumps(body)


def test_the_prompt_carries_what_the_text_names_and_relates(llm):
    llm.reply(("content", json.dumps(ANSWER)))
    sd.analyze(CONTEXT, model=llm.config())
    sent = json.loads(llm.requests[0]["messages"][1]["content"])
    assert {"owners", "pets"} <= set(sent["reading"]["named"])
    assert any("pets." in r and "-> owners" in r for r in sent["reading"]["relations"])


def test_a_table_the_text_names_and_the_model_drops_is_restored(llm):
    pets_alone = [json.loads(json.dumps(PET_SCHEMAS[1]))]
    pets_alone[0]["fields"] = [f for f in pets_alone[0]["fields"] if f["name"] != "owner_id"]
    llm.reply(("content", _answer(pets_alone)))
    analysis = sd.analyze(CONTEXT, model=llm.config())
    names = {s.name for s in sd.infer_schemas(analysis)}
    assert {"owners", "pets"} <= names
    assert "owners" in analysis.suggested_schemas
    assert any("left out 'owners'" in w for w in analysis.warnings)


def test_an_invented_table_is_kept_only_with_the_models_reason(llm):
    invented = {
        "name": "insurance_claims",
        "volume": 50,
        "fields": [
            {"name": "id", "type": "UUID", "primary_key": True},
            {"name": "pet_id", "type": "UUID", "references": "pets.id"},
            {"name": "amount", "type": "DECIMAL"},
        ],
    }
    llm.reply(("content", _answer([*PET_SCHEMAS, invented])))
    silent = sd.analyze(CONTEXT, model=llm.config())
    assert "insurance_claims" not in {s.name for s in sd.infer_schemas(silent)}
    assert any("Dropped 'insurance_claims'" in w for w in silent.warnings)

    reason = "vet clinics bill pet insurers for treatments"
    llm.reply(("content", _answer([*PET_SCHEMAS, invented], {"insurance_claims": reason})))
    explained = sd.analyze(CONTEXT, model=llm.config())
    assert "insurance_claims" in {s.name for s in sd.infer_schemas(explained)}
    assert any(reason in w for w in explained.warnings)
