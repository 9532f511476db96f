"""XLSX with xlsxwriter in constant-memory mode: typed cells, no formulas, 1,048,575 rows/sheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import polars as pl

from synthdata.export._text import neutralize
from synthdata.schema import Schema

if TYPE_CHECKING:
    from synthdata.export import ExportOptions

__all__ = ["MAX_ROWS", "write_xlsx"]

#: Data rows per sheet: Excel's 1,048,576 rows less the header.
MAX_ROWS = 1_048_575
_WIDTH_SAMPLE = 200


def write_xlsx(frame: pl.LazyFrame, path: Path, schema: Schema, options: ExportOptions) -> Path:
    """Write one workbook: a header row, typed cells, widths that fit, further sheets as needed.

    Strings are never turned into formulas, URLs or numbers, and (unless disabled) text that a
    spreadsheet would run as a formula is prefixed with ``'``.
    """
    import xlsxwriter

    if options.neutralize_formulas is not False:
        frame = neutralize(frame)
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_date_format": "yyyy-mm-dd",
        },
    )
    try:
        _write_sheets(workbook, frame, schema)
    finally:
        workbook.close()
    return path


def _write_sheets(workbook: Any, frame: pl.LazyFrame, schema: Schema) -> None:
    header = workbook.add_format({"bold": True})
    formats = {
        pl.Datetime: workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
        pl.Time: workbook.add_format({"num_format": "hh:mm:ss"}),
    }
    columns = frame.collect_schema()
    special = [
        (i, formats[_kind(t)]) for i, t in enumerate(columns.values()) if _kind(t) in formats
    ]
    sheet: Any = None
    row, number = MAX_ROWS, 0
    for batch in frame.collect_batches(chunk_size=20_000):
        for values in batch.iter_rows():
            if row == MAX_ROWS:
                number += 1
                sheet = _new_sheet(workbook, schema.name, number, list(columns), header, batch)
                row = 0
            row += 1
            sheet.write_row(row, 0, values)
            for col, cell_format in special:
                if values[col] is not None:
                    sheet.write_datetime(row, col, values[col], cell_format)
    if sheet is None:
        _new_sheet(workbook, schema.name, 1, list(columns), header, None)


def _kind(dtype: pl.DataType) -> Any:
    if isinstance(dtype, pl.Datetime):
        return pl.Datetime
    return pl.Time if dtype == pl.Time else None


def _new_sheet(
    workbook: Any,
    table: str,
    number: int,
    names: list[str],
    header: Any,
    batch: pl.DataFrame | None,
) -> Any:
    title = table[:31] if number == 1 else f"{table[:27]}_{number}"
    sheet = workbook.add_worksheet(title)
    for col, name in enumerate(names):
        sheet.set_column(col, col, _width(name, batch))
    sheet.write_row(0, 0, names, header)
    sheet.freeze_panes(1, 0)
    return sheet


def _width(name: str, batch: pl.DataFrame | None) -> float:
    longest = len(name)
    if batch is not None and batch.height:
        sample = batch[name].head(_WIDTH_SAMPLE)
        if sample.dtype == pl.String:
            chars = cast("int | None", sample.str.len_chars().max())  # a UInt32 column's maximum
            longest = max(longest, int(chars or 0))
        elif isinstance(sample.dtype, pl.Datetime):
            longest = max(longest, 19)
        else:
            longest = max(longest, max((len(str(v)) for v in sample.to_list()), default=0))
    return min(60.0, longest + 2.0)
