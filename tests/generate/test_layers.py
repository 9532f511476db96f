"""The generator's import graph runs one way: orchestration → sinks and executors → the batch
function → plans, columns, relations and keys; and the layers below never import the generator."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "synthdata"
GENERATE = PACKAGE / "generate"

#: Top to bottom; a module may import only from layers below its own (``columns`` is one layer,
#: whose family modules may import each other).
LAYERS = [
    {"engine"},
    {"sinks", "executors", "caches"},
    {"batch", "quoting"},
    {"columns", "relations", "statuses", "derived"},
    {"composite"},
    {"context"},
    {"plan"},
    {"keys", "allocation", "vocab", "vocabularies"},
    {"encoding"},
]


def _name(path: Path) -> str:
    """``synthdata.generate.…`` dotted name of a module file."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every ``synthdata`` module a file imports, at the top or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            # ``from synthdata.generate import keys`` imports the module ``…generate.keys``.
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return {m for m in found if m.startswith("synthdata")}


def _graph() -> dict[str, set[str]]:
    """Module → the generator modules it imports (the package's own empty ``__init__`` left out)."""
    modules = {_name(p): p for p in GENERATE.rglob("*.py")}
    del modules["synthdata.generate"]
    return {name: _imports(path) & set(modules) - {name} for name, path in modules.items()}


def _layer(module: str) -> int:
    """Index in LAYERS of a ``synthdata.generate.x[.y]`` module (its first component)."""
    head = module.removeprefix("synthdata.generate").lstrip(".").split(".")[0]
    return next(i for i, layer in enumerate(LAYERS) if head in layer)


def test_every_module_has_a_layer():
    for module in _graph():
        _layer(module)  # raises StopIteration for a module missing from LAYERS


def test_there_are_no_import_cycles():
    graph = _graph()
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = " → ".join([*path[path.index(module) :], module])
            pytest.fail(f"import cycle: {cycle}")
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_imports_only_go_down_the_layers():
    columns = _layer("synthdata.generate.columns")
    sideways_or_up = [
        f"{module} imports {target}"
        for module, targets in _graph().items()
        for target in targets
        if _layer(target) < _layer(module) or _layer(target) == _layer(module) != columns
    ]
    assert sideways_or_up == []


@pytest.mark.parametrize(
    "path",
    [
        *sorted((PACKAGE / "export").glob("*.py")),
        PACKAGE / "corpus.py",
        PACKAGE / "validate.py",
        PACKAGE / "_formats.py",
    ],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_lower_layers_never_import_the_generator(path):
    """Exporters read what the generator wrote, through the corpus; CSV options live below both."""
    assert [m for m in _imports(path) if m.startswith("synthdata.generate")] == []
