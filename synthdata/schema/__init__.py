"""Schemas' vocabulary: the field types and the other spellings accepted for them."""
