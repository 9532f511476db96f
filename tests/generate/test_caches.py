"""The generator's process-wide caches are all listed in one registry, and emptying them changes
no byte of output."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import synthdata as sd
from synthdata.generate import vocab
from synthdata.generate.caches import CACHES, clear_caches

PACKAGE = Path(__file__).resolve().parents[2] / "synthdata"
SHOP = PACKAGE.parent / "examples" / "shop.json"
_MEMO = {"cache", "lru_cache"}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _memoized(package: str = "generate") -> list[object]:
    """Every function in ``synthdata.<package>`` decorated with ``cache``/``lru_cache``."""
    found = []
    for path in (PACKAGE / package).rglob("*.py"):
        module = importlib.import_module(_module(path))
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and any(
                _decorator_name(d) in _MEMO for d in node.decorator_list
            ):
                found.append(getattr(module, node.name))
    return found


def _decorator_name(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def _filled_at_run_time() -> list[str]:
    """Module-level names bound to an empty dict, list or set: state filled while running."""
    found = []
    for path in (PACKAGE / "generate").rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            empty = (isinstance(value, ast.Dict) and not value.keys) or (
                isinstance(value, ast.List | ast.Set) and not value.elts
            )
            if empty:
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                found.append(f"{_module(path)}.{ast.unparse(target)}")
    return found


def test_every_memo_cache_is_registered():
    """Each ``cache``/``lru_cache`` function is in CACHES, and CACHES lists nothing else of that
    kind (its one other entry empties the vocabulary pools)."""
    registered = {getattr(clear, "__self__", None) for clear in CACHES.values()} - {None}
    assert set(_memoized()) == registered
    assert len(registered) == len(CACHES) - 1


def test_every_analyzer_cache_is_registered():
    """The analyzer's caches have one registry too, and emptying them changes no analysis."""
    from synthdata.analysis import caches

    registered = {clear.__self__ for clear in caches.CACHES.values()}  # type: ignore[attr-defined]
    assert set(_memoized("analysis")) == registered
    sentence = "A dog grooming salon with 300 customers and their dogs, appointments and groomers"
    before = sd.analyze(sentence).model_dump_json()
    caches.clear_caches()
    assert sd.analyze(sentence).model_dump_json() == before


def test_the_only_module_level_state_filled_at_run_time_is_the_vocabulary():
    assert _filled_at_run_time() == ["synthdata.generate.vocab._POOLS"]
    vocab.people("en_US")
    assert vocab.snapshot()
    CACHES["vocabulary pools"]()
    assert vocab.snapshot() == {}


def test_clearing_every_cache_changes_no_byte(tmp_path):
    """Pools, lookups, allocations and CSV answers are rebuilt identically after a clear."""
    shop = sd.load_schemas(str(SHOP))
    outputs = []
    for run in ("warm", "cleared"):
        if run == "cleared":
            clear_caches()
        corpus = sd.generate(shop, total_rows=3_000, seed=9, out_dir=tmp_path / run, format="csv")
        outputs.append({name: paths[0].read_bytes() for name, paths in corpus.tables.items()})
    assert outputs[0] == outputs[1]
