"""Score the offline analyzer on the development set, in-process (no server needed).

Usage: python benchmarks/eval_devset.py [--cases tests/eval/devset.jsonl] [--only id1,id2] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "eval"))

import score  # noqa: E402

from synthdata.reference import analyze_response, sample_response  # noqa: E402


def run(cases_path: Path, only: set[str] | None = None) -> tuple[dict[str, float], list[dict]]:
    cases = [json.loads(line) for line in cases_path.read_text().splitlines() if line.strip()]
    results = []
    for case in cases:
        if only and case["id"] not in only:
            continue
        analysis = analyze_response(case["context"])
        samples = sample_response(case["context"])
        results.append(score.score_case(case, analysis, samples))
    return summarize(results), results


def summarize(results: list[dict]) -> dict[str, float]:
    def mean(key: str) -> float:
        values = [r[key] for r in results if r.get(key) is not None]
        return sum(values) / len(values) if values else 0.0

    ri = [r for r in results if r.get("ri_checked")]
    return {
        "domain": mean("domain_ok"),
        "entities_f1": mean("entity_f1"),
        "fk_recall": mean("fk_recall"),
        "columns_recall": mean("columns_recall"),
        "type_agreement": mean("type_agreement"),
        "ri_ok": (sum(r["ri_ok"] for r in ri) / sum(r["ri_checked"] for r in ri)) if ri else 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", default=str(HERE.parent / "tests" / "eval" / "devset.jsonl"))
    parser.add_argument("--only", default="")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    summary, results = run(Path(args.cases), only)
    for r in results:
        line = (
            f"{r['id']:<32} dom={'ok ' if r['domain_ok'] else 'BAD'} {r['domain_pred']:<13} "
            f"ent={r['entity_f1']:.2f} fk={1.0 if r['fk_recall'] is None else r['fk_recall']:.2f} "
            f"col={r['columns_recall']:.2f}"
        )
        print(line)
        if args.verbose:
            print("   predicted:", r["pred_entities"])
            print("   map:", r["entity_map"])
    print("SCORE " + " ".join(f"{k}={v:.3f}" for k, v in summary.items()))


if __name__ == "__main__":
    main()
