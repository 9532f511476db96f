"""Numbers and dates shaped by what the column means: prices by the kind of goods, salaries,
ratings that lean to 4 and 5, quantities that are mostly 1 to 3, model years, track lengths,
birth dates that give believable ages, and business events on weekdays in working hours.

:mod:`synthdata.schema.semantics` says what a number or date column means (``books.price`` →
``price_book``); :data:`NUMBERS` and :data:`DATES` hold one :class:`Shape` per meaning, and
:func:`number` and :func:`date` draw from it with the batch's seeded, row-addressed draws (whole
columns at a time, never a loop over rows). A field's own ``min`` and ``max`` win: values the
meaning would put outside them are drawn again, uniformly, between them.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import polars as pl

from synthdata.generate.context import Batch
from synthdata.schema import Field, FieldType
from synthdata.schema.semantics import PRODUCT_GROUPS, anchor, product_group, words

__all__ = [
    "DATES",
    "NUMBERS",
    "WHOLE",
    "DateShape",
    "Shape",
    "date",
    "families",
    "number",
    "span",
    "unit_scale",
    "weekdays_and_hours",
]

_YEAR = 365.2425


class Shape(NamedTuple):
    """How a meaning's values spread: a distribution, its parameters and its range.

    ``dist`` is ``lognormal`` (``a`` the median, ``b`` the spread of the log), ``normal``
    (``a`` the mean, ``b`` the standard deviation), ``uniform``, ``decay`` (most values near
    ``lo``, thinning out over ``a``: recent years, recent hires) or ``values`` (one of
    ``values`` with ``weights``). Values stay within ``lo``..``hi``; ``grain`` rounds them (to
    a multiple of 100 for salaries), and ``charm`` makes most retail prices end in .99.
    """

    dist: str
    a: float = 0.0
    b: float = 0.0
    lo: float = 0.0
    hi: float = 0.0
    grain: float = 0.0
    values: tuple[float, ...] = ()
    weights: tuple[float, ...] = ()
    charm: bool = False


def _log(median: float, sigma: float, lo: float, hi: float, grain: float = 0.0) -> Shape:
    return Shape("lognormal", median, sigma, lo, hi, grain)


def _price(median: float, sigma: float, lo: float, hi: float, grain: float = 0.0) -> Shape:
    return Shape("lognormal", median, sigma, lo, hi, grain, charm=not grain)


def _normal(mean: float, sd: float, lo: float, hi: float, grain: float = 0.0) -> Shape:
    return Shape("normal", mean, sd, lo, hi, grain)


def _decay(scale: float, lo: float, hi: float, grain: float = 0.0) -> Shape:
    return Shape("decay", scale, 0.0, lo, hi, grain)


def _pick(values: tuple[float, ...], weights: tuple[float, ...]) -> Shape:
    return Shape("values", lo=min(values), hi=max(values), values=values, weights=weights)


def _power(exponent: float, top: int) -> Shape:
    """Whole numbers 1..top, each ``k`` about ``k**-exponent`` as likely as 1."""
    ks = tuple(float(k) for k in range(1, top + 1))
    return _pick(ks, tuple(k**-exponent for k in ks))


#: Number meanings → the shape of their values (money in US dollars, lengths in cm, weights in
#: kg, distances in km, mileage in miles, years as years before the reference date).
NUMBERS: dict[str, Shape] = {
    # Prices by the kind of goods
    "price": _price(25, 1.0, 0.5, 5000),
    "price_book": _price(15, 0.45, 3, 120),
    "price_grocery": _price(4, 0.7, 0.3, 60),
    "price_electronics": _price(150, 1.1, 5, 4000),
    "price_clothing": _price(35, 0.7, 5, 600),
    "price_furniture": _price(250, 0.9, 15, 5000),
    "price_beauty": _price(18, 0.6, 2, 250),
    "price_toys": _price(20, 0.7, 2, 300),
    "price_sports": _price(40, 0.9, 3, 2500),
    "price_tools_hardware": _price(25, 0.9, 1, 1500),
    "price_auto_parts": _price(45, 1.0, 2, 2500),
    "price_pet_supplies": _price(15, 0.8, 1, 300),
    "price_office_supplies": _price(8, 0.8, 0.5, 400),
    "price_kitchen": _price(30, 0.9, 2, 1500),
    "price_garden": _price(25, 0.9, 1, 2000),
    "price_books_stationery": _price(8, 0.7, 0.5, 150),
    "price_car": _price(28_000, 0.5, 3000, 150_000, grain=50),
    "price_hotel_night": _price(140, 0.45, 45, 900, grain=1),
    "price_dish": _price(16, 0.45, 3, 90, grain=0.5),
    "price_flight": _price(280, 0.6, 39, 3500, grain=1),
    "price_event_ticket": _price(55, 0.7, 5, 900, grain=0.5),
    "price_property": _price(350_000, 0.6, 40_000, 5_000_000, grain=1000),
    "price_service": _price(85, 0.7, 10, 2000, grain=1),
    "price_track": _pick((0.69, 0.99, 1.29, 1.99), (10, 55, 30, 5)),
    "price_subscription": _pick(
        (4.99, 9.99, 14.99, 19.99, 29.99, 49.99, 99.99), (8, 30, 18, 16, 14, 9, 5)
    ),
    # Other money
    "amount": _log(60, 1.1, 1, 20_000),
    "order_total": _log(75, 0.9, 5, 10_000),
    "invoice_amount": _log(900, 1.2, 20, 250_000),
    "balance": _log(1500, 1.4, 0, 500_000),
    "loan_amount": _log(15_000, 1.0, 500, 2_000_000, grain=100),
    "budget": _log(50_000, 1.2, 500, 50_000_000, grain=100),
    "revenue": _log(2_000_000, 1.8, 10_000, 10_000_000_000, grain=1000),
    "salary": _log(62_000, 0.45, 25_000, 250_000, grain=100),
    "monthly_salary": _log(5200, 0.45, 1800, 21_000, grain=10),
    "hourly_rate": _log(28, 0.45, 10, 200, grain=0.25),
    "tax_amount": _log(6, 1.0, 0.1, 5000),
    "discount_amount": _log(5, 1.0, 0.5, 500),
    "shipping_cost": _pick((0, 4.99, 5.99, 7.99, 9.99, 12.99, 19.99), (30, 15, 20, 15, 10, 6, 4)),
    "fee": _log(25, 0.9, 1, 2000),
    "tip": _log(5, 0.7, 0, 200),
    # Rates and shares
    "tax_rate": _pick(
        (0.0, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.19, 0.2), (8, 12, 16, 18, 16, 10, 8, 6, 6)
    ),
    "tax_rate_percent": _pick(
        (0.0, 5.0, 6.0, 7.0, 7.25, 8.0, 8.25, 8.875, 10.0, 19.0, 20.0),
        (8, 12, 14, 12, 8, 12, 10, 4, 8, 6, 6),
    ),
    "interest_rate": _normal(7, 3, 0.5, 29.99, grain=0.05),
    "discount_percent": _pick((0, 5, 10, 15, 20, 25, 30, 40, 50), (40, 12, 17, 8, 10, 5, 4, 2, 2)),
    "discount_rate": _pick((0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5), (40, 12, 17, 8, 10, 5, 5, 3)),
    "percent": Shape("uniform", lo=0, hi=100),
    "fraction": Shape("uniform", lo=0, hi=1),
    # Ratings and scores (whole-number scales in WHOLE)
    "rating": _normal(4.1, 0.6, 1, 5, grain=0.1),
    "rating_10": _normal(7.2, 1.3, 1, 10, grain=0.1),
    "score_100": _normal(74, 12, 0, 100),
    "credit_score": _normal(690, 70, 300, 850, grain=1),
    "gpa": _normal(3.1, 0.45, 0, 4),
    "hotel_stars": _pick((1, 2, 3, 4, 5), (3, 10, 35, 37, 15)),
    # Quantities and counts
    "quantity": _power(2.0, 100),
    "stock_quantity": _log(40, 1.1, 0, 5000, grain=1),
    "page_count": _log(300, 0.4, 32, 1500, grain=1),
    "seats": _pick((2, 4, 5, 7, 8), (5, 8, 60, 20, 7)),
    "capacity": _log(50, 1.0, 1, 10_000, grain=1),
    "capacity_venue": _log(800, 1.5, 50, 100_000, grain=10),
    "capacity_room": _log(25, 0.5, 4, 300, grain=1),
    "capacity_restaurant": _log(80, 0.5, 12, 400, grain=1),
    "capacity_aircraft": _log(180, 0.35, 50, 550, grain=1),
    "hotel_rooms": _log(120, 0.8, 8, 3000, grain=1),
    "bedrooms": _pick((0, 1, 2, 3, 4, 5, 6), (5, 20, 30, 28, 12, 4, 1)),
    "bathrooms": _pick((1, 1.5, 2, 2.5, 3, 3.5, 4), (35, 10, 30, 10, 10, 2, 3)),
    "headcount": _log(60, 1.8, 1, 300_000, grain=1),
    "popularity": _log(200, 2.0, 0, 100_000_000, grain=1),
    "count": _log(12, 1.2, 0, 10_000, grain=1),
    "grade_level": _pick(tuple(range(1, 13)), (1,) * 12),
    "credits": _pick((1, 2, 3, 4, 5, 6), (5, 10, 50, 25, 5, 5)),
    "file_size": _log(5_000_000, 1.2, 1000, 5_000_000_000, grain=1),
    # Ages and years (years before the reference date for the years)
    "age": _normal(42, 15, 18, 90),
    "age_worker": _normal(40, 11, 18, 70),
    "age_pupil": Shape("uniform", lo=4, hi=19.99),
    "age_student": _normal(22, 4, 17, 40),
    "age_patient": _normal(45, 22, 0, 100),
    "age_pet": _log(5, 0.7, 0, 20),
    "age_years": _normal(35, 20, 0, 100),
    "year": _decay(8, 0, 35),
    "model_year": _decay(7, 0, 35),
    "publication_year": _decay(15, 0, 125),
    "release_year": _decay(15, 0, 75),
    "founded_year": _decay(40, 1, 175),
    "birth_year": _normal(42, 15, 18, 90),
    "year_built": _decay(30, 0, 125),
    # Durations
    "track_length_ms": _log(225_000, 0.22, 120_000, 480_000),
    "track_length_seconds": _log(225, 0.22, 120, 480),
    "runtime_minutes": _normal(108, 18, 75, 200),
    "appointment_minutes": _pick((15, 30, 45, 60, 90, 120), (15, 35, 10, 30, 6, 4)),
    "flight_minutes": _log(140, 0.6, 40, 1000),
    "call_seconds": _log(180, 1.0, 5, 7200),
    "latency_ms": _log(120, 1.0, 1, 30_000),
    "duration_seconds": _log(120, 1.2, 1, 36_000),
    "duration_minutes": _log(45, 0.8, 1, 600),
    "duration_hours": _log(2, 0.8, 0.25, 24, grain=0.25),
    "duration_days": _log(5, 0.9, 1, 365, grain=1),
    "hours_worked": _normal(8, 1.5, 0, 16, grain=0.25),
    "nights": _power(1.6, 21),
    # Measures (canonical units; a unit in the column's name converts, see unit_scale)
    "mileage": _log(45_000, 0.8, 0, 300_000, grain=1),
    "distance": _log(12, 1.3, 0.1, 20_000),
    "calories": _log(450, 0.6, 20, 2500, grain=1),
    "heart_rate": _normal(75, 12, 40, 180, grain=1),
    "height_person": _normal(170, 10, 140, 210, grain=0.1),
    "weight_person": _normal(78, 16, 40, 180, grain=0.1),
    "weight_pet": _log(8, 0.9, 0.5, 90),
    "weight_parcel": _log(1.8, 1.0, 0.05, 70),
    "weight_product": _log(1.0, 1.3, 0.01, 200),
    "dimension": _log(30, 0.8, 1, 300),
}

#: Shapes for whole-number fields where a whole-number scale differs (stars, not 4.3).
WHOLE: dict[str, Shape] = {
    "rating": _pick((1, 2, 3, 4, 5), (5, 7, 14, 32, 42)),
    "rating_10": _pick(tuple(range(1, 11)), (2, 2, 3, 4, 7, 11, 18, 22, 17, 14)),
    "bathrooms": _pick((1, 2, 3, 4), (45, 38, 13, 4)),
}

#: Meanings counted in years before the reference date (a year column holds the year itself).
_YEARS = frozenset(
    {
        "year",
        "model_year",
        "publication_year",
        "release_year",
        "founded_year",
        "birth_year",
        "year_built",
    }
)

#: Meanings on a scale: a field's own min and max stretch the scale rather than cut it.
_SCALES = frozenset({"rating", "rating_10", "score_100", "hotel_stars", "gpa"})

#: Unit words in a column's name → factor from the canonical unit, per kind of measure.
_LENGTH = {
    "mm": 10.0,
    "m": 0.01,
    "meter": 0.01,
    "meters": 0.01,
    "metre": 0.01,
    "metres": 0.01,
    "in": 1 / 2.54,
    "inch": 1 / 2.54,
    "inches": 1 / 2.54,
    "ft": 1 / 30.48,
    "feet": 1 / 30.48,
}
_MASS = {
    "g": 1000.0,
    "gram": 1000.0,
    "grams": 1000.0,
    "lb": 2.20462,
    "lbs": 2.20462,
    "pound": 2.20462,
    "pounds": 2.20462,
    "oz": 35.274,
    "ounces": 35.274,
}
_DISTANCE = {
    "m": 1000.0,
    "meters": 1000.0,
    "metres": 1000.0,
    "mi": 0.621371,
    "mile": 0.621371,
    "miles": 0.621371,
}
_UNITS: dict[str, dict[str, float]] = {
    "height_person": _LENGTH,
    "dimension": _LENGTH,
    "weight_person": _MASS,
    "weight_pet": _MASS,
    "weight_parcel": _MASS,
    "weight_product": _MASS,
    "distance": _DISTANCE,
    "mileage": {"km": 1.609344, "kms": 1.609344, "kilometers": 1.609344},
    "duration_hours": {"minutes": 60.0, "mins": 60.0},
}


def unit_scale(kind: str, name: str) -> float:
    """The factor from a meaning's canonical unit to the one the column's name says
    (``weight_lbs``: 2.2 per kg); 1 when it says none."""
    table = _UNITS.get(kind)
    if not table:
        return 1.0
    return next((table[w] for w in reversed(words(name)) if w in table), 1.0)


def _normals(u: npt.NDArray[np.float64], u2: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Standard normal draws from two uniform ones (Box–Muller)."""
    normal: npt.NDArray[np.float64] = np.sqrt(-2.0 * np.log1p(-u)) * np.cos(2.0 * math.pi * u2)
    return normal


def _draw(batch: Batch, f: Field, shape: Shape) -> npt.NDArray[np.float64]:
    u = batch.uniform(f.name, "u")
    if shape.dist == "values":
        cum = np.cumsum(shape.weights) / sum(shape.weights)
        picks = np.minimum(np.searchsorted(cum, u, side="right"), len(shape.values) - 1)
        return np.asarray(shape.values, dtype=np.float64)[picks]
    if shape.dist == "uniform":
        return shape.lo + u * (shape.hi - shape.lo)
    if shape.dist == "decay":
        # A truncated exponential: most values near lo, none beyond hi.
        span = shape.hi - shape.lo
        drawn: npt.NDArray[np.float64] = shape.lo - shape.a * np.log1p(
            -u * -math.expm1(-span / shape.a)
        )
        return drawn
    normal = _normals(u, batch.uniform(f.name, "u2"))
    if shape.dist == "normal":
        return shape.a + shape.b * normal
    values: npt.NDArray[np.float64] = shape.a * np.exp(shape.b * normal)
    return values


def _within(
    batch: Batch, f: Field, values: npt.NDArray[np.float64], lo: float, hi: float
) -> npt.NDArray[np.float64]:
    """Values outside ``lo``..``hi`` drawn again, uniformly between them."""
    outside = (values < lo) | (values > hi)
    if not outside.any():
        return values
    again = lo + batch.uniform(f.name, "again") * (hi - lo)
    return np.where(outside, again, values)


def _user_range(
    shape_lo: float, shape_hi: float, user: tuple[object, object]
) -> tuple[float, float]:
    """The meaning's range, with the field's own min and max in place of its ends."""
    user_lo, user_hi = user
    lo = shape_lo if user_lo is None else float(user_lo)  # type: ignore[arg-type]
    hi = shape_hi if user_hi is None else float(user_hi)  # type: ignore[arg-type]
    if lo > hi:  # a bound of the user's beyond the meaning's other end
        span = shape_hi - shape_lo
        lo, hi = (lo, lo + span) if user_hi is None else (hi - span, hi)
    return lo, hi


def _shape(f: Field, kind: str) -> Shape:
    return WHOLE.get(kind, NUMBERS[kind]) if f.type is FieldType.INTEGER else NUMBERS[kind]


def span(batch: Batch, f: Field, kind: str) -> tuple[float, float]:
    """The range a number meaning's values lie in, in the column's unit; the field's own min
    and max replace its ends."""
    shape = _shape(f, kind)
    scale = unit_scale(kind, f.name)
    lo, hi = shape.lo * scale, shape.hi * scale
    if kind in _YEARS:
        year = batch.plan.reference.year
        lo, hi = year - shape.hi, year - shape.lo
    return _user_range(lo, hi, f.bounds())


#: Product families whose prices a category can name, in :data:`PRODUCT_GROUPS` order, then books.
_FAMILIES = (*PRODUCT_GROUPS, "book")
_FAMILY_INDEX = {family: i for i, family in enumerate(_FAMILIES)}
#: A category column with more distinct values than this is not read value by value.
_MAX_CATEGORIES = 2000


def families(series: pl.Series) -> npt.NDArray[np.int64] | None:
    """Each row's product family (an index into :data:`PRODUCT_GROUPS`, then books) read from
    its category's text; -1 for nulls and categories that name none. None when the column has
    too many distinct values to read."""
    text = series.cast(pl.String)
    found = text.drop_nulls().unique()
    if len(found) > _MAX_CATEGORIES:
        return None
    read = {v: _FAMILY_INDEX[g] for v in found if (g := product_group(v)) is not None}
    return (
        text.replace_strict(read, default=-1, return_dtype=pl.Int64)
        .fill_null(-1)
        .to_numpy()
        .astype(np.int64)
    )


def _row_shapes(batch: Batch, f: Field, kind: str) -> npt.NDArray[np.int64] | None:
    """For a price of goods beside a category column: each row's family, -1 where the category
    names none (the column's own meaning then holds)."""
    if not kind.startswith("price") or kind.removeprefix("price_") not in ("price", *_FAMILIES):
        return None
    sibling = anchor(f, batch.schema.name, batch.schema.field_names)
    if sibling is None or sibling not in batch.columns:
        return None
    found = families(batch.columns[sibling])
    return None if found is None or not (found >= 0).any() else found


def _by_family(
    batch: Batch, f: Field, kind: str, rows: npt.NDArray[np.int64], lo: float, hi: float
) -> npt.NDArray[np.float64]:
    """Log-normal prices whose median, spread and range follow each row's family."""
    shapes = [NUMBERS[f"price_{family}"] for family in _FAMILIES] + [NUMBERS[kind]]
    which = np.where(rows < 0, len(_FAMILIES), rows)
    median, sigma, low, high = (
        np.asarray([getattr(sh, part) for sh in shapes], dtype=np.float64)[which]
        for part in ("a", "b", "lo", "hi")
    )
    normal = _normals(batch.uniform(f.name, "u"), batch.uniform(f.name, "u2"))
    values = median * np.exp(sigma * normal)
    charm = batch.uniform(f.name, "charm") < 0.65
    if f.type is not FieldType.INTEGER:
        values = np.where(charm & (values >= 1), np.ceil(values) - 0.01, values)
    # Each row within its family's range and the column's; the column's when they do not meet.
    low, high = np.maximum(low, lo), np.minimum(high, hi)
    low, high = np.where(low <= high, low, lo), np.where(low <= high, high, hi)
    again = low + batch.uniform(f.name, "again") * (high - low)
    drawn: npt.NDArray[np.float64] = np.where((values < low) | (values > high), again, values)
    return drawn


def number(batch: Batch, f: Field, kind: str, lo: float, hi: float) -> npt.NDArray[np.float64]:
    """Values of a number meaning for the batch, within ``lo``..``hi`` (see :func:`span`); a
    price of goods beside a category column follows each row's category."""
    whole = f.type is FieldType.INTEGER
    rows = _row_shapes(batch, f, kind)
    if rows is not None:
        return _by_family(batch, f, kind, rows, lo, hi)
    shape = _shape(f, kind)
    scale = unit_scale(kind, f.name)
    values = _draw(batch, f, shape)
    if kind in _SCALES and f.min is not None and f.max is not None:
        # A rating on the field's own scale (1–10 where the meaning's is 1–5).
        values = lo + (values - shape.lo) / (shape.hi - shape.lo) * (hi - lo)
    if scale != 1.0:
        values = values * scale
    if kind in _YEARS:
        values = batch.plan.reference.year - values
        if whole:
            values = np.ceil(values)  # 0.3 years ago is this year
    if shape.grain:
        values = np.round(values / shape.grain) * shape.grain
    if shape.charm and not whole:
        # Most shop prices end in .99 (12.99, 149.99).
        charm = batch.uniform(f.name, "charm") < 0.65
        values = np.where(charm & (values >= 1), np.ceil(values) - 0.01, values)
    return _within(batch, f, values, lo, hi)


# --- Dates ---------------------------------------------------------------------------------------


class DateShape(NamedTuple):
    """A date meaning: how far before the reference date values lie, in days (negative: after
    it), and the weekly and daily rhythm of its events (``office``, ``consumer`` or none)."""

    days_ago: Shape
    rhythm: str = ""


def _years(shape: Shape) -> Shape:
    """A shape in years as one in days."""
    if shape.dist == "lognormal":
        return shape._replace(a=shape.a * _YEAR, lo=shape.lo * _YEAR, hi=shape.hi * _YEAR)
    return shape._replace(
        a=shape.a * _YEAR, b=shape.b * _YEAR, lo=shape.lo * _YEAR, hi=shape.hi * _YEAR
    )


#: Date meanings → how long ago their dates lie, and the rhythm of their events.
DATES: dict[str, DateShape] = {
    "birth_date": DateShape(_years(_normal(42, 15, 18, 90.99))),
    "birth_date_worker": DateShape(_years(_normal(40, 11, 18, 70.99))),
    "birth_date_pupil": DateShape(_years(Shape("uniform", lo=4, hi=19.99))),
    "birth_date_student": DateShape(_years(_normal(22, 4, 17, 40))),
    "birth_date_patient": DateShape(_years(_normal(45, 22, 0, 100))),
    "birth_date_pet": DateShape(_years(_log(5, 0.7, 0.1, 20))),
    "hire_date": DateShape(_years(_decay(4, 0, 30)), "office"),
    "signup_date": DateShape(_years(_decay(2.5, 0, 8)), "consumer"),
    "event_date": DateShape(_years(_decay(2, 0, 5))),
    "business_event": DateShape(_years(_decay(2, 0, 5)), "office"),
    "consumer_event": DateShape(_years(_decay(2, 0, 5)), "consumer"),
    "last_activity": DateShape(_log(20, 1.2, 0, 730), "consumer"),
    "published_date": DateShape(_years(_decay(15, 0, 100))),
    "founded_date": DateShape(_years(_decay(40, 1, 150))),
    "expiry_date": DateShape(_years(Shape("uniform", lo=-4, hi=0.5))),
    "scheduled_date": DateShape(_years(Shape("uniform", lo=-0.5, hi=2)), "office"),
}

#: Monday first: how the events of each rhythm spread over the week and the hours of a day.
_WEEKDAYS = {
    "office": (21, 22, 22, 21, 18, 4, 2),
    "consumer": (13, 13, 13, 14, 15, 16, 16),
}
_HOURS = {
    "office": (
        0.2,
        0.1,
        0.1,
        0.1,
        0.1,
        0.2,
        0.5,
        2,
        6,
        11,
        13,
        12,
        8,
        10,
        12,
        11,
        9,
        5,
        2,
        1,
        0.6,
        0.4,
        0.3,
        0.2,
    ),
    "consumer": (
        1.5,
        0.8,
        0.5,
        0.3,
        0.3,
        0.5,
        1.2,
        2.5,
        3.5,
        4.5,
        5,
        5.5,
        6.5,
        6,
        5.2,
        5,
        5.2,
        5.8,
        6.5,
        7.5,
        8,
        7,
        5,
        3,
    ),
}


def _pick_index(u: npt.NDArray[np.float64], weights: tuple[float, ...]) -> npt.NDArray[np.int64]:
    cum = np.cumsum(weights) / sum(weights)
    return np.minimum(np.searchsorted(cum, u, side="right"), len(weights) - 1).astype(np.int64)


def weekdays_and_hours(
    batch: Batch, f: Field, days: npt.NDArray[np.float64], rhythm: str, lo: float, hi: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Whole days (since 1970) moved to a weekday the rhythm favours, within the same week and
    ``lo``..``hi``, and a second of the day from its favoured hours."""
    day = np.floor(days)
    weekday = (day + 3) % 7  # 1970-01-01 was a Thursday
    wanted = _pick_index(batch.uniform(f.name, "weekday"), _WEEKDAYS[rhythm])
    moved = day - weekday + wanted
    moved = np.where(moved > math.floor(hi), moved - 7, moved)
    moved = np.where(moved < math.ceil(lo), moved + 7, moved)
    # A range shorter than a week keeps the drawn day.
    moved = np.where((moved < lo) | (moved > hi), day, moved).astype(np.float64)
    if f.type is not FieldType.DATETIME:
        return moved, np.zeros(len(moved))
    hour = _pick_index(batch.uniform(f.name, "hour"), _HOURS[rhythm])
    second = np.floor(batch.uniform(f.name, "second") * 3600)
    seconds = (hour * 3600.0 + second).astype(np.float64)
    return moved, seconds


def date(
    batch: Batch, f: Field, kind: str, lo: float | None, hi: float | None
) -> npt.NDArray[np.float64]:
    """Values of a date meaning, in days since 1970 for DATE and seconds for DATETIME.

    ``lo`` and ``hi`` are the field's own bounds in that unit (None where it sets none).
    """
    spec = DATES[kind]
    seconds = f.type is FieldType.DATETIME
    unit = 86400.0 if seconds else 1.0
    reference = batch.plan.reference
    epoch = reference.replace(year=1970, month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    now = (reference - epoch).total_seconds() / 86400.0  # days, with the time of day
    if not seconds:
        now = math.floor(now)
    shape = spec.days_ago
    lo_days, hi_days = _user_range(
        now - shape.hi,
        now - shape.lo,
        (None if lo is None else lo / unit, None if hi is None else hi / unit),
    )
    days = now - _draw(batch, f, shape)
    days = _within(batch, f, days, lo_days, hi_days)
    # A consumer's week is nearly even: only timestamps get its rhythm (its hours).
    if spec.rhythm == "office" or (spec.rhythm and seconds):
        day, second = weekdays_and_hours(batch, f, days, spec.rhythm, lo_days, hi_days)
        if not seconds:
            return day
        return np.clip(day * 86400.0 + second, lo_days * 86400.0, hi_days * 86400.0)
    return np.floor(days) if not seconds else np.floor(days * 86400.0)
