"""The analysis stage: business text → :class:`~synthdata.Analysis` → plan → schemas.

The public functions are :func:`synthdata.analyze` and :func:`synthdata.infer_schemas`; the
modules here are the pipeline's stages, importable one by one.
"""
