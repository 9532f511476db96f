"""Hypothesis strategies for fields, schemas and sets of schemas linked by foreign keys."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

import synthdata as sd
from synthdata.generate.keys import UNIQUE_TYPES
from synthdata.schema import FIELD_TRAITS

FieldType = sd.FieldType
KEY_TYPES = [FieldType.UUID, FieldType.INTEGER, FieldType.CODE]
ORDERABLE = sorted(
    t
    for t, x in FIELD_TRAITS.items()
    if x.orderable and t not in {FieldType.LATITUDE, FieldType.LONGITUDE}
)


#: Column names with a meaning, so generated schemas exercise it (and its anchors) too.
NAMES = [
    "name",
    "title",
    "category",
    "rating",
    "comment",
    "status",
    "first_name",
    "city",
    "species",
    "breed",
    "description",
    "product_name",
    "department",
]


def field_types() -> st.SearchStrategy[FieldType]:
    return st.sampled_from(list(FieldType))


@st.composite
def fields(draw: st.DrawFn, name: str) -> dict[str, Any]:
    kind = draw(field_types())
    spec: dict[str, Any] = {"name": name, "type": kind.value}
    if draw(st.booleans()):
        spec["required"] = False
        spec["null_rate"] = draw(st.sampled_from([0.0, 0.1, 0.5, 1.0]))
    if kind in UNIQUE_TYPES and kind is not FieldType.IP_ADDRESS and draw(st.booleans()):
        spec["unique"] = True
    if kind is FieldType.ENUM:
        values = draw(
            st.lists(st.text("abcxyz", min_size=1, max_size=5), min_size=1, max_size=5, unique=True)
        )
        spec["enum_values"] = values
        if draw(st.booleans()):
            spec["enum_weights"] = draw(
                st.lists(st.floats(0.1, 5), min_size=len(values), max_size=len(values))
            )
    numeric = (FieldType.INTEGER, FieldType.FLOAT, FieldType.AMOUNT)
    if kind in numeric and not spec.get("unique") and draw(st.booleans()):
        lo = draw(st.integers(-1000, 1000))
        spec["min"], spec["max"] = lo, lo + draw(st.integers(0, 5000))
        spec["distribution"] = draw(st.sampled_from(list(sd.Distribution))).value
    if kind is FieldType.DATE and draw(st.booleans()):
        spec["min"], spec["max"] = "1990-01-01", draw(st.sampled_from(["1990-01-01", "2030-06-30"]))
    if kind in (FieldType.CODE, FieldType.STRING) and draw(st.booleans()):
        spec["pattern"] = draw(st.sampled_from(["INV-######", "??-##-**", "#####"]))
    return spec


@st.composite
def schemas(draw: st.DrawFn, name: str, parents: list[dict[str, Any]]) -> dict[str, Any]:
    key_type = draw(st.sampled_from(KEY_TYPES))
    columns = [{"name": "id", "type": key_type.value, "primary_key": True}]
    count = draw(st.integers(0, 5))
    names = draw(st.lists(st.sampled_from(NAMES), max_size=count, unique=True))
    names += [f"f{i}" for i in range(count - len(names))]
    columns += [draw(fields(n)) for n in names]
    spec: dict[str, Any] = {"name": name, "fields": columns, "volume": draw(st.integers(1, 300))}
    fks = []
    for parent in parents:
        if draw(st.booleans()):
            fk = {
                "name": f"{parent['name']}_id",
                "type": parent["fields"][0]["type"],
                "references": f"{parent['name']}.id",
            }
            if draw(st.booleans()):
                fk["required"] = False
            columns.append(fk)
            fks.append(fk["name"])
    if draw(st.booleans()):
        columns.append({"name": "parent_id", "type": key_type.value, "references": name})
    if len(fks) >= 2 and draw(st.booleans()):
        spec["unique_together"] = [fks[:2]]
        volumes = {p["name"]: p["volume"] for p in parents}
        pairs = volumes[fks[0].removesuffix("_id")] * volumes[fks[1].removesuffix("_id")]
        spec["volume"] = min(spec["volume"], pairs)
    orderable = [
        c
        for c in columns
        if c["type"] in {t.value for t in ORDERABLE}
        and "min" not in c
        and not c.get("unique")
        and "references" not in c
        and c["name"] != "id"
    ]
    same = [(a, b) for a in orderable for b in orderable if a is not b and a["type"] == b["type"]]
    if same and draw(st.booleans()):
        a, b = same[0]
        spec["constraints"] = [
            f"{a['name']} {draw(st.sampled_from(['>=', '<=', '>']))} {b['name']}"
        ]
    return spec


@st.composite
def schema_sets_with_fks(draw: st.DrawFn) -> list[sd.Schema]:
    specs: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 4))):
        specs.append(draw(schemas(f"t{i}", specs)))
    return [sd.Schema.model_validate(s) for s in specs]
