"""synthdata: realistic, relationally consistent synthetic data.

>>> import synthdata as sd
>>> customers = sd.Schema(name="customers", volume=3, fields=[
...     sd.Field(name="id", type="UUID", primary_key=True),
...     sd.Field(name="name", type="NAME")])
>>> sd.sample([customers], rows=2)["customers"].columns
['id', 'name']
"""

from synthdata.corpus import Corpus as Corpus
from synthdata.errors import (
    CancelledError as CancelledError,
)
from synthdata.errors import (
    InvalidInputError as InvalidInputError,
)
from synthdata.errors import (
    LLMError as LLMError,
)
from synthdata.errors import (
    NotFoundError as NotFoundError,
)
from synthdata.errors import (
    SynthdataError as SynthdataError,
)
from synthdata.generate.engine import (
    ProgressEvent as ProgressEvent,
)
from synthdata.generate.engine import (
    generate as generate,
)
from synthdata.generate.engine import (
    plan_volumes as plan_volumes,
)
from synthdata.generate.engine import (
    sample as sample,
)
from synthdata.models import (
    Cardinality as Cardinality,
)
from synthdata.models import (
    Constraint as Constraint,
)
from synthdata.models import (
    Distribution as Distribution,
)
from synthdata.models import (
    Field as Field,
)
from synthdata.models import (
    FieldType as FieldType,
)
from synthdata.models import (
    ForeignKey as ForeignKey,
)
from synthdata.models import (
    Schema as Schema,
)
from synthdata.models import (
    check_schemas as check_schemas,
)
from synthdata.models import (
    load_schemas as load_schemas,
)
from synthdata.validate import Check as Check
from synthdata.validate import Report as Report
from synthdata.validate import validate as validate

__version__ = "0.1.0"

__all__ = [
    "CancelledError",
    "Cardinality",
    "Check",
    "Constraint",
    "Corpus",
    "Distribution",
    "Field",
    "FieldType",
    "ForeignKey",
    "InvalidInputError",
    "LLMError",
    "NotFoundError",
    "ProgressEvent",
    "Report",
    "Schema",
    "SynthdataError",
    "check_schemas",
    "generate",
    "load_schemas",
    "plan_volumes",
    "sample",
    "validate",
]
