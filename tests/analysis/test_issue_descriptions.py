"""The six descriptions of issue 14, each with what a careful modeller would build from it.

Expectations are about tables and keys (which tables exist, who holds whose key, which pairings
get a table of their own), never one exact output: names may be any the text itself supports.
"""

from __future__ import annotations

import synthdata as sd
from synthdata import FieldType, Schema


def _schemas(text: str) -> dict[str, Schema]:
    return {s.name: s for s in sd.infer_schemas(sd.analyze(text))}


def _parents(schema: Schema) -> set[str]:
    return {fk.parent for fk in schema.foreign_keys}


def _one(schemas: dict[str, Schema], *names: str) -> Schema:
    found = [schemas[n] for n in names if n in schemas]
    assert found, f"none of {names} in {sorted(schemas)}"
    return found[0]


def _link_between(schemas: dict[str, Schema], a: str, b: str) -> Schema:
    links = [s for s in schemas.values() if {a, b} <= _parents(s)]
    assert links, f"no table links {a} and {b}: {sorted(schemas)}"
    return links[0]


def test_dog_grooming_salon_keeps_its_own_parties() -> None:
    text = "A dog grooming salon with 300 customers and their dogs, appointments and groomers"
    schemas = _schemas(text)
    assert {"customers", "dogs", "appointments", "groomers"} <= set(schemas)
    assert not {"patients", "doctors"} & set(schemas)
    assert _parents(schemas["dogs"]) == {"customers"}
    assert {"dogs", "groomers"} <= _parents(schemas["appointments"])


def test_toxicology_lab_pairs_chemicals_and_proteins_with_an_effect() -> None:
    text = (
        "toxicology lab: chemicals with CAS numbers, the proteins they bind to, and for each "
        "chemical-protein pair whether it inhibits or activates the protein"
    )
    schemas = _schemas(text)
    assert {"chemicals", "proteins"} <= set(schemas)
    assert not {"customers", "products", "orders"} & set(schemas)
    pair = _link_between(schemas, "chemicals", "proteins")
    assert "interaction" in pair.name or pair.name.startswith("chemical_protein")
    effect = next(f for f in pair.fields if f.type is FieldType.ENUM)
    assert {"inhibits", "activates"} <= set(effect.enum_values or [])
    assert any("cas" in f.name for f in schemas["chemicals"].fields)


def test_cat_shelter_is_not_insurance() -> None:
    text = (
        "Cat shelter with around 150 cats. Volunteers foster cats at home; each cat has a colour "
        "and an intake date, adopters apply to adopt a cat and a vet records vaccinations"
    )
    analysis = sd.analyze(text)
    schemas = {s.name: s for s in sd.infer_schemas(analysis)}
    assert analysis.domain != "insurance"
    assert {"cats", "volunteers", "adopters", "vaccinations"} <= set(schemas)
    assert not {"policyholders", "policies", "claims"} & set(schemas)
    cats = {f.name for f in schemas["cats"].fields}
    assert {"colour", "intake_date"} <= cats
    assert schemas["cats"].volume == 150
    _link_between(schemas, "volunteers", "cats")  # fostering
    _link_between(schemas, "adopters", "cats")  # adoptions


def test_insurance_broker_keys_follow_the_sentence() -> None:
    text = (
        "Insurance broker: policyholders own vehicles, each vehicle is covered by a policy, "
        "accidents are reported against a policy, each accident is assessed by an adjuster who "
        "writes an assessment"
    )
    schemas = _schemas(text)
    assert {"policyholders", "vehicles", "policies", "accidents", "adjusters"} <= set(schemas)
    assert _one(schemas, "assessments")
    assert not {"customers", "exams"} & set(schemas)
    assert {"policyholders", "policies"} <= _parents(schemas["vehicles"])
    assert {"policies", "adjusters"} <= _parents(schemas["accidents"])
    assert _parents(schemas["assessments"]) & {"adjusters", "accidents"}


def test_university_registrar_sections_enrolments_and_prerequisites() -> None:
    text = (
        "University registrar: students enrol in course sections taught by instructors; courses "
        "have prerequisite courses; each section meets in a classroom"
    )
    schemas = _schemas(text)
    sections = _one(schemas, "course_sections", "sections")
    assert {"students", "instructors", "courses", "classrooms"} <= set(schemas)
    assert {"instructors", "classrooms", "courses"} <= _parents(sections)
    enrolments = _link_between(schemas, "students", sections.name)
    assert enrolments.name.startswith("enrol")
    prerequisites = [
        s for s in schemas.values() if [fk.parent for fk in s.foreign_keys] == ["courses"] * 2
    ]
    assert prerequisites, "courses have prerequisite courses: a self-referencing link"


def test_brewery_batches_kegs_and_shipments() -> None:
    text = (
        "A brewery tracks batches of beer brewed from recipes; each recipe lists ingredients "
        "with quantities; batches are packaged into kegs that are shipped to pubs"
    )
    schemas = _schemas(text)
    assert {"batches", "recipes", "ingredients", "kegs", "pubs"} <= set(schemas)
    assert not {"tracks", "lists", "fermenters"} & set(schemas)
    assert "recipes" in _parents(schemas["batches"])
    assert "batches" in _parents(schemas["kegs"])
    lines = _link_between(schemas, "recipes", "ingredients")
    assert any("quantit" in f.name for f in lines.fields)
    assert _link_between(schemas, "kegs", "pubs")  # shipments
