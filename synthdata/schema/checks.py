"""Checks over a set of schemas: unique names, resolvable foreign keys, no required-key cycle."""

from __future__ import annotations

from synthdata.errors import InvalidInputError, did_you_mean
from synthdata.schema import arithmetic, expressions, milestones
from synthdata.schema.field import Field
from synthdata.schema.table import CompositeForeignKey, Constraint, ForeignKey, Schema
from synthdata.schema.traits import FIELD_TRAITS

__all__ = ["check_schemas", "child_key", "parent_key"]


def check_schemas(schemas: list[Schema]) -> list[Schema]:
    """Check a set of schemas together: unique names, resolvable foreign keys, feasible uniqueness.

    Returns the schemas in dependency order (parents before children; self-references allowed).

    Raises:
        InvalidInputError: the set is inconsistent; the message names the table and field.
    """
    if not schemas:
        msg = "At least one schema is required"
        raise InvalidInputError(msg)
    tables: dict[str, Schema] = {}
    for s in schemas:
        if s.name.lower() in {t.lower() for t in tables}:
            msg = f"Two schemas are named '{s.name}' (names are case-insensitive)"
            raise InvalidInputError(msg)
        tables[s.name] = s
    for s in schemas:
        for fk in s.foreign_keys:
            _check_foreign_key(s, fk, tables)
        for cfk in s.composite_foreign_keys:
            _check_composite_foreign_key(s, cfk, tables)
    for s in schemas:
        tables[s.name] = _after_parents(s, tables)
    for s in schemas:
        tables[s.name] = _from_children(tables[s.name], tables)
    for s in schemas:
        _check_aggregates(tables[s.name], tables)
    return _dependency_order(tables)


def child_key(child: Schema, parent: str) -> ForeignKey:
    """The one foreign key through which ``child``'s rows belong to a row of ``parent``."""
    why = f"Table '{parent}' aggregates over '{child.name}', which needs"
    return _only_key(child, parent, why)


def _only_key(child: Schema, parent: str | None, why: str) -> ForeignKey:
    """The one foreign key from ``child`` to another table ``parent``; ``why`` starts the
    error that says there is none or several."""
    found = [fk for fk in child.foreign_keys if fk.parent == parent and fk.parent != child.name]
    if len(found) != 1:
        msg = f"{why} exactly one foreign key to '{parent}' (found {len(found)})"
        raise InvalidInputError(msg)
    return found[0]


def _from_children(s: Schema, tables: dict[str, Schema]) -> Schema:
    """The schema with the columns its children add up (unless it says ``infer_rules:
    false``): :func:`synthdata.schema.arithmetic.from_children`."""
    if not s.infer_rules:
        return s
    children = [
        (t.name, t.fields)
        for t in tables.values()
        if t.name != s.name
        and [fk.parent for fk in t.foreign_keys].count(s.name) == 1
        and not any(
            fk.parent == s.name and fk.field in group for fk in t.foreign_keys for group in t.one_of
        )
    ]
    if not children:
        return s
    blocked = {c.field for c in s.constraints} | {c.other for c in s.constraints}
    blocked |= {m for r in s.status_rules for m in r.milestones}
    found = arithmetic.from_children(s.fields, children, blocked)
    if not found:
        return s
    fields = [
        f.model_copy(update={"derived": found[f.name]}) if f.name in found else f for f in s.fields
    ]
    return s.model_copy(update={"fields": fields})


def _check_aggregates(s: Schema, tables: dict[str, Schema]) -> None:
    """Every ``sum(child.column)`` or ``count(child)`` names a table holding one key to this
    one, and a number column of it."""
    for f in s.fields:
        if f.derived is None:
            continue
        for agg in expressions.aggregates(expressions.parse(f.derived)):
            where = f"Schema '{s.name}': field '{f.name}' derived {f.derived!r}"
            child = tables.get(agg.table)
            if child is None:
                msg = f"{where}: unknown table '{agg.table}'.{did_you_mean(agg.table, tables)}"
                raise InvalidInputError(msg)
            if child.name == s.name:
                msg = f"{where}: a table cannot aggregate over itself"
                raise InvalidInputError(msg)
            fk = child_key(child, s.name)
            if any(fk.field in group for group in child.one_of):
                msg = (
                    f"{where}: '{agg.table}.{fk.field}' is in a one_of group; aggregate over "
                    "a key every child has"
                )
                raise InvalidInputError(msg)
            if agg.column is None:
                continue
            if agg.column not in child.field_names:
                msg = (
                    f"{where}: unknown field '{agg.table}.{agg.column}'."
                    f"{did_you_mean(agg.column, child.field_names)}"
                )
                raise InvalidInputError(msg)
            kind = child.field(agg.column).type
            if kind not in expressions.DERIVABLE:
                msg = f"{where}: '{agg.table}.{agg.column}' is {kind.value}, not a number"
                raise InvalidInputError(msg)


def parent_key(s: Schema, c: Constraint) -> ForeignKey:
    """The foreign key a constraint on a parent's column reaches that parent through."""
    return _only_key(s, c.parent, f"Schema '{s.name}': constraint '{c}' needs")


def _after_parents(s: Schema, tables: dict[str, Schema]) -> Schema:
    """The schema with its constraints on parent columns checked, and (unless it says
    ``infer_rules: false``) its first event ordered after each required parent's creation
    (:func:`synthdata.schema.milestones.parent_ordering`)."""
    for c in s.constraints:
        if c.parent is None:
            continue
        parent = tables[parent_key(s, c).parent]
        if c.other not in parent.field_names:
            msg = (
                f"Schema '{s.name}': constraint '{c}' names unknown field "
                f"'{c.parent}.{c.other}'.{did_you_mean(c.other, parent.field_names)}"
            )
            raise InvalidInputError(msg)
        if not FIELD_TRAITS[parent.field(c.other).type].orderable:
            msg = f"Schema '{s.name}': constraint '{c}' needs numbers, dates or times"
            raise InvalidInputError(msg)
        if c.other not in {f.name for f in _free(parent)}:
            msg = (
                f"Schema '{s.name}': constraint '{c}' names '{c.parent}.{c.other}', a key, "
                "derived field or status-ruled milestone; a child can follow only a drawn column"
            )
            raise InvalidInputError(msg)
    if not s.infer_rules:
        return s
    added: list[Constraint] = []
    parents = [fk.parent for fk in s.foreign_keys]
    for fk in s.foreign_keys:
        if fk.optional or fk.parent == s.name or parents.count(fk.parent) > 1:
            continue
        parent = tables[fk.parent]
        if not parent.field_names or any(c.parent == fk.parent for c in s.constraints):
            continue
        # The child's milestone may be one a status rule keeps or nulls: the rule keeps the
        # drawn value, which is ordered after the parent.
        pair = milestones.parent_ordering(_free(s, ruled=True), _free(parent))
        if pair is None or any(c.field == pair[0] and c.parent for c in s.constraints):
            continue  # the user ordered it after a parent already; several inferred are fine
        added.append(Constraint(field=pair[0], op=">=", other=pair[1], parent=fk.parent))
    if not added:
        return s
    return s.model_copy(update={"constraints": [*s.constraints, *added]})


def _free(s: Schema, *, ruled: bool = False) -> list[Field]:
    """Fields a cross-table ordering may use: not keys, derived or (unless ``ruled``) set by
    a status rule."""
    keyed = {fk.field for fk in s.foreign_keys} | {s.primary_key} | set(s.composite_key)
    keyed |= set(s.composite_fields())
    ruled_out = set() if ruled else {m for r in s.status_rules for m in r.milestones}
    return [
        f
        for f in s.fields
        if f.name not in keyed
        and f.name not in ruled_out
        and f.derived is None
        and not f.derived_from
    ]


def _check_foreign_key(s: Schema, fk: ForeignKey, tables: dict[str, Schema]) -> None:
    where = f"Schema '{s.name}' field '{fk.field}'"
    parent = tables.get(fk.parent)
    if parent is None:
        msg = f"{where} references unknown table '{fk.parent}'.{did_you_mean(fk.parent, tables)}"
        raise InvalidInputError(msg)
    names = parent.field_names
    if fk.parent_field not in names:
        msg = (
            f"{where} references unknown field '{fk.parent}.{fk.parent_field}'."
            f"{did_you_mean(fk.parent_field, names)}"
        )
        raise InvalidInputError(msg)
    if fk.parent_field != parent.primary_key:
        msg = f"{where} must reference the primary key of '{fk.parent}' ({parent.primary_key})"
        raise InvalidInputError(msg)
    child_type = s.field(fk.field).type
    parent_type = parent.field(fk.parent_field).type
    if child_type is not parent_type:
        msg = f"{where} is {child_type.value} but '{fk.parent}.{fk.parent_field}' is {parent_type}"
        raise InvalidInputError(msg)


def _check_composite_foreign_key(
    s: Schema, fk: CompositeForeignKey, tables: dict[str, Schema]
) -> None:
    """The parent exists, the fields refer to its composite key column by column with the same
    types, and a field that also has a single-column foreign key agrees with it."""
    where = f"Schema '{s.name}' composite foreign key {fk}"
    parent = tables.get(fk.parent)
    if parent is None:
        msg = f"{where} references unknown table '{fk.parent}'.{did_you_mean(fk.parent, tables)}"
        raise InvalidInputError(msg)
    for name in fk.referenced:
        if name not in parent.field_names:
            msg = (
                f"{where} references unknown field '{fk.parent}.{name}'."
                f"{did_you_mean(name, parent.field_names)}"
            )
            raise InvalidInputError(msg)
    if sorted(fk.referenced) != sorted(parent.composite_key):
        key = parent.composite_key or parent.key_fields
        msg = f"{where} must reference the composite key of '{fk.parent}' ({', '.join(key)})"
        raise InvalidInputError(msg)
    singles = {k.field: k for k in s.foreign_keys}
    theirs = {k.field: k for k in parent.foreign_keys}
    for name, other in zip(fk.fields, fk.referenced, strict=True):
        mine, their = s.field(name).type, parent.field(other).type
        if mine is not their:
            msg = f"{where}: '{name}' is {mine.value} but '{fk.parent}.{other}' is {their.value}"
            raise InvalidInputError(msg)
        single = singles.get(name)
        if single is None:
            continue
        # The field takes the parent row's value, which is a key of ``single``'s parent only
        # when the parent's column refers to that same table.
        through = theirs.get(other)
        if through is None or (through.parent, through.parent_field) != (
            single.parent,
            single.parent_field,
        ):
            msg = (
                f"{where}: '{name}' also references {single.parent}.{single.parent_field}, "
                f"which holds only if '{fk.parent}.{other}' references it too"
            )
            raise InvalidInputError(msg)


def _dependency_order(tables: dict[str, Schema]) -> list[Schema]:
    try:
        return _topological(tables, with_optional=True)
    except InvalidInputError:
        # Only required keys must order tables: an optional one may close a cycle, since its
        # rows can be loaded first and linked later.
        return _topological(tables, with_optional=False)


def _topological(tables: dict[str, Schema], *, with_optional: bool) -> list[Schema]:
    order: list[Schema] = []
    state: dict[str, int] = {}

    def visit(name: str, path: tuple[str, ...]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = " -> ".join((*path, name))
            msg = f"Required foreign keys form a cycle ({cycle}); make one of them optional"
            raise InvalidInputError(msg)
        state[name] = 1
        links: list[ForeignKey | CompositeForeignKey] = [*tables[name].foreign_keys]
        links += tables[name].composite_foreign_keys
        for fk in links:
            if fk.parent != name and (with_optional or not fk.optional):
                visit(fk.parent, (*path, name))
        state[name] = 2
        order.append(tables[name])

    for name in tables:
        visit(name, ())
    return order
