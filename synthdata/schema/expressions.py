"""A small, safe expression language for derived columns: ``"quantity * unit_price"``,
``"subtotal + tax + shipping - discount"``, ``"check_out - check_in"``.

Grammar: numbers, column names, ``+ - * /`` (also ``×`` and ``÷``), unary minus and
parentheses, with the usual precedence. A date or datetime column may only be subtracted from
another one, which gives the days between them (fractional for datetimes); every other operand
is a number. Over a child table (one that holds a foreign key to this one): ``count(child)``,
and ``sum``, ``avg``, ``min`` or ``max`` of ``child.column``, over each row's children
(``"sum(order_items.line_total)"``; a row without children sums and counts to 0, and has no
average, minimum or maximum). The text is parsed here, never evaluated by Python;
:func:`to_polars` turns the tree into a polars expression, which generation and
:func:`synthdata.validate` both use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import NoReturn

import polars as pl

from synthdata.schema.traits import FIELD_TRAITS
from synthdata.schema.types import FieldType

__all__ = [
    "AGGREGATES",
    "DERIVABLE",
    "Aggregate",
    "Binary",
    "Column",
    "Expression",
    "Negate",
    "Number",
    "aggregate_column",
    "aggregates",
    "decimals",
    "names",
    "parse",
    "to_polars",
]

#: Field types a derived column may have, with the decimals their values keep.
DERIVABLE: dict[FieldType, int] = {
    FieldType.INTEGER: 0,
    FieldType.FLOAT: 4,
    FieldType.DECIMAL: 2,
    FieldType.AMOUNT: 2,
    FieldType.PERCENT: 2,
}
#: Types whose values are days (or instants) on the calendar.
_DATES = frozenset(t for t, tr in FIELD_TRAITS.items() if tr.measure == "date" and tr.temporal)


@dataclass(frozen=True)
class Number:
    """A literal number."""

    value: float


@dataclass(frozen=True)
class Column:
    """A column of the same row."""

    name: str


@dataclass(frozen=True)
class Negate:
    """``-x``."""

    operand: Expression


@dataclass(frozen=True)
class Binary:
    """``left op right`` with op one of ``+ - * /``."""

    op: str
    left: Expression
    right: Expression


@dataclass(frozen=True)
class Aggregate:
    """``func(table.column)`` (or ``count(table)``) over the rows of a child table that refer to
    this row."""

    func: str
    table: str
    column: str | None = None

    def __str__(self) -> str:
        inside = self.table if self.column is None else f"{self.table}.{self.column}"
        return f"{self.func}({inside})"


Expression = Number | Column | Negate | Binary | Aggregate

#: Functions over a row's children.
AGGREGATES = ("sum", "count", "avg", "min", "max")

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d*)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*)|(.))")
_OPS = {"×": "*", "÷": "/", "+": "+", "-": "-", "−": "-", "*": "*", "/": "/"}


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    for match in _TOKEN.finditer(text.rstrip()):
        number, name, other = match.groups()
        if number is not None:
            yield "number", number
        elif name is not None:
            yield "name", name
        elif other in _OPS:
            yield "op", _OPS[other]
        elif other in "().":
            yield other, other
        else:
            msg = f"Expression {text!r}: unexpected character {other!r}"
            raise ValueError(msg)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = list(_tokens(text))
        self.at = 0

    def fail(self, what: str) -> NoReturn:
        msg = f"Expression {self.text!r}: {what}"
        raise ValueError(msg)

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            self.fail("ends too early")
        self.at += 1
        return token

    def sum(self) -> Expression:
        node = self.product()
        while (token := self.peek()) is not None and token[1] in ("+", "-"):
            self.at += 1
            node = Binary(token[1], node, self.product())
        return node

    def product(self) -> Expression:
        node = self.unary()
        while (token := self.peek()) is not None and token[1] in ("*", "/"):
            self.at += 1
            node = Binary(token[1], node, self.unary())
        return node

    def unary(self) -> Expression:
        kind, value = self.take()
        if kind == "op" and value in ("-", "+"):
            inner = self.unary()
            return Negate(inner) if value == "-" else inner
        if kind == "number":
            return Number(float(value))
        if kind == "name":
            token = self.peek()
            if token is not None and token[0] == "(":
                return self.aggregate(value)
            return Column(value)
        if kind == "(":
            node = self.sum()
            token = self.peek()
            if token is None or token[0] != ")":
                self.fail("a '(' is not closed")
            self.at += 1
            return node
        self.fail(f"unexpected {value!r}")

    def aggregate(self, func: str) -> Aggregate:
        if func.lower() not in AGGREGATES:
            self.fail(f"unknown function {func!r}; use one of {', '.join(AGGREGATES)}")
        func = func.lower()
        self.at += 1  # the "("
        kind, table = self.take()
        if kind != "name":
            self.fail(f"{func}() takes a table's column, as {func}(order_items.line_total)")
        column = None
        token = self.peek()
        if token is not None and token[0] == ".":
            self.at += 1
            kind, column = self.take()
            if kind != "name":
                self.fail(f"{func}({table}.) needs a column name")
        token = self.peek()
        if token is None or token[0] != ")":
            self.fail(f"{func}( is not closed")
        self.at += 1
        if column is None and func != "count":
            self.fail(f"{func}() needs a column, as {func}({table}.amount)")
        return Aggregate(func, table, column)


def parse(text: str) -> Expression:
    """The tree of an expression; ValueError naming the problem when it is not one.

    >>> parse("quantity * unit_price")
    Binary(op='*', left=Column(name='quantity'), right=Column(name='unit_price'))
    """
    parser = _Parser(text)
    if not parser.tokens:
        parser.fail("is empty")
    node = parser.sum()
    left = parser.peek()
    if left is not None:
        parser.fail(f"unexpected {left[1]!r}")
    return node


def names(node: Expression) -> list[str]:
    """The columns of its own row an expression reads, in order of first use."""
    if isinstance(node, Column):
        return [node.name]
    if isinstance(node, Negate):
        return names(node.operand)
    if isinstance(node, Binary):
        return list(dict.fromkeys([*names(node.left), *names(node.right)]))
    return []


def aggregates(node: Expression) -> list[Aggregate]:
    """The aggregates over child tables an expression reads, in order of first use."""
    if isinstance(node, Aggregate):
        return [node]
    if isinstance(node, Negate):
        return aggregates(node.operand)
    if isinstance(node, Binary):
        return list(dict.fromkeys([*aggregates(node.left), *aggregates(node.right)]))
    return []


def aggregate_column(agg: Aggregate) -> str:
    """The name under which a batch holds an aggregate's values while rows are computed."""
    return f"__{agg.func}__{agg.table}__{agg.column or ''}"


def check_types(text: str, node: Expression, types: Mapping[str, FieldType]) -> None:
    """Raise ValueError unless the expression gives a number: dates only as ``a - b``."""
    if _kind(text, node, types) != "number":
        msg = f"Expression {text!r} gives a date; subtract another date to get days"
        raise ValueError(msg)


def _kind(text: str, node: Expression, types: Mapping[str, FieldType]) -> str:
    if isinstance(node, Number | Aggregate):
        return "number"
    if isinstance(node, Column):
        kind = types[node.name]
        if kind in _DATES:
            return "date"
        if kind not in DERIVABLE:
            msg = f"Expression {text!r}: '{node.name}' is {kind.value}, not a number or a date"
            raise ValueError(msg)
        return "number"
    if isinstance(node, Negate):
        return _number(text, node.operand, types)
    left, right = _kind(text, node.left, types), _kind(text, node.right, types)
    if left == right == "date" and node.op == "-":
        return "number"
    if "date" in (left, right):
        msg = f"Expression {text!r}: dates can only be subtracted from dates (giving days)"
        raise ValueError(msg)
    return "number"


def _number(text: str, node: Expression, types: Mapping[str, FieldType]) -> str:
    if _kind(text, node, types) != "number":
        msg = f"Expression {text!r}: dates can only be subtracted from dates (giving days)"
        raise ValueError(msg)
    return "number"


_BINARY: dict[str, Callable[[pl.Expr, pl.Expr], pl.Expr]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
}


def to_polars(node: Expression, types: Mapping[str, FieldType]) -> pl.Expr:
    """The expression over a frame's columns, as Float64 (dates as days since 1970)."""
    if isinstance(node, Number):
        return pl.lit(node.value, dtype=pl.Float64)
    if isinstance(node, Aggregate):
        return pl.col(aggregate_column(node)).cast(pl.Float64)
    if isinstance(node, Column):
        col = pl.col(node.name)
        if types[node.name] is FieldType.DATE:
            return col.cast(pl.Int32).cast(pl.Float64)
        if types[node.name] is FieldType.DATETIME:
            return col.dt.epoch("us").cast(pl.Float64) / 86_400e6
        return col.cast(pl.Float64)
    if isinstance(node, Negate):
        return -to_polars(node.operand, types)
    return _BINARY[node.op](to_polars(node.left, types), to_polars(node.right, types))


def decimals(kind: FieldType) -> int:
    """The decimals a derived column of this type keeps."""
    return DERIVABLE[kind]
