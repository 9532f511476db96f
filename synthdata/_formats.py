"""How synthdata writes CSV, shared by the generator's CSV sink and the exporters.

A low-level module on purpose: ``generate`` and ``export`` both read it, and neither imports the
other for it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CSV_OPTIONS", "CSV_SPECIAL"]

#: How dates and times are written to CSV: ISO 8601 that databases and spreadsheets read.
CSV_OPTIONS: dict[str, Any] = {
    "datetime_format": "%Y-%m-%d %H:%M:%S",
    "time_format": "%H:%M:%S",
    "date_format": "%Y-%m-%d",
}

#: Characters that make a CSV value need quotes.
CSV_SPECIAL = [",", '"', "\n", "\r"]
