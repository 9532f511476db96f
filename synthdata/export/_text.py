"""Shared column conversions for text-based exporters."""

from __future__ import annotations

import polars as pl

__all__ = ["FORMULA_START", "neutralize"]

#: Cells starting with these run as formulas in spreadsheet programs (OWASP CSV injection).
FORMULA_START = r"^[=+\-@\t\r]"


def neutralize(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Prefix text cells that a spreadsheet would run as a formula with ``'``."""
    schema = frame.collect_schema()
    text = [name for name, dtype in schema.items() if dtype == pl.String]
    if not text:
        return frame
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(FORMULA_START))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in text
    )
