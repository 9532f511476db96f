"""Type aliases shared across modules.

Only aliases and protocols live here: no behaviour, no pydantic models (those are in ``models``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

Seed = int
PathLike = str | os.PathLike[str]
#: Called after every batch with a :class:`synthdata.generate.engine.ProgressEvent`.
ProgressCallback = Callable[[Any], None]
#: Returns True when generation should stop (a ``threading.Event().is_set`` fits).
CancelCheck = Callable[[], bool]
