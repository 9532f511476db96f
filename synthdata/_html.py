"""HTML views for notebooks: tables of fields, requirements and schemas (escaped, no scripts)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

__all__ = ["analysis_html", "schema_html", "schemas_html", "table"]


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f"<th style='text-align:left'>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(f"<td style='text-align:left'>{escape(str(c))}</td>" for c in row)
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def schema_html(schema: Any) -> str:
    volume = f" — {schema.volume:,} rows" if schema.volume is not None else ""
    rows = [
        (f.name, f.type.value, f.details(schema.name, schema.field_names)) for f in schema.fields
    ]
    extra = ""
    if schema.constraints:
        extra += "<p>Constraints: " + escape(", ".join(str(c) for c in schema.constraints)) + "</p>"
    return (
        f"<b>{escape(schema.name)}</b>{escape(volume)}"
        + table(["field", "type", "details"], rows)
        + extra
    )


def schemas_html(schemas: Sequence[Any]) -> str:
    links = [
        (s.name, fk.field, f"{fk.parent}.{fk.parent_field}")
        for s in schemas
        for fk in s.foreign_keys
    ]
    parts = [schema_html(s) for s in schemas]
    if links:
        parts.append("<b>Relationships</b>" + table(["table", "field", "references"], links))
    return "".join(parts)


def analysis_html(analysis: Any) -> str:
    rows = [(r.name, r.estimated_volume, r.description) for r in analysis.requirements]
    return (
        f"<b>Domain</b>: {escape(analysis.domain)} (confidence {analysis.confidence:.2f})<br>"
        f"<b>Keywords</b>: {escape(', '.join(analysis.keywords))}"
        + table(["table", "estimated rows", "description"], rows)
    )
