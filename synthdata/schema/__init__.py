"""Schemas' vocabulary: fields and tables, the checks on a set of them, JSON and DDL in, feedback.

The modules, lowest first: ``types`` (:class:`FieldType`), ``traits`` (:data:`FIELD_TRAITS`, what
holds for each type), ``field`` (:class:`Field`), ``table`` (:class:`Schema`), ``checks``
(:func:`check_schemas`), ``io`` (:func:`load_schemas`), ``ddl`` (:func:`read_ddl`) and
``feedback`` (:func:`apply_feedback`). Nothing here imports the layers that use schemas
(analysis, generate, export, jobs, the API).
"""

from synthdata.schema.checks import check_schemas as check_schemas
from synthdata.schema.ddl import NameRule as NameRule, read_ddl as read_ddl
from synthdata.schema.feedback import (
    Feedback as Feedback,
    FeedbackReport as FeedbackReport,
    SchemaFeedback as SchemaFeedback,
    apply_feedback as apply_feedback,
    apply_feedback_report as apply_feedback_report,
)
from synthdata.schema.field import (
    Cardinality as Cardinality,
    Distribution as Distribution,
    Field as Field,
)
from synthdata.schema.io import (
    describe_validation_error as describe_validation_error,
    load_schemas as load_schemas,
    schema_json_schema as schema_json_schema,
)
from synthdata.schema.table import (
    CompositeForeignKey as CompositeForeignKey,
    Constraint as Constraint,
    ForeignKey as ForeignKey,
    Schema as Schema,
    SchemaList as SchemaList,
    StatusRule as StatusRule,
)
from synthdata.schema.traits import (
    FIELD_TRAITS as FIELD_TRAITS,
    FieldTraits as FieldTraits,
    traits as traits,
)
from synthdata.schema.types import TYPE_ALIASES as TYPE_ALIASES, FieldType as FieldType

__all__ = [
    "FIELD_TRAITS",
    "TYPE_ALIASES",
    "Cardinality",
    "CompositeForeignKey",
    "Constraint",
    "Distribution",
    "Feedback",
    "FeedbackReport",
    "Field",
    "FieldTraits",
    "FieldType",
    "ForeignKey",
    "NameRule",
    "Schema",
    "SchemaFeedback",
    "SchemaList",
    "StatusRule",
    "apply_feedback",
    "apply_feedback_report",
    "check_schemas",
    "describe_validation_error",
    "load_schemas",
    "read_ddl",
    "schema_json_schema",
    "traits",
]
