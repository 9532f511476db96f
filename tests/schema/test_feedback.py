import pytest

import synthdata as sd
from tests.reference_bodies import REFERENCE_FEEDBACK


@pytest.fixture
def schemas() -> list[sd.Schema]:
    return sd.load_schemas(
        [
            {
                "name": "clients",
                "fields": [
                    {"name": "id", "type": "UUID"},
                    {"name": "name", "type": "NAME"},
                    {"name": "email", "type": "EMAIL", "required": False},
                ],
            },
            {
                "name": "cases",
                "fields": [
                    {"name": "id", "type": "UUID"},
                    {"name": "client_id", "type": "UUID", "references": "clients"},
                    {"name": "opened_on", "type": "DATE"},
                    {"name": "closed_on", "type": "DATE", "required": False},
                ],
                "constraints": ["closed_on >= opened_on"],
            },
        ]
    )


def test_reference_feedback_body(schemas):
    """The reference's example: adjust email, add phone, remove fax (absent: nothing to do)."""
    body = {"job_id": "550e8400-e29b-41d4-a716-446655440000", **REFERENCE_FEEDBACK}
    out = {s.name: s for s in sd.apply_feedback(schemas, body)}
    assert out["clients"].field("email").required
    assert out["clients"].field("phone").type is sd.FieldType.PHONE
    assert schemas[0].field("email").required is False  # the input is untouched


def test_adding_an_existing_field_replaces_it_and_says_so(schemas):
    """add_fields on a field that exists updates it to the given definition; a missing field to
    remove is ignored, with a note (and a "Did you mean" when it looks like a typo)."""
    report = sd.apply_feedback_report(
        schemas,
        [
            {
                "schema_name": "clients",
                "field_adjustments": {"email": {"required": True}},
                "add_fields": [
                    {"name": "name", "type": "COMPANY"},
                    {"name": "phone", "type": "PHONE"},
                ],
                "remove_fields": ["fax", "emai"],
            }
        ],
    )
    clients = report.schemas[0]
    assert clients.field_names == ["id", "name", "email", "phone"]
    assert clients.field("name").type is sd.FieldType.COMPANY
    assert report.applied == [
        "clients.email: adjusted (required)",
        "clients.name: replaced by the given definition (COMPANY)",
        "clients.phone: added (PHONE)",
    ]
    assert report.ignored == [
        "clients.fax: no such field, nothing removed.",
        "clients.emai: no such field, nothing removed. Did you mean email?",
    ]


def test_remove_field_drops_its_constraints(schemas):
    out = sd.apply_feedback(schemas, [{"schema_name": "cases", "remove_fields": ["closed_on"]}])
    cases = next(s for s in out if s.name == "cases")
    assert "closed_on" not in cases.field_names
    assert cases.constraints == []


def test_add_and_remove_schemas(schemas):
    added = sd.apply_feedback(
        schemas,
        [
            {
                "schema_name": "notes",
                "feedback_type": "add",
                "add_fields": [
                    {"name": "case_id", "type": "UUID", "references": "cases.id"},
                    {"name": "body", "type": "TEXT"},
                ],
                "volume": 50,
            }
        ],
    )
    assert [s.name for s in added] == ["clients", "cases", "notes"]
    removed = sd.apply_feedback(added, [{"schema_name": "notes", "feedback_type": "remove"}])
    assert [s.name for s in removed] == ["clients", "cases"]


@pytest.mark.parametrize(
    ("item", "error", "message"),
    [
        (
            {"schema_name": "client"},
            sd.NotFoundError,
            "No schema named 'client'. Did you mean clients?",
        ),
        (
            {"schema_name": "clients", "field_adjustments": {"emial": {"unique": True}}},
            sd.NotFoundError,
            "Schema 'clients' has no field 'emial'. Did you mean email?",
        ),
        (
            {"schema_name": "clients", "remove_fields": ["id"]},
            sd.InvalidInputError,
            "Cannot remove 'clients.id': it is the primary key",
        ),
        (
            {"schema_name": "clients", "add_fields": [{"name": "tier", "type": "ENUM"}]},
            sd.InvalidInputError,
            "clients.fields[3]: ENUM field 'tier' needs enum_values",
        ),
        (
            {"schema_name": "clients", "field_adjustments": {"email": {"type": "NOPE"}}},
            sd.InvalidInputError,
            "Unknown field type 'NOPE'",
        ),
        (
            {"schema_name": "clients", "field_adjustments": {"email": {"colour": "red"}}},
            sd.InvalidInputError,
            "clients.fields[2].colour: Extra inputs are not permitted",
        ),
        (
            {"schema_name": "clients", "feedback_type": "remove"},
            sd.InvalidInputError,
            "Cannot remove 'clients': 'cases.client_id' references it; remove that field first",
        ),
        (
            {"schema_name": "cases", "feedback_type": "add"},
            sd.InvalidInputError,
            "Schema 'cases' already exists; use feedback_type 'modify' to change it",
        ),
        (
            {"schema_name": "cases", "feedback_type": "rename"},
            sd.InvalidInputError,
            "schema_feedback[0].feedback_type: Input should be 'modify', 'add', 'remove'",
        ),
    ],
)
def test_feedback_errors(schemas, item, error, message):
    with pytest.raises(error) as info:
        sd.apply_feedback(schemas, [item])
    assert message in str(info.value)
    assert info.value.error_code in {"NOT_FOUND", "VALIDATION_ERROR"}


def test_feedback_on_inferred_schemas_then_generate(tmp_path):
    schemas = sd.infer_schemas(sd.analyze("Legal firm with clients, cases and documents"))
    changed = sd.apply_feedback(
        schemas,
        {
            "schema_feedback": [
                {
                    "schema_name": "documents",
                    "remove_fields": ["file_url"],
                    "add_fields": [{"name": "pages", "type": "INTEGER", "min": 1, "max": 300}],
                }
            ]
        },
    )
    corpus = sd.generate(changed, total_rows=2000, out_dir=tmp_path)
    assert sd.validate(corpus).ok
    pages = corpus.frame("documents").collect()["pages"]
    assert pages.min() >= 1
    assert pages.max() <= 300
