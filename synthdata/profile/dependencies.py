"""Strong linear dependencies between the numbers of one table, kept as ``derived`` fields.

Two numeric columns whose Pearson correlation is at least :data:`STRONG` in absolute value
(``air_time`` and ``distance``, ``hour`` and ``sched_dep_time``) are written as one computed
from the other by a least-squares line, ``"0.1265 * distance + 16.9"``. The line keeps the
pair's trend; it drops the scatter around it, which at that correlation is at most a third of
the column's spread. Each derived column reads one column that is itself drawn, so no chain
forms; keys, references and fields a constraint orders are left alone.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from synthdata.profile.shapes import number
from synthdata.schema import Field
from synthdata.schema.traits import FIELD_TRAITS

__all__ = ["STRONG", "linear_derivations"]

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
        if FIELD_TRAITS[f.type].measure == "number"
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
