"""sd.compare on every kind of side (corpus, frames, files, database), its views and errors."""

from __future__ import annotations

import json
import sqlite3

import polars as pl
import pytest

import synthdata as sd
from synthdata.cli import main
from synthdata.compare import Metadata
from tests import flights


def _schemas() -> list[sd.Schema]:
    customers = sd.Schema(
        name="customers",
        volume=200,
        fields=[
            sd.Field(name="id", type="INTEGER", primary_key=True),
            sd.Field(name="name", type="NAME"),
            sd.Field(name="tier", type="ENUM", enum_values=["free", "pro", "team"]),
            sd.Field(name="joined", type="DATE"),
        ],
    )
    orders = sd.Schema(
        name="orders",
        volume=1_000,
        fields=[
            sd.Field(name="id", type="INTEGER", primary_key=True),
            sd.Field(name="customer_id", type="INTEGER"),
            sd.Field(name="amount", type="FLOAT", min=1, max=500),
            sd.Field(name="paid", type="BOOLEAN"),
        ],
        foreign_keys=[sd.ForeignKey(field="customer_id", parent="customers")],
    )
    return [customers, orders]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> tuple[sd.Corpus, sd.Corpus]:
    schemas = _schemas()
    a = sd.generate(schemas, seed=1, out_dir=tmp_path_factory.mktemp("a"), progress=False)
    b = sd.generate(schemas, seed=2, out_dir=tmp_path_factory.mktemp("b"), progress=False)
    return a, b


def test_corpus_against_itself_scores_one(corpora):
    """Identical data: every property 1.0, every synthetic row a copy, every key valid."""
    report = sd.compare(corpora[0], corpora[0])
    assert report.overall == pytest.approx(1.0)
    assert all(v == pytest.approx(1.0) for v in report.properties.values() if v == v)
    assert report.copied_rows == {"customers": 1.0, "orders": 1.0}
    assert [r.score for r in report.referential_validity] == [1.0]


def test_two_seeds_use_the_schemas_keys_and_kinds(corpora):
    """Keys come from the schemas (not scored); names are text; no row is copied."""
    report = sd.compare(*corpora)
    kinds = report.metadata.kinds
    assert kinds["orders"] == {
        "id": "id",
        "customer_id": "id",
        "amount": "numerical",
        "paid": "boolean",
    }
    assert kinds["customers"]["name"] == "text"
    assert kinds["customers"]["tier"] == "categorical"
    assert [(r.parent, r.child) for r in report.metadata.relationships] == [("customers", "orders")]
    assert report.properties["Column Shapes"] > 0.8
    assert report.copied_rows["orders"] == 0.0
    assert set(report.tables) == {"customers", "orders"}


def test_json_and_html_views(corpora):
    """JSON parses (NaN as null) and carries SDMetrics metadata; HTML has SVG bars."""
    report = sd.compare(*corpora)
    data = json.loads(report.to_json())
    assert set(data["properties"]) == {
        "Column Shapes",
        "Column Pair Trends",
        "Cardinality",
        "Intertable Trends",
    }
    assert data["metadata"]["relationships"][0]["child_foreign_key"] == "customer_id"
    html = report._repr_html_()
    assert "<svg" in html
    assert "Column Shapes" in html


def test_html_escapes_untrusted_names():
    """Table and column names from the data cannot inject markup."""
    hostile = "<script>alert(1)</script>"
    frame = pl.DataFrame({hostile: ["a", "b", "a", "b"], "x": [1.0, 2.0, 3.0, 4.0]})
    html = sd.compare({hostile: frame}, {hostile: frame})._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_files_with_inferred_keys(tmp_path):
    """CSV folders on both sides: keys and foreign keys are found in the data."""
    tables = flights.subset(500)
    for side in ("real", "synth"):
        (tmp_path / side).mkdir()
        for name in ("airlines", "planes", "flights"):
            frame = tables[name] if side == "real" else tables[name].sample(fraction=1.0, seed=4)
            frame.write_csv(tmp_path / side / f"{name}.csv")
    report = sd.compare(tmp_path / "real", tmp_path / "synth")
    pairs = {(r.parent, r.child, r.child_columns) for r in report.metadata.relationships}
    assert ("airlines", "flights", ("carrier",)) in pairs
    assert ("planes", "flights", ("tailnum",)) in pairs
    assert report.metadata.primary_keys["flights"] == ("id",)
    assert report.properties["Column Shapes"] == pytest.approx(1.0)


def test_database_side_uses_the_catalogue(tmp_path):
    """A SQLite URL on the real side: its declared foreign keys are the relationships."""
    path = tmp_path / "real.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE parent (code TEXT PRIMARY KEY, size REAL)")
    conn.execute("CREATE TABLE child (n INTEGER PRIMARY KEY, code TEXT REFERENCES parent)")
    conn.executemany("INSERT INTO parent VALUES (?, ?)", [("a", 1.0), ("b", 2.0), ("c", 3.0)])
    conn.executemany("INSERT INTO child VALUES (?, ?)", [(1, "a"), (2, "a"), (3, "b")])
    conn.commit()
    conn.close()
    synthetic = {
        "parent": pl.DataFrame({"code": ["a", "b", "c"], "size": [1.0, 2.0, 3.5]}),
        "child": pl.DataFrame({"n": [1, 2, 3], "code": ["a", "b", "z"]}),
    }
    report = sd.compare(f"sqlite:///{path}", synthetic)
    assert [r.child_columns for r in report.metadata.relationships] == [("code",)]
    assert report.referential_validity[0].score == pytest.approx(2 / 3)


def test_sdmetrics_metadata_round_trips():
    """Metadata given as SDMetrics' dictionary reads back to the same dictionary."""
    data = {
        "tables": {
            "t": {"columns": {"id": {"sdtype": "id"}, "x": {"sdtype": "numerical"}}},
            "u": {
                "columns": {"t_id": {"sdtype": "id"}, "e": {"sdtype": "email"}},
                "primary_key": "t_id",
            },
        },
        "relationships": [
            {
                "parent_table_name": "t",
                "parent_primary_key": "id",
                "child_table_name": "u",
                "child_foreign_key": "t_id",
            }
        ],
    }
    meta = Metadata.from_sdmetrics(data)
    assert meta.kinds["u"]["e"] == "text"
    again = meta.to_sdmetrics()
    assert again["relationships"] == data["relationships"]
    assert again["tables"]["u"]["primary_key"] == "t_id"


def test_errors_name_what_is_missing(corpora):
    """A table or column missing on one side is an InvalidInputError that names it."""
    frames = corpora[0].collect()
    with pytest.raises(sd.InvalidInputError, match="The synthetic data has no table 'orders'"):
        sd.compare(corpora[0], {"customers": frames["customers"]})
    short = {**frames, "orders": frames["orders"].drop("paid")}
    with pytest.raises(sd.InvalidInputError, match="table 'orders' has no column 'paid'"):
        sd.compare(corpora[0], short)
    with pytest.raises(sd.InvalidInputError, match="metadata must be SDMetrics' dictionary"):
        sd.compare(frames, frames, metadata={"columns": {}})


def test_cli_compare_prints_json_and_writes_html(corpora, tmp_path, capsys):
    """`synthdata compare A B --json -o report.html` on two corpus folders."""
    out = tmp_path / "report.html"
    code = main(
        ["compare", str(corpora[0].out_dir), str(corpora[1].out_dir), "--json", "-o", str(out)]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert 0 < data["overall"] <= 1
    assert "<svg" in out.read_text(encoding="utf-8")
    assert main(["compare", str(corpora[0].out_dir), str(corpora[1].out_dir)]) == 0
    printed = capsys.readouterr().out
    assert "Overall quality" in printed
    assert "customers" in printed


def test_cli_compare_reports_errors_without_a_traceback(tmp_path, capsys):
    """A missing folder is exit code 2 with one line on stderr."""
    assert main(["compare", str(tmp_path / "nope"), str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error (NOT_FOUND): No such file or folder")
    assert "Traceback" not in err
