import json
from pathlib import Path

import polars as pl

from synthdata.cli import main

SHOP = str(Path(__file__).resolve().parent.parent / "examples" / "shop.json")


def test_generate_then_validate(tmp_path, capsys):
    assert (
        main(
            [
                "generate",
                "--schema",
                SHOP,
                "--rows",
                "5000",
                "--seed",
                "3",
                "--out",
                str(tmp_path),
                "--quiet",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Wrote 5,000 rows" in out
    assert pl.scan_parquet(tmp_path / "orders" / "*.parquet").select(pl.len()).collect().item() > 0
    assert main(["validate", str(tmp_path)]) == 0
    assert "checks passed" in capsys.readouterr().out


def test_validate_reports_broken_data(tmp_path, capsys):
    """Tampered files fail validation with exit code 1 and say what broke."""
    main(["generate", "--schema", SHOP, "--rows", "2000", "--out", str(tmp_path), "--quiet"])
    part = tmp_path / "customers" / "part-00000.parquet"
    frame = pl.read_parquet(part)
    frame.with_columns(pl.lit("not-an-email").alias("email")).write_parquet(part)
    capsys.readouterr()
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "customers.email unique" in out
    assert "customers.email values" in out


def test_sample_prints_tables(capsys):
    assert main(["sample", "--schema", SHOP, "--rows", "2"]) == 0
    out = capsys.readouterr().out
    assert "customers" in out
    assert "order_items" in out


def test_bad_schema_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"name": "t", "fields": [{"name": "x y", "type": "UUID"}]}]))
    assert main(["generate", "--schema", str(bad), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error (VALIDATION_ERROR): schemas[0].fields[0].name: Invalid name 'x y'")


def test_missing_corpus_is_not_found(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nothing")]) == 2
    assert "error (NOT_FOUND): No synthdata corpus at" in capsys.readouterr().err


def test_analyze_prints_tables_and_saves_schemas(tmp_path, capsys):
    out = tmp_path / "schemas.json"
    assert (
        main(
            ["analyze", "Healthcare clinic with 200 patients and appointments", "--save", str(out)]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert "Domain: healthcare" in text
    assert "patients  (200 rows)" in text
    saved = json.loads(out.read_text())
    assert [s["name"] for s in saved] == ["patients", "doctors", "appointments"]


def test_generate_from_a_sentence(tmp_path, capsys):
    assert (
        main(
            [
                "generate",
                "a bakery with about 300 customers",
                "--rows",
                "3000",
                "--out",
                str(tmp_path),
                "--quiet",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    assert "Wrote 3,000 rows" in capsys.readouterr().out
    assert (tmp_path / "customers.csv").is_file()
    assert main(["validate", str(tmp_path)]) == 0


def test_generate_needs_one_source(tmp_path, capsys):
    assert main(["generate", "--out", str(tmp_path)]) == 2
    assert "Give exactly one of" in capsys.readouterr().err


def test_export_and_load(tmp_path, capsys):
    main(["generate", "--schema", SHOP, "--rows", "3000", "--out", str(tmp_path / "c"), "--quiet"])
    assert (
        main(
            [
                "export",
                str(tmp_path / "c"),
                "--format",
                "sql",
                "--dialect",
                "sqlite",
                "--out",
                str(tmp_path / "sql"),
            ]
        )
        == 0
    )
    assert (tmp_path / "sql" / "orders.sql").read_text().startswith('CREATE TABLE "orders"')
    db = tmp_path / "shop.db"
    assert main(["load", str(tmp_path / "c"), "--url", f"sqlite:///{db}"]) == 0
    assert "customers:" in capsys.readouterr().out
    assert main(["load", str(tmp_path / "c"), "--url", f"sqlite:///{db}"]) == 2
    assert "already exist" in capsys.readouterr().err
    assert main(["load", str(tmp_path / "c"), "--url", f"sqlite:///{db}", "--replace"]) == 0


def test_generate_on_worker_processes_writes_the_same_bytes(tmp_path, capsys):
    common = ["generate", "--schema", SHOP, "--rows", "30000", "--seed", "4", "--quiet"]
    common += ["--batch-size", "4000", "--format", "csv"]
    assert main([*common, "--out", str(tmp_path / "threads")]) == 0
    processes = ["--out", str(tmp_path / "procs"), "--executor", "processes", "--workers", "2"]
    assert main([*common, *processes]) == 0
    for table in ("customers", "orders"):
        ours = (tmp_path / "procs" / f"{table}.csv").read_bytes()
        assert ours == (tmp_path / "threads" / f"{table}.csv").read_bytes()
    assert main([*common, "--out", str(tmp_path / "x"), "--executor", "gpu"]) != 0
    assert "Unknown executor 'gpu'" in capsys.readouterr().err
