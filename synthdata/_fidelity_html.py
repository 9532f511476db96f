"""The notebook view of a fidelity report: scores with small inline SVG bars, names escaped."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from synthdata.compare import FidelityReport

__all__ = ["report_html"]

_WIDTH = 120
_WORST = 10  # detail rows shown per measure, lowest scores first


def bar(score: float) -> str:
    """A 120×10 SVG bar filled to ``score`` (grey when there is no score)."""
    if math.isnan(score):
        grey = f"<rect width='{_WIDTH}' height='10' fill='#ddd'/>"
        return f"<svg width='{_WIDTH}' height='10'>{grey}</svg>"
    colour = "#2e7d32" if score >= 0.8 else "#f9a825" if score >= 0.6 else "#c62828"
    fill = round(max(0.0, min(1.0, score)) * _WIDTH)
    return (
        f"<svg width='{_WIDTH}' height='10' role='img' aria-label='{score:.3f}'>"
        f"<rect width='{_WIDTH}' height='10' fill='#eee'/>"
        f"<rect width='{fill}' height='10' fill='{colour}'/></svg>"
    )


def _score(score: float) -> str:
    return "n/a" if math.isnan(score) else f"{score:.3f}"


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], raw: int = 0) -> str:
    """Rows of text cells (escaped) followed by ``raw`` cells of markup we made (bars)."""
    head = "".join(f"<th style='text-align:left'>{escape(h)}</th>" for h in headers)
    body = ""
    for row in rows:
        cells = [escape(c) for c in row[: len(row) - raw]] + list(row[len(row) - raw :])
        body += "<tr>" + "".join(f"<td style='text-align:left'>{c}</td>" for c in cells) + "</tr>"
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def report_html(report: FidelityReport) -> str:
    """The whole report: overall and property scores, tables, then the weakest details."""
    props = [(name, _score(s), bar(s)) for name, s in report.properties.items()]
    tables = [
        (t, f"{report.row_counts[t][0]:,}", f"{report.row_counts[t][1]:,}",
         *(_score(s) for s in scores.values()), _score(report.copied_rows[t]))
        for t, scores in report.tables.items()
    ]  # fmt: skip
    shapes = sorted(report.column_shapes, key=lambda s: (math.isnan(s.score), s.score))
    pairs = sorted(
        (p for p in [*report.column_pairs, *report.intertable_trends] if p.counted),
        key=lambda p: (math.isnan(p.score), p.score),
    )
    links = [
        (f"{r.child}({', '.join(r.foreign_key)}) → {r.parent}", _score(r.score),
         _score(v.score), bar(r.score))
        for r, v in zip(report.cardinality, report.referential_validity, strict=True)
    ]  # fmt: skip
    return (
        f"<h3>Fidelity: {escape(_score(report.overall))} overall</h3>"
        + _table(["property", "score", ""], props, raw=1)
        + "<h4>Tables</h4>"
        + _table(
            ["table", "real rows", "synthetic rows", *report.properties, "rows copied"], tables
        )
        + "<h4>Relationships (cardinality, referential validity)</h4>"
        + _table(["relationship", "cardinality", "validity", ""], links, raw=1)
        + "<h4>Weakest column shapes</h4>"
        + _table(
            ["table", "column", "metric", "score", ""],
            [(s.table, s.column, s.metric, _score(s.score), bar(s.score)) for s in shapes[:_WORST]],
            raw=1,
        )
        + "<h4>Weakest column pairs (those the real data correlates)</h4>"
        + _table(
            ["table", "column 1", "column 2", "metric", "score", ""],
            [
                (p.table, p.column_1, p.column_2, p.metric, _score(p.score), bar(p.score))
                for p in pairs[:_WORST]
            ],
            raw=1,
        )
        + "".join(f"<p>{escape(n)}</p>" for n in report.notes)
    )
