"""``synthdata sample`` prints tables that fit the terminal (80 columns unless told otherwise)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from rich.cells import cell_len
from rich.console import Console

import synthdata as sd
from synthdata._render import sample_table
from synthdata.cli import main
from synthdata.schema import FIELD_TRAITS, FieldType, traits
from synthdata.schema.traits import Glance

SHOP = str(Path(__file__).resolve().parent.parent / "examples" / "shop.json")
SENTENCE = (
    "A veterinary clinic: owners bring their pets to appointments with vets, "
    "and each appointment can have several treatments and an invoice"
)
SHORT_KEY = r"\b[0-9a-f]{8}…"


def _every_type(tmp_path: Path, locale: str = "en_US") -> str:
    """A JSON file with one table holding a field of every type (a very wide table)."""
    fields: list[dict] = [{"name": "id", "type": "UUID", "primary_key": True}]
    for kind in FieldType:
        spec: dict = {"name": f"a_long_column_named_{kind.value.lower()}", "type": kind.value}
        if kind is FieldType.ENUM:
            spec["enum_values"] = ["first_value", "second_value"]
        fields.append(spec)
    path = tmp_path / f"every_{locale}.json"
    path.write_text(json.dumps([{"name": "everything", "locale": locale, "fields": fields}]))
    return str(path)


def _sample(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main(["sample", *args]) == 0
    return capsys.readouterr().out.splitlines()


def _too_wide(lines: list[str], width: int) -> list[str]:
    """Lines wider than ``width`` terminal cells (a Japanese character takes two)."""
    return [line for line in lines if cell_len(line) > width]


def _headers(lines: list[str], table: str) -> list[str]:
    """The column names of the table titled ``table (sample)``."""
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{table} (sample)"))
    return [c.strip() for c in lines[at + 2].strip().strip("┃").split("┃")]


@pytest.mark.parametrize(
    "source",
    ["shop", "sentence", "every_type", "every_type_ja", "ddl"],
)
def test_every_line_fits_80_columns(source, tmp_path, capsys, monkeypatch):
    """Whatever the schemas, no line of the output is wider than 80 columns."""
    monkeypatch.setenv("COLUMNS", "80")  # as a terminal 80 columns wide reports itself
    if source == "shop":
        args = ["--schema", SHOP]
    elif source == "sentence":
        args = [SENTENCE]
    elif source == "every_type":
        args = ["--schema", _every_type(tmp_path)]
    elif source == "every_type_ja":
        args = ["--schema", _every_type(tmp_path, "ja_JP"), "--locale", "ja_JP"]
    else:
        ddl = tmp_path / "shop.sql"
        ddl.write_text(
            "CREATE TABLE customers (id UUID PRIMARY KEY, full_name TEXT, email TEXT,"
            " street_address TEXT, biography TEXT, created_at TIMESTAMP);\n"
            "CREATE TABLE orders (id UUID PRIMARY KEY,"
            " customer_id UUID REFERENCES customers(id), total NUMERIC(10,2),"
            " notes TEXT, status TEXT, ordered_at TIMESTAMP);\n"
        )
        args = ["--ddl", str(ddl)]
    lines = _sample(capsys, *args, "--rows", "4")
    assert _too_wide(lines, 80) == []
    titles = [line for line in lines if line.rstrip().endswith("(sample)")]
    assert len(titles) >= 1
    text = "\n".join(lines)
    assert pl.Series([text]).str.contains(SHORT_KEY).item()  # UUID keys are shortened
    if source.startswith("every_type"):
        # a table too wide for the screen names the columns it leaves out
        assert "not shown:" in text
        assert _headers(lines, "everything")[0] == "id"


def test_sentence_sample_shows_keys_first(capsys):
    """A child table's foreign keys come right after its own key, shortened like the parent's."""
    lines = _sample(capsys, SENTENCE, "--rows", "3", "--width", "80")
    schemas = sd.infer_schemas(sd.analyze(SENTENCE))
    child = next(s for s in schemas if s.foreign_keys)
    headers = _headers(lines, child.name)
    assert headers[0] == child.primary_key
    assert headers[1] in {fk.field for fk in child.foreign_keys}


def test_width_option_and_terminal_width(tmp_path, capsys, monkeypatch):
    """``--width`` wins over the terminal's width; a wider screen shows more columns."""
    every = _every_type(tmp_path)
    monkeypatch.setenv("COLUMNS", "60")
    narrow = _sample(capsys, "--schema", every, "--rows", "3")
    assert _too_wide(narrow, 60) == []
    wide = _sample(capsys, "--schema", every, "--rows", "3", "--width", "160")
    assert _too_wide(wide, 160) == []
    assert max(cell_len(line) for line in wide) > 120
    assert len(_headers(wide, "everything")) > len(_headers(narrow, "everything"))


def test_width_below_20_is_refused(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["sample", "--schema", SHOP, "--width", "5"])
    assert stop.value.code == 2
    assert "width must be at least 20 columns" in capsys.readouterr().err


def _render(schema: sd.Schema, frame: pl.DataFrame, width: int) -> str:
    console = Console(width=width, record=True, color_system=None, force_terminal=False)
    console.print(sample_table(schema, frame, width))
    return console.export_text()


def test_columns_come_in_order_of_their_glance():
    """Keys, then names, then figures, then details; long values are the first left out."""
    (schema,) = sd.load_schemas(
        [
            {
                "name": "t",
                "fields": [
                    {"name": "id", "type": "UUID", "primary_key": True},
                    {"name": "notes", "type": "TEXT"},
                    {"name": "city", "type": "CITY"},
                    {"name": "price", "type": "AMOUNT"},
                    {"name": "company", "type": "COMPANY"},
                ],
            }
        ]
    )
    # values of one width (nine cells, as a shortened key), so each column costs the same room
    frame = pl.DataFrame(
        {
            "id": ["3f2a9c1d-0000-4000-8000-000000000000"] * 3,
            "notes": ["Notes 123"] * 3,
            "city": ["Lyon City"] * 3,
            "price": ["123456.78"] * 3,
            "company": ["Acme GmbH"] * 3,
        }
    )
    # each column's glance, as the traits table records it
    assert [traits(f.type).glance for f in schema.fields] == [
        Glance.BULK,
        Glance.BULK,
        Glance.DETAIL,
        Glance.FIGURE,
        Glance.NAME,
    ]
    shown = []
    for columns in range(1, 6):
        width = 1 + 12 * columns  # the left border, then 9 cells and 3 of padding and border
        lines = _render(schema, frame, width).splitlines()
        assert _too_wide(lines, width) == []
        shown.append(set(_headers(lines, "t")))
        assert len(shown[-1]) == columns
    added = [next(iter(b - a)) for a, b in zip([set(), *shown], shown, strict=False)]
    assert added == ["id", "company", "price", "city", "notes"]
    # on screen the columns keep the schema's order, and the caption names the hidden ones
    text = _render(schema, frame, 1 + 12 * 3)
    assert _headers(text.splitlines(), "t") == ["id", "price", "company"]
    assert "not shown: notes, city" in text


def test_every_type_has_a_glance_and_only_text_clips():
    """Every type is placed by the traits table; only text values may be cut short."""
    for kind, x in FIELD_TRAITS.items():
        assert isinstance(x.glance, Glance), kind
        if x.clips:
            assert x.dtype == pl.String, kind
    assert {x.glance for x in FIELD_TRAITS.values()} == set(Glance)
