"""Values picked from a short list: enums (weighted as given, else as the world is), booleans,
currency codes."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import polars as pl

from synthdata.generate import vocab
from synthdata.generate.context import Batch
from synthdata.schema import Field
from synthdata.schema.traits import FIELD_TRAITS

__all__ = [
    "ENUM_HINTS",
    "boolean",
    "currency_code",
    "enum",
    "enum_weights",
    "grouped_weights",
    "listed",
    "weighted",
]

#: How common a value is where the world is skewed, by its name (lower case, words joined by
#: ``_``): most orders are delivered, most tickets low or medium priority, most accounts
#: active, most payments by card. An ENUM without ``enum_weights`` whose values are mostly named
#: here is weighted by them; other values get the median weight of the named ones. Values not
#: named here (days of the week, colours, makes of car) stay uniform, as the world has them.
ENUM_HINTS: dict[str, float] = {
    # Orders, shipments, payments, invoices
    "delivered": 60,
    "completed": 60,
    "complete": 60,
    "fulfilled": 55,
    "shipped": 12,
    "in_transit": 10,
    "out_for_delivery": 4,
    "processing": 8,
    "pending": 7,
    "placed": 6,
    "confirmed": 20,
    "cancelled": 6,
    "canceled": 6,
    "returned": 4,
    "refunded": 3,
    "partially_refunded": 1,
    "failed": 3,
    "declined": 3,
    "disputed": 1,
    "chargeback": 1,
    "paid": 70,
    "unpaid": 12,
    "overdue": 8,
    "partially_paid": 5,
    "partial": 5,
    "void": 2,
    "voided": 2,
    "draft": 5,
    "sent": 12,
    "succeeded": 88,
    "success": 88,
    "successful": 88,
    "authorized": 6,
    "lost": 1,
    "damaged": 1,
    "on_hold": 4,
    "backordered": 3,
    # Tickets, tasks, projects, applications
    "open": 20,
    "new": 12,
    "in_progress": 15,
    "waiting": 5,
    "waiting_parts": 5,
    "waiting_on_customer": 5,
    "resolved": 25,
    "closed": 35,
    "reopened": 2,
    "escalated": 3,
    "planned": 15,
    "not_started": 12,
    "todo": 15,
    "to_do": 15,
    "blocked": 4,
    "done": 40,
    "in_review": 8,
    "under_review": 12,
    "review": 8,
    "submitted": 12,
    "approved": 45,
    "rejected": 20,
    "denied": 15,
    "withdrawn": 3,
    "expired": 5,
    "invoiced": 20,
    "scheduled": 20,
    "no_show": 5,
    "rescheduled": 4,
    "checked_in": 10,
    "checked_out": 30,
    # Lifecycles in the catalogue's domains (samples, vehicles, loans, animals, stock, …)
    "received": 10,
    "in_testing": 8,
    "tested": 30,
    "disposed": 8,
    "running": 30,
    "stopped": 10,
    "terminated": 5,
    "queued": 10,
    "passed": 80,
    "pass": 80,
    "fail": 12,
    "error": 5,
    "info": 70,
    "warning": 20,
    "registered": 40,
    "filed": 15,
    "examination": 25,
    "abandoned": 4,
    "transferred": 5,
    "in_use": 40,
    "idle": 15,
    "in_shop": 6,
    "out_of_service": 4,
    "down": 3,
    "offline": 4,
    "operating": 60,
    "standby": 15,
    "charging": 20,
    "faulted": 3,
    "rework": 5,
    "cleaning": 10,
    "repaid": 35,
    "defaulted": 4,
    "written_off": 2,
    "applied": 20,
    "sanctioned": 15,
    "disbursed": 50,
    "funded": 30,
    "paid_out": 40,
    "pledged": 40,
    "collected": 45,
    "redeemed": 30,
    "renewed": 25,
    "forfeited": 5,
    "created": 10,
    "purchased": 30,
    "present": 85,
    "absent": 7,
    "late": 6,
    "excused": 3,
    "booked": 25,
    "attended": 60,
    "taken": 85,
    "refused": 5,
    "missed": 6,
    "not_required": 4,
    "screening": 35,
    "interview": 20,
    "offer": 6,
    "hired": 4,
    "qualified": 20,
    "contacted": 30,
    "disqualified": 15,
    "converted": 10,
    "follow_up": 20,
    "not_interested": 15,
    "prospecting": 30,
    "proposal": 20,
    "negotiation": 12,
    "won": 15,
    "expected": 15,
    "receiving": 10,
    "picking": 20,
    "packed": 20,
    "loaded": 20,
    "at_terminal": 25,
    "dispatched": 15,
    "boarding": 5,
    "departed": 10,
    "arrived": 50,
    "delayed": 8,
    "fermenting": 20,
    "conditioning": 20,
    "packaged": 50,
    "dumped": 3,
    "filled": 30,
    "maturing": 40,
    "emptied": 10,
    "empty": 20,
    "drilling": 10,
    "producing": 60,
    "shut_in": 15,
    "plugged": 15,
    "milking": 60,
    "dry": 15,
    "heifer": 20,
    "healthy": 75,
    "sick": 8,
    "injured": 5,
    "underweight": 6,
    "queenless": 5,
    "swarmed": 5,
    "combined": 3,
    "deceased": 2,
    "dead": 3,
    "adopted": 50,
    "fostered": 10,
    "on_display": 55,
    "off_display": 30,
    "quarantine": 5,
    "serving": 70,
    "paroled": 15,
    "appealed": 10,
    "started": 10,
    "finished": 75,
    "dnf": 10,
    "dns": 5,
    # Levels, ratings and classes where some are far more common
    "beginner": 45,
    "intermediate": 35,
    "advanced": 20,
    "expert": 8,
    "a1": 10,
    "a2": 15,
    "b1": 25,
    "b2": 25,
    "c1": 15,
    "c2": 10,
    "p1": 5,
    "p2": 15,
    "p3": 45,
    "p4": 35,
    "minimum": 40,
    "maximum": 15,
    "g": 10,
    "pg": 25,
    "pg13": 35,
    "pg_13": 35,
    "r": 30,
    "nc17": 1,
    "nc_17": 1,
    "least_concern": 50,
    "near_threatened": 15,
    "vulnerable": 15,
    "endangered": 12,
    "critically_endangered": 8,
    "amateur": 50,
    "youth": 25,
    "semi_pro": 20,
    "professional": 5,
    # Priorities and severities
    "low": 45,
    "medium": 35,
    "normal": 40,
    "moderate": 30,
    "high": 15,
    "urgent": 5,
    "critical": 4,
    "blocker": 2,
    "minor": 40,
    "major": 15,
    "trivial": 10,
    "severe": 4,
    # Accounts, memberships, listings
    "active": 80,
    "inactive": 12,
    "suspended": 3,
    "banned": 1,
    "deleted": 2,
    "archived": 10,
    "published": 75,
    "unpublished": 8,
    "hidden": 3,
    "verified": 70,
    "unverified": 30,
    "trial": 8,
    "trialing": 8,
    "past_due": 4,
    "paused": 3,
    "churned": 10,
    "in_stock": 80,
    "out_of_stock": 8,
    "low_stock": 7,
    "discontinued": 3,
    "available": 70,
    "unavailable": 10,
    "reserved": 10,
    "sold": 20,
    "occupied": 60,
    "vacant": 15,
    "maintenance": 5,
    "retired": 3,
    # Payment methods and channels
    "credit_card": 45,
    "card": 60,
    "debit_card": 22,
    "visa": 40,
    "mastercard": 30,
    "amex": 12,
    "american_express": 12,
    "discover": 5,
    "paypal": 12,
    "apple_pay": 7,
    "google_pay": 4,
    "cash": 15,
    "bank_transfer": 6,
    "wire": 3,
    "wire_transfer": 3,
    "ach": 5,
    "check": 3,
    "cheque": 3,
    "gift_card": 2,
    "crypto": 1,
    "store_credit": 2,
    "invoice": 4,
    "online": 60,
    "in_store": 30,
    "phone": 8,
    "mobile": 35,
    "web": 45,
    "desktop": 40,
    "tablet": 8,
    "email": 30,
    "chat": 25,
    "social": 8,
    # Plans, tiers, classes, kinds of employment
    "free": 50,
    "basic": 25,
    "standard": 40,
    "pro": 15,
    "plus": 12,
    "premium": 12,
    "enterprise": 4,
    "business": 12,
    "gold": 8,
    "silver": 15,
    "bronze": 25,
    "platinum": 3,
    "economy": 70,
    "premium_economy": 8,
    "first": 4,
    "first_class": 4,
    "business_class": 12,
    "full_time": 75,
    "part_time": 15,
    "contract": 7,
    "contractor": 7,
    "temporary": 4,
    "intern": 3,
    "internship": 3,
    "express": 25,
    "overnight": 8,
    "same_day": 3,
    "ground": 45,
    "pickup": 12,
    "monthly": 65,
    "annual": 25,
    "yearly": 25,
    "quarterly": 8,
    "weekly": 6,
    "one_time": 10,
    # People
    "male": 49,
    "female": 49,
    "non_binary": 1,
    "nonbinary": 1,
    "other": 2,
    "unknown": 2,
    "prefer_not_to_say": 2,
    "undisclosed": 2,
    "not_specified": 2,
    # Conditions and grades of quality
    "excellent": 25,
    "good": 45,
    "fair": 20,
    "poor": 10,
    "like_new": 15,
    "used": 50,
    "refurbished": 8,
    "new_condition": 30,
}

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _hint_key(value: str) -> str:
    return _NOT_WORD.sub("_", value.lower()).strip("_")


def enum_weights(values: list[str]) -> np.ndarray | None:
    """Weights for an ENUM's values from :data:`ENUM_HINTS`, or None where the world is even
    (fewer than two values, or not most of them, are named there)."""
    found = [ENUM_HINTS.get(_hint_key(v)) for v in values]
    known = [w for w in found if w is not None]
    if len(known) < 2 or 2 * len(known) < len(values) or len(set(known)) < 2:
        return None
    middle = float(np.median(known))
    return np.array([middle if w is None else w for w in found], dtype=float)


def currency_code(batch: Batch, f: Field) -> pl.Series:
    own = vocab.LOCALE_CURRENCY.get(batch.locale(f), "USD")
    values = [own, *[c for c in vocab.CURRENCIES if c != own]]
    weights = np.array([8.0] + [1.0 / (i + 1) for i in range(len(values) - 1)])
    return weighted(batch, f, values, weights)


def weighted(batch: Batch, f: Field, values: list[str], weights: np.ndarray) -> pl.Series:
    return pl.Series(values, dtype=pl.String).gather(_picks(batch, f, weights))


def _picks(batch: Batch, f: Field, weights: np.ndarray) -> np.ndarray:
    """Each row's place in the listed values: drawn at ``weights``, or with ``values_by`` at
    the weights listed for the row's driving value (``weights`` where it is not listed)."""
    u = batch.uniform(f.name, "pick")
    if f.values_by is None:
        cum = np.cumsum(weights / weights.sum())
        return np.minimum(np.searchsorted(cum, u, side="right"), len(weights) - 1)
    by = tuple((k, tuple(v)) for k, v in f.values_by.weights.items())
    table, keys = grouped_weights(tuple(float(w) for w in weights), by)
    driver = batch.columns[f.values_by.column]
    # Group 0 is the field's own weights; a listed value's group is its place in ``keys`` + 1.
    group = (
        driver.cast(pl.String)
        .replace_strict(
            pl.Series(keys, dtype=pl.String),
            range(1, len(keys) + 1),
            default=0,
            return_dtype=pl.Int64,
        )
        .to_numpy()
    )
    # One search per group present, over the rows sorted by group (stable, so any batch split
    # reads the same draws for the same rows).
    order = np.argsort(group, kind="stable")
    present, starts = np.unique(group[order], return_index=True)
    ends = np.append(starts[1:], len(order))
    picks = np.empty(len(group), dtype=np.int64)
    last = table.shape[1] - 1
    for g, lo, hi in zip(present.tolist(), starts.tolist(), ends.tolist(), strict=True):
        rows = order[lo:hi]
        picks[rows] = np.minimum(np.searchsorted(table[g], u[rows], side="right"), last)
    return picks


@functools.lru_cache(maxsize=64)
def grouped_weights(
    own: tuple[float, ...], by: tuple[tuple[str, tuple[float, ...]], ...]
) -> tuple[npt.NDArray[np.float64], tuple[str, ...]]:
    """A field's own weights and its ``values_by`` lists (``by``: driving value → weights) as
    one table of cumulative shares, a row per list (the field's own first), and the driving
    values in list order.

    Cache: filled by the first batch of each field with ``values_by`` in each process, so
    batches do not add up the lists each time; a read-only array that is a pure function of
    the weights (the last 64 fields stay).
    """
    rows = np.array([own, *(weights for _, weights in by)], dtype=np.float64)
    table = np.cumsum(rows / rows.sum(axis=1, keepdims=True), axis=1)
    table.flags.writeable = False
    return table, tuple(k for k, _ in by)


def listed(batch: Batch, f: Field, own: Callable[[], pl.Series]) -> pl.Series:
    """A field's ``values`` at their ``weights`` (even without), as its type holds them; with
    ``other``, that share of rows takes what ``own`` draws (the column's own kind) instead."""
    pool = pl.Series(f.listed()).cast(FIELD_TRAITS[f.type].dtype)
    weights = np.array(f.weights or [1.0] * len(pool), dtype=float)
    picked = pool.gather(_picks(batch, f, weights))
    if not f.other:
        return picked
    instead = batch.uniform(f.name, "other") < f.other
    if not instead.any():
        return picked
    drawn = own().cast(picked.dtype)
    return pl.select(
        pl.when(pl.lit(pl.Series(instead))).then(pl.lit(drawn)).otherwise(pl.lit(picked))
    ).to_series()


def enum(batch: Batch, f: Field) -> pl.Series:
    assert f.enum_values is not None  # guaranteed by Field validation
    if f.enum_weights:
        weights = np.array(f.enum_weights, dtype=float)
    else:
        hinted = enum_weights(f.enum_values)
        weights = np.ones(len(f.enum_values)) if hinted is None else hinted
    return weighted(batch, f, f.enum_values, weights)


def boolean(batch: Batch, f: Field) -> pl.Series:
    return pl.Series(batch.uniform(f.name) < 0.5)
