import os

import pytest
from hypothesis import HealthCheck, settings

from tests.llm_server import ScriptedLLM

# CI draws the same examples every run (a landing must not hinge on a lucky draw); explore with
# SYNTHDATA_HYPOTHESIS_PROFILE=thorough, which draws new ones and keeps failures in .hypothesis.
settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("thorough", max_examples=400, deadline=None)
settings.load_profile(os.environ.get("SYNTHDATA_HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def llm():
    """A scripted OpenAI-compatible server on 127.0.0.1 (no real provider)."""
    with ScriptedLLM() as server:
        yield server
