"""The development set, scored in-process with the unchanged scorer from shared/eval."""

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "benchmarks"))

from eval_devset import run  # noqa: E402


@pytest.fixture(scope="module")
def summary() -> dict[str, float]:
    result, _ = run(HERE / "eval" / "devset.jsonl")
    return result


@pytest.mark.parametrize(
    ("metric", "floor"),
    [
        ("domain", 0.90),
        ("entities_f1", 0.80),
        ("fk_recall", 0.75),
        ("columns_recall", 0.60),
        ("ri_ok", 1.00),
    ],
)
def test_devset_meets_the_issue_targets(summary, metric, floor):
    assert summary[metric] >= floor, summary
