import json

import pytest
from pydantic import ValidationError

import synthdata as sd
from synthdata.schema import Constraint


def _schema(**extra):
    base = {"name": "orders", "fields": [{"name": "id", "type": "UUID"}]}
    base.update(extra)
    return base


def test_issue_example_loads():
    """The JSON shape from the API reference, extended with references, validates."""
    s = sd.Schema.model_validate(
        {
            "name": "orders",
            "volume": 1000,
            "fields": [
                {"name": "id", "type": "UUID", "required": True, "primary_key": True},
                {"name": "customer_id", "type": "UUID", "references": "customers.id"},
            ],
        }
    )
    assert s.primary_key == "id"
    assert s.foreign_keys == [sd.ForeignKey(field="customer_id", parent="customers")]


def test_schema_round_trips_through_json():
    """Dumping and loading a schema gives the same schema."""
    s = sd.Schema.model_validate(
        _schema(
            fields=[
                {"name": "id", "type": "UUID"},
                {
                    "name": "parent_id",
                    "type": "UUID",
                    "references": "orders",
                    "cardinality": {"min": 1, "max": 3},
                },
                {"name": "start", "type": "DATE"},
                {"name": "end", "type": "DATE"},
            ],
            constraints=["end >= start"],
            unique_together=[["parent_id", "start"]],
        )
    )
    again = sd.Schema.model_validate_json(s.model_dump_json())
    assert again == s


@pytest.mark.parametrize("name", ["1abc", "a-b", "a b", "x" * 64, "", "../etc", "é"])
def test_bad_identifiers_are_rejected_with_the_name(name):
    """Names that cannot be file names, SQL identifiers or headers are refused by name."""
    with pytest.raises(ValidationError) as info:
        sd.Field(name=name, type="STRING")
    assert f"Invalid name {name!r}" in str(info.value)
    with pytest.raises(ValidationError, match="Invalid name"):
        sd.Schema(name=name, fields=[sd.Field(name="id", type="UUID")])


def test_type_aliases_and_case():
    """Types are case-insensitive and common aliases map onto ours."""
    assert sd.Field(name="a", type="sku").type is sd.FieldType.CODE
    assert sd.Field(name="a", type="ssn").type is sd.FieldType.NATIONAL_ID
    assert sd.Field(name="a", type="email").type is sd.FieldType.EMAIL


def test_unknown_type_suggests_the_closest():
    with pytest.raises(ValidationError, match=r"Unknown field type 'EMIAL'\. Did you mean EMAIL\?"):
        sd.Field(name="a", type="EMIAL")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"name": "s", "type": "ENUM"}, "ENUM field 's' needs enum_values"),
        (
            {"name": "s", "type": "ENUM", "enum_values": ["a"], "enum_weights": [1, 2]},
            "Field 's': enum_weights must have one weight per enum value",
        ),
        (
            {"name": "s", "type": "INTEGER", "min": 5, "max": 1},
            "Field 's': min (5) must not exceed max (1)",
        ),
        (
            {"name": "s", "type": "DATE", "min": "yesterday"},
            "Field 's': min 'yesterday' is not a valid DATE bound",
        ),
        (
            {"name": "s", "type": "STRING", "null_rate": 0.2},
            "Field 's' is required but has null_rate 0.2; set required=false",
        ),
        (
            {"name": "s", "type": "UUID", "primary_key": True, "required": False},
            "Field 's' is a primary key, so it must be required with no nulls",
        ),
    ],
)
def test_field_errors_say_what_is_wrong(spec, message):
    with pytest.raises(ValidationError) as info:
        sd.Field.model_validate(spec)
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"fields": [{"name": "id", "type": "UUID"}, {"name": "ID", "type": "UUID"}]},
            "Schema 'orders' has field 'ID' twice (names are case-insensitive)",
        ),
        (
            {"primary_key": "idd"},
            "Schema 'orders': primary key 'idd' is not a field. Did you mean id?",
        ),
        (
            {"constraints": ["idd >= id"]},
            "Schema 'orders': constraint 'idd >= id' names unknown field 'idd'. Did you mean id?",
        ),
        (
            {"constraints": ["id >= id"]},
            "Schema 'orders': constraint 'id >= id' needs numbers, dates or times",
        ),
        (
            {"constraints": ["id is before id"]},
            "Constraint 'id is before id' must look like 'end_date >= start_date'",
        ),
    ],
)
def test_schema_errors_say_what_is_wrong(extra, message):
    with pytest.raises(ValidationError) as info:
        sd.Schema.model_validate(_schema(**extra))
    assert message in str(info.value)


def test_constraint_string_and_object_forms_agree():
    assert Constraint.model_validate("end >= start") == Constraint(
        field="end", op=">=", other="start"
    )


def test_self_reference_is_always_optional():
    """A hierarchy needs roots, so a self-reference allows nulls even if declared required."""
    s = sd.Schema.model_validate(
        _schema(
            fields=[
                {"name": "id", "type": "UUID"},
                {"name": "manager_id", "type": "UUID", "references": "orders"},
            ]
        )
    )
    assert s.foreign_keys[0].optional
    assert not s.field("manager_id").required


@pytest.mark.parametrize(
    "extra",
    [
        {"fields": [{"name": "id", "type": "UUID", "references": "orders"}]},
        {
            "fields": [{"name": "id", "type": "UUID"}],
            "foreign_keys": [{"field": "id", "parent": "customers", "optional": True}],
        },
    ],
)
def test_primary_key_cannot_be_an_optional_foreign_key(extra):
    """A key that may be null means nothing, and such a schema would not load back from its JSON."""
    with pytest.raises(ValidationError) as info:
        sd.Schema.model_validate(_schema(**extra))
    assert "Schema 'orders': primary key 'id' cannot be an optional foreign key" in str(info.value)


def test_a_required_foreign_key_may_be_the_primary_key():
    """One-to-one tables share their parent's key (``profiles.id`` → ``users.id``)."""
    s = sd.Schema.model_validate(
        _schema(fields=[{"name": "id", "type": "UUID", "references": "users"}])
    )
    assert s.foreign_keys == [sd.ForeignKey(field="id", parent="users")]
    assert s.field("id").primary_key
    assert s.field("id").required


@pytest.mark.parametrize("build", ["keywords", "dict", "json"])
def test_every_way_of_building_a_schema_settles_it(build):
    """Keywords, a dict and JSON all give the same complete schema: key marked, links merged."""
    data = _schema(
        fields=[
            {"name": "id", "type": "UUID", "required": False},
            {"name": "customer_id", "type": "UUID", "required": False},
        ],
        foreign_keys=[{"field": "customer_id", "parent": "customers", "optional": True}],
    )
    if build == "keywords":
        s = sd.Schema(**data)
    elif build == "dict":
        s = sd.Schema.model_validate(data)
    else:
        s = sd.Schema.model_validate_json(json.dumps(data))
    assert s.primary_key == "id"
    assert s.field("id").primary_key
    assert s.field("id").required
    assert s.field("customer_id").references == "customers.id"
    assert sd.Schema.model_validate_json(s.model_dump_json()) == s


def _pair(child_field: dict, parent_fields: list | None = None) -> list[sd.Schema]:
    parent = sd.Schema(name="customers", fields=parent_fields or [sd.Field(name="id", type="UUID")])
    child = sd.Schema.model_validate(_schema(fields=[{"name": "id", "type": "UUID"}, child_field]))
    return [child, parent]


@pytest.mark.parametrize(
    ("child_field", "message"),
    [
        (
            {"name": "c", "type": "UUID", "references": "customer"},
            "Schema 'orders' field 'c' references unknown table 'customer'."
            " Did you mean customers?",
        ),
        (
            {"name": "c", "type": "UUID", "references": "customers.idd"},
            "Schema 'orders' field 'c' references unknown field 'customers.idd'. Did you mean id?",
        ),
        (
            {"name": "c", "type": "INTEGER", "references": "customers"},
            "Schema 'orders' field 'c' is INTEGER but 'customers.id' is UUID",
        ),
    ],
)
def test_schema_set_errors(child_field, message):
    with pytest.raises(sd.InvalidInputError) as info:
        sd.check_schemas(_pair(child_field))
    assert str(info.value) == message
    assert info.value.error_code == "VALIDATION_ERROR"


def test_check_schemas_orders_parents_first():
    ordered = sd.check_schemas(_pair({"name": "c", "type": "UUID", "references": "customers"}))
    assert [s.name for s in ordered] == ["customers", "orders"]


def test_required_cycle_is_rejected_but_optional_cycle_allowed():
    a = {
        "name": "a",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "b_id", "type": "UUID", "references": "b"},
        ],
    }
    b = {
        "name": "b",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "a_id", "type": "UUID", "references": "a"},
        ],
    }
    with pytest.raises(sd.InvalidInputError, match="Required foreign keys form a cycle"):
        sd.load_schemas([a, b])
    b["fields"][1]["required"] = False
    assert [s.name for s in sd.check_schemas(sd.load_schemas([a, b]))] == ["b", "a"]


def test_duplicate_table_names():
    with pytest.raises(sd.InvalidInputError, match="Two schemas are named 'T'"):
        sd.load_schemas([_schema(name="t"), _schema(name="T")])


@pytest.mark.parametrize(
    ("source", "error", "message"),
    [
        ("[{", sd.InvalidInputError, "Schemas are not valid JSON"),
        ('"x"', sd.NotFoundError, "No schema file at"),
        ("[]", sd.InvalidInputError, "At least one schema is required"),
        (
            '[{"name": "t", "fields": []}]',
            sd.InvalidInputError,
            "schemas[0].fields: List should have at least 1 item",
        ),
        (
            '[{"name": "t", "fields": [{"name": "a", "type": "NOPE"}]}]',
            sd.InvalidInputError,
            "schemas[0].fields[0].type: Unknown field type 'NOPE'",
        ),
    ],
)
def test_load_schemas_errors(source, error, message):
    with pytest.raises(error) as info:
        sd.load_schemas(source)
    assert message in str(info.value)


def test_load_schemas_accepts_file_and_wrapper(tmp_path):
    path = tmp_path / "s.json"
    path.write_text('{"schemas": [{"name": "t", "fields": [{"name": "id", "type": "UUID"}]}]}')
    assert [s.name for s in sd.load_schemas(str(path))] == ["t"]
