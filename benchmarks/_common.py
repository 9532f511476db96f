"""Shared helpers for the benchmark scripts: schemas, timing and peak memory in a child process."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import synthdata as sd

OUT = Path(__file__).resolve().parent / "out"

CUSTOMERS = sd.Schema.model_validate(
    {
        "name": "customers",
        "fields": [
            {"name": "id", "type": "UUID", "primary_key": True},
            {"name": "first_name", "type": "FIRST_NAME"},
            {"name": "last_name", "type": "LAST_NAME"},
            {"name": "email", "type": "EMAIL", "unique": True},
            {"name": "phone", "type": "PHONE"},
            {"name": "city", "type": "CITY"},
            {"name": "signup_date", "type": "DATE"},
            {"name": "balance", "type": "AMOUNT", "distribution": "lognormal"},
        ],
    }
)


def three_tables() -> list[sd.Schema]:
    """customers → orders (about 4 each) → order_items (about 2 each), as in issue 2's benchmark."""
    return sd.load_schemas(
        [
            CUSTOMERS.model_dump(mode="json", exclude_defaults=True),
            {
                "name": "orders",
                "fields": [
                    {"name": "id", "type": "UUID", "primary_key": True},
                    {
                        "name": "customer_id",
                        "type": "UUID",
                        "references": "customers",
                        "cardinality": {"mean": 4},
                    },
                    {"name": "status", "type": "ENUM", "enum_values": ["new", "paid", "shipped"]},
                    {"name": "ordered_at", "type": "DATETIME"},
                    {"name": "total", "type": "AMOUNT"},
                ],
            },
            {
                "name": "order_items",
                "fields": [
                    {"name": "id", "type": "UUID", "primary_key": True},
                    {
                        "name": "order_id",
                        "type": "UUID",
                        "references": "orders",
                        "cardinality": {"mean": 2},
                    },
                    {"name": "sku", "type": "CODE", "pattern": "SKU-#####"},
                    {
                        "name": "quantity",
                        "type": "INTEGER",
                        "min": 1,
                        "max": 9,
                        "distribution": "zipf",
                    },
                    {"name": "unit_price", "type": "AMOUNT"},
                ],
            },
        ]
    )


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(script: Path, *args: str) -> dict[str, Any]:
    """Run a benchmark step in a fresh process (so peak RSS is its own) and read its JSON line."""
    out = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])
