"""Dependencies between the columns of one table: strong linear ones between numbers, kept as
``derived`` fields, a category driving a number, kept as ``quantiles_by``, and two categories
that co-occur, kept as ``values_by``.

Two numeric columns whose Pearson correlation is at least :data:`STRONG` in absolute value
(``air_time`` and ``distance``, ``hour`` and ``sched_dep_time``) are written as one computed
from the other by a least-squares line, ``"0.1265 * distance + 16.9"``. The line keeps the
pair's trend; it drops the scatter around it, which at that correlation is at most a third of
the column's spread. Each derived column reads one column that is itself drawn, so no chain
forms; keys, references and fields a constraint orders are left alone.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

from synthdata.profile.shapes import number, quantile_points
from synthdata.schema import Field, FieldType
from synthdata.schema.traits import FIELD_TRAITS

__all__ = [
    "ASSOCIATED",
    "EXPLAINS",
    "STRONG",
    "category_drivers",
    "category_pairs",
    "linear_derivations",
]

#: Least absolute correlation kept as a derived column.
STRONG = 0.95


def linear_derivations(
    frame: pl.DataFrame, fields: list[Field], fixed: set[str], k: int
) -> dict[str, dict[str, Any]]:
    """Options that make a column derived from a strongly correlated one without nulls:
    ``derived``, and the derived column's own null rate."""
    usable = [
        f.name
        for f in fields
        if FIELD_TRAITS[f.type].numeric
        and not f.is_unique
        and f.references is None
        and f.name not in fixed
        and frame[f.name].dtype.is_numeric()
    ]
    pairs = []
    for i, a in enumerate(usable):
        for b in usable[i + 1 :]:
            both = frame.select(a, b).drop_nulls().cast(pl.Float64)
            if both.height < max(k, 10) or both[a].std() == 0 or both[b].std() == 0:
                continue
            r = number(both.select(pl.corr(a, b)).item())
            if abs(r) >= STRONG:
                pairs.append((-abs(r), a, b, both))
    out: dict[str, dict[str, Any]] = {}
    drawn: set[str] = set()
    nulls = {name: frame[name].null_count() for name in usable}
    for _, a, b, both in sorted(pairs, key=lambda p: (p[0], p[1], p[2])):
        if a in out or b in out:
            continue
        # A column already feeding others stays drawn; else the one with fewer nulls.
        x, y = (a, b) if (a in drawn, -nulls[a]) >= (b in drawn, -nulls[b]) else (b, a)
        # Nulls of the input would become nulls of the derived column on top of its own.
        if y in drawn or nulls[x] > 0 or nulls[y] > frame.height // 2:
            continue
        out[y] = _line(frame, both, x, y)
        drawn.add(x)
    return out


def _line(frame: pl.DataFrame, both: pl.DataFrame, x: str, y: str) -> dict[str, Any]:
    mx, my = number(both[x].mean()), number(both[y].mean())
    cov = number(((both[x] - mx) * (both[y] - my)).mean())
    var = number(((both[x] - mx) ** 2).mean())
    slope = cov / var
    intercept = my - slope * mx
    sign = "-" if intercept < 0 else "+"
    options: dict[str, Any] = {"derived": f"{slope:.6g} * {x} {sign} {abs(intercept):.6g}"}
    share = frame[y].null_count() / frame.height
    if share > 0:
        options |= {"required": False, "null_rate": round(share, 6)}
    return options


#: Least share of a number's variance that a category explains (the correlation ratio η²) for
#: the category to drive it with ``quantiles_by``.
EXPLAINS = 0.1
#: Least rows a category value needs for quantiles of its own (and at least ``k``).
GROUP_ROWS = 30
#: Most values a driving category may list, and most numbers one table's categories drive.
MAX_GROUPS = 50
MAX_DRIVEN = 4


def category_drivers(
    frame: pl.DataFrame, fields: list[Field], fixed: set[str], k: int
) -> dict[str, dict[str, Any]]:
    """``quantiles_by`` for numbers a category explains: per number drawn from ``quantiles``
    (not derived, not a key, not placed by an ordering), the listed category with the largest
    correlation ratio η² (between-group share of the variance), when it is at least
    :data:`EXPLAINS`; quantiles are written for each listed value with at least
    :data:`GROUP_ROWS` and ``k`` rows. At most :data:`MAX_DRIVEN` numbers per table, the
    best explained first."""
    drivers = [
        f.name
        for f in fields
        if _category(f.type)
        and (f.values is not None or f.enum_values is not None)
        and len(f.values or f.enum_values or []) <= MAX_GROUPS
        and f.derived is None
        and f.references is None
        and not f.is_unique
    ]
    driven = [
        f
        for f in fields
        if f.quantiles is not None
        and f.values is None
        and f.derived is None
        and f.references is None
        and not f.is_unique
        and f.name not in fixed
    ]
    least = max(GROUP_ROWS, k)
    by_name = {f.name: f for f in fields}
    found: list[tuple[float, str, str]] = []
    for f in driven:
        best: tuple[float, str] | None = None
        for d in drivers:
            eta = _eta_squared(_grouped(frame, by_name[d], f.name, least))
            if eta >= EXPLAINS and (best is None or eta > best[0]):
                best = (eta, d)
        if best is not None:
            found.append((-best[0], f.name, best[1]))
    out: dict[str, dict[str, Any]] = {}
    for _, name, driver in sorted(found)[:MAX_DRIVEN]:
        rows = _grouped(frame, by_name[driver], name, least)
        groups = {
            str(value): quantile_points(group["y"], k) for (value,), group in rows.group_by("g")
        }
        out[name] = {"column": driver, "quantiles": dict(sorted(groups.items()))}
    return out


def _grouped(frame: pl.DataFrame, driver: Field, y: str, least: int) -> pl.DataFrame:
    """Rows with both columns, ``g`` the driver's value as text and ``y`` the number, of the
    driver's listed values that at least ``least`` rows hold (empty unless two such)."""
    listed = {str(v).lower() if isinstance(v, bool) else str(v) for v in _listed(driver)}
    both = frame.select(pl.col(driver.name).cast(pl.String).alias("g"), pl.col(y).alias("y"))
    both = both.drop_nulls().filter(pl.col("g").is_in(sorted(listed)))
    sizes = both.group_by("g").len().filter(pl.col("len") >= least)
    if sizes.height < 2:
        return both.clear()
    return both.filter(pl.col("g").is_in(sizes["g"].implode()))


def _category(kind: FieldType) -> bool:
    """Whether listed values of this type are categories (text, booleans, whole numbers), not
    measures (dates, fractional numbers)."""
    dtype = FIELD_TRAITS[kind].dtype
    return not FIELD_TRAITS[kind].temporal and not dtype.is_float() and not dtype.is_decimal()


def _listed(f: Field) -> list[Any]:
    return list(f.values or f.enum_values or [])


def _eta_squared(both: pl.DataFrame) -> float:
    """The share of ``y``'s variance between the groups ``g`` (0 when it cannot tell)."""
    if both.height < 10:
        return 0.0
    y = both["y"].to_physical().cast(pl.Float64)
    mean = number(y.mean())
    total = number(((y - mean) ** 2).sum())
    if total <= 0:
        return 0.0
    between = (
        both.with_columns(y.alias("y"))
        .group_by("g")
        .agg(pl.len().alias("n"), pl.col("y").mean().alias("m"))
    )
    spread = number((between["n"] * (between["m"] - mean) ** 2).sum())
    return spread / total


#: Least Cramér's V between two listed categories for one to drive the other with ``values_by``.
ASSOCIATED = 0.3
#: Most values a driven category may list (a driving one lists at most :data:`MAX_GROUPS`), and
#: most categories one table's categories drive.
MAX_WEIGHED = 200
MAX_PAIRS = 3


def category_pairs(
    frame: pl.DataFrame, fields: list[Field], fixed: set[str], k: int
) -> dict[str, dict[str, Any]]:
    """``values_by`` for categories that co-occur: pairs of listed categories (not keys,
    references, derived, placed by an ordering or drawn by ``quantiles_by``) whose Cramér's V
    is at least :data:`ASSOCIATED`, the strongest first, at most :data:`MAX_PAIRS` per table.
    The one with fewer values drives; a column is either a driver or driven, never both, so no
    pair is kept both ways and no cycle forms (a category that drives numbers by
    ``quantiles_by`` may itself be driven: ``engine`` → ``manufacturer`` → ``seats``).

    Privacy: a driving value is listed only when at least ``max(30, k)`` rows hold it, and a
    cell's weight is its count only when at least ``k`` rows hold it; the cells below that
    are pooled: their total is spread over them at the driven column's own shares when it
    comes from ``k`` rows or more, else they weigh 0 (so every weight written comes from at
    least ``k`` rows, as ``other`` does for one column). Driving values whose rows pick close
    to the column's own weights (total variation below 0.02) are left out."""
    usable = {
        f.name: f
        for f in fields
        if _category(f.type)
        and 2 <= len(_listed(f)) <= MAX_WEIGHED
        and f.derived is None
        and f.references is None
        and f.quantiles_by is None
        and f.values_by is None
        and not f.is_unique
        and f.name not in fixed
    }
    least = max(GROUP_ROWS, k)
    names = sorted(usable)
    found: list[tuple[float, str, str]] = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            table = _contingency(frame, usable[a], usable[b])
            v = _cramers_v(table)
            if v >= ASSOCIATED:
                found.append((-v, a, b))
    out: dict[str, dict[str, Any]] = {}
    drivers: set[str] = set()
    for _, a, b in sorted(found):
        if len(out) >= MAX_PAIRS:
            break
        # The one with fewer values drives (ties: the first by name).
        x, y = (a, b) if len(_listed(usable[a])) <= len(_listed(usable[b])) else (b, a)
        if len(_listed(usable[x])) > MAX_GROUPS:
            continue
        if y in out or y in drivers or x in out:
            continue
        weights = _conditional_weights(frame, usable[x], usable[y], k, least)
        if weights:
            out[y] = {"column": x, "weights": weights}
            drivers.add(x)
    return out


def _text(values: list[Any]) -> list[str]:
    """Listed values as the driver's column reads as text (booleans as ``true``/``false``)."""
    return [str(v).lower() if isinstance(v, bool) else str(v) for v in values]


def _contingency(frame: pl.DataFrame, x: Field, y: Field) -> np.ndarray:
    """Counts of rows per (listed value of x, listed value of y), in their listed order."""
    xs, ys = _text(_listed(x)), _text(_listed(y))
    both = frame.select(
        pl.col(x.name).cast(pl.String).alias("x"), pl.col(y.name).cast(pl.String).alias("y")
    ).drop_nulls()
    both = both.filter(pl.col("x").is_in(xs) & pl.col("y").is_in(ys))
    counts = both.group_by("x", "y").len()
    table = np.zeros((len(xs), len(ys)))
    at_x, at_y = {v: i for i, v in enumerate(xs)}, {v: i for i, v in enumerate(ys)}
    for vx, vy, n in counts.iter_rows():
        table[at_x[vx], at_y[vy]] = n
    return table


def _cramers_v(table: np.ndarray) -> float:
    """Cramér's V of a contingency table (0 when it cannot tell)."""
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    n = table.sum()
    if n < 10 or min(table.shape) < 2:
        return 0.0
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    chi2 = float(((table - expected) ** 2 / expected).sum())
    return float(np.sqrt(chi2 / (n * (min(table.shape) - 1))))


def _conditional_weights(
    frame: pl.DataFrame, x: Field, y: Field, k: int, least: int
) -> dict[str, list[float]]:
    """Per listed value of ``x`` held by ``least`` rows, weights over ``y``'s listed values:
    cells of at least ``k`` rows by their count, the rest pooled at ``y``'s own shares."""
    table = _contingency(frame, x, y)
    own = np.array(y.weights or y.enum_weights or [1.0] * len(_listed(y)), dtype=float)
    share = own / own.sum()
    out: dict[str, list[float]] = {}
    for value, row in zip(_text(_listed(x)), table, strict=True):
        rows = row.sum()
        if rows < least:
            continue
        kept = row >= k
        pooled = rows - row[kept].sum()
        # The cells below k share their total at the column's own shares, when that total
        # comes from k rows or more; else they are left out.
        spread = share * ~kept
        if pooled >= k and spread.sum() > 0:
            weights = np.where(kept, row, pooled * spread / spread.sum())
        else:
            weights = np.where(kept, row, 0.0)
        if 0.5 * np.abs(weights / weights.sum() - share).sum() < 0.02:
            continue
        out[value] = [float(f"{w:.6g}") for w in weights]
    return out
