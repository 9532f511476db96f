"""Checks over a set of schemas: unique names, resolvable foreign keys, no required-key cycle."""

from __future__ import annotations

from synthdata.errors import InvalidInputError, did_you_mean
from synthdata.schema.table import ForeignKey, Schema

__all__ = ["check_schemas"]


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
    return _dependency_order(tables)


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
        for fk in tables[name].foreign_keys:
            if fk.parent != name and (with_optional or not fk.optional):
                visit(fk.parent, (*path, name))
        state[name] = 2
        order.append(tables[name])

    for name in tables:
        visit(name, ())
    return order
