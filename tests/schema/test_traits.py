"""The field-type traits table is complete, true to the generators, and the one place consulted."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import polars as pl
import pytest

import synthdata as sd
from synthdata.export.sql import DIALECTS
from synthdata.schema import FIELD_TRAITS, FieldTraits, traits
from synthdata.schema.traits import CSVRule, SQLFamily, UniqueRule

FieldType = sd.FieldType
PACKAGE = Path(sd.__file__).resolve().parent
TRAITS_MODULE = PACKAGE / "schema" / "traits.py"


def _every_type_table(locale: str) -> list[sd.Schema]:
    """One field per type, a unique one per type that can be unique, a bounded one per number."""
    fields: list[dict] = [{"name": "id", "type": "UUID", "primary_key": True}]
    for kind, x in FIELD_TRAITS.items():
        spec: dict = {"name": f"v_{kind.value.lower()}", "type": kind.value}
        if kind is FieldType.ENUM:
            spec["enum_values"] = ["a", "b"]
        fields.append(spec)
        if x.unique is not None:
            fields.append({**spec, "name": f"u_{kind.value.lower()}", "unique": True})
        if x.numeric:
            fields.append({**spec, "name": f"b_{kind.value.lower()}", "min": 1, "max": 50})
    return sd.load_schemas([{"name": "t", "locale": locale, "fields": fields}])


@pytest.fixture(scope="module", params=["en_US", "de_DE", "ja_JP"])
def generated(request: pytest.FixtureRequest) -> tuple[sd.Schema, pl.DataFrame]:
    (schema,) = _every_type_table(request.param)
    return schema, sd.sample([schema], rows=300, seed=7)["t"]


def test_every_field_type_has_traits():
    """The table lists every type, in the enum's order."""
    assert list(FIELD_TRAITS) == list(FieldType)
    assert all(isinstance(x, FieldTraits) for x in FIELD_TRAITS.values())


def test_dtypes_are_what_the_generators_produce(generated):
    """A column's dtype is its type's ``dtype``, whether plain, unique or bounded."""
    schema, frame = generated
    assert dict(frame.schema) == {f.name: traits(f.type).dtype for f in schema.fields}


def test_generated_values_match_their_format(generated):
    """Every value of a type with a validation format matches it."""
    schema, frame = generated
    for f in schema.fields:
        fmt = traits(f.type).format
        if fmt is not None:
            assert frame[f.name].str.contains(fmt).all(), f.name


@pytest.mark.parametrize("kind", [k for k, x in FIELD_TRAITS.items() if x.format is not None])
def test_every_format_compiles(kind):
    """Formats are regular expressions both Python and polars (Rust regex) accept."""
    fmt = traits(kind).format
    assert fmt is not None
    assert re.compile(fmt).pattern.startswith("^")
    assert pl.Series(["x"]).str.contains(fmt).dtype == pl.Boolean


@pytest.mark.parametrize("dialect", sorted(DIALECTS))
def test_every_sql_family_is_mapped_by_every_dialect(dialect):
    """Each dialect names a column type for every family, and sqlglot parses each of them."""
    from sqlglot import exp

    cls = DIALECTS[dialect]
    assert set(cls.TYPES) == set(SQLFamily)
    for kind in FieldType:
        for keyed in (False, True):
            exp.DataType.build(cls.column_type(kind, keyed=keyed), dialect=cls.SQLGLOT)


def test_unique_columns_hold_distinct_values(generated):
    """Every type with a unique rule keeps a unique field's values apart."""
    schema, frame = generated
    for f in schema.fields:
        if f.unique:
            assert frame[f.name].n_unique() == frame.height, f.name


@pytest.mark.parametrize("kind", list(FieldType))
def test_key_types_are_the_ones_a_primary_key_accepts(kind):
    """Generation takes a primary key of exactly the types marked ``key``."""
    spec: dict = {"name": "id", "type": kind.value, "primary_key": True}
    if kind is FieldType.ENUM:
        spec["enum_values"] = ["a", "b"]
    schemas = sd.load_schemas([{"name": "t", "fields": [spec], "primary_key": "id"}])
    if traits(kind).key:
        assert sd.sample(schemas, rows=20)["t"]["id"].n_unique() == 20
    else:
        with pytest.raises(sd.InvalidInputError, match="a primary key must be one of"):
            sd.sample(schemas, rows=20)


@pytest.mark.parametrize("kind", list(FieldType))
def test_traits_agree_with_each_other(kind):
    """Facts that imply one another are recorded consistently."""
    x = traits(kind)
    assert x.numeric == x.dtype.is_numeric()
    assert x.temporal == x.dtype.is_temporal()
    assert not (x.numeric and x.temporal)
    if x.dtype != pl.String:
        assert x.csv is CSVRule.PLAIN, "only text can hold separators"
    if x.key:
        assert x.unique in {UniqueRule.UUID, UniqueRule.RANGE, UniqueRule.PATTERN}
    if x.csv is CSVRule.POOLS:
        assert x.pools
    else:  # a STRING without a pattern draws on its meaning's sources, not on pools
        assert not x.pools
    if x.ddl_family is SQLFamily.TEXT:
        assert x.sql is SQLFamily.TEXT
    if x.patterned:
        assert x.unique is UniqueRule.PATTERN


def test_unknown_type_names_get_a_suggestion():
    """A misspelt name fails with the closest type named."""
    assert traits("EMAIL") is FIELD_TRAITS[FieldType.EMAIL]
    with pytest.raises(
        sd.InvalidInputError, match=r"^Unknown field type 'EMIAL'\. Did you mean EMAIL\?$"
    ):
        traits("EMIAL")


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p != TRAITS_MODULE)


def _is_member(node: ast.expr) -> bool:
    """``FieldType.X`` (or ``sd.FieldType.X``)."""
    if not isinstance(node, ast.Attribute):
        return False
    owner = node.value
    return (isinstance(owner, ast.Name) and owner.id == "FieldType") or (
        isinstance(owner, ast.Attribute) and owner.attr == "FieldType"
    )


def _type_collections(source: str) -> list[int]:
    """Lines holding a set, tuple or list literal made only of field types."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Set | ast.Tuple | ast.List)
        and node.elts
        and all(_is_member(e) for e in node.elts)
    ]


def test_no_module_keeps_its_own_set_of_types():
    """Groups of types are traits in the table, not literals scattered over the package."""
    found = {
        str(path.relative_to(PACKAGE)): lines
        for path in _modules()
        if (lines := _type_collections(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_set_check_sees_the_forms_the_old_code_used():
    """Sets, tuples and lists of types are found; dicts keyed by type and mixed tuples are not."""
    source = (
        "A = frozenset({FieldType.UUID, FieldType.CODE})\n"
        "B = kind in (FieldType.NAME, sd.FieldType.CITY)\n"
        "C = dict.fromkeys([FieldType.STREET], True)\n"
        "D = {FieldType.UUID: 1}\n"
        "E = (r'mail', FieldType.EMAIL, {})\n"
    )
    assert _type_collections(source) == [1, 2, 3]


@pytest.mark.parametrize("name", ["corpus.py", "validate.py"])
def test_lower_layers_do_not_import_the_generator(name):
    """Dtypes come from the traits table, so these modules need nothing from ``generate``.

    The schema package's own modules are held to more in ``tests/schema/test_layers.py``."""
    tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [
        a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names
    ]
    assert [m for m in imported if m.startswith("synthdata.generate")] == []
