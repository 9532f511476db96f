"""``one_of``: a row fills exactly one column of a group (a line holds a cake or a bread)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

import synthdata as sd
from synthdata.errors import InvalidInputError

CAKES: dict[str, Any] = {
    "name": "cakes",
    "fields": [
        {"name": "id", "type": "INTEGER", "primary_key": True},
        {"name": "name", "type": "STRING"},
    ],
}
BREADS: dict[str, Any] = {**CAKES, "name": "breads"}
LINES: dict[str, Any] = {
    "name": "order_lines",
    "fields": [
        {"name": "id", "type": "INTEGER", "primary_key": True},
        {"name": "cake_id", "type": "INTEGER", "references": "cakes.id", "required": False},
        {
            "name": "bread_id",
            "type": "INTEGER",
            "references": "breads.id",
            "required": False,
            "null_rate": 0.3,
        },
        {"name": "quantity", "type": "INTEGER"},
    ],
    "one_of": [["cake_id", "bread_id"]],
}


def test_the_group_columns_have_no_nulls_of_their_own():
    lines = sd.Schema.model_validate(LINES)
    fields = {f.name: f for f in lines.fields}
    assert (fields["cake_id"].required, fields["cake_id"].null_rate) == (False, 0.0)
    assert (fields["bread_id"].required, fields["bread_id"].null_rate) == (False, 0.0)


@pytest.mark.parametrize(("workers", "batch_size"), [(1, 50_000), (4, 333)])
def test_every_line_holds_exactly_one(tmp_path: Path, workers: int, batch_size: int):
    corpus = sd.generate(
        sd.load_schemas([CAKES, BREADS, LINES]), total_rows=4000, seed=3, out_dir=tmp_path,
        workers=workers, batch_size=batch_size,
    )  # fmt: skip
    lines = corpus.frame("order_lines").collect()
    filled = lines.select(
        pl.col("cake_id").is_not_null().cast(pl.Int32)
        + pl.col("bread_id").is_not_null().cast(pl.Int32)
    ).to_series()
    assert (filled == 1).all()
    share = lines["cake_id"].is_not_null().mean()
    assert 0.4 < share < 0.6
    report = sd.validate(corpus)
    assert [c.ok for c in report.checks if c.check == "one_of cake_id, bread_id"] == [True]
    assert report.ok, report.summary()


def test_validate_names_a_row_with_both_or_neither():
    schemas = sd.load_schemas([CAKES, BREADS, LINES])
    frames = sd.sample(schemas, rows=20, seed=2)
    both = frames["order_lines"].with_columns(
        pl.lit(1).alias("cake_id"), pl.lit(1).alias("bread_id")
    )
    report = sd.validate({**frames, "order_lines": both}, schemas)
    bad = [c for c in report.checks if c.check == "one_of cake_id, bread_id"]
    assert [c.ok for c in bad] == [False]
    assert bad[0].detail == "20 rows fill none or several"


@pytest.mark.parametrize(
    ("group", "says"),
    [
        ([["cake_id"]], "two or more"),
        ([["cake_id", "cakes_id"]], "unknown field 'cakes_id'"),
        ([["id", "cake_id"]], "a key or computed"),
    ],
)
def test_a_bad_group_is_refused(group: list[list[str]], says: str):
    with pytest.raises((InvalidInputError, ValueError), match=says):
        sd.load_schemas([CAKES, BREADS, {**LINES, "one_of": group}])


def test_the_analyzers_lines_of_several_goods_hold_one_each(tmp_path: Path):
    schemas = sd.infer_schemas(sd.analyze("Bakery: customers place orders for cakes and breads"))
    lines = {s.name: s for s in schemas}["order_items"]
    assert lines.one_of == [["cake_id", "bread_id"]]
    corpus = sd.generate(schemas, total_rows=3000, seed=1, out_dir=tmp_path)
    frame = corpus.frame("order_items").collect()
    assert (frame["cake_id"].is_null() ^ frame["bread_id"].is_null()).all()
    assert sd.validate(corpus).ok
