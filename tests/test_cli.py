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
