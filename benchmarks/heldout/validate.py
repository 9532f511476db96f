"""Structural checks for a held-out set (does not touch the analyzer): ``heldout.jsonl`` beside
this file, or the JSON-lines file given as the argument, whose cases' ``source`` is
``handwritten-<file stem>``."""

import collections
import json
import pathlib
import re
import sys

PATH = (
    pathlib.Path(sys.argv[1])
    if len(sys.argv) > 1
    else pathlib.Path(__file__).with_name("heldout.jsonl")
)
SOURCE = f"handwritten-{PATH.stem}"
KEYS = [
    "id",
    "source",
    "context",
    "expected_domain",
    "acceptable_domains",
    "expected_entities",
    "expected_fks",
    "expected_columns",
    "volumes",
    "tags",
]
STYLES = {"terse", "medium", "long", "messy"}
errors, ids, styles = [], set(), collections.Counter()
for n, line in enumerate(PATH.read_text().splitlines(), 1):
    try:
        c = json.loads(line)
    except json.JSONDecodeError as e:
        errors.append(f"line {n}: bad JSON: {e}")
        continue
    cid = c.get("id")
    if list(c) != KEYS:
        errors.append(f"{cid}: keys {list(c)}")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", cid or ""):
        errors.append(f"{cid}: id not snake_case")
    if cid in ids:
        errors.append(f"{cid}: duplicate id")
    ids.add(cid)
    if c["source"] != SOURCE:
        errors.append(f"{cid}: source")
    ents, cols = c["expected_entities"], c["expected_columns"]
    if not 3 <= len(ents) <= 12:
        errors.append(f"{cid}: {len(ents)} tables")
    if set(ents) != set(cols):
        errors.append(f"{cid}: entities != column tables")
    for t, cl in cols.items():
        names = [x["name"] for x in cl]
        if len(names) != len(set(names)):
            errors.append(f"{cid}.{t}: duplicate column")
        if not 4 <= len(cl) <= 10:
            errors.append(f"{cid}.{t}: {len(cl)} columns")
        if sum(1 for x in cl if x.get("pk")) != 1:
            errors.append(f"{cid}.{t}: pk count")
    fk_cols = set()
    for child, col, parent in c["expected_fks"]:
        if child not in ents:
            errors.append(f"{cid}: fk child {child} not an entity")
        if parent not in ents:
            errors.append(f"{cid}: fk parent {parent} not an entity")
        if col not in [x["name"] for x in cols.get(child, [])]:
            errors.append(f"{cid}: fk column {child}.{col} missing")
        fk_cols.add((child, col))
    # every *_id column must be declared as an FK, and be UUID
    for t, cl in cols.items():
        for x in cl:
            if x["name"].endswith("_id"):
                if (t, x["name"]) not in fk_cols:
                    errors.append(f"{cid}: {t}.{x['name']} looks like an FK but is not declared")
                if x["type"] != "UUID":
                    errors.append(f"{cid}: {t}.{x['name']} not UUID")
    st = [s for s in c["tags"] if s in STYLES]
    if len(st) != 1:
        errors.append(f"{cid}: style tag {st}")
    styles.update(st)
print("cases:", len(ids), dict(styles))
print("\n".join(errors) or "OK: all checks passed")
sys.exit(1 if errors else 0)
