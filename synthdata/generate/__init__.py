"""The generator: vocabularies, one vectorized generator per field type, and the batch engine."""
