"""Foreign keys the text states: both directions, subjects, link tables."""

import synthdata as sd


def _keys(context: str) -> dict[str, set[tuple[str, str]]]:
    """Per table, its (field, parent table) keys."""
    return {
        s.name: {(fk.field, fk.parent) for fk in s.foreign_keys}
        for s in sd.infer_schemas(sd.analyze(context))
    }


def _parents(context: str) -> dict[str, set[str]]:
    return {name: {parent for _, parent in keys} for name, keys in _keys(context).items()}


def test_keys_said_both_ways_are_both_kept():
    """'Every surveyor belongs to one office' and 'each office is run by one surveyor': the
    surveyor's office and the office's surveyor are both keys (one of them may be null)."""
    parents = _parents(
        "Land registry database. Offices have a name and a town, and each office is run by "
        "one surveyor. Surveyors: name, licence number, phone; every surveyor belongs to one "
        "office. Parcels have a title number and an area and are measured by a surveyor."
    )
    assert "offices" in parents["surveyors"]
    assert "surveyors" in parents["offices"]
