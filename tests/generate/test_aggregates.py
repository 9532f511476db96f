"""Parents computed from their children (issue 16, part 2C): ``sum(order_items.line_total)``,
``count(tracks)``, written or inferred, exact at any batch size, worker count and scale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings, strategies as st

import synthdata as sd
from synthdata.errors import InvalidInputError
from synthdata.schema import check_schemas
from synthdata.schema.expressions import Aggregate, aggregates, names, parse

CUSTOMERS: dict[str, Any] = {
    "name": "customers",
    "fields": [
        {"name": "id", "type": "INTEGER", "primary_key": True},
        {"name": "name", "type": "NAME"},
        {"name": "created_at", "type": "DATETIME"},
    ],
}
ORDERS: dict[str, Any] = {
    "name": "orders",
    "fields": [
        {"name": "id", "type": "INTEGER", "primary_key": True},
        {"name": "customer_id", "type": "INTEGER", "references": "customers.id"},
        {"name": "ordered_at", "type": "DATETIME"},
        {"name": "status", "type": "ENUM", "enum_values": ["pending", "shipped", "cancelled"]},
        {"name": "shipped_at", "type": "DATETIME", "required": False},
        {"name": "item_count", "type": "INTEGER"},
        {"name": "subtotal", "type": "DECIMAL"},
        {"name": "tax", "type": "DECIMAL"},
        {"name": "shipping", "type": "DECIMAL"},
        {"name": "total", "type": "DECIMAL"},
    ],
}
ITEMS: dict[str, Any] = {
    "name": "order_items",
    "fields": [
        {"name": "id", "type": "INTEGER", "primary_key": True},
        {"name": "order_id", "type": "INTEGER", "references": "orders.id"},
        {"name": "quantity", "type": "INTEGER"},
        {"name": "unit_price", "type": "DECIMAL"},
        {"name": "line_total", "type": "DECIMAL"},
    ],
}


def _checked(*tables: dict[str, Any]) -> dict[str, sd.Schema]:
    return {s.name: s for s in check_schemas(sd.load_schemas(list(tables)))}


def _derived(schema: sd.Schema) -> dict[str, str | None]:
    return {f.name: f.derived for f in schema.fields if f.derived}


def _sums(frames: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Each order beside its lines' sum and count, computed here from the rows."""
    lines = (
        frames["order_items"]
        .group_by("order_id")
        .agg(
            pl.col("line_total").cast(pl.Float64).sum().alias("lines_sum"), pl.len().alias("lines")
        )
    )
    return frames["orders"].join(lines, left_on="id", right_on="order_id", how="left")


def test_the_expression_language_reads_aggregates():
    tree = parse("sum(order_items.line_total) + shipping")
    assert aggregates(tree) == [Aggregate("sum", "order_items", "line_total")]
    assert names(tree) == ["shipping"]  # only the row's own columns
    assert str(parse("COUNT(tracks)")) == "count(tracks)"
    for bad, says in [
        ("sum(x)", "needs a column"),
        ("median(a.b)", "unknown function"),
        ("sum(a.b", "not closed"),
        ("a.b", "unexpected"),
    ]:
        with pytest.raises(ValueError, match=says):
            parse(bad)


def test_inferred_from_the_names_when_checked_together():
    checked = _checked(CUSTOMERS, ORDERS, ITEMS)
    assert _derived(checked["orders"]) == {
        "item_count": "count(order_items)",
        "subtotal": "sum(order_items.line_total)",
        "tax": "subtotal * 0.08",
        "total": "subtotal + tax + shipping",
    }
    assert _derived(checked["order_items"]) == {"line_total": "quantity * unit_price"}
    off = _checked(CUSTOMERS, {**ORDERS, "infer_rules": False}, ITEMS)
    assert _derived(off["orders"]) == {}
    # A total with nothing else to add up is the lines' sum; an album counts its tracks.
    bare = {**ORDERS, "fields": [f for f in ORDERS["fields"] if f["name"] != "subtotal"]}
    bare["fields"] = [f for f in bare["fields"] if f["name"] not in ("tax", "shipping")]
    assert _derived(_checked(CUSTOMERS, bare, ITEMS)["orders"])["total"] == (
        "sum(order_items.line_total)"
    )
    albums = {
        "name": "albums",
        "fields": [
            {"name": "id", "type": "INTEGER", "primary_key": True},
            {"name": "title", "type": "STRING"},
            {"name": "track_count", "type": "INTEGER"},
        ],
    }
    tracks = {
        "name": "tracks",
        "fields": [
            {"name": "id", "type": "INTEGER", "primary_key": True},
            {"name": "album_id", "type": "INTEGER", "references": "albums.id"},
            {"name": "milliseconds", "type": "INTEGER"},
        ],
    }
    assert _derived(_checked(albums, tracks)["albums"]) == {"track_count": "count(tracks)"}


def test_no_sum_is_inferred_where_lines_are_not_computed_or_the_key_is_ambiguous():
    plain = {**ITEMS, "fields": [*ITEMS["fields"][:3], {"name": "amount", "type": "DECIMAL"}]}
    assert "subtotal" not in _derived(_checked(CUSTOMERS, ORDERS, plain)["orders"])
    twice = {
        **ITEMS,
        "fields": [
            *ITEMS["fields"],
            {"name": "replaced_order_id", "type": "INTEGER", "references": "orders.id"},
        ],
    }
    assert "subtotal" not in _derived(_checked(CUSTOMERS, ORDERS, twice)["orders"])


@pytest.mark.parametrize(
    ("expr", "says"),
    [
        ("sum(order_lines.line_total)", "unknown table 'order_lines'"),
        ("sum(order_items.line_totl)", "unknown field 'order_items.line_totl'"),
        ("count(customers)", "needs exactly one foreign key to 'orders'"),
        ("count(orders)", "cannot aggregate over itself"),
    ],
)
def test_a_written_aggregate_is_checked(expr: str, says: str):
    orders = {
        **ORDERS,
        "fields": [*ORDERS["fields"], {"name": "x", "type": "DECIMAL", "derived": expr}],
    }
    with pytest.raises(InvalidInputError, match=says):
        check_schemas(sd.load_schemas([CUSTOMERS, orders, ITEMS]))


def test_a_child_column_that_is_no_number_is_refused():
    items = {**ITEMS, "fields": [*ITEMS["fields"], {"name": "note", "type": "STRING"}]}
    orders = {
        **ORDERS,
        "fields": [
            *ORDERS["fields"],
            {"name": "x", "type": "DECIMAL", "derived": "sum(order_items.note)"},
        ],
    }
    with pytest.raises(InvalidInputError, match="not a number"):
        check_schemas(sd.load_schemas([CUSTOMERS, orders, items]))


def test_parents_add_up_their_children_at_any_batch_size_and_workers(tmp_path: Path):
    schemas = sd.load_schemas([CUSTOMERS, ORDERS, ITEMS])
    outputs = []
    for workers, batch_size in ((1, 50_000), (4, 333)):
        out = tmp_path / f"{workers}-{batch_size}"
        corpus = sd.generate(
            schemas, total_rows=6000, seed=11, out_dir=out, workers=workers,
            batch_size=batch_size, format="csv",
        )  # fmt: skip
        report = sd.validate(corpus)
        wanted = {
            "derived subtotal = sum(order_items.line_total)",
            "derived item_count = count(order_items)",
            "derived total = subtotal + tax + shipping",
        }
        assert {c.check for c in report.checks if c.ok} >= wanted
        assert report.ok, report.summary()
        frames = corpus.collect()
        joined = _sums(frames)
        off = (joined["lines_sum"] - joined["subtotal"].cast(pl.Float64)).abs() > 0.005
        assert int(off.sum()) == 0
        assert (joined["lines"] == joined["item_count"]).all()
        assert joined["lines"].min() >= 1  # every order has a line
        assert 1 < joined["lines"].mean() < 10
        # an order's lines are consecutive rows, in the orders' order (as lines are inserted)
        assert frames["order_items"]["order_id"].is_sorted()
        outputs.append({p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))})
    assert outputs[0] == outputs[1]


def test_grandparents_sum_what_their_children_sum(tmp_path: Path):
    """A customer's spend is the sum of its orders' totals, each the sum of that order's lines
    plus tax and shipping: three levels, computed again where needed, still exact."""
    customers = {
        **CUSTOMERS,
        "fields": [
            *CUSTOMERS["fields"],
            {"name": "total_spent", "type": "DECIMAL", "derived": "sum(orders.total)"},
            {"name": "orders_placed", "type": "INTEGER", "derived": "count(orders)"},
            {"name": "largest_order", "type": "DECIMAL", "derived": "max(orders.total)"},
        ],
    }
    corpus = sd.generate(
        sd.load_schemas([customers, ORDERS, ITEMS]), total_rows=3000, seed=2, out_dir=tmp_path,
        batch_size=97,
    )  # fmt: skip
    report = sd.validate(corpus)
    assert report.ok, report.summary()
    frames = corpus.collect()
    spent = (
        frames["orders"]
        .group_by("customer_id")
        .agg(pl.col("total").cast(pl.Float64).sum().alias("spent"), pl.len().alias("n"))
    )
    joined = frames["customers"].join(spent, left_on="id", right_on="customer_id", how="left")
    joined = joined.with_columns(pl.col("spent").fill_null(0.0), pl.col("n").fill_null(0))
    assert ((joined["spent"] - joined["total_spent"].cast(pl.Float64)).abs() < 0.005).all()
    assert (joined["n"] == joined["orders_placed"]).all()
    # a customer without orders has spent nothing and has no largest order
    none = joined.filter(pl.col("n") == 0)
    assert none["largest_order"].null_count() == none.height


def test_validate_names_a_broken_sum():
    schemas = sd.load_schemas([CUSTOMERS, ORDERS, ITEMS])
    frames = sd.sample(schemas, rows=30, seed=4)
    assert sd.validate(frames, schemas).ok
    broken = frames["orders"].with_columns((pl.col("subtotal") + 1).alias("subtotal"))
    report = sd.validate({**frames, "orders": broken}, schemas)
    bad = [c for c in report.checks if not c.ok]
    assert "derived subtotal = sum(order_items.line_total)" in {c.check for c in bad}


def test_samples_add_up_too():
    """A sample (all tables the same size) still gives each order its own lines."""
    frames = sd.sample(sd.load_schemas([CUSTOMERS, ORDERS, ITEMS]), rows=25, seed=9)
    joined = _sums(frames)
    assert (
        (joined["lines_sum"].fill_null(0) - joined["subtotal"].cast(pl.Float64)).abs() < 0.005
    ).all()


@settings(max_examples=25, deadline=None)
@given(
    orders=st.integers(1, 400),
    per_order=st.floats(0.2, 6),
    batch=st.integers(1, 500),
    seed=st.integers(0, 2**32),
)
def test_sums_hold_for_any_volumes_and_batches(
    orders: int, per_order: float, batch: int, seed: int
):
    items = max(1, int(orders * per_order))
    schemas = sd.load_schemas(
        [{**ORDERS, "fields": ORDERS["fields"][:1] + ORDERS["fields"][2:]}, ITEMS]
    )
    schemas = [
        s.model_copy(update={"volume": v}) for s, v in zip(schemas, (orders, items), strict=True)
    ]
    from synthdata.generate.batch import generate_batch
    from synthdata.generate.plan import plan_tables

    plans = {p.schema.name: p for p in plan_tables(schemas, seed=seed)}
    frames = {
        name: pl.concat(
            [
                generate_batch(p, start, min(batch, p.volume - start))
                for start in range(0, p.volume, batch)
            ]
        )
        for name, p in plans.items()
    }
    joined = _sums(frames)
    assert (
        (joined["lines_sum"].fill_null(0) - joined["subtotal"].cast(pl.Float64)).abs() < 0.005
    ).all()
    assert (joined["lines"].fill_null(0) == joined["item_count"]).all()


def test_a_plain_typed_purchase_order_adds_up_and_keeps_its_dates_in_order(tmp_path: Path):
    """Only INTEGER / STRING / DECIMAL / DATE, names as a DDL has them: the lines' extended cost
    is qty × unit cost, the order's total cost their sum and its line count their number; the
    order date, the expected date and the received date come in order."""
    plain = [
        {
            "name": "suppliers",
            "fields": [
                {"name": "supplier_id", "type": "INTEGER", "primary_key": True},
                {"name": "company", "type": "STRING"},
                {"name": "since", "type": "DATE"},
            ],
        },
        {
            "name": "purchase_orders",
            "fields": [
                {"name": "po_id", "type": "INTEGER", "primary_key": True},
                {"name": "supplier_id", "type": "INTEGER", "references": "suppliers.supplier_id"},
                {"name": "po_date", "type": "DATE"},
                {"name": "expected_date", "type": "DATE"},
                {"name": "received_date", "type": "DATE", "required": False},
                {"name": "status", "type": "STRING"},
                {"name": "line_count", "type": "INTEGER"},
                {"name": "total_cost", "type": "DECIMAL"},
            ],
        },
        {
            "name": "po_lines",
            "fields": [
                {"name": "line_id", "type": "INTEGER", "primary_key": True},
                {"name": "po_id", "type": "INTEGER", "references": "purchase_orders.po_id"},
                {"name": "qty", "type": "INTEGER"},
                {"name": "unit_cost", "type": "DECIMAL"},
                {"name": "extended_cost", "type": "DECIMAL"},
            ],
        },
    ]
    checked = _checked(*plain)
    assert _derived(checked["purchase_orders"]) == {
        "line_count": "count(po_lines)",
        "total_cost": "sum(po_lines.extended_cost)",
    }
    assert _derived(checked["po_lines"]) == {"extended_cost": "qty * unit_cost"}
    rules = {str(c) for c in checked["purchase_orders"].constraints}
    assert {"expected_date >= po_date", "received_date >= po_date"} <= rules
    assert "po_date >= suppliers.since" in rules
    corpus = sd.generate(list(checked.values()), total_rows=2000, seed=5, out_dir=tmp_path)
    report = sd.validate(corpus)
    assert report.ok, report.summary()
    orders = corpus.frame("purchase_orders").collect()
    assert (orders["expected_date"] >= orders["po_date"]).all()


@pytest.mark.parametrize("locale", ["en_US", "ja_JP"])
def test_a_document_in_its_own_currency_sums_lines_that_have_none(tmp_path: Path, locale: str):
    """Lines without a currency column are in their document's currency: the document's total
    is still their sum (in any locale, a JPY one included); lines each in a currency of their
    own under a document without one are not summed (that would add yen to dollars)."""
    priced = {**ORDERS, "fields": [*ORDERS["fields"], {"name": "currency", "type": "STRING"}]}
    checked = _checked(CUSTOMERS, priced, ITEMS)
    assert _derived(checked["orders"])["subtotal"] == "sum(order_items.line_total)"
    mixed = {**ITEMS, "fields": [*ITEMS["fields"], {"name": "currency", "type": "STRING"}]}
    assert "subtotal" not in _derived(_checked(CUSTOMERS, ORDERS, mixed)["orders"])
    sd.generate(
        list(checked.values()), total_rows=4000, seed=3, out_dir=tmp_path, locale=locale,
        format="csv",
    )  # fmt: skip
    report = sd.validate(sd.Corpus.open(tmp_path))
    assert [c for c in report.checks if not c.ok] == []
    orders = pl.read_csv(tmp_path / "orders.csv")
    items = pl.read_csv(tmp_path / "order_items.csv")
    sums = items.group_by("order_id").agg(pl.col("line_total").sum().alias("lines"))
    joined = orders.join(sums, left_on="id", right_on="order_id")
    assert joined.height > 100
    assert (joined["subtotal"] - joined["lines"]).abs().max() < 0.005
