"""The schema package is the bottom layer: the layers built on schemas are never imported here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import synthdata as sd

SCHEMA_PACKAGE = Path(sd.__file__).resolve().parent / "schema"
MODULES = sorted(p.name for p in SCHEMA_PACKAGE.glob("*.py"))
UPPER_LAYERS = (
    "synthdata.analysis",
    "synthdata.generate",
    "synthdata.export",
    "synthdata.jobs",
    "api_shim",
)


def _imports(source: str) -> list[str]:
    """Every module an ``import`` or ``from ... import`` names, at any depth (lazy ones too)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names += [base] + [f"{base}.{alias.name}" for alias in node.names]
    return names


def _upper(names: list[str]) -> list[str]:
    return [n for n in names if any(n == m or n.startswith(f"{m}.") for m in UPPER_LAYERS)]


def test_every_schema_module_is_checked():
    """The glob finds the package's modules, so the test below cannot pass by finding none."""
    assert {"__init__.py", "field.py", "table.py", "ddl.py", "feedback.py"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_schema_imports_no_upper_layer(name):
    """Data flows analysis → schema, never back: no schema module imports a layer above it."""
    source = (SCHEMA_PACKAGE / name).read_text(encoding="utf-8")
    assert _upper(_imports(source)) == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from synthdata.analysis.naming import field_from_name", "synthdata.analysis.naming"),
        ("import synthdata.generate.engine", "synthdata.generate.engine"),
        ("def f():\n    from synthdata import jobs", "synthdata.jobs"),
        ("from api_shim.app import create_app", "api_shim.app"),
        ("from synthdata.export import export", "synthdata.export"),
    ],
)
def test_the_import_check_sees_every_form(source, found):
    """Plain, dotted, lazy and ``from package import module`` imports are all caught."""
    assert found in _upper(_imports(source))


def test_the_import_check_allows_the_lower_layers():
    """Errors, the schema package itself and look-alike names are not upper layers."""
    source = (
        "from synthdata.errors import InvalidInputError\n"
        "from synthdata.schema.table import Schema\n"
        "import synthdata.exporters_of_the_future\n"
    )
    assert _upper(_imports(source)) == []
