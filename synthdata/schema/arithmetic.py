"""Arithmetic a table's column names imply, written as derived columns.

A line with a quantity and a unit price has a line total (``quantity * unit_price``, less a
discount rate); a bill's total is its subtotal plus tax and shipping less a discount; tax is a rate
of the subtotal; a stay's nights are its check-out less its check-in, and its amount the nights
times the nightly rate; a balance is the total less what was paid. :func:`derivations` reads
the names (in general terms, not table by table) and returns, per derived column, an
expression of :mod:`.expressions`. Like :mod:`.milestones`, it is a pure function of names and
types, and what it infers is written into the schema (the field option ``derived``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from synthdata.schema import expressions
from synthdata.schema.milestones import milestones
from synthdata.schema.semantics import singular, words
from synthdata.schema.types import FieldType

if TYPE_CHECKING:
    from synthdata.schema.field import Field

__all__ = ["derivations", "from_children", "is_paid"]


def _names(*options: str) -> re.Pattern[str]:
    return re.compile(rf"^({'|'.join(options)})$")


#: Roles by column name (words joined by ``_``), most specific first within a role.
_QUANTITY = _names(
    "quantity",
    "qty",
    r"(ordered|order|item|purchased|sold)_(quantity|qty)",
    r"(quantity|qty)_(ordered|sold|purchased)",
    "units",
    "unit_count",
    r"(number|num|no)_of_(units|items)",
    "item_count",
    "seats",
    "licenses",
    "hours",
    "hours_worked",
    "billable_hours",
)
_UNIT_PRICE = [
    _names(r"unit_(price|cost|amount)", r"price_(each|per_\w+)", r"(item|sale|selling)_price"),
    _names(
        "price",
        "rate",
        r"(nightly|daily|hourly|weekly|monthly|room|night|day|hour|base|unit)_rate",
        r"rate_per_\w+",
        "list_price",
    ),
]
_LINE_TOTAL = _names(
    r"line_(total|amount|price|cost)",
    r"extended_(price|amount|cost|total)",
    r"total_(price|amount|cost|charge)",
    "total",
    "amount",
    "cost",
    "charge",
    r"gross_amount",
)
_SUBTOTAL = _names("subtotal", "sub_total", r"subtotal_amount", r"net_(amount|total)", "net")
_TOTAL = _names(
    "total",
    "grand_total",
    r"total_(amount|due|price|cost|charge)",
    r"(order|invoice|bill)_total",
    r"amount_total",
)
_TAX = _names("tax", "taxes", r"tax_(amount|total)", r"total_tax", "vat", r"vat_amount", "gst")
_TAX_RATE = _names(r"(tax|vat|gst)_(rate|pct|percent|percentage)")
_SHIPPING = _names(
    r"shipping(_(cost|fee|amount|charge))?",
    r"delivery_(fee|cost|charge)",
    "freight",
    r"handling(_fee)?",
    r"service_(fee|charge)",
)
_DISCOUNT = _names("discount", r"discount_(amount|total)", r"total_discount", r"coupon_amount")
_DISCOUNT_RATE = _names(r"discount_(rate|pct|percent|percentage)")
_PAID = _names(r"amount_paid", r"paid_amount", r"total_paid", "paid", "deposit")
_BALANCE = _names(
    "balance",
    r"balance_due",
    r"(amount_)?outstanding(_amount)?",
    r"remaining(_balance|_amount)?",
    r"amount_due",
    r"due_amount",
)
_NIGHTS = _names(
    "nights",
    r"(num|number)_of_nights",
    r"(num|no)_nights",
    r"nights?_(count|stayed)",
    r"length_of_stay",
    r"stay_length",
)
_DAYS = _names(
    "days",
    r"duration(_days|_in_days)?",
    r"(num|number)_of_days",
    r"(num|no)_days",
    r"days?_count",
    r"total_days",
    r"(rental|loan|leave|stay|trip)_days",
)
#: Date stages whose difference is a number of days or nights, first found first used.
_SPANS = [
    ("check_in", "check_out"),
    ("start", "end"),
    ("started", "ended"),
    ("admitted", "discharged"),
]
#: A tax rate by the tax's name, when the table has no rate column.
_RATES = {"vat": 0.2, "gst": 0.1}
_DEFAULT_RATE = 0.08


def _key(f: Field) -> str:
    return "_".join(words(f.name))


class _Table:
    """The numeric fields of one table, and the derivations found so far."""

    def __init__(self, fields: Sequence[Field], blocked: Iterable[str]) -> None:
        self.numbers = [
            f
            for f in fields
            if f.type in expressions.DERIVABLE
            and f.required
            and not f.is_unique
            and not f.references
        ]
        self.free = {f.name for f in self.numbers if f.derived is None and f.derived_from is None}
        self.free -= set(blocked)
        self.out: dict[str, str] = {}

    def find(self, pattern: re.Pattern[str], *, but: Iterable[Field | None] = ()) -> Field | None:
        """The first numeric field whose name fits, other than ``but`` (a share only for the
        rate roles)."""
        skip = {f.name for f in but if f is not None}
        shares = pattern in (_TAX_RATE, _DISCOUNT_RATE)
        return next(
            (
                f
                for f in self.numbers
                if f.name not in skip
                and pattern.match(_key(f))
                and (shares or f.type is not FieldType.PERCENT)
            ),
            None,
        )

    def target(self, pattern: re.Pattern[str], *, but: Iterable[Field | None] = ()) -> Field | None:
        """The first field whose name fits that may still be made derived."""
        found = self.find(
            pattern, but=[*but, *(f for f in self.numbers if f.name not in self.free)]
        )
        return found

    def derive(self, target: Field | None, expr: str) -> None:
        if target is not None and target.name in self.free:
            self.out[target.name] = expr
            self.free.discard(target.name)


def is_paid(name: str) -> bool:
    """Whether a column's name says it holds what was paid (``amount_paid``)."""
    return bool(_PAID.match("_".join(words(name))))


def derivations(fields: Sequence[Field], blocked: Iterable[str] = ()) -> dict[str, str]:
    """Per derived column, its expression, for the arithmetic the names imply.

    Only numeric, required, non-key fields take part; ``blocked`` fields (ordered by a
    constraint, say) are never made derived, nor fields already ``derived``.

    >>> from synthdata.schema.field import Field
    >>> derivations([Field(name="quantity", type="INTEGER"),
    ...     Field(name="unit_price", type="DECIMAL"), Field(name="line_total", type="DECIMAL")])
    {'line_total': 'quantity * unit_price'}
    """
    table = _Table(fields, blocked)
    _spans(table, fields)
    _lines(table)
    _bills(table)
    return table.out


#: A count of a table's children by name: ``track_count``, ``num_items``, ``number_of_guests``.
_COUNT = re.compile(
    r"^(?:(?:num|number|no|n|count|total)_(?:of_)?(?P<a>[a-z0-9_]+)"
    r"|(?P<b>[a-z0-9_]+?)_(?:count|num|number))$"
)


def from_children(
    fields: Sequence[Field],
    children: Sequence[tuple[str, Sequence[Field]]],
    blocked: Iterable[str] = (),
) -> dict[str, str]:
    """Per column a parent computes from its children, its expression: a count named after a
    child table (``albums.track_count = count(tracks)``), and the subtotal (or a total with
    nothing else to add up) as the sum of the one child table whose rows hold a computed line
    total (``orders.subtotal = sum(order_items.line_total)``).

    ``children`` are (table, fields) of the tables holding exactly one key to this one.

    >>> from synthdata.schema.field import Field
    >>> from_children([Field(name="track_count", type="INTEGER")], [("tracks", [])])
    {'track_count': 'count(tracks)'}
    """
    table = _Table(fields, blocked)
    for f in table.numbers:
        match = _COUNT.match(_key(f))
        if f.type is not FieldType.INTEGER or f.name not in table.free or match is None:
            continue
        thing = singular((match.group("a") or match.group("b")).split("_")[-1])
        named = [c for c, _ in children if singular(words(c)[-1]) == thing]
        if len(named) == 1:
            table.derive(f, f"count({named[0]})")
    priced = _in_currency(fields)
    lines = [
        (c, g)
        for c, cf in children
        # lines without a currency are in their document's (a purchase order in CHF); lines
        # each with a currency of their own under a document without one would mix yen and
        # dollars in one sum
        if priced or not _in_currency(cf)
        for g in cf
        if g.derived is not None
        and g.type in expressions.DERIVABLE
        and g.type is not FieldType.PERCENT
        and _LINE_TOTAL.match(_key(g))
        and _is_product(expressions.parse(g.derived))
    ]
    if len(lines) != 1:
        return table.out
    child, line = lines[0]
    target = table.target(_SUBTOTAL)
    if target is None and table.find(_SUBTOTAL) is None:
        extras = (table.find(p) for p in (_TAX, _SHIPPING, _DISCOUNT))
        if not any(extras):
            target = table.target(_TOTAL)
    table.derive(target, f"sum({child}.{line.name})")
    return table.out


def _in_currency(fields: Sequence[Field]) -> bool:
    """Whether a table's amounts follow a currency column of its own."""
    return any(f.type is FieldType.CURRENCY_CODE or "currency" in words(f.name) for f in fields)


def _is_product(node: expressions.Expression) -> bool:
    """Whether an expression multiplies (a quantity by a price, perhaps less a discount)."""
    if isinstance(node, expressions.Binary):
        return node.op == "*" or _is_product(node.left) or _is_product(node.right)
    return False


def bare_total(fields: Sequence[Field], derived: Iterable[str]) -> tuple[str, str] | None:
    """A (total, subtotal) pair that nothing adds up — no tax, shipping or discount to derive
    the total from — so the total can only be ordered at or above the subtotal."""
    table = _Table(fields, ())
    subtotal = table.find(_SUBTOTAL)
    total = table.find(_TOTAL, but=[subtotal])
    if subtotal is None or total is None or total.name in set(derived):
        return None
    if total.derived is not None or total.name == subtotal.derived:
        return None  # already a sum (read back from a manifest, or written by the user)
    return total.name, subtotal.name


def _spans(table: _Table, fields: Sequence[Field]) -> None:
    """Nights (or days) between two dates of a stay, a rental, a leave."""
    dates = {m.stage: m.field for m in milestones(fields)}
    types = {f.name: f.type for f in fields}
    for early, late in _SPANS:
        if early in dates and late in dates:
            a, b = dates[early], dates[late]
            if types[a] is not types[b]:
                return
            for pattern in (_NIGHTS, _DAYS):
                target = table.target(pattern)
                if target is not None and target.type is FieldType.INTEGER:
                    table.derive(target, f"{b} - {a}")
            return


def _lines(table: _Table) -> None:
    """A line's total: quantity (or nights, hours) × unit price, less a discount."""
    quantity = table.find(_QUANTITY) or table.find(_NIGHTS) or table.find(_DAYS)
    if quantity is None:
        return
    price = table.find(_UNIT_PRICE[0], but=[quantity]) or table.find(_UNIT_PRICE[1], but=[quantity])
    if price is None:
        return
    base = f"{quantity.name} * {price.name}"
    roles = [quantity, price]
    target = table.target(_SUBTOTAL, but=roles)
    if target is None or table.find(_TOTAL, but=[*roles, target]) is None:
        # No subtotal and total pair: the line total is the one sum there is.
        target = table.target(_LINE_TOTAL, but=roles) or target
        # A discount as a share keeps the line positive; an amount drawn on its own might not.
        rate = table.find(_DISCOUNT_RATE, but=[*roles, target])
        if rate is not None and rate.type is FieldType.PERCENT:
            base = f"{base} * (1 - {rate.name} / 100)"
    table.derive(target, base)


def _bills(table: _Table) -> None:
    """Tax a rate of the subtotal; total = subtotal + tax + shipping − discount; balance =
    total − paid."""
    subtotal = table.find(_SUBTOTAL)
    tax = table.find(_TAX, but=[subtotal])
    if subtotal is not None and tax is not None and tax.name in table.free:
        rate_field = table.find(_TAX_RATE, but=[subtotal, tax])
        if rate_field is not None and rate_field.type is FieldType.PERCENT:
            table.derive(tax, f"{subtotal.name} * {rate_field.name} / 100")
        elif rate_field is None:
            rate = _RATES.get(_key(tax).split("_")[0], _DEFAULT_RATE)
            table.derive(tax, f"{subtotal.name} * {rate}")
    total = table.find(_TOTAL, but=[subtotal, tax])
    if subtotal is not None and total is not None and total.name in table.free:
        terms = [subtotal.name]
        shipping = table.find(_SHIPPING, but=[subtotal, tax, total])
        discount = table.find(_DISCOUNT, but=[subtotal, tax, total, shipping])
        for role, sign in ((tax, "+"), (shipping, "+"), (discount, "-")):
            if role is not None:
                terms.append(f"{sign} {role.name}")
        if len(terms) > 1:
            table.derive(total, " ".join(terms))
    paid = table.find(_PAID, but=[total])
    balance = table.target(_BALANCE, but=[total, paid])
    if balance is not None and paid is not None and total is not None:
        table.derive(balance, f"{total.name} - {paid.name}")
