"""An audit of rows that agree with themselves (issue 16, part 1), independent of the rules
synthdata infers: it reads column names and status values with its own, plainer rules.

* ordered milestones: pairs of date columns a reader of their names expects in order
  (ordered ≤ shipped ≤ delivered, start ≤ end, issued ≤ due, check-in < check-out, admitted ≤
  discharged, enrolled ≤ graduated, created ≤ updated, requested ≤ approved ≤ completed, birth
  + 16 years ≤ hire); a row breaks a pair when both are set and out of order;
* statuses against milestones: a status saying a step has not happened (pending, draft, new,
  cancelled, no-show, failed) with that step's date set, or a status saying it happened (paid,
  shipped, delivered, completed, cancelled) with its date null.

* arithmetic: a line total against quantity × unit price (less a discount), a total against
  subtotal + tax + shipping − discount, tax as a share of the subtotal (0–30 %), nights against
  check-out − check-in, an amount against nights × a nightly rate, hours × an hourly rate, a
  balance against total − paid; a row breaks a relation when every column is set and the sides
  differ by more than a cent (or a share outside 0–30 %).
* tables against each other (a key column ``<parent>_id`` read as pointing at the table of
  that name's plural): a parent's ``subtotal`` (or a total with no tax, shipping or discount
  beside it) against the sum of its children's line totals, a ``<children>_count`` against
  the number of children, and a child's first date (ordered, placed, booked, started,
  appointment…) against the parent's creation date (created, signup, registered, joined).

Only the public API is used, so the same audit runs against an older checkout (``python
tests/rows_audit.py`` prints the figures for whatever ``synthdata`` is importable).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

import synthdata as sd


def _at(stem: str, times: bool = False) -> str:
    """A column-name pattern: the stem words, then ``_at``, ``_on`` or ``_date``."""
    return rf"^({stem})_(at|on|date{'|time' if times else ''})$"


_CHECK_IN, _CHECK_OUT = r"^check_?in(_(at|on|date|time))?$", r"^check_?out(_(at|on|date|time))?$"

#: (earlier, later, strict, least years): column-name patterns read as a step and a later step.
PAIRS: list[tuple[str, str, bool, int]] = [
    (_at("ordered|order|placed|purchase"), _at("shipped|ship|shipping"), False, 0),
    (_at("shipped|ship|shipping"), _at("delivered|delivery"), False, 0),
    (_at("ordered|order|placed"), _at("delivered|delivery"), False, 0),
    (_at("start|started", times=True), _at("end|ended|finish", times=True), False, 0),
    (_at("issued|issue|invoice"), _at("due"), False, 0),
    (_CHECK_IN, _CHECK_OUT, True, 0),
    (_at("admitted|admission"), _at("discharged|discharge"), False, 0),
    (_at("enrolled|enrollment|enrolment"), _at("graduated|graduation"), False, 0),
    (_at("created"), _at("updated"), False, 0),
    (_at("requested"), _at("approved"), False, 0),
    (_at("approved"), _at("completed"), False, 0),
    (r"^(birth_date|date_of_birth|dob|birthdate)$", r"^(hire_date|hired_(at|on))$", False, 16),
    (_at("created|reported|opened"), _at("resolved|closed"), False, 0),
    (_at("booked|booking"), _CHECK_IN, False, 0),
    (_at("submitted|applied"), _at("approved|rejected|decided"), False, 0),
    (_at("departure|departs|departed", times=True), _at("arrival|arrives|arrived", True), False, 0),
]

_NOT_YET = r"^(pending|draft|new|placed|processing|awaiting_\w+|on_hold)$"
#: Status values (words joined by ``_``) → column-name patterns that must be null with them.
MUST_LACK: list[tuple[str, str]] = [
    (_NOT_YET, _at("shipped|delivered|completed|resolved|closed|approved|paid")),
    (r"^(cancelled|canceled)$", _at("delivered|completed|shipped")),
    (r"^(no_show|noshow)$", _at("completed|checked_in")),
    (r"^(failed|void|voided)$", _at("paid|completed")),
    (r"^(open|in_progress)$", _at("resolved|closed|completed")),
]
#: Status values → column-name patterns that must be set with them.
MUST_HAVE: list[tuple[str, str]] = [
    (r"^paid$", _at("paid")),
    (r"^(shipped|delivered)$", _at("shipped")),
    (r"^delivered$", _at("delivered")),
    (r"^(completed|complete)$", _at("completed")),
    (r"^(cancelled|canceled)$", _at("cancelled|canceled")),
    (r"^resolved$", _at("resolved")),
    (r"^closed$", _at("closed")),
]


def _money(stem: str) -> str:
    return rf"^({stem})$"


#: (target, [(sign, factor columns)], extra term patterns): target = Σ sign × Π factors.
#: Each relation is (target pattern, terms); a term is (sign, [patterns multiplied]).
RELATIONS: list[tuple[str, list[tuple[int, list[str]]]]] = [
    (
        _money("line_total|line_amount|total_price|extended_price"),
        [(1, [_money("quantity|qty"), _money("unit_price|price")]), (-1, [_money("discount")])],
    ),
    (
        _money("line_total|line_amount|total_price|extended_price"),
        [(1, [_money("quantity|qty"), _money("unit_price|price")])],
    ),
    (
        _money("total|grand_total|total_amount"),
        [
            (1, [_money("subtotal|sub_total")]),
            (1, [_money("tax|tax_amount|vat")]),
            (1, [_money("shipping|shipping_(cost|fee|amount|charge)|delivery_fee|freight")]),
            (-1, [_money("discount|discount_amount")]),
        ],
    ),
    (
        _money("amount|total|total_amount|subtotal"),
        [(1, [_money("nights|num_nights|number_of_nights"), _money("nightly_rate|room_rate")])],
    ),
    (
        _money("amount|total|total_amount"),
        [(1, [_money("hours|hours_worked"), _money("hourly_rate")])],
    ),
    (
        _money("balance|balance_due"),
        [(1, [_money("total|total_amount")]), (-1, [_money("amount_paid|paid_amount")])],
    ),
]
_NIGHTS = _money("nights|num_nights|number_of_nights")


@dataclass
class Figures:
    """Counts over all audited tables; ``examples`` names a few offenders as ``table.a<b``."""

    pairs: int = 0
    inverted: int = 0
    status_rows: int = 0
    contradicting: int = 0
    arithmetic_rows: int = 0
    broken: int = 0
    child_rows: int = 0
    early_children: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def inverted_share(self) -> float:
        return self.inverted / self.pairs if self.pairs else 0.0

    @property
    def contradicting_share(self) -> float:
        return self.contradicting / self.status_rows if self.status_rows else 0.0

    @property
    def broken_share(self) -> float:
        return self.broken / self.arithmetic_rows if self.arithmetic_rows else 0.0

    @property
    def early_share(self) -> float:
        return self.early_children / self.child_rows if self.child_rows else 0.0

    def add(self, other: Figures) -> None:
        self.pairs += other.pairs
        self.inverted += other.inverted
        self.status_rows += other.status_rows
        self.contradicting += other.contradicting
        self.arithmetic_rows += other.arithmetic_rows
        self.broken += other.broken
        self.child_rows += other.child_rows
        self.early_children += other.early_children
        self.examples += other.examples[: max(0, 20 - len(self.examples))]

    def __str__(self) -> str:
        return (
            f"inverted milestone pairs {self.inverted}/{self.pairs} ({self.inverted_share:.2%}); "
            f"status rows contradicting milestones {self.contradicting}/{self.status_rows} "
            f"({self.contradicting_share:.2%}); "
            f"arithmetic broken {self.broken}/{self.arithmetic_rows} ({self.broken_share:.2%}); "
            f"children dated before their parent {self.early_children}/{self.child_rows} "
            f"({self.early_share:.2%})"
        )


def _key(value: object) -> str:
    return "_".join(re.findall(r"[a-z0-9]+", str(value).lower()))


def _dates(frame: pl.DataFrame) -> list[str]:
    return [n for n, t in frame.schema.items() if t in (pl.Date, pl.Datetime("us"))]


def audit_table(name: str, frame: pl.DataFrame) -> Figures:
    """The figures of one table."""
    out = Figures()
    dates = _dates(frame)
    for early_re, late_re, strict, years in PAIRS:
        for early in (d for d in dates if re.match(early_re, d.lower())):
            for late in (d for d in dates if re.match(late_re, d.lower()) and d != early):
                a = pl.col(early)
                if years:
                    a = a.dt.offset_by(f"{years}y")
                both = pl.col(late).is_not_null() & pl.col(early).is_not_null()
                bad_expr = (pl.col(late) <= a) if strict else (pl.col(late) < a)
                counts = frame.select(both.sum().alias("n"), (both & bad_expr).sum().alias("bad"))
                n, bad = counts.row(0)
                out.pairs += n
                out.inverted += bad
                if bad:
                    out.examples.append(f"{name}: {bad} rows {late} before {early}")
    statuses = [
        c
        for c in frame.columns
        if re.search(r"(^|_)(status|state)$", c.lower()) and frame[c].dtype == pl.String
    ]
    for status in statuses:
        out.add(_status_audit(name, frame, status, dates))
    out.add(_arithmetic_audit(name, frame, dates))
    return out


def _column(frame: pl.DataFrame, pattern: str, numbers: list[str]) -> str | None:
    return next((c for c in numbers if re.match(pattern, c.lower())), None)


def _judge(out: Figures, name: str, what: str, frame: pl.DataFrame, ok: pl.Expr) -> None:
    counts = frame.select(ok.is_not_null().sum().alias("n"), (ok.not_()).sum().alias("bad"))
    n, bad = counts.row(0)
    out.arithmetic_rows += n
    out.broken += bad or 0
    if bad:
        out.examples.append(f"{name}: {bad} rows break {what}")


def _arithmetic_audit(name: str, frame: pl.DataFrame, dates: list[str]) -> Figures:
    out = Figures()
    numbers = [c for c, t in frame.schema.items() if t.is_numeric()]
    done: set[str] = set()
    for target_re, terms in RELATIONS:
        target = _column(frame, target_re, numbers)
        if target is None or target in done:
            continue
        found = [(sign, [_column(frame, p, numbers) for p in factors]) for sign, factors in terms]
        principal = found[0][1]
        if None in principal:
            continue
        present = [(sign, cols) for sign, cols in found if None not in cols and target not in cols]
        if len(present) < 2 and len(principal) < 2:
            continue
        value = pl.lit(0.0)
        for sign, cols in present:
            product = pl.lit(float(sign))
            for c in cols:
                product = product * pl.col(c).cast(pl.Float64)  # type: ignore[arg-type]
            value = value + product
        have = pl.col(target).cast(pl.Float64)
        what = f"{target} = " + " ".join(f"{'+-'[s < 0]} {'*'.join(c)}" for s, c in present)  # type: ignore[arg-type]
        _judge(out, name, what, frame, (have - value).abs() <= 0.011 + 1e-9 * have.abs())
        done.add(target)
    subtotal = _column(frame, _money("subtotal|sub_total"), numbers)
    tax = _column(frame, _money("tax|tax_amount|vat"), numbers)
    if subtotal and tax:
        share = pl.col(tax).cast(pl.Float64) / pl.col(subtotal).cast(pl.Float64)
        _judge(out, name, f"{tax} a 0–30 % share of {subtotal}", frame, share.is_between(0, 0.3))
    nights = _column(frame, _NIGHTS, numbers)
    check_in = next((d for d in dates if re.match(_CHECK_IN, d.lower())), None)
    check_out = next((d for d in dates if re.match(_CHECK_OUT, d.lower())), None)
    if nights and check_in and check_out:
        span = (pl.col(check_out) - pl.col(check_in)).dt.total_seconds() / 86400.0
        ok = (pl.col(nights).cast(pl.Float64) - span).abs() <= 0.5
        _judge(out, name, f"{nights} = {check_out} - {check_in}", frame, ok)
    return out


def _status_audit(name: str, frame: pl.DataFrame, status: str, dates: list[str]) -> Figures:
    out = Figures()
    keys = frame[status].map_elements(_key, return_dtype=pl.String)
    bad = pl.Series([False] * frame.height)
    judged = pl.Series([False] * frame.height)
    for value_re, column_re in MUST_LACK:
        rows = keys.str.contains(value_re).fill_null(False)
        for d in (d for d in dates if re.match(column_re, d.lower())):
            judged |= rows
            bad |= rows & frame[d].is_not_null()
    for value_re, column_re in MUST_HAVE:
        rows = keys.str.contains(value_re).fill_null(False)
        for d in (d for d in dates if re.match(column_re, d.lower())):
            judged |= rows
            bad |= rows & frame[d].is_null()
    out.status_rows = int(judged.sum())
    out.contradicting = int(bad.sum())
    if out.contradicting:
        out.examples.append(f"{name}.{status}: {out.contradicting} rows contradict milestones")
    return out


def audit(frames: Mapping[str, pl.DataFrame]) -> Figures:
    """The figures over every table of a corpus or sample."""
    out = Figures()
    for name, frame in frames.items():
        out.add(audit_table(name, frame))
    for child, frame in frames.items():
        for column in frame.columns:
            parent = _parent_table(column, frames)
            if parent is not None and parent != child and "id" in frames[parent].columns:
                out.add(_family_audit(parent, frames[parent], child, frame, column))
    return out


_LINE = _money("line_total|line_amount|extended_price|total_price")
_SUBTOTAL = _money("subtotal|sub_total")
_BARE_TOTAL = _money("total|total_amount|order_total|invoice_total")
_EXTRAS = _money("tax|tax_amount|vat|shipping|shipping_\\w+|delivery_fee|discount|discount_amount")
_CREATED = _at("created|signup|sign_up|registered|joined|opened|founded")
_FIRST = _at("ordered|order|placed|booked|booking|started|start|appointment|visit|issued|sent")


def _parent_table(column: str, frames: Mapping[str, pl.DataFrame]) -> str | None:
    """The table a ``<thing>_id`` column names (``customer_id`` → customers)."""
    match = re.fullmatch(r"([a-z0-9_]+)_id", column)
    if match is None:
        return None
    stem = match.group(1)
    for name in (f"{stem}s", f"{stem}es", f"{stem[:-1]}ies" if stem.endswith("y") else ""):
        if name in frames:
            return name
    return None


def _family_audit(
    parent: str, parents: pl.DataFrame, child: str, children: pl.DataFrame, key: str
) -> Figures:
    out = Figures()
    lines = next((c for c in children.columns if re.match(_LINE, c)), None)
    target = next((c for c in parents.columns if re.match(_SUBTOTAL, c)), None)
    if target is None and not any(re.match(_EXTRAS, c) for c in parents.columns):
        target = next((c for c in parents.columns if re.match(_BARE_TOTAL, c)), None)
    grouped = children.filter(pl.col(key).is_not_null()).group_by(key)
    if lines is not None and target is not None:
        sums = grouped.agg(pl.col(lines).cast(pl.Float64).sum().alias("__sum"))
        joined = parents.join(sums, left_on="id", right_on=key, how="left")
        joined = joined.with_columns(pl.col("__sum").fill_null(0.0))
        ok = (pl.col(target).cast(pl.Float64) - pl.col("__sum")).abs() <= 0.011
        _judge(out, parent, f"{target} = sum({child}.{lines})", joined, ok)
    counter = next(
        (
            c
            for c in parents.columns
            if re.fullmatch(
                rf"({child}|{child.rstrip('s')}|{child.split('_')[-1].rstrip('s')})_count", c
            )
        ),
        None,
    )
    if counter is not None:
        counts = grouped.agg(pl.len().alias("__n"))
        joined = parents.join(counts, left_on="id", right_on=key, how="left")
        joined = joined.with_columns(pl.col("__n").fill_null(0))
        _judge(out, parent, f"{counter} = count({child})", joined, pl.col(counter) == pl.col("__n"))
    created = next((c for c in parents.columns if re.match(_CREATED, c)), None)
    first = next((c for c in children.columns if re.match(_FIRST, c)), None)
    if created is not None and first is not None:
        joined = children.join(
            parents.select(pl.col("id").alias(key), pl.col(created).alias("__created")), on=key
        )
        a, b = pl.col(first).cast(pl.Datetime("us")), pl.col("__created").cast(pl.Datetime("us"))
        both = joined.filter(pl.col(first).is_not_null() & pl.col("__created").is_not_null())
        early = int(both.select((a < b).sum()).item())
        out.child_rows += both.height
        out.early_children += early
        if early:
            out.examples.append(f"{child}: {early} rows {first} before {parent}.{created}")
    return out


#: Plain schemas as a user writes them (types from DDL: text, dates, numbers).
PLAIN: list[dict[str, object]] = [
    {
        "name": "orders",
        "fields": [
            {"name": "id", "type": "UUID"},
            {
                "name": "status",
                "type": "ENUM",
                "enum_values": ["pending", "paid", "shipped", "delivered", "cancelled"],
            },
            {"name": "ordered_at", "type": "DATETIME"},
            {"name": "paid_at", "type": "DATETIME"},
            {"name": "shipped_at", "type": "DATETIME"},
            {"name": "delivered_at", "type": "DATETIME"},
            {"name": "cancelled_at", "type": "DATETIME"},
            {"name": "total", "type": "DECIMAL"},
        ],
    },
    {
        "name": "sales_orders",
        "fields": [
            {"name": "id", "type": "INTEGER"},
            {"name": "status", "type": "STRING"},
            {"name": "order_date", "type": "DATE"},
            {"name": "ship_date", "type": "DATE"},
            {"name": "delivery_date", "type": "DATE"},
        ],
    },
    {
        "name": "invoices",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "status", "type": "STRING"},
            {"name": "issue_date", "type": "DATE"},
            {"name": "due_date", "type": "DATE"},
            {"name": "paid_on", "type": "DATE"},
            {"name": "amount", "type": "DECIMAL"},
        ],
    },
    {
        "name": "hotel_stays",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "booked_at", "type": "DATETIME"},
            {"name": "check_in", "type": "DATE"},
            {"name": "check_out", "type": "DATE"},
            {
                "name": "status",
                "type": "ENUM",
                "enum_values": ["confirmed", "checked_in", "completed", "cancelled", "no_show"],
            },
        ],
    },
    {
        "name": "employees",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "first_name", "type": "STRING"},
            {"name": "birth_date", "type": "DATE"},
            {"name": "hire_date", "type": "DATE"},
            {"name": "termination_date", "type": "DATE", "required": False},
        ],
    },
    {
        "name": "admissions",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "admitted_at", "type": "DATETIME"},
            {"name": "discharged_at", "type": "DATETIME"},
            {"name": "status", "type": "ENUM", "enum_values": ["admitted", "discharged"]},
        ],
    },
    {
        "name": "students",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "date_of_birth", "type": "DATE"},
            {"name": "enrollment_date", "type": "DATE"},
            {"name": "graduation_date", "type": "DATE"},
            {
                "name": "status",
                "type": "ENUM",
                "enum_values": ["enrolled", "graduated", "withdrawn"],
            },
        ],
    },
    {
        "name": "tickets",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "status", "type": "STRING"},
            {"name": "created_at", "type": "DATETIME"},
            {"name": "resolved_at", "type": "DATETIME"},
            {"name": "closed_at", "type": "DATETIME"},
            {"name": "updated_at", "type": "DATETIME"},
        ],
    },
    {
        "name": "appointments",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "scheduled_at", "type": "DATETIME"},
            {"name": "checked_in_at", "type": "DATETIME"},
            {"name": "completed_at", "type": "DATETIME"},
            {
                "name": "status",
                "type": "ENUM",
                "enum_values": ["scheduled", "completed", "cancelled", "no_show"],
            },
        ],
    },
    {
        "name": "leave_requests",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "requested_at", "type": "DATETIME"},
            {"name": "approved_at", "type": "DATETIME"},
            {"name": "completed_at", "type": "DATETIME"},
            {"name": "start_date", "type": "DATE"},
            {"name": "end_date", "type": "DATE"},
            {
                "name": "status",
                "type": "ENUM",
                "enum_values": ["requested", "approved", "rejected", "completed"],
            },
        ],
    },
    {
        "name": "payments",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "payment_status", "type": "STRING"},
            {"name": "created_at", "type": "DATETIME"},
            {"name": "paid_at", "type": "DATETIME"},
        ],
    },
    {
        "name": "flights",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "departure_time", "type": "DATETIME"},
            {"name": "arrival_time", "type": "DATETIME"},
        ],
    },
    {
        "name": "subscriptions",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "status", "type": "STRING"},
            {"name": "start_date", "type": "DATE"},
            {"name": "end_date", "type": "DATE"},
            {"name": "cancelled_at", "type": "DATETIME"},
            {"name": "created_at", "type": "DATETIME"},
            {"name": "updated_at", "type": "DATETIME"},
        ],
    },
]

#: Plain schemas with arithmetic in their names (issue 16, part 2).
PLAIN_ARITHMETIC: list[dict[str, object]] = [
    {
        "name": "order_lines",
        "fields": [
            {"name": "id", "type": "INTEGER"},
            {"name": "quantity", "type": "INTEGER"},
            {"name": "unit_price", "type": "DECIMAL"},
            {"name": "line_total", "type": "DECIMAL"},
        ],
    },
    {
        "name": "bills",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "issue_date", "type": "DATE"},
            {"name": "due_date", "type": "DATE"},
            {"name": "subtotal", "type": "DECIMAL"},
            {"name": "tax", "type": "DECIMAL"},
            {"name": "shipping", "type": "DECIMAL"},
            {"name": "discount", "type": "DECIMAL"},
            {"name": "total", "type": "DECIMAL"},
            {"name": "amount_paid", "type": "DECIMAL"},
            {"name": "balance", "type": "DECIMAL"},
        ],
    },
    {
        "name": "room_stays",
        "fields": [
            {"name": "id", "type": "UUID"},
            {"name": "check_in", "type": "DATE"},
            {"name": "check_out", "type": "DATE"},
            {"name": "nights", "type": "INTEGER"},
            {"name": "nightly_rate", "type": "DECIMAL"},
            {"name": "amount", "type": "DECIMAL"},
            {
                "name": "status",
                "type": "ENUM",
                "enum_values": ["confirmed", "checked_in", "completed", "cancelled"],
            },
        ],
    },
    {
        "name": "timesheets",
        "fields": [
            {"name": "id", "type": "INTEGER"},
            {"name": "hours", "type": "FLOAT"},
            {"name": "hourly_rate", "type": "AMOUNT"},
            {"name": "amount", "type": "AMOUNT"},
        ],
    },
    {
        "name": "sales",
        "fields": [
            {"name": "id", "type": "INTEGER"},
            {"name": "qty", "type": "INTEGER"},
            {"name": "price", "type": "AMOUNT"},
            {"name": "subtotal", "type": "AMOUNT"},
            {"name": "vat", "type": "AMOUNT"},
            {"name": "total_amount", "type": "AMOUNT"},
        ],
    },
]

#: Businesses as people describe them; the analyzer makes their schemas.
SENTENCES = [
    "An online shop with customers, orders, shipments and invoices",
    "A hotel with guests, rooms, reservations and invoices",
    "A hospital with patients, doctors, admissions and discharges",
    "A university with students, courses, enrollments and graduations",
    "An HR system with employees, departments and leave requests",
    "A helpdesk with customers, agents and support tickets",
    "A dental clinic with patients, dentists, appointments, treatments and invoices.",
    "A SaaS product with accounts, users, subscriptions, plans, invoices and support tickets.",
    "A logistics company with warehouses, trucks, drivers, shipments and deliveries.",
    "A public library with books, members, loans, fines and branches.",
    "A car rental company with cars, customers, rentals and payments",
    "A restaurant with tables, reservations, orders and staff",
    "A project management tool with projects, tasks, milestones and team members",
    "An airline with flights, aircraft, passengers, bookings and crew members.",
    "A bank with customers, accounts, loans and loan applications",
    "A gym with members, trainers, classes, bookings and membership payments.",
    "A marketplace where sellers list items, buyers place orders and pay invoices",
    "An online shop with customers, products, orders and order items",
    "A record label with artists, albums and tracks; each album has a title and a track count",
]


def plain_schemas() -> list[list[sd.Schema]]:
    """Each plain schema on its own, as a user would load it."""
    return [sd.load_schemas([body]) for body in PLAIN]


def arithmetic_schemas() -> list[list[sd.Schema]]:
    """Each plain schema with arithmetic on its own."""
    return [sd.load_schemas([body]) for body in PLAIN_ARITHMETIC]


def sentence_schemas() -> list[list[sd.Schema]]:
    """The analyzer's schemas for each sentence."""
    return [list(sd.infer_schemas(sd.analyze(text))) for text in SENTENCES]


def corpus_frames(
    schemas: Sequence[sd.Schema],
    out_dir: Path,
    *,
    seed: int = 7,
    workers: int = 1,
    batch_size: int = 50_000,
) -> dict[str, pl.DataFrame]:
    """A generated corpus (plain tables at 2,000 rows, analyzed ones at their volumes)."""
    total = 2000 * len(schemas) if all(s.volume is None for s in schemas) else None
    corpus = sd.generate(
        list(schemas),
        total_rows=total,
        seed=seed,
        out_dir=out_dir,
        workers=workers,
        batch_size=batch_size,
    )
    return {name: corpus.frame(name).collect() for name in corpus.tables}


def audit_corpora(sets: Iterable[Sequence[sd.Schema]], root: Path, **options: int) -> Figures:
    """Figures over a generated corpus of every set of schemas."""
    out = Figures()
    for i, schemas in enumerate(sets):
        out.add(audit(corpus_frames(schemas, root / str(i), **options)))
    return out


if __name__ == "__main__":
    import tempfile

    for label, sets in (
        ("plain", plain_schemas()),
        ("arithmetic", arithmetic_schemas()),
        ("sentences", sentence_schemas()),
    ):
        with tempfile.TemporaryDirectory() as tmp:
            figures = audit_corpora(sets, Path(tmp))
        print(f"{label}: {figures}")
        for example in figures.examples:
            print("   ", example)
