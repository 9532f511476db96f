"""``make demo``'s first screen (analysis, schemas, sample) reads in an 80-column terminal."""

import importlib.util
import re
from pathlib import Path

import pytest
from rich.console import Console

DEMO = Path(__file__).resolve().parent.parent / "examples" / "demo.py"
SHORT_KEY = re.compile(r"\b[0-9a-f]{8}…")
FULL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")


@pytest.fixture(scope="module")
def demo():
    spec = importlib.util.spec_from_file_location("demo", DEMO)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def first_screen(demo, width):
    console = Console(width=width, record=True, color_system=None, force_terminal=False)
    demo.first_screen(console)
    return console.export_text()


def header_cells(text, table):
    """The column names of the sample table titled ``table``."""
    after = text.split(f"{table} (sample)", 1)[1].splitlines()
    return [c.strip() for c in after[2].strip("┃").split("┃")]


def test_fits_80_columns_with_short_keys(demo):
    text = first_screen(demo, 80)
    too_wide = [line for line in text.splitlines() if len(line) > 80]
    assert not too_wide, too_wide
    sample = text.split("2. A sample to review", 1)[1]
    assert not FULL_UUID.search(sample)
    keys = SHORT_KEY.findall(sample)
    assert len(keys) >= 4 * 4  # every row's id, and an appointment's patient and doctor
    for table in ("patients", "doctors", "appointments"):
        assert header_cells(text, table)[0] == "id"
    assert header_cells(text, "appointments")[1:3] == ["patient_id", "doctor_id"]
    # a child's shortened key is its parent's shortened key, so a reader can match them
    appointments = sample.split("appointments (sample)", 1)[1]
    patients = sample.split("doctors (sample)", 1)[0]
    patient_keys = [line.split("│")[2].strip() for line in appointments.splitlines() if "│" in line]
    assert patient_keys
    assert all(key in patients for key in patient_keys)
    assert "not shown:" in sample  # hidden columns are named, not silently dropped
    assert "first_name" in header_cells(text, "patients")


def test_wider_terminals_show_more_columns(demo):
    narrow, wide = first_screen(demo, 80), first_screen(demo, 120)
    assert all(len(line) <= 120 for line in wide.splitlines())
    for table in ("patients", "appointments"):
        assert len(header_cells(wide, table)) > len(header_cells(narrow, table))
    assert "address" in header_cells(wide, "patients")


@pytest.mark.parametrize("width", [30, 50, 200])
def test_no_line_wider_than_the_terminal(demo, width):
    assert all(len(line) <= width for line in first_screen(demo, width).splitlines())


def test_short_key(demo):
    assert demo.short_key("3f2a9c1d-0000-4000-8000-000000000000") == "3f2a9c1d…"
    assert demo.short_key(42) == "42"
