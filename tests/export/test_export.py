import datetime as dt
import json
import sqlite3

import polars as pl
import pytest
from hypothesis import given, settings, strategies as st
from polars.testing import assert_frame_equal

import synthdata as sd
from synthdata.export import EXPORTERS, ExportFormat, safe_path
from synthdata.export.json import json_ready
from synthdata.export.parquet import SCHEMA_KEY
from synthdata.export.sql import DIALECTS, literal_columns
from synthdata.schema import traits
from tests.hostile import HOSTILE, hostile_corpus
from tests.strategies import schema_sets_with_fks


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> sd.Corpus:
    return hostile_corpus(tmp_path_factory.mktemp("hostile"))


def _dtypes(schema: sd.Schema) -> dict[str, pl.DataType]:
    return {f.name: traits(f.type).dtype for f in schema.fields}


def test_every_format_has_an_exporter():
    assert set(EXPORTERS) == set(ExportFormat)


def test_csv_round_trips(corpus, tmp_path):
    paths = sd.export(corpus, "csv", tmp_path)
    for name in ("authors", "notes"):
        back = pl.read_csv(paths[name], schema=_dtypes(corpus.schema(name)))
        assert_frame_equal(back, corpus.frame(name).collect())


def test_csv_formula_neutralizing_is_an_option(corpus, tmp_path):
    plain = pl.read_csv(sd.export(corpus, "csv", tmp_path / "a")["notes"], infer_schema=False)
    assert "=1+1" in plain["body"].to_list()
    safe = sd.export(corpus, "csv", tmp_path / "b", options={"neutralize_formulas": True})
    values = pl.read_csv(safe["notes"], infer_schema=False)["body"].to_list()
    assert "'=1+1" in values
    assert "'@SUM(A1)" in values
    assert "O'Brien" in values


def test_json_and_jsonl_round_trip(corpus, tmp_path):
    for kind, reader in (("json", pl.read_json), ("jsonl", pl.read_ndjson)):
        path = sd.export(corpus, kind, tmp_path / kind)["notes"]
        expected = json_ready(corpus.frame("notes")).collect()
        back = reader(path, schema=expected.schema)
        assert_frame_equal(back, expected)
    rows = json.loads((tmp_path / "json" / "notes.json").read_text())
    assert rows[0]["written_at"][10] == "T"  # ISO 8601
    assert isinstance(rows[0]["price"], float)


def test_parquet_round_trips_with_schema_metadata(corpus, tmp_path):
    path = sd.export(corpus, "parquet", tmp_path)["notes"]
    assert_frame_equal(pl.read_parquet(path), corpus.frame("notes").collect())
    stored = pl.read_parquet_metadata(path)[SCHEMA_KEY]
    assert sd.Schema.model_validate_json(stored) == corpus.schema("notes")


def test_xlsx_reads_back_typed_without_formulas(corpus, tmp_path):
    import openpyxl

    path = sd.export(corpus, "xlsx", tmp_path)["notes"]
    book = openpyxl.load_workbook(path)
    sheet = book["notes"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(corpus.schema("notes").field_names)
    original = corpus.frame("notes").collect()
    assert len(rows) == original.height + 1
    first = dict(zip(rows[0], rows[1], strict=True))
    assert isinstance(first["id"], int)
    assert isinstance(first["score"], float)
    assert isinstance(first["written_at"], dt.datetime)
    assert first["written_at"] == original["written_at"][0]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    bodies = [r[2] for r in rows[1:]]
    assert "'=1+1" in bodies  # neutralized by default in spreadsheets
    assert "O'Brien" in bodies
    assert "x" * 10_240 in bodies
    authors = list(
        openpyxl.load_workbook(sd.export(corpus, "xlsx", tmp_path)["authors"])["authors"].iter_rows(
            values_only=True
        )
    )
    assert isinstance(authors[1][3], bool)


def test_xlsx_continues_on_further_sheets(corpus, tmp_path, monkeypatch):
    import openpyxl

    from synthdata.export import xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 5)
    path = sd.export(corpus, "xlsx", tmp_path)["notes"]
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["notes", "notes_2", "notes_3"]
    assert sum(s.max_row - 1 for s in book.worksheets) == len(HOSTILE)


@pytest.mark.parametrize("dialect", ["postgresql", "mysql", "sqlite"])
def test_sql_literals_match_sqlglot(dialect):
    """Vectorized literals are exactly what one sqlglot expression per value would give
    (but for characters a dialect splices in as expressions, such as SQLite's char(13))."""
    from sqlglot import exp

    cls = DIALECTS[dialect]
    values = [v for v in HOSTILE if cls.SUPPORTS_NUL or "\x00" not in v]
    built = literal_columns(pl.DataFrame({"v": values}), cls)["v"].to_list()
    expected = [exp.Literal.string(v).sql(dialect=cls.SQLGLOT) for v in values]
    for char, expression in cls.CHAR_EXPRESSIONS.items():
        expected = [e.replace(char, expression) for e in expected]
    assert built == expected


def test_sql_loads_into_sqlite_with_foreign_keys(corpus, tmp_path):
    paths = sd.export(corpus, "sql", tmp_path, sql_dialect="sqlite")
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    for name in ("authors", "notes"):
        conn.executescript(paths[name].read_bytes().decode().replace("\x00", ""))
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == len(HOSTILE)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    bodies = [r[0] for r in conn.execute("SELECT body FROM notes ORDER BY id")]
    assert bodies == [v.replace("\x00", "") for v in HOSTILE]
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO notes (id, author_id, body, score, price, written_at) "
            "VALUES (999, 'nobody', 'x', 1, 1, '2020-01-01')"
        )


def test_export_errors(corpus, tmp_path):
    with pytest.raises(
        sd.InvalidInputError, match=r"Unknown export format 'jsn'\. Did you mean json"
    ):
        sd.export(corpus, "jsn", tmp_path)
    with pytest.raises(sd.InvalidInputError, match="Unknown SQL dialect 'oracle'"):
        sd.export(corpus, "sql", tmp_path, sql_dialect="oracle")
    with pytest.raises(sd.NotFoundError, match=r"Corpus has no table 'note'\. Did you mean notes"):
        sd.export(corpus, "csv", tmp_path, schemas=["note"])


def test_export_subset_and_paths(corpus, tmp_path):
    paths = sd.export(corpus, "jsonl", tmp_path, schemas=["notes"])
    assert list(paths) == ["notes"]
    assert paths["notes"] == (tmp_path / "notes.jsonl").resolve()


@pytest.mark.parametrize("name", ["../evil", "a/b", "x/../../y", "/etc/passwd"])
def test_paths_never_leave_the_folder(tmp_path, name):
    with pytest.raises(sd.InvalidInputError, match="Refusing to write outside"):
        safe_path(tmp_path, name, "csv")


@settings(max_examples=12)
@given(schemas=schema_sets_with_fks(), seed=st.integers(0, 1000))
def test_any_corpus_round_trips_through_every_format(tmp_path_factory, schemas, seed):
    corpus = sd.generate(schemas, seed=seed, out_dir=tmp_path_factory.mktemp("c"))
    out = tmp_path_factory.mktemp("x")
    for schema in schemas:
        original = corpus.frame(schema.name).collect()
        csv = sd.export(corpus, "csv", out / "csv", schemas=[schema.name])[schema.name]
        assert_frame_equal(pl.read_csv(csv, schema=_dtypes(schema)), original)
        lines = sd.export(corpus, "jsonl", out / "jl", schemas=[schema.name])[schema.name]
        expected = json_ready(original.lazy()).collect()
        temporal = [n for n, t in expected.schema.items() if t in (pl.Date, pl.Time)]
        expected = expected.with_columns(pl.col(n).cast(pl.String) for n in temporal)
        if expected.height:
            assert_frame_equal(pl.read_ndjson(lines, schema=expected.schema), expected)
        parquet = sd.export(corpus, "parquet", out / "pq", schemas=[schema.name])[schema.name]
        assert_frame_equal(pl.read_parquet(parquet), original)
    _check_sqlite_and_xlsx(corpus, schemas, out)


def _check_sqlite_and_xlsx(corpus: sd.Corpus, schemas: list[sd.Schema], out) -> None:
    """SQL runs in SQLite with every key intact; XLSX holds every row and no formula."""
    import openpyxl

    paths = sd.export(corpus, "sql", out / "sql", sql_dialect="sqlite")
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    for schema in schemas:
        conn.executescript(paths[schema.name].read_bytes().decode())
        original = corpus.frame(schema.name).collect()
        count = conn.execute(f'SELECT count(*) FROM "{schema.name}"').fetchone()[0]
        assert count == original.height
        key = schema.primary_key
        keys = {str(r[0]) for r in conn.execute(f'SELECT "{key}" FROM "{schema.name}"')}
        assert keys == {str(v) for v in original[key].to_list()}
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    books = sd.export(corpus, "xlsx", out / "xlsx")
    for schema in schemas:
        sheet = openpyxl.load_workbook(books[schema.name]).worksheets[0]
        assert sheet.max_row == corpus.frame(schema.name).collect().height + 1
