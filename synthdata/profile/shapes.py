"""One column's shape, measured from its values and written as ordinary field options.

:func:`column_field` turns a polars column into the options of a :class:`synthdata.Field`: its
type, null rate, and then one of

* ``values``/``weights``/``other`` (``enum_values``/``enum_weights`` for ENUM) for columns with
  few distinct values, keeping only values that occur at least ``k`` times;
* ``quantiles`` for numbers, dates and datetimes, ``k`` rows or more per step, the ends at the
  ``k``-th smallest and largest values so no value fewer than ``k`` rows reach is written down;
* ``pattern`` for codes and identifiers (``#`` a digit, ``?`` an upper-case letter, ``*`` either);
* a ``semantic`` meaning (or a type such as EMAIL and PHONE) for names, e-mails, phones,
  addresses and free text, which are regenerated from vocabularies and never listed.

Everything is computed with polars and numpy over whole columns.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl

from synthdata.schema import Field, FieldType, semantics as sem
from synthdata.schema.traits import FIELD_TRAITS

__all__ = [
    "PERSONAL",
    "ColumnShape",
    "code_pattern",
    "column_field",
    "number",
    "quantile_points",
]

#: Meanings whose values could point at a person: never listed, always regenerated.
PERSONAL = frozenset(
    {
        "first_name",
        "last_name",
        "full_name",
        "email",
        "phone",
        "street_address",
        "address",
        "postal_code",
        "username",
        "iban",
        "ip_address",
        "url",
        "review",
        "ticket_subject",
    }
)
#: Most distinct values a column may have and still be listed as categories.
MAX_CATEGORIES = 100
#: Quantile points written for a number or date column (at most; fewer for small tables).
QUANTILES = 101
_EMAIL = r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"
_PHONE = r"^\+?[\d\s().-]{7,20}$"
_UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


def number(value: object) -> float:
    """A polars scalar (a mean, a maximum) as a float; 0.0 for null or anything not a number."""
    return float(value) if isinstance(value, int | float) else 0.0


@dataclass
class ColumnShape:
    """What :func:`column_field` measured: the field's options and notes for the warnings."""

    options: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def column_field(
    series: pl.Series,
    *,
    table: str,
    siblings: list[str],
    declared: str = "",
    k: int = 5,
    role: str = "",
) -> ColumnShape:
    """The field options that describe ``series``.

    Args:
        series: the column (a sample of it is enough).
        table: its table's name, read with ``siblings`` for the column's meaning.
        siblings: the names of the table's columns.
        declared: the SQL type the catalogue declares ("" for files).
        k: a value is listed only if it occurs at least this many times.
        role: ``"key"`` for a primary key, ``"unique"`` for a unique column, ``"reference"`` for
            a foreign key (typed and patterned like its parent's key), else "".
    """
    name = series.name
    present = series.drop_nulls()
    null_rate = 1 - present.len() / series.len() if series.len() else 0.0
    options: dict[str, Any] = {"name": name}
    if null_rate > 0:
        options |= {"required": False, "null_rate": round(null_rate, 6)}
    kind = _kind(present, declared)
    options["type"] = kind
    if role in {"key", "unique", "reference"}:
        return ColumnShape(options | _key_options(present, kind, role))
    if kind is FieldType.BOOLEAN:
        return ColumnShape(options | _listed(present, k, quantiles=False))
    if FIELD_TRAITS[kind].numeric or kind in sem.DATE_TYPES:
        return ColumnShape(options | _measured(present, k))
    return _text(present, options, table, siblings, k)


def _kind(present: pl.Series, declared: str) -> FieldType:
    dtype = present.dtype
    t = declared.lower()
    if dtype == pl.Boolean:
        return FieldType.BOOLEAN
    if dtype.is_integer():
        return FieldType.INTEGER
    if dtype.is_float() or isinstance(dtype, pl.Decimal):
        exact = any(w in t for w in ("numeric", "decimal", "money"))
        return FieldType.DECIMAL if exact else FieldType.FLOAT
    if dtype == pl.Date:
        return FieldType.DATE
    if isinstance(dtype, pl.Datetime):
        return FieldType.DATETIME
    if dtype == pl.Time:
        return FieldType.TIME
    if "uuid" in t or _share(present, _UUID) == 1.0:
        return FieldType.UUID
    if _share(present, _EMAIL) >= 0.9:
        return FieldType.EMAIL
    if _looks_like_phones(present):
        return FieldType.PHONE
    return FieldType.STRING


def _share(present: pl.Series, regex: str) -> float:
    if present.dtype != pl.String or present.len() == 0:
        return 0.0
    return number(present.str.contains(regex).mean())


def _looks_like_phones(present: pl.Series) -> bool:
    """Digits with the separators phone numbers are written with (``+1-555-0100``,
    ``(030) 1234567``), not bare numbers or ISO dates."""
    if _share(present, _PHONE) < 0.9 or _share(present, r"^\d{4}-\d{2}-\d{2}") > 0.1:
        return False
    digits = number(present.str.count_matches(r"\d").mean())
    return digits >= 7 and _share(present, r"[\s()+-]") >= 0.5


# --- keys -----------------------------------------------------------------------------------


def _key_options(present: pl.Series, kind: FieldType, role: str) -> dict[str, Any]:
    if role == "reference":
        return {}
    out: dict[str, Any] = {"primary_key": True} if role == "key" else {}
    if role == "unique":
        out["unique"] = True
    if kind is FieldType.STRING:
        pattern = code_pattern(present, room=10 * max(present.n_unique(), 1))
        if pattern is not None:
            out["pattern"] = pattern
    return out


def code_pattern(present: pl.Series, *, room: int = 0) -> str | None:
    """A pattern that spells the column's most common length of value, or None when values of
    that length mix characters no placeholder stands for (lower-case letters, varying
    punctuation). A position that always holds one character keeps it; a position of digits is
    ``#``, of upper-case letters ``?``, of both ``*``. With ``room``, fixed positions become
    placeholders (from the right) until the pattern can spell that many values."""
    if present.dtype != pl.String or present.len() == 0:
        return None
    lengths = present.str.len_chars()
    length = int(lengths.mode().sort()[0])
    if length == 0 or length > 40:
        return None
    same = present.filter(lengths == length)
    if same.len() > 100_000:  # the pattern spells generated values; a sample shows it
        same = same.sample(100_000, seed=0)
    chars = np.frombuffer("".join(same.to_list()).encode("utf-32-le"), dtype=np.uint32)
    if chars.size != same.len() * length:
        return None
    grid = chars.reshape(same.len(), length)
    digit = (grid >= ord("0")) & (grid <= ord("9"))
    upper = (grid >= ord("A")) & (grid <= ord("Z"))
    spelled = []
    for pos in range(length):
        column = grid[:, pos]
        if (column == column[0]).all() and chr(column[0]) not in "#?*":
            spelled.append(chr(column[0]))
        elif digit[:, pos].all():
            spelled.append("#")
        elif upper[:, pos].all():
            spelled.append("?")
        elif (digit[:, pos] | upper[:, pos]).all():
            spelled.append("*")
        else:
            return None
    return _widened(spelled, room)


def _widened(spelled: list[str], room: int) -> str | None:
    radix = {"#": 10, "?": 26, "*": 36}
    capacity = math.prod(radix.get(c, 1) for c in spelled)
    for pos in range(len(spelled) - 1, -1, -1):
        if capacity >= room:
            break
        c = spelled[pos]
        if c in ("#", "?") or c.isalnum():
            capacity = capacity // radix.get(c, 1) * 36
            spelled[pos] = "*"
    return "".join(spelled) if capacity >= room else None


# --- numbers and dates --------------------------------------------------------------------


def _measured(present: pl.Series, k: int) -> dict[str, Any]:
    if present.len() == 0:
        return {}
    if present.n_unique() <= 30:
        return _listed(present, k, quantiles=True)
    return {"quantiles": quantile_points(present, k)}


def quantile_points(present: pl.Series, k: int) -> list[Any]:
    """Up to 101 quantiles at even probabilities, at least ``k`` rows per step on average, the
    first and last replaced by the ``k``-th smallest and ``k``-th largest values, so only values
    fewer than ``k`` rows reach are left out (every point the median when the column has fewer
    than ``2k`` values); numbers rounded to 6 significant places, dates and datetimes as ISO
    strings."""
    n = max(2, min(QUANTILES, present.len() // max(k, 1) + 1))
    probs = np.linspace(0.0, 1.0, n)
    dtype = present.dtype
    physical = present.to_physical().cast(pl.Float64).to_numpy()
    points = np.quantile(physical, probs, method="linear")
    if physical.size >= 2 * k:
        ends = np.partition(physical, (k - 1, physical.size - k))
        lo, hi = ends[k - 1], ends[physical.size - k]
    else:  # no value has k rows on either side of it but the middle
        lo = hi = np.median(physical)
    points = np.clip(points, lo, hi)
    points[0], points[-1] = lo, hi
    points = np.maximum.accumulate(points)
    if dtype.is_integer():
        return [round(p) for p in points]
    if dtype == pl.Date or isinstance(dtype, pl.Datetime):
        series = pl.Series(np.round(points).astype(np.int64)).cast(dtype)
        if dtype == pl.Date:
            return [d.isoformat() for d in series.to_list()]
        return [d.isoformat(timespec="seconds") for d in series.to_list()]
    if dtype == pl.Time:
        return [t.isoformat() for t in pl.Series(points.astype(np.int64)).cast(dtype).to_list()]
    return [float(f"{p:.6g}") for p in points]


def _listed(present: pl.Series, k: int, *, quantiles: bool) -> dict[str, Any]:
    """Values occurring at least ``k`` times with their counts; the rest as the ``other`` share
    (drawn from the column's quantiles when it has them)."""
    if present.len() == 0:
        return {}
    present = present.rename("value")  # a column named "n" must not meet the count's name
    # Ties are ordered by value, so the same data always gives the same profile.
    counts = present.value_counts(name="n").sort(
        ["n", present.name], descending=[True, False], nulls_last=True
    )
    kept = counts.filter(pl.col("n") >= k)
    other = 1 - kept["n"].sum() / present.len()
    if kept.height == 0:
        return {"quantiles": quantile_points(present, k)} if quantiles else {}
    values = kept[present.name]
    if present.dtype == pl.Date or isinstance(present.dtype, pl.Datetime):
        values = values.dt.to_string("iso")
    out: dict[str, Any] = {"values": values.to_list(), "weights": kept["n"].to_list()}
    if other > 0:
        out["other"] = round(float(other), 6)
        if quantiles:
            out["quantiles"] = quantile_points(present, k)
    return out


# --- text ---------------------------------------------------------------------------------


def _text(
    present: pl.Series, options: dict[str, Any], table: str, siblings: list[str], k: int
) -> ColumnShape:
    kind: FieldType = options["type"]
    if kind is not FieldType.STRING or present.len() == 0:
        return ColumnShape(options)
    meaning = sem.meaning(Field(name=options["name"], type=kind), table, siblings)
    lengths = present.str.len_chars()
    free = number(lengths.mean()) > 40 or number(present.str.count_matches(" ").mean()) > 4
    if meaning in PERSONAL or free:
        options["type"] = FieldType.TEXT if free and meaning is None else kind
        if meaning is not None:
            options["semantic"] = meaning
        options["max"] = (
            max(1, round(number(lengths.max()))) if options["type"] is FieldType.TEXT else None
        )
        note = (
            f"{table}.{options['name']}: regenerated as {sem.MEANINGS.get(meaning or '', 'text')}"
        )
        return ColumnShape({k_: v for k_, v in options.items() if v is not None}, [note])
    distinct = present.n_unique()
    if distinct <= MAX_CATEGORIES and distinct <= max(present.len() // 2, 2):
        listed = _listed(present, k, quantiles=False)
        options |= listed
        if listed.get("other") or not listed:
            options |= _spelled(present, meaning)
        return ColumnShape(options)
    return ColumnShape(options | _spelled(present, meaning))


def _spelled(present: pl.Series, meaning: str | None) -> dict[str, Any]:
    """A code pattern if the values share one, else the meaning the names give."""
    pattern = code_pattern(present)
    if pattern is not None and re.search(r"[#?*]", pattern):
        return {"pattern": pattern}
    return {"semantic": meaning} if meaning is not None and meaning != "code" else {}
