"""What is fixed before any batch runs: each table's volume, checks, allocations and text pools.

A :class:`TablePlan` is small and picklable: it travels to worker threads, processes and Dask
workers, and every batch of its table is a pure function of it and the batch's row range.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field as dc_field, replace
from typing import Any

import numpy as np

from synthdata import _rng
from synthdata.errors import InvalidInputError
from synthdata.generate.allocation import Allocation
from synthdata.generate.keys import (
    KEY_TYPES,
    MAX_COMBINATIONS,
    UNIQUE_TYPES,
    composite_capacity,
    composite_sizes,
    single_key,
)
from synthdata.generate.vocab import DEFAULT_LOCALE
from synthdata.schema import (
    CompositeForeignKey,
    Field,
    FieldType,
    ForeignKey,
    Schema,
    check_schemas,
    expressions,
)
from synthdata.schema.checks import child_key, parent_key
from synthdata.schema.paths import key_paths
from synthdata.schema.semantics import anchor, is_currency_code, meaning

__all__ = [
    "DEFAULT_VOLUME",
    "MAX_SEED",
    "REFERENCE_DATE",
    "TablePlan",
    "check_composite_key",
    "check_seed",
    "composite_anchor",
    "computed_columns",
    "gathered_columns",
    "junction_groups",
    "plan_tables",
    "plan_volumes",
]

#: Rows of a table that states no volume and has no parent to scale from.
DEFAULT_VOLUME = 100
MAX_SEED = 2**63 - 1
#: Generated dates end here unless a field says otherwise: a fixed day keeps output reproducible.
REFERENCE_DATE = dt.datetime(2025, 12, 31, 23, 59, 59)


@dataclass(frozen=True)
class TablePlan:
    """Everything fixed for a table before its batches run (shared by all batches)."""

    seed: int
    schema: Schema
    volume: int
    volumes: dict[str, int]
    schemas: dict[str, Schema]
    locale: str
    reference: dt.datetime = REFERENCE_DATE
    #: Per bounded foreign key: how its rows spread over the parent's rows.
    allocations: dict[str, Allocation] = dc_field(default_factory=dict)
    #: Per TEXT field: values a language model wrote, which rows pick from.
    text_pools: dict[str, list[str]] = dc_field(default_factory=dict)
    #: Per field, as ``table.field``: what it holds (:func:`synthdata.schema.semantics.meaning`).
    meanings: dict[str, str | None] = dc_field(default_factory=dict)
    #: Columns other tables read by foreign key (a customer's ``created_at`` its orders follow)
    #: and the columns they are ordered after: drawn by row index alone (``Batch.raw``).
    gathered: frozenset[str] = frozenset()
    #: Per child table an aggregate of this table reads (``sum(order_items.line_total)``): its
    #: plan, and the columns computed again for a batch's children (drawn by row index alone).
    children: dict[str, tuple[TablePlan, frozenset[str]]] = dc_field(default_factory=dict)
    #: Per parent a composite foreign key refers to: its plan, from which the parent's key
    #: columns are computed again for the rows the key picks.
    composite_parents: dict[str, TablePlan] = dc_field(default_factory=dict)
    #: Per foreign key that takes its parent from another parent of the row (an appointment's
    #: owner is its pet's owner): the key it goes through and that parent's key to the same
    #: table (:func:`key_paths`).
    follows: dict[str, tuple[str, str]] = dc_field(default_factory=dict)
    #: The plans of the parents those keys go through, to compute their keys for any rows.
    via: dict[str, TablePlan] = dc_field(default_factory=dict)

    def meaning(self, f: Field) -> str | None:
        """What a field of this plan's table holds, read once per plan from the names."""
        key = f"{self.schema.name}.{f.name}"
        if key in self.meanings:
            return self.meanings[key]
        return meaning(f, self.schema.name, self.schema.field_names)


def plan_volumes(schemas: Sequence[Schema], total_rows: int | None = None) -> dict[str, int]:
    """Rows per table: stated volumes, else the parent's volume times the cardinality, else 100.

    With ``total_rows``, the volumes are scaled to add up to exactly that many records.
    """
    ordered = check_schemas(list(schemas))
    volumes: dict[str, int] = {}
    for s in ordered:
        volumes[s.name] = _natural_volume(s, volumes)
    if total_rows is not None:
        volumes = _scale(volumes, total_rows)
    return volumes


def _natural_volume(s: Schema, volumes: dict[str, int]) -> int:
    if s.volume is not None:
        return s.volume
    links: list[ForeignKey | CompositeForeignKey] = [*s.foreign_keys]
    links += s.composite_foreign_keys
    parents = [fk for fk in links if fk.parent != s.name and fk.parent in volumes]
    if not parents:
        return DEFAULT_VOLUME
    fk = parents[0]
    volume = round(volumes[fk.parent] * fk.cardinality.expected())
    for group in junction_groups(s):
        capacity = 1
        for k in group:
            capacity *= volumes.get(k.parent, 0)
        volume = min(volume, capacity)
    if s.composite_key and all(
        k.parent in volumes for k in s.foreign_keys if k.field in s.composite_key
    ):
        volume = min(volume, composite_capacity(s, volumes))
    return volume


def _scale(volumes: dict[str, int], total: int) -> dict[str, int]:
    """Largest-remainder split of ``total`` by the natural volumes (each table ≥ 1 if possible)."""
    if total < 0:
        msg = f"total_rows must be at least 0 (got {total})"
        raise InvalidInputError(msg)
    names = list(volumes)
    weights = [max(volumes[n], 1) for n in names]
    floor_each = 1 if total >= len(names) else 0
    spare = total - floor_each * len(names)
    shares = [spare * w / sum(weights) for w in weights]
    counts = [floor_each + int(s) for s in shares]
    order = sorted(range(len(names)), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return dict(zip(names, counts, strict=True))


def junction_groups(schema: Schema) -> list[list[ForeignKey]]:
    """Groups of foreign keys whose combination must be unique (many-to-many link tables)."""
    by_field = {fk.field: fk for fk in schema.foreign_keys}
    groups = []
    for names in schema.unique_together:
        if all(n in by_field for n in names) and len(names) > 1:
            groups.append([by_field[n] for n in names])
    return groups


def _parent_of(schema: Schema, key: str) -> str:
    return next(fk.parent for fk in schema.foreign_keys if fk.field == key)


def check_seed(seed: int) -> None:
    """Raise :class:`InvalidInputError` unless ``seed`` is a whole number in the seed range."""
    # Callers outside the type checker (notebooks, the API) may pass anything.
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:  # type: ignore[redundant-expr]
        msg = f"seed must be a whole number from 0 to {MAX_SEED} (got {seed!r})"
        raise InvalidInputError(msg)


def plan_tables(
    schemas: Sequence[Schema],
    *,
    seed: int,
    total_rows: int | None = None,
    volumes: dict[str, int] | None = None,
    locale: str = DEFAULT_LOCALE,
    reference: dt.datetime = REFERENCE_DATE,
    bounded: bool = True,
    llm: Any = None,
) -> list[TablePlan]:
    """One plan per table, in dependency order (parents first).

    Args:
        schemas: the tables; foreign keys must point at tables in the list.
        seed: the corpus seed.
        total_rows: records across all tables (see :func:`plan_volumes`); ignored with
            ``volumes``.
        volumes: rows per table, when the caller decides them (samples).
        locale: the Faker locale of tables and fields that set none.
        reference: generated dates end here by default.
        bounded: honour bounded cardinalities by allocating child rows to parents (a sample,
            whose tables are all the same size, cannot).
        llm: a model name or :class:`synthdata.llm.LLMConfig` that writes TEXT values.

    Raises:
        InvalidInputError: a bad seed, inconsistent schemas, or a key, unique field or
            cardinality the generator cannot honour.
    """
    check_seed(seed)
    ordered = check_schemas(list(schemas))
    volumes = volumes or plan_volumes(ordered, total_rows)
    by_name = {s.name: s for s in ordered}
    gathered: dict[str, set[str]] = {s.name: set() for s in ordered}
    for s in ordered:
        for c in s.constraints:
            if c.parent is not None and c.parent in by_name:
                gathered[c.parent] |= gathered_columns(by_name[c.parent], c.other)
    # Keys through another parent: that parent's key is drawn by row index, to be computed
    # again for the rows that refer to it.
    paths = {s.name: key_paths(s, by_name) for s in ordered}
    todo = [(_parent_of(s, t), way) for s in ordered for t, way in paths[s.name].values()]
    while todo:  # a key that follows a path itself reads its own path by row index too
        table, key = todo.pop()
        if key in gathered[table]:
            continue
        gathered[table].add(key)
        if key in paths[table]:
            through, way = paths[table][key]
            todo += [(table, through), (_parent_of(by_name[table], through), way)]
    # Aggregates over children: the children's inputs drawn by row index, their keys allocated.
    needs: dict[str, dict[str, set[str]]] = {s.name: {} for s in ordered}
    forced: dict[str, dict[str, int]] = {s.name: {} for s in ordered}
    for s in ordered:
        for f in s.fields:
            for agg in expressions.aggregates(expressions.parse(f.derived)) if f.derived else []:
                child = by_name[agg.table]
                fk = child_key(child, s.name)
                need = {fk.field}
                if agg.column is not None:
                    need |= computed_columns(child, agg.column)
                needs[s.name].setdefault(child.name, set()).update(need)
                gathered[child.name] |= need
                # A sum of computed lines (a document's) has at least one line per row.
                lines = agg.func == "sum" and child.field(agg.column or fk.field).derived
                least = 1 if lines and volumes[child.name] >= volumes[s.name] else 0
                keys = forced[child.name]
                keys[fk.field] = max(keys.get(fk.field, 0), least)
    plans = [
        TablePlan(
            seed,
            s,
            volumes[s.name],
            volumes,
            by_name,
            s.locale or locale,
            reference,
            _allocations(s, seed, volumes, bounded=bounded, forced=forced[s.name]),
            _text_pools(s, seed, llm),
            {f"{s.name}.{f.name}": meaning(f, s.name, s.field_names) for f in s.fields},
            frozenset(gathered[s.name]),
        )
        for s in map(_checked, ordered)
    ]
    built: dict[str, TablePlan] = {}
    for i, p in enumerate(plans):  # parents first: a composite key's parent plan is final
        check_composite_key(p)
        if p.schema.composite_foreign_keys:
            parents = {fk.parent: built[fk.parent] for fk in p.schema.composite_foreign_keys}
            plans[i] = p = replace(p, composite_parents=parents)
        # a key allocated to its parent keeps its allocation (its counts are the rule)
        follows = {k: v for k, v in paths[p.schema.name].items() if k not in p.allocations}
        if follows:
            middles = {_parent_of(p.schema, t) for t, _ in follows.values()}
            via = {name: built[name] for name in middles}
            plans[i] = p = replace(p, follows=follows, via=via)
        built[p.schema.name] = p
    done: dict[str, TablePlan] = {}
    for p in reversed(plans):  # children first, so a child's plan holds its own children
        if needs[p.schema.name]:
            children = {c: (done[c], frozenset(n)) for c, n in needs[p.schema.name].items()}
            p = replace(p, children=children)
        done[p.schema.name] = p
    return [done[p.schema.name] for p in plans]


def computed_columns(schema: Schema, column: str) -> set[str]:
    """What computing ``column`` for any rows takes: the column, its anchors, the inputs of its
    expression, the statuses and milestones that set them, directly or not — every column of
    the table when its money follows a currency column."""
    found: set[str] = set()
    todo = [column]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        f = schema.field(name)
        todo.extend(gathered_columns(schema, name) - found)
        if f.derived is not None:
            todo.extend(expressions.names(expressions.parse(f.derived)))
        if f.derived_from is not None:
            todo.append(f.derived_from)
        for rule in schema.status_rules:
            ruled = {rule.field, *rule.milestones}
            if name in ruled:
                todo.extend(ruled - found)
    names = schema.field_names
    if any(is_currency_code(f, meaning(f, schema.name, names)) for f in schema.fields):
        return set(schema.field_names)
    return found


def gathered_columns(schema: Schema, column: str) -> set[str]:
    """``column`` and every column of its table it is ordered after or follows, directly or
    not, with the foreign keys that reach the parent columns they follow."""
    found, todo = {column}, [column]
    while todo:
        name = todo.pop()
        follows = anchor(schema.field(name), schema.name, schema.field_names)
        if follows is not None and follows not in found:  # a price after its category
            found.add(follows)
            todo.append(follows)
        for c in schema.constraints:
            if c.field != name:
                continue
            if c.parent is not None:
                found.add(parent_key(schema, c).field)
            elif c.other not in found:
                found.add(c.other)
                todo.append(c.other)
    return found


def _checked(schema: Schema) -> Schema:
    """The schema, once its primary key and unique fields are known to be generable."""
    if schema.primary_key is not None and schema.field(schema.primary_key).type not in KEY_TYPES:
        kinds = ", ".join(sorted(t.value for t in KEY_TYPES))
        msg = f"Table '{schema.name}': a primary key must be one of {kinds}"
        raise InvalidInputError(msg)
    fk_fields = {fk.field for fk in schema.foreign_keys}
    for f in schema.fields:
        if f.is_unique and f.type not in UNIQUE_TYPES and f.name not in fk_fields:
            kinds = ", ".join(sorted(t.value for t in UNIQUE_TYPES))
            msg = f"Field '{schema.name}.{f.name}': {f.type.value} cannot be unique; use {kinds}"
            raise InvalidInputError(msg)
    return schema


def _allocations(
    schema: Schema,
    seed: int,
    volumes: dict[str, int],
    *,
    bounded: bool,
    forced: dict[str, int] | None = None,
) -> dict[str, Allocation]:
    """Per bounded foreign key, the recipe spreading this table's rows over the parent's; also
    per ``forced`` key (one its parent aggregates over, which must know each row's children),
    within its bounds when ``bounded``, else freely."""
    allocations = {}
    forced = forced or {}
    volume = volumes[schema.name]
    decided = _decided_by_composite(schema, bounded=bounded)
    links: list[ForeignKey | CompositeForeignKey] = [*schema.foreign_keys]
    links += schema.composite_foreign_keys
    for fk in links:
        card = fk.cardinality
        name = fk.field if isinstance(fk, ForeignKey) else fk.name
        keep = bounded and card.bounded and name not in decided
        if not ((keep or name in forced) and fk.parent != schema.name and volume):
            continue
        if not volumes[fk.parent] and not keep:
            continue  # no parent rows: the key is null (or refused) as for any key
        allocation = Allocation(
            seed,
            _rng.stream_key(schema.name, name, "allocate"),
            volumes[fk.parent],
            volume,
            (card.min or 0) if keep else forced[name],
            card.max if keep else None,
            card.distribution.value == "zipf",
            card.shares(),
            name in forced,  # a parent adds these children up: lines follow their order
        )
        try:
            allocation.cumulative()  # checks it can be done (and warms this process's cache)
        except InvalidInputError as exc:
            msg = f"Table '{schema.name}' field '{name}': {exc}"
            raise InvalidInputError(msg) from exc
        allocations[name] = allocation
    return allocations


def _decided_by_composite(schema: Schema, *, bounded: bool) -> set[str]:
    """Single-column keys whose field a composite key decides, so their own cardinality is not
    allocated: fields of a composite foreign key, and columns of the composite key after the
    first one allocated (the anchor)."""
    out = set(schema.composite_fields())
    anchored = False
    for name in schema.composite_key:
        fk = next((k for k in schema.foreign_keys if k.field == name), None)
        if fk is None or not (bounded and fk.cardinality.bounded) or fk.parent == schema.name:
            continue
        if anchored:
            out.add(name)
        anchored = True
    return out


def _text_pools(schema: Schema, seed: int, llm: Any) -> dict[str, list[str]]:
    """Model-written values for each TEXT field, when a model is configured."""
    if llm is None:
        return {}
    from synthdata.llm import LLMConfig, text_pool

    config = LLMConfig.resolve(llm)
    if config is None:
        return {}
    return {
        f.name: text_pool(
            config,
            table=schema.name,
            field=f.name,
            description=f.description or schema.description or "",
            seed=seed,
        )
        for f in schema.fields
        if f.type is FieldType.TEXT
    }


def composite_anchor(plan: TablePlan) -> int | None:
    """The position of the key column whose rows are allocated to its parent's, if any."""
    for i, name in enumerate(plan.schema.composite_key):
        if name in plan.allocations:
            return i
    return None


def check_composite_key(plan: TablePlan) -> None:
    """Raise :class:`InvalidInputError` unless the table's composite key can hold its volume."""
    schema = plan.schema
    if not schema.composite_key:
        return
    sizes = composite_sizes(schema, plan.volumes)
    names = ", ".join(schema.composite_key)
    capacity = math.prod(sizes)
    if capacity > MAX_COMBINATIONS:
        msg = (
            f"Table '{schema.name}': its composite key ({names}) spans {capacity} combinations, "
            f"more than {MAX_COMBINATIONS}; narrow a column's range or widen its step"
        )
        raise InvalidInputError(msg)
    if capacity < plan.volume:
        msg = (
            f"Table '{schema.name}' needs {plan.volume} distinct ({names}) combinations but its "
            f"columns allow only {capacity}"
        )
        raise InvalidInputError(msg)
    anchor = composite_anchor(plan)
    if anchor is not None and plan.volume:
        name = schema.composite_key[anchor]
        rest = capacity // max(sizes[anchor], 1)
        widest = int(np.diff(plan.allocations[name].cumulative(), prepend=0).max())
        if widest > rest:
            fk = single_key(schema, name)
            parent = fk.parent if fk is not None else name
            msg = (
                f"Table '{schema.name}': a '{parent}' row has {widest} rows here but the other "
                f"columns of the composite key ({names}) allow only {rest} per '{name}'"
            )
            raise InvalidInputError(msg)
