"""synthdata: realistic, relationally consistent synthetic data.

>>> import synthdata as sd
>>> customers = sd.Schema(name="customers", volume=3, fields=[
...     sd.Field(name="id", type="UUID", primary_key=True),
...     sd.Field(name="name", type="NAME")])
>>> sd.sample([customers], rows=2)["customers"].columns
['id', 'name']
"""

from synthdata import jobs as jobs  # sd.jobs.JobStore: background jobs without the server
from synthdata.analysis.analyze import analyze as analyze
from synthdata.analysis.ddl import schemas_from_ddl as schemas_from_ddl
from synthdata.analysis.infer import infer_schemas as infer_schemas
from synthdata.analysis.models import Analysis as Analysis, Requirement as Requirement
from synthdata.compare import FidelityReport as FidelityReport, compare as compare
from synthdata.corpus import Corpus as Corpus
from synthdata.errors import (
    CancelledError as CancelledError,
    ErrorCode as ErrorCode,
    InvalidInputError as InvalidInputError,
    LLMError as LLMError,
    LoadError as LoadError,
    MissingDependencyError as MissingDependencyError,
    NotFoundError as NotFoundError,
    SynthdataError as SynthdataError,
)
from synthdata.export import ExportOptions as ExportOptions, export as export
from synthdata.export.formats import ExportFormat as ExportFormat, SQLDialect as SQLDialect
from synthdata.generate.engine import (
    ProgressEvent as ProgressEvent,
    generate as generate,
    plan_volumes as plan_volumes,
    sample as sample,
)
from synthdata.load import load as load
from synthdata.profile.profile import profile as profile
from synthdata.schema import (
    Cardinality as Cardinality,
    Constraint as Constraint,
    Distribution as Distribution,
    Feedback as Feedback,
    FeedbackReport as FeedbackReport,
    Field as Field,
    FieldType as FieldType,
    ForeignKey as ForeignKey,
    Schema as Schema,
    SchemaFeedback as SchemaFeedback,
    StatusRule as StatusRule,
    apply_feedback as apply_feedback,
    apply_feedback_report as apply_feedback_report,
    check_schemas as check_schemas,
    load_schemas as load_schemas,
)
from synthdata.validate import Check as Check, Report as Report, validate as validate

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "CancelledError",
    "Cardinality",
    "Check",
    "Constraint",
    "Corpus",
    "Distribution",
    "ErrorCode",
    "ExportFormat",
    "ExportOptions",
    "Feedback",
    "FeedbackReport",
    "FidelityReport",
    "Field",
    "FieldType",
    "ForeignKey",
    "InvalidInputError",
    "LLMError",
    "LoadError",
    "MissingDependencyError",
    "NotFoundError",
    "ProgressEvent",
    "Report",
    "Requirement",
    "SQLDialect",
    "Schema",
    "SchemaFeedback",
    "StatusRule",
    "SynthdataError",
    "analyze",
    "apply_feedback",
    "apply_feedback_report",
    "check_schemas",
    "compare",
    "export",
    "generate",
    "infer_schemas",
    "load",
    "load_schemas",
    "plan_volumes",
    "profile",
    "sample",
    "schemas_from_ddl",
    "validate",
]
