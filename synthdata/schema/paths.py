"""Keys that agree along a path: a row keyed to A and to B, where each B belongs to one A,
holds its B's A (an appointment for a pet is with that pet's owner). Generation follows the
path (:mod:`synthdata.generate.relations`) and :func:`synthdata.validate` checks it."""

from __future__ import annotations

from synthdata.schema import expressions
from synthdata.schema.table import Schema

__all__ = ["key_paths"]


def key_paths(schema: Schema, by_name: dict[str, Schema]) -> dict[str, tuple[str, str]]:
    """Foreign keys a row takes from another of its parents, as ``{key: (through, parent's
    key)}``: where a table has keys to A and to B and each B row has one required key to A,
    the row's A is its B's A (an appointment with ``pet_id`` and ``owner_id`` is for the
    pet's owner; an order line's ``customer_id`` is its order's customer), not an unrelated
    row. Left alone: keys of link tables (a pair is the row), unique keys, self-references,
    composite keys, tables with ``infer_rules: false`` and a parent pair keyed both ways.
    """
    if not schema.infer_rules:
        return {}
    paired = {n for group in schema.unique_together if len(group) > 1 for n in group}
    # a key with counts of its own (bounded, or one its parent adds up) keeps them
    paired |= {fk.field for fk in schema.foreign_keys if fk.cardinality.bounded}
    paired |= {
        fk.field
        for fk in schema.foreign_keys
        if fk.parent in by_name and _aggregated_over(by_name[fk.parent], schema.name)
    }
    composite = schema.composite_fields()
    own = [
        fk
        for fk in schema.foreign_keys
        if fk.parent != schema.name
        and fk.parent in by_name
        and fk.field not in paired
        and fk.field not in composite
        and not schema.field(fk.field).is_unique
    ]
    out: dict[str, tuple[str, str]] = {}
    for fk in own:
        for through in own:
            if through.parent == fk.parent or through.field in out:
                continue
            other = by_name[through.parent]
            ways = [
                k
                for k in other.foreign_keys
                if k.parent == fk.parent and k.field not in other.composite_fields()
            ]
            back = any(k.parent == through.parent for k in by_name[fk.parent].foreign_keys)
            if len(ways) != 1 or back or other.field(ways[0].field).effective_null_rate > 0:
                continue
            out[fk.field] = (through.field, ways[0].field)
            break
    return out


def _aggregated_over(parent: Schema, child: str) -> bool:
    """Whether a field of ``parent`` adds up (or counts) rows of ``child``."""
    return any(
        agg.table == child
        for f in parent.fields
        if f.derived
        for agg in expressions.aggregates(expressions.parse(f.derived))
    )
