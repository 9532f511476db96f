"""Milestones: dates whose names say where they fall in a record's life, and statuses that say
which of them have happened.

A date column named for a step of a process (``ordered_at``, ``ship_date``, ``delivered_on``,
``date_of_birth``, ``check_out``, ``graduation_date``) is read as a :class:`Stage`; each stage
knows the stages it follows (shipping follows payment or ordering) and how long after them it
usually comes (days for shipping, 14–60 days for an invoice's due date, 1–14 nights for a hotel
stay, years for a degree). :func:`orderings` turns the stages of one table into ordering
constraints (``"shipped_at >= ordered_at"``, ``"hire_date >= birth_date + 16 years"``), one per
milestone, to its nearest earlier one.

A status column whose values name stages (``pending``, ``paid``, ``shipped``, ``cancelled``,
``no_show``) decides which milestones a row has: :func:`status_rules` writes, per status value,
the milestones that exist; the others of the rule are null. Planned dates (a start or due date,
an expected delivery) exist whatever the status.

Everything here is a pure function of names and types, like :mod:`.semantics`: what it infers
is written into the schema (``constraints`` and ``status_rules``), where users read and change it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from synthdata.schema.semantics import DATE_TYPES, STATUS_CHOICES, meaning, words
from synthdata.schema.types import FieldType

if TYPE_CHECKING:
    from synthdata.schema.field import Field

__all__ = [
    "PARENT_GAP",
    "STAGES",
    "Gap",
    "Milestone",
    "Spacing",
    "Stage",
    "ancestors",
    "gap_between",
    "milestones",
    "orderings",
    "parent_ordering",
    "reached",
    "stage_of_value",
    "status_fields",
    "status_rules",
]

_YEAR = 365.2425


class Gap(NamedTuple):
    """How long after its anchor a milestone comes, in days: log-normal around ``median``
    (``sigma`` the spread of the log), never outside ``lo``..``hi``."""

    median: float
    sigma: float
    lo: float
    hi: float


class Spacing(NamedTuple):
    """How a milestone lies after its anchor: the gap, whether it keeps its own date unless
    too early (``own``), and whether it is a plan that may lie in the future (``planned``)."""

    gap: Gap
    own: bool
    planned: bool
    #: Measured gaps in days at even probabilities, which replace ``gap`` when given.
    quantiles: tuple[float, ...] | None = None


class Stage(NamedTuple):
    """A step in a record's life.

    ``after`` lists the stages it follows, nearest first; ``gap`` how long after them it comes
    (``timed`` instead for timestamps, where it differs: a session ends hours after it starts, a
    project months). ``planned`` dates (start, due) exist whatever the status; ``opening`` stages
    (created, ordered) exist from the start; ``lasting`` ones (created, born, updated) are never
    ruled out by a status. ``own`` stages keep the date their meaning gives and are moved only
    when they would come too early (a hire date after a birth date); ``offset`` is the least
    gap written into the constraint (``+ 16 years``); ``strict`` ones come strictly later.
    """

    after: tuple[str, ...]
    gap: Gap
    timed: Gap | None = None
    planned: bool = False
    opening: bool = False
    lasting: bool = False
    own: bool = False
    offset: str | None = None
    strict: bool = False


_MINUTES = Gap(0.01, 1.0, 0.0007, 0.5)
_HOURS = Gap(0.1, 1.0, 0.005, 3)
_DAYS = Gap(2, 1.0, 0.02, 60)
_WEEKS = Gap(10, 0.9, 0.5, 180)
_YEARS = Gap(3 * _YEAR, 0.8, 30, 30 * _YEAR)
_LIFE = Gap(5 * _YEAR, 0.9, 0, 40 * _YEAR)
_OPENED = ("created", "requested", "submitted", "reported", "ordered", "booked", "issued")

#: Every stage, by its canonical name.
STAGES: dict[str, Stage] = {
    "birth": Stage((), _LIFE, lasting=True),
    "founded": Stage((), _LIFE, lasting=True),
    # the day something was done to a record that already existed (a hive harvested, a well
    # tested): no order within its table, but after its parent came to exist
    "occurred": Stage((), _LIFE, opening=True),
    "created": Stage(("birth",), _LIFE, opening=True, lasting=True, own=True),
    "updated": Stage(_OPENED, Gap(30, 1.2, 0, 3650), lasting=True, own=True),
    "last_seen": Stage(("created",), Gap(30, 1.2, 0, 3650), lasting=True, own=True),
    "hired": Stage(("birth",), _LIFE, opening=True, own=True, offset="16 years"),
    "terminated": Stage(("hired",), _YEARS),
    "enrolled": Stage(("birth", "created"), _LIFE, opening=True, own=True),
    "graduated": Stage(("enrolled",), Gap(4 * _YEAR, 0.2, 300, 8 * _YEAR)),
    "admitted": Stage(("birth", "created"), _LIFE, opening=True, own=True),
    "discharged": Stage(("admitted",), Gap(4, 0.8, 0.1, 60)),
    "requested": Stage(("created",), _MINUTES, opening=True),
    "submitted": Stage(("requested", "created"), _MINUTES, opening=True),
    "reported": Stage(("created",), _MINUTES, opening=True),
    "ordered": Stage(("created",), _MINUTES, opening=True),
    "booked": Stage(("created",), _MINUTES, opening=True),
    "issued": Stage(("ordered", "created"), Gap(1, 1.0, 0, 30), opening=True),
    "confirmed": Stage(("booked", "ordered", "requested", "created"), _HOURS),
    "assigned": Stage(("reported", "submitted", "requested", "created"), _HOURS),
    "reviewed": Stage(("submitted", "requested", "created"), _DAYS),
    "approved": Stage(("reviewed", "submitted", "requested", "created"), Gap(3, 1.0, 0.01, 90)),
    "rejected": Stage(("reviewed", "submitted", "requested", "created"), Gap(3, 1.0, 0.01, 90)),
    "paid": Stage(("issued", "ordered", "booked", "created"), Gap(0.05, 1.5, 0, 45)),
    "shipped": Stage(("paid", "ordered", "created"), Gap(1.5, 0.7, 0.05, 14)),
    "delivered": Stage(("shipped",), Gap(3, 0.5, 0.3, 21)),
    "returned": Stage(("delivered",), Gap(10, 0.6, 1, 60)),
    "cancelled": Stage(_OPENED, Gap(1, 1.2, 0.01, 30)),
    "due": Stage(("issued", "ordered", "created"), Gap(30, 0.4, 14, 60), planned=True),
    "expires": Stage(("issued", "start", "created"), Gap(_YEAR, 0.6, 30, 10 * _YEAR), planned=True),
    "check_in": Stage(("booked", "created"), Gap(20, 1.1, 0, 365), planned=True),
    "check_out": Stage(("check_in",), Gap(2.5, 0.6, 1, 14), planned=True, strict=True),
    "departure": Stage(("booked", "created"), Gap(20, 1.1, 0, 365), planned=True),
    "arrival": Stage(("departure",), Gap(0.1, 0.6, 0.02, 1), planned=True, strict=True),
    "scheduled": Stage(("booked", "created"), Gap(20, 1.1, 0, 365), planned=True),
    "pickup": Stage(("booked", "ordered", "created"), _HOURS, planned=True),
    "dropoff": Stage(("pickup",), Gap(0.015, 0.6, 0.002, 0.3), planned=True, strict=True),
    "start": Stage(
        ("approved", "assigned", "confirmed", "booked", "ordered", "created"),
        _DAYS,
        planned=True,
    ),
    "end": Stage(("start", "started"), Gap(30, 1.2, 0.5, 1100), _HOURS, planned=True),
    "started": Stage(("approved", "assigned", "confirmed", "booked", "created"), _DAYS),
    "completed": Stage(
        (
            *("started", "check_in", "delivered", "resolved", "approved", "paid", "assigned"),
            *("submitted", "scheduled", "start", "requested", "booked", "ordered", "created"),
        ),
        Gap(7, 1.0, 0.05, 365),
        _HOURS,
    ),
    "ended": Stage(("started", "start"), Gap(30, 1.2, 0.5, 1100), _HOURS),
    "resolved": Stage(("assigned", "reported", "created"), Gap(1.5, 1.2, 0.01, 60)),
    "closed": Stage(("resolved", "completed", "reported", "created"), Gap(1, 1.0, 0, 30)),
}

#: Words a column or a status value uses for a stage (past participles, nouns, verbs).
_FORMS: dict[str, str] = {
    **dict.fromkeys("birth born dob birthday birthdate".split(), "birth"),
    **dict.fromkeys("founded established incorporated".split(), "founded"),
    **dict.fromkeys(
        (
            "created creation registered registration signup joined inserted since installed "
            "installation commissioned planted signed intake"
        ).split(),
        "created",
    ),
    **dict.fromkeys("updated modified changed edited".split(), "updated"),
    **dict.fromkeys("hire hired employment".split(), "hired"),
    **dict.fromkeys("terminated termination resigned separation left fired".split(), "terminated"),
    **dict.fromkeys("enroll enrol enrolled enrollment enrolment matriculated".split(), "enrolled"),
    **dict.fromkeys("graduate graduated graduation".split(), "graduated"),
    **dict.fromkeys("admit admitted admission".split(), "admitted"),
    **dict.fromkeys("discharge discharged".split(), "discharged"),
    **dict.fromkeys("request requested".split(), "requested"),
    **dict.fromkeys("submit submitted submission applied".split(), "submitted"),
    **dict.fromkeys("report reported opened".split(), "reported"),
    **dict.fromkeys("order ordered placed purchase purchased po".split(), "ordered"),
    **dict.fromkeys("book booked booking reservation reserved".split(), "booked"),
    **dict.fromkeys("issue issued invoice invoiced billed sent".split(), "issued"),
    **dict.fromkeys("confirm confirmed confirmation".split(), "confirmed"),
    **dict.fromkeys("assign assigned assignment".split(), "assigned"),
    **dict.fromkeys("review reviewed".split(), "reviewed"),
    **dict.fromkeys("approve approved approval accepted".split(), "approved"),
    **dict.fromkeys("reject rejected rejection declined denied refused".split(), "rejected"),
    **dict.fromkeys("pay paid payment settled".split(), "paid"),
    **dict.fromkeys("ship shipped shipping shipment dispatch dispatched".split(), "shipped"),
    **dict.fromkeys("deliver delivered delivery receive received receipt".split(), "delivered"),
    **dict.fromkeys("return returned refund refunded".split(), "returned"),
    **dict.fromkeys("cancel cancelled canceled cancellation".split(), "cancelled"),
    **dict.fromkeys("due deadline".split(), "due"),
    **dict.fromkeys("expiry expires expire expiration expired".split(), "expires"),
    **dict.fromkeys("checkin check_in checked_in".split(), "check_in"),
    **dict.fromkeys("checkout check_out checked_out".split(), "check_out"),
    **dict.fromkeys("departure depart departed departs".split(), "departure"),
    **dict.fromkeys("arrival arrive arrived arrives".split(), "arrival"),
    **dict.fromkeys("scheduled appointment slot".split(), "scheduled"),
    **dict.fromkeys("pickup pick_up picked_up".split(), "pickup"),
    **dict.fromkeys("dropoff drop_off dropped_off".split(), "dropoff"),
    **dict.fromkeys("start begin begins starts from commencement".split(), "start"),
    **dict.fromkeys("end ends until finish".split(), "end"),
    **dict.fromkeys("started began commenced".split(), "started"),
    **dict.fromkeys("complete completed completion done fulfilled finished".split(), "completed"),
    **dict.fromkeys("ended".split(), "ended"),
    **dict.fromkeys("resolve resolved resolution".split(), "resolved"),
    **dict.fromkeys("close closed closure".split(), "closed"),
    **dict.fromkeys("last_login last_seen last_active last_activity".split(), "last_seen"),
}
#: Past participles of things done to a record that already exists ("harvested_on",
#: "inspected_at"): read from column names only, never from status values.
_DONE_FORMS = dict.fromkeys(
    (
        "harvested inspected recorded logged measured observed performed collected tested "
        "sampled weighed visited occurred happened administered treated serviced repaired "
        "cleaned scanned counted surveyed audited"
    ).split(),
    "occurred",
)
#: Words that carry no stage: the unit of the column, or where it is kept.
_DATE_WORDS = frozenset("at on date time timestamp ts datetime dt day of utc local".split())
#: Words that make a milestone a plan rather than an event.
_PLANNED_WORDS = frozenset("estimated expected planned target promised est eta".split())
#: Status values that name no stage but say how far a record got.
_BEFORE = frozenset(
    "pending new draft open awaiting waiting queued on_hold hold held backordered unpaid "
    "not_started todo to_do planned scheduled upcoming no_show noshow overdue past_due trialing "
    "label_created processing void voided failed abandoned withdrawn unconfirmed".split()
)
_UNDER_WAY = {
    "in_progress": "started",
    "active": "started",
    "ongoing": "started",
    "in_transit": "shipped",
    "out_for_delivery": "shipped",
    "lost": "shipped",
    "under_review": "submitted",
    "in_review": "submitted",
    "checked_in": "check_in",
    "checked_out": "check_out",
}
_STATUS_WORDS = frozenset({"status", "state", "stage"})


class Milestone(NamedTuple):
    """A date column read as a stage; ``planned`` ones exist whatever the status."""

    field: str
    stage: str
    planned: bool


def _column_stage(name: str) -> tuple[str, bool] | None:
    """The stage a column's name says, and whether it is a plan rather than an event."""
    col = words(name)
    joined = "_".join(col)
    planned = bool(set(col) & _PLANNED_WORDS)
    for i in range(len(col) - 1):
        pair = f"{col[i]}_{col[i + 1]}"
        if pair in _FORMS:
            return _read(_FORMS[pair], col[i], planned)
    if joined.startswith(("valid_until", "valid_to", "valid_thru", "good_until")):
        return "expires", True
    found = [w for w in col if w not in _DATE_WORDS and w in _FORMS]
    if not found:
        if planned and set(col) <= _PLANNED_WORDS | _DATE_WORDS:
            return "due", True  # "expected_date", "target_date": a plan after the opening
        done = [w for w in col if w in _DONE_FORMS or _done_to_it(w)]
        if done and not planned:
            return "occurred", False
        return None
    return _read(_FORMS[found[-1]], found[-1], planned)


def _done_to_it(word: str) -> bool:
    """A past participle no stage names: something done to a record that already exists
    (``watered_at``, ``pruned_on``, ``regauged_at``), as the words in ``_DONE_FORMS``."""
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


def _read(stage: str, word: str, planned: bool) -> tuple[str, bool]:
    spec = STAGES[stage]
    # "started_at" is an event; "start_date" a plan.
    if spec.planned and word.endswith("ed") and stage in ("check_in", "check_out"):
        return stage, planned
    return stage, planned or spec.planned


def milestones(fields: Iterable[Field]) -> list[Milestone]:
    """The table's date columns that name a stage, one per stage (the first such column)."""
    seen: dict[str, Milestone] = {}
    for f in fields:
        if f.type not in DATE_TYPES or f.is_unique:
            continue
        read = _column_stage(f.name)
        if read is not None and read[0] not in seen:
            seen[read[0]] = Milestone(f.name, *read)
    return list(seen.values())


def _anchors(stage: str, present: dict[str, Milestone]) -> list[str]:
    """The nearest present stages this one follows: every one at the nearest step that has any
    (a completion follows both the check-in and the approval when a table has both)."""
    todo, seen = list(STAGES[stage].after), {stage}
    while todo:
        found = [s for s in todo if s in present]
        if found:
            return list(dict.fromkeys(found))
        seen.update(todo)
        todo = [a for s in todo for a in STAGES[s].after if a not in seen]
    return []


def orderings(fields: Sequence[Field], written: Iterable[tuple[str, str]] = ()) -> list[str]:
    """Ordering constraints between a table's milestones, as strings
    (``"shipped_at >= ordered_at"``): each milestone after the nearest earlier one present.

    ``written`` holds the pairs the schema already orders (either way round); they are left out,
    as is anything that would close a cycle with them.
    """
    found = milestones(fields)
    present = {m.stage: m for m in found}
    taken = {frozenset(p) for p in written}
    needs: dict[str, set[str]] = {}
    for a, b in written:
        needs.setdefault(a, set()).add(b)
    out = []
    for m in found:
        for near in _anchors(m.stage, present):
            other = present[near].field
            if frozenset((m.field, other)) in taken or m.field in reach(other, needs):
                continue
            spec = STAGES[m.stage]
            op = ">" if spec.strict else ">="
            tail = f" + {spec.offset}" if spec.offset and near == spec.after[0] else ""
            out.append(f"{m.field} {op} {other}{tail}")
            needs.setdefault(m.field, set()).add(other)
    return out


def reach(name: str, needs: dict[str, set[str]]) -> set[str]:
    """``name`` and every field it needs, directly or through others."""
    found, todo = {name}, [name]
    while todo:
        for other in needs.get(todo.pop(), set()) - found:
            found.add(other)
            todo.append(other)
    return found


def gap_between(
    table_fields: Sequence[Field], later: str, earlier: str, timestamp: bool
) -> Spacing | None:
    """How long after ``earlier`` a milestone ``later`` comes, when both name stages; None
    otherwise."""
    present = {m.field: m for m in milestones(table_fields)}
    if later not in present or earlier not in present:
        return None
    stage, before = present[later].stage, present[earlier].stage
    spec = STAGES[stage]
    gap = spec.timed if timestamp and spec.timed is not None else spec.gap
    gap = _AFTER.get((stage, before), gap)
    steps = _path(stage, before)
    if steps > 1:  # the stages between are missing: the gaps add up
        gap = Gap(gap.median * steps, gap.sigma, gap.lo, gap.hi * steps)
    return Spacing(gap, spec.own and before == spec.after[0], present[later].planned)


#: How long after its parent row was created a child's first event comes (an order after its
#: customer signed up): weeks to years; a child keeps its own date whenever that is later.
PARENT_GAP = Gap(60, 1.3, 0, 10 * _YEAR)

#: Stages that say when a parent row came to exist (signed up, registered, founded, issued).
_BEGINNINGS = ("created", "founded", "issued")


def parent_ordering(child: Sequence[Field], parent: Sequence[Field]) -> tuple[str, str] | None:
    """The child's first event and the parent's creation date it follows, as
    ``(child field, parent field)``, when both tables have one; None otherwise."""
    present = {m.stage: m for m in milestones(child)}
    first = [
        m
        for m in present.values()
        if not m.planned and m.stage not in ("birth", "founded") and not _anchors(m.stage, present)
    ]
    if len(first) > 1:  # a creation date beside "harvested_on": the creation comes first
        first = [m for m in first if m.stage != "occurred"]
    born = {m.stage: m for m in milestones(parent) if not m.planned}
    began = next((born[s] for s in _BEGINNINGS if s in born), None)
    if len(first) != 1 or began is None:
        return None
    return first[0].field, began.field


#: Gaps that depend on what a stage follows: an order is paid at checkout, an invoice weeks
#: after it is issued.
_AFTER = {("paid", "issued"): Gap(18, 0.6, 0, 120)}


def _path(stage: str, before: str) -> int:
    todo, seen, depth = [stage], {stage}, 0
    while todo:
        if before in todo:
            return max(depth, 1)
        nxt = [a for s in todo for a in STAGES[s].after if a not in seen]
        seen.update(nxt)
        todo, depth = nxt, depth + 1
    return 1


# --- Statuses ------------------------------------------------------------------------------


def ancestors(stage: str) -> set[str]:
    """Every stage ``stage`` comes after, near or far."""
    found: set[str] = set()
    todo = [stage]
    while todo:
        for a in STAGES[todo.pop()].after:
            if a not in found:
                found.add(a)
                todo.append(a)
    return found


def stage_of_value(value: str) -> str | None:
    """What a status value says of a record's progress: the stage it names (``shipped``), the
    stage it is at (``in_transit`` → shipped), ``""`` for one not yet past its opening stages
    (``pending``, ``draft``, ``no_show``), or None when it says nothing of them."""
    key = "_".join(words(value.replace(" ", "_").replace("-", "_")))
    if key in _BEFORE:
        return ""
    if key in _UNDER_WAY:
        return _UNDER_WAY[key]
    if key in _FORMS:
        return _FORMS[key]
    return None


def reached(value_stage: str, present: Iterable[Milestone]) -> list[str]:
    """The milestones (field names) a record at ``value_stage`` has: that stage, the stages
    before it, and opening stages; ``""`` reaches only the opening (and lasting) ones."""
    keep = {value_stage} | ancestors(value_stage) if value_stage else set()
    out = []
    for m in present:
        spec = STAGES[m.stage]
        if m.stage in keep or spec.lasting or spec.opening:
            out.append(m.field)
    return out


def status_fields(fields: Sequence[Field], table: str) -> list[tuple[Field, list[str]]]:
    """The table's status columns with their possible values: ENUMs named ``status``,
    ``state`` or ``stage`` (``order_status``), and STRING ones whose meaning is a status."""
    names = [f.name for f in fields]
    out = []
    for f in fields:
        col = words(f.name)
        if not col or col[-1] not in _STATUS_WORDS:
            continue
        if f.type is FieldType.ENUM and f.enum_values:
            out.append((f, list(f.enum_values)))
        elif f.type is FieldType.STRING and not f.is_unique and not f.pattern:
            kind = meaning(f, table, names)
            if kind in STATUS_CHOICES:
                out.append((f, list(STATUS_CHOICES[kind])))
    return out


def status_rules(
    fields: Sequence[Field], table: str, written: Iterable[str] = ()
) -> list[dict[str, object]]:
    """Status rules for a table, in the schema's JSON form: for the table's main status column,
    per value that says how far a record got, the milestones it has (the others of
    ``milestones`` are null). Columns in ``written`` already have a rule and are left out."""
    events = [m for m in milestones(fields) if not m.planned]
    taken = set(written)
    required = {f.name for f in fields if f.required}
    for f, values in status_fields(fields, table):
        if f.name in taken:
            return []
        mine = _governed(f.name, events)
        when = {}
        for v in values:
            stage = stage_of_value(v)
            if stage is not None:
                when[v] = reached(stage, mine)
        if len(when) < 2:
            continue
        fields_ruled = [
            m.field
            for m in mine
            if m.field not in required or any(m.field not in have for have in when.values())
        ]
        if not fields_ruled:
            continue
        return [
            {
                "field": f.name,
                "milestones": fields_ruled,
                "when": {v: [x for x in have if x in fields_ruled] for v, have in when.items()},
            }
        ]
    return []


def _governed(status: str, events: list[Milestone]) -> list[Milestone]:
    """The milestones a status column speaks for: all of them for ``status``, those of its own
    stage for a qualified one (``payment_status`` → ``paid_at``)."""
    qualifier = [_FORMS[w] for w in words(status)[:-1] if w in _FORMS]
    if not qualifier or STAGES[qualifier[-1]].opening:
        return events
    return [m for m in events if m.stage == qualifier[-1]]
