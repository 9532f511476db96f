"""Which analyzer step placed each foreign key, scored against a development set.

For every case, the expected keys (child -> parent) whose two tables the analyzer made (both
matched by the scorer) but whose key is missing or reversed, and the keys between matched
tables that the reference does not have, each with the ``analyze`` step that added it last.
Totals close the report: keys found, missing, reversed and on tables never matched, and right
and extra keys per step. Keys of the inferred schemas that no plan step placed are tagged
``infer``.

Usage: python benchmarks/fk_steps.py [--cases tests/eval/devset2.jsonl] [--only id1,id2]
       [--steps] (print every table's keys with their steps)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "eval"))

import score  # noqa: E402

from synthdata.analysis import analyze as pipeline  # noqa: E402
from synthdata.analysis.plan import EntityPlan  # noqa: E402
from synthdata.reference import analyze_response, sample_response  # noqa: E402

#: The steps of ``plan_from_text`` that add or drop keys, as named in its module.
STEPS = (
    "template_links",
    "_drop_contradicted",
    "text_links",
    "_add_text_link_tables",
    "_pair_things",
    "_add_self_refs",
    "_link_orphans",
    "_line_tables",
    "_people_own_events",
    "_parties_of_events",
    "drop_cycles",
    "_drop_loners",
    "_owners_by_class",
    "_goods_on_lines",
    "_people_paired_through_events",
    "_paired_not_keyed",
    "_no_keys_beside_links",
    "_pairings_in_periods",
    "add_link_tables",
)
PLACED: dict[tuple[str, str], str] = {}


def _keys(entities: dict[str, EntityPlan]) -> set[tuple[str, str]]:
    return {
        (e.table, entities[lk.parent].table if lk.parent in entities else lk.parent)
        for e in entities.values()
        for lk in e.links
    }


def _tagged(name: str, step: Callable[..., Any]) -> Callable[..., Any]:
    def run(entities: dict[str, EntityPlan], *args: Any, **kwargs: Any) -> Any:
        before = _keys(entities)
        out = step(entities, *args, **kwargs)
        for key in _keys(entities) - before:
            PLACED[key] = name
        return out

    return run


def _tag_steps() -> None:
    for name in STEPS:
        if hasattr(pipeline, name):
            setattr(pipeline, name, _tagged(name, getattr(pipeline, name)))


def report(
    case: dict[str, Any], totals: Counter[str], right: Counter[str], extra: Counter[str]
) -> None:
    PLACED.clear()
    analysis = analyze_response(case["context"])
    placed = dict(PLACED)
    samples = sample_response(case["context"])
    result = score.score_case(case, analysis, samples)
    matched = result["entity_map"]
    reference = {v: k for k, v in matched.items()}
    predicted = {(f["child"], f["parent"]) for f in score.extract_fks(samples.get("schemas") or [])}
    expected = sorted({(c, p) for c, _, p in case["expected_fks"]})
    lines = []
    for child, parent in expected:
        pc, pp = matched.get(child), matched.get(parent)
        if pc is None or pp is None:
            totals["unmatched"] += 1
        elif (pc, pp) in predicted:
            totals["found"] += 1
            right[placed.get((pc, pp), "infer")] += 1
        elif (pp, pc) in predicted:
            totals["reversed"] += 1
            step = placed.get((pp, pc), "infer")
            lines.append(f"  REVERSED {child} -> {parent}: made {pp} -> {pc} by {step}")
        else:
            totals["missing"] += 1
            lines.append(f"  MISSING  {child} -> {parent} ({pc} -> {pp})")
    wanted = {(matched[c], matched[p]) for c, p in expected if c in matched and p in matched}
    for child, parent in sorted(predicted):
        between_matched = child in reference and parent in reference and child != parent
        if between_matched and (child, parent) not in wanted:
            step = placed.get((child, parent), "infer")
            extra[step] += 1
            lines.append(f"  EXTRA    {child} -> {parent} by {step}")
    if lines:
        print(f"{case['id']}: {case['context'][:160]}")
        print("\n".join(lines))


def show_steps(case: dict[str, Any]) -> None:
    PLACED.clear()
    plan = pipeline.plan_from_text(case["context"])
    print(f"== {case['id']}\n{case['context']}")
    print("expected:", sorted({(c, p) for c, _, p in case["expected_fks"]}))
    for e in plan.entities.values():
        keys = ", ".join(
            f"{lk.field}->{plan.entities[lk.parent].table}"
            f"[{PLACED.get((e.table, plan.entities[lk.parent].table), '?')}]"
            for lk in e.links
        )
        print(f"  {e.table:28} {e.reason[:14]:14} {keys}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", default=str(HERE.parent / "tests" / "eval" / "devset2.jsonl"))
    parser.add_argument("--only", default="")
    parser.add_argument("--steps", action="store_true")
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    cases = [json.loads(line) for line in Path(args.cases).read_text().splitlines() if line]
    _tag_steps()
    totals: Counter[str] = Counter()
    right: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    for case in cases:
        if only and case["id"] not in only:
            continue
        if args.steps:
            show_steps(case)
        report(case, totals, right, extra)
    print("keys:", dict(totals))
    print("right by step:", dict(right.most_common()))
    print("extra by step:", dict(extra.most_common()))


if __name__ == "__main__":
    main()
