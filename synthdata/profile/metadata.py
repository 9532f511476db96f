"""Column kinds, keys and relationships for comparing tables, from schemas, a catalogue or data.

:class:`Metadata` is SDMetrics' metadata dictionary, typed: per table each column's kind
(``numerical``, ``datetime``, ``categorical``, ``boolean``, ``id`` for keys, ``text`` for free
text and identifiers, which no measure scores), primary keys and relationships.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl

from synthdata.errors import InvalidInputError
from synthdata.profile.sources import Source
from synthdata.schema import FieldType, Schema
from synthdata.schema.traits import FIELD_TRAITS

__all__ = ["Kind", "Metadata", "Relationship", "metadata_for"]

Kind = Literal["numerical", "datetime", "categorical", "boolean", "id", "text"]
_MAX_CATEGORIES = 100
#: SDMetrics sdtypes the measures score (ordinal ones as categories); any other is "text".
_SDTYPES: dict[Any, Kind] = {
    "numerical": "numerical",
    "datetime": "datetime",
    "categorical": "categorical",
    "ordinal": "categorical",
    "boolean": "boolean",
    "id": "id",
}


@dataclass(frozen=True)
class Relationship:
    """``child``'s ``child_columns`` refer to ``parent``'s ``parent_columns``."""

    parent: str
    parent_columns: tuple[str, ...]
    child: str
    child_columns: tuple[str, ...]


@dataclass
class Metadata:
    """Column kinds per table, primary keys and relationships (SDMetrics' metadata, typed)."""

    kinds: dict[str, dict[str, Kind]]
    primary_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    relationships: list[Relationship] = field(default_factory=list)

    def to_sdmetrics(self) -> dict[str, Any]:
        """The same metadata as an SDMetrics (and SDV) metadata dictionary."""
        sdtype = {"text": "pii"}
        tables: dict[str, Any] = {}
        for table, kinds in self.kinds.items():
            cols = {c: {"sdtype": sdtype.get(k, k)} for c, k in kinds.items()}
            tables[table] = {"columns": cols}
            key = self.primary_keys.get(table, ())
            if key:
                tables[table]["primary_key"] = key[0] if len(key) == 1 else list(key)
        rels = [
            {
                "parent_table_name": r.parent,
                "parent_primary_key": _one_or_list(r.parent_columns),
                "child_table_name": r.child,
                "child_foreign_key": _one_or_list(r.child_columns),
            }
            for r in self.relationships
        ]
        return {"tables": tables, "relationships": rels}

    @classmethod
    def from_sdmetrics(cls, metadata: Mapping[str, Any]) -> Metadata:
        """Read an SDMetrics/SDV metadata dictionary (``id``/``pii``/other sdtypes are skipped).

        Raises:
            InvalidInputError: the dictionary has no ``tables``.
        """
        if "tables" not in metadata:
            msg = "metadata must be SDMetrics' dictionary: {'tables': {...}, 'relationships': []}"
            raise InvalidInputError(msg)
        kinds: dict[str, dict[str, Kind]] = {}
        keys: dict[str, tuple[str, ...]] = {}
        for table, spec in metadata["tables"].items():
            kinds[table] = {}
            for column, meta in spec.get("columns", {}).items():
                kinds[table][column] = _SDTYPES.get(meta.get("sdtype"), "text")
            if spec.get("primary_key"):
                keys[table] = _columns(spec["primary_key"])
        rels = [
            Relationship(
                r["parent_table_name"],
                _columns(r["parent_primary_key"]),
                r["child_table_name"],
                _columns(r["child_foreign_key"]),
            )
            for r in metadata.get("relationships", [])
        ]
        return cls(kinds, keys, rels)


def _columns(value: str | Sequence[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _one_or_list(columns: tuple[str, ...]) -> str | list[str]:
    return columns[0] if len(columns) == 1 else list(columns)


# --- from schemas, a catalogue or the data --------------------------------------------


def metadata_for(
    frames: Mapping[str, pl.DataFrame], hint: list[Schema] | Source | None
) -> Metadata:
    """Metadata for ``frames``: keys from schemas or a catalogue when given, else inferred."""
    if isinstance(hint, list):
        keys, rels, unique, types = _from_schemas(hint)
    elif isinstance(hint, Source):
        keys, rels, unique, types = _from_catalogue(hint)
    else:
        (keys, rels), unique, types = _infer_keys(frames), {}, {}
    rels = [r for r in rels if r.parent in frames and r.child in frames]
    key_columns = {t: set(k) | set(unique.get(t, ())) for t, k in keys.items()}
    for r in rels:
        key_columns.setdefault(r.child, set()).update(r.child_columns)
        key_columns.setdefault(r.parent, set()).update(r.parent_columns)
    kinds = {
        table: {
            c: "id" if c in key_columns.get(table, ()) else _kind(frame[c], types.get((table, c)))
            for c in frame.columns
        }
        for table, frame in frames.items()
    }
    return Metadata(kinds, {t: k for t, k in keys.items() if t in frames}, rels)


_Keys = tuple[
    dict[str, tuple[str, ...]],
    list[Relationship],
    dict[str, set[str]],
    dict[tuple[str, str], FieldType],
]


def _from_schemas(schemas: list[Schema]) -> _Keys:
    keys: dict[str, tuple[str, ...]] = {
        s.name: tuple(s.key_fields) for s in schemas if s.key_fields
    }
    rels = [
        Relationship(fk.parent, (fk.parent_field,), s.name, (fk.field,))
        for s in schemas
        for fk in s.foreign_keys
    ]
    rels += [
        Relationship(fk.parent, tuple(fk.referenced), s.name, tuple(fk.fields))
        for s in schemas
        for fk in s.composite_foreign_keys
    ]
    unique = {s.name: {f.name for f in s.fields if f.is_unique} for s in schemas}
    types = {(s.name, f.name): f.type for s in schemas for f in s.fields}
    return keys, rels, unique, types


def _from_catalogue(source: Source) -> _Keys:
    keys = {t: m.primary_key for t, m in source.meta.items() if m.primary_key}
    rels = [
        Relationship(fk.parent, fk.parent_columns, t, fk.columns)
        for t, m in source.meta.items()
        for fk in m.foreign_keys
    ]
    unique = {t: {c for cols in m.unique for c in cols} for t, m in source.meta.items()}
    return keys, rels, unique, {}


def _kind(series: pl.Series, declared: FieldType | None) -> Kind:
    if declared is not None and FIELD_TRAITS[declared].free:
        return "text"
    if declared == FieldType.ENUM:
        return "categorical"
    dtype = series.dtype
    if dtype == pl.Boolean:
        return "boolean"
    if dtype.is_numeric():
        return "numerical"
    if dtype in (pl.Date, pl.Datetime) or isinstance(dtype, pl.Datetime):
        return "datetime"
    if dtype in (pl.String, pl.Categorical) or isinstance(dtype, pl.Enum):
        present = series.len() - series.null_count()
        distinct = series.drop_nulls().n_unique()
        if distinct <= _MAX_CATEGORIES and distinct <= max(present // 2, 2):
            return "categorical"
    return "text"


_KEY_SUFFIXES = ("id", "key", "code", "num", "no")


def _infer_keys(
    frames: Mapping[str, pl.DataFrame],
) -> tuple[dict[str, tuple[str, ...]], list[Relationship]]:
    """Keys the data implies: a table's first unique, non-null integer or text column (one named
    like a key first); a child column named like a parent's key whose values all occur in it."""
    keys: dict[str, tuple[str, ...]] = {}
    for table, frame in frames.items():
        candidates = [
            c
            for c in frame.columns
            if (frame[c].dtype.is_integer() or frame[c].dtype == pl.String)
            and frame[c].null_count() == 0
            and frame[c].n_unique() == frame.height > 0
        ]
        named = [c for c in candidates if c.lower().endswith(_KEY_SUFFIXES)]
        if named or (candidates and candidates[0] == frame.columns[0]):
            keys[table] = ((named or candidates)[0],)
    rels = []
    for child, frame in frames.items():
        for parent, (key,) in keys.items():
            singular = parent.removesuffix("s")
            for column in frame.columns:
                names = {key, f"{singular}_{key}", f"{parent}_{key}", f"{singular}_id"}
                if (child, column) == (parent, key) or column not in names:
                    continue
                if frame[column].dtype != frames[parent][key].dtype:
                    continue
                values = frame[column].drop_nulls()
                if values.len() and values.is_in(frames[parent][key].implode()).all():
                    rels.append(Relationship(parent, (key,), child, (column,)))
    return keys, rels
