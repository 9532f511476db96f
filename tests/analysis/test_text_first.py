"""Text first: the tables come from what the description names, not from catalogue keywords."""

from __future__ import annotations

import synthdata as sd
from synthdata.analysis.analyze import plan_from_text


def _tables(text: str) -> set[str]:
    return {e.table for e in plan_from_text(text).entities.values()}


def _links(text: str) -> set[tuple[str, str]]:
    plan = plan_from_text(text)
    return {
        (e.table, plan.entities[lk.parent].table) for e in plan.entities.values() for lk in e.links
    }


def test_grooming_salon_keeps_its_own_parents() -> None:
    text = "A dog grooming salon with 300 customers and their dogs, appointments and groomers"
    tables = _tables(text)
    assert {"customers", "appointments", "groomers"} <= tables
    assert tables & {"dogs", "pets"}
    assert not tables & {"patients", "doctors"}
    parents = {parent for child, parent in _links(text) if child == "appointments"}
    assert "groomers" in parents
    assert parents & {"dogs", "pets"}


def test_brewery_verb_and_invented_parent() -> None:
    text = (
        "A brewery tracks batches of beer brewed from recipes; each recipe lists ingredients "
        "with quantities; batches are packaged into kegs that are shipped to pubs"
    )
    tables = _tables(text)
    assert {"batches", "recipes"} <= tables
    assert not tables & {"tracks", "lists", "fermenters"}


def test_short_texts_still_get_the_catalogue_core() -> None:
    assert {"patients", "appointments"} <= _tables("A dental clinic")
    assert {"orders", "order_items"} <= _tables("a bakery")


def test_generic_words_never_become_tables() -> None:
    text = "Our system manages data and records for a gym: members, trainers and classes"
    tables = _tables(text)
    assert not tables & {"systems", "data", "records", "managements", "manages"}
    assert "members" in tables


def test_own_description_bike_repair_shop() -> None:
    # Written for this test: a repair business whose "appointments" are not a clinic's.
    text = (
        "A bike repair workshop records 500 cyclists, their bicycles, repair appointments "
        "and mechanics"
    )
    tables = _tables(text)
    assert {"bicycles", "mechanics"} <= tables
    assert not tables & {"patients", "doctors", "records"}


def test_own_description_verb_after_singular_subject() -> None:
    # Written for this test: "orders" and "ships" are verbs after a singular subject.
    text = (
        "A florist orders flowers from growers; each florist ships bouquets to customers, "
        "and every bouquet contains flowers"
    )
    tables = _tables(text)
    assert "customers" in tables
    assert not tables & {"orders", "order_items", "ships"}


def test_an_order_line_takes_the_item_the_text_sells():
    """With no catalogue product named, an order line points at the named thing being sold."""
    schemas = sd.infer_schemas(
        sd.analyze("Online bookstore: 5k customers, orders with order lines, books by authors")
    )
    lines = next(s for s in schemas if s.name in {"order_items", "order_lines"})
    assert {fk.parent for fk in lines.foreign_keys} == {"orders", "books"}
    assert "products" not in {s.name for s in schemas}
