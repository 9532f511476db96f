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


def three_tables(lines: str | None = None) -> list[sd.Schema]:
    """customers → orders (about 4 each) → order_items (about 2 each), as in issue 2's benchmark.

    ``lines="sum"``: order_items get a ``line_total`` (quantity × unit price) and each order's
    ``total`` is the sum of its lines; ``lines="drawn"``: the same tables and rules, with the
    order's total drawn on its own (what the aggregate costs is the difference)."""
    tables = sd.load_schemas(
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
    if lines is None:
        return tables
    line_total = sd.Field(name="line_total", type="AMOUNT")
    tables[2] = tables[2].model_copy(update={"fields": [*tables[2].fields, line_total]})
    checked = {
        s.name: s
        for s in sd.check_schemas(
            sd.load_schemas([s.model_dump(mode="json", exclude_defaults=True) for s in tables])
        )
    }
    orders = checked["orders"].model_dump(mode="json", exclude_defaults=True)
    for f in orders["fields"]:
        if f["name"] == "total":
            f["derived"] = "sum(order_items.line_total)"
            if lines == "drawn":
                del f["derived"]
    orders["infer_rules"] = False
    items = checked["order_items"].model_dump(mode="json", exclude_defaults=True)
    return sd.load_schemas(
        [tables[0].model_dump(mode="json", exclude_defaults=True), orders, items]
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
