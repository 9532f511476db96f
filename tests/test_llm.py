"""Model-written text columns, against a scripted OpenAI-compatible server (the ``llm`` fixture)."""

import json

import synthdata as sd
from synthdata.llm import text_pool
from tests.llm_server import PET_SCHEMAS


def test_text_columns_are_written_once_and_cached(llm, tmp_path, monkeypatch):
    monkeypatch.setenv("SYNTHDATA_HOME", str(tmp_path))
    values = [f"Seen for a {w} check-up; all well." for w in ("yearly", "dental", "skin")]
    llm.reply(("content", json.dumps({"values": values})))
    schemas = sd.load_schemas(PET_SCHEMAS)
    first = sd.sample(schemas, rows=30, seed=4, llm=llm.config())["pets"]["notes"]
    again = sd.sample(schemas, rows=30, seed=4, llm=llm.config())["pets"]["notes"]
    assert len(llm.requests) == 1  # the second run read the cache
    assert set(first) <= set(values)
    assert first.to_list() == again.to_list()
    pool = text_pool(llm.config(), table="pets", field="notes", description="", seed=4)
    assert pool == values
