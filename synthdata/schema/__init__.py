"""Schemas' vocabulary: the field types and what holds for each (:data:`FIELD_TRAITS`)."""

from synthdata.schema.traits import (
    FIELD_TRAITS as FIELD_TRAITS,
    FieldTraits as FieldTraits,
    traits as traits,
)

__all__ = ["FIELD_TRAITS", "FieldTraits", "traits"]
