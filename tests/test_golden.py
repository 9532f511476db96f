"""Same seed, same bytes, across refactors: digests of fixed corpora, exports and analyses.

The digests in ``tests/golden/digests.json`` were recorded from the code before a change that
must not alter output (a renovation). A change that alters output on purpose re-records them with
``python tests/test_golden.py`` and says so in its commit message.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

import synthdata as sd

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "digests.json"
EXAMPLES = HERE.parent / "examples"
SENTENCES = [
    "Healthcare clinic with 200 patients needs patient records and appointment scheduling",
    "Legal firm case management with clients, cases, and documents",
    "Online bookstore: 5k customers, orders with order lines, books by authors",
    "A dog grooming salon with 300 customers and their dogs, appointments and groomers",
    "University registrar: students enrol in course sections taught by instructors",
]


def _every_type(locale: str) -> list[sd.Schema]:
    fields: list[dict] = [{"name": "id", "type": "UUID", "primary_key": True}]
    for kind in sd.FieldType:
        spec: dict = {"name": f"v_{kind.value.lower()}", "type": kind.value}
        if kind is sd.FieldType.ENUM:
            spec |= {"enum_values": ["plain", "with, comma", 'with "quote"']}
        if kind is sd.FieldType.CODE:
            spec |= {"pattern": "AB-###-??"}
        fields.append(spec)
    fields += [
        {"name": "opt_date", "type": "DATE", "required": False, "null_rate": 0.3},
        {"name": "uniq_code", "type": "STRING", "unique": True},
        {"name": "score", "type": "FLOAT", "min": 0, "max": 5, "distribution": "normal"},
    ]
    child = [
        {"name": "id", "type": "UUID", "primary_key": True},
        {
            "name": "parent_id",
            "type": "UUID",
            "references": "things.id",
            "cardinality": {"min": 0, "max": 4, "distribution": "zipf"},
        },
        {"name": "started_at", "type": "DATETIME"},
        {"name": "ended_at", "type": "DATETIME", "required": False},
        {"name": "amount", "type": "AMOUNT", "min": 1, "max": 900},
    ]
    return sd.load_schemas(
        [
            {"name": "things", "volume": 700, "locale": locale, "fields": fields},
            {
                "name": "events",
                "locale": locale,
                "fields": child,
                "constraints": ["ended_at >= started_at"],
            },
        ]
    )


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _frames(corpus: sd.Corpus) -> dict[str, str]:
    out = {}
    for name in corpus.tables:
        frame = corpus.frame(name).collect()
        out[name] = _sha((str(frame.schema) + frame.write_csv()).encode())
    return out


def _files(paths: dict[str, Path]) -> dict[str, str]:
    return {name: _sha(Path(p).read_bytes()) for name, p in sorted(paths.items())}


def compute(tmp: Path) -> dict[str, dict[str, str]]:
    """Every digest, keyed by what was made."""
    out: dict[str, dict[str, str]] = {}
    for locale in ("en_US", "de_DE"):
        schemas = _every_type(locale)
        parquet = sd.generate(schemas, seed=11, out_dir=tmp / f"p-{locale}", batch_size=300)
        out[f"every_type_parquet_{locale}"] = _frames(parquet)
        csv = sd.generate(schemas, seed=11, out_dir=tmp / f"c-{locale}", format="csv")
        out[f"every_type_csv_{locale}"] = _files({n: p[0] for n, p in csv.tables.items()})
    shop = sd.load_schemas(str(EXAMPLES / "shop.json"))
    corpus = sd.generate(shop, total_rows=3_000, seed=5, out_dir=tmp / "shop")
    out["shop_parquet"] = _frames(corpus)
    for fmt in ("csv", "json", "jsonl"):
        out[f"shop_export_{fmt}"] = _files(sd.export(corpus, fmt, tmp / f"x-{fmt}"))
    for dialect in ("postgresql", "mysql", "sqlite"):
        paths = sd.export(corpus, "sql", tmp / f"x-sql-{dialect}", sql_dialect=dialect)
        out[f"shop_export_sql_{dialect}"] = _files(paths)
    every = sd.generate(_every_type("en_US"), seed=3, out_dir=tmp / "every-sql")
    for dialect in ("postgresql", "mysql", "sqlite"):
        paths = sd.export(every, "sql", tmp / f"e-sql-{dialect}", sql_dialect=dialect)
        out[f"every_type_export_sql_{dialect}"] = _files(paths)
    for i, sentence in enumerate(SENTENCES):
        analysis = sd.analyze(sentence)
        schemas = sd.infer_schemas(analysis)
        frames = sd.sample(schemas, rows=20, seed=i)
        out[f"sentence_{i}"] = {
            "analysis": _sha(analysis.model_dump_json().encode()),
            "schemas": _sha(json.dumps([s.model_dump(mode="json") for s in schemas]).encode()),
            "sample": _sha("".join(n + f.write_csv() for n, f in sorted(frames.items())).encode()),
        }
    return out


@pytest.fixture(scope="module")
def digests(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    return compute(tmp_path_factory.mktemp("golden"))


def _recorded() -> dict[str, dict[str, str]]:
    return json.loads(GOLDEN.read_text())


@pytest.mark.parametrize("key", sorted(_recorded()))
def test_output_bytes_match_the_recorded_digests(digests, key):
    """Generation, exports and analysis give the recorded bytes for fixed seeds."""
    assert digests[key] == _recorded()[key]


def test_nothing_new_goes_unrecorded(digests):
    """Every digest computed is recorded, so a new corpus cannot slip in unchecked."""
    assert sorted(digests) == sorted(_recorded())


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = compute(Path(tmp))
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    print(f"recorded {len(result)} digest groups in {GOLDEN}", file=sys.stderr)
