"""Reading the first sheet of an .xlsx workbook as batches of text columns."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import polars as pl

from stdhub.tabular.zipsize import WorkbookTooLarge, check_inflated_size

from .errors import SourceError


def open_workbook_sheet(path: Path):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        check_inflated_size(path)
    except WorkbookTooLarge as error:
        raise SourceError(f"{path.name}: {error}") from None
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise SourceError(f"cannot open {path.name} as an .xlsx workbook: {error}") from error
    return workbook, workbook.worksheets[0]


def header_names(cells: tuple[object, ...]) -> list[str]:
    """Header texts with trailing blanks dropped; blank or repeated names are made
    unique the way polars does for CSV (``column_3``, ``name_duplicated_0``)."""
    texts = [cell_text(c) or "" for c in cells]
    while texts and not texts[-1]:
        texts.pop()
    names: list[str] = []
    for index, text in enumerate(texts, start=1):
        name = text or f"column_{index}"
        repeats = sum(1 for n in names if n == name or n.startswith(f"{name}_duplicated_"))
        names.append(f"{name}_duplicated_{repeats - 1}" if repeats else name)
    return names


def sheet_batches(
    rows: Iterator[tuple[object, ...]], columns: list[str], size: int
) -> Iterator[pl.DataFrame]:
    """Data rows as DataFrames of ``size`` rows; blank rows at the end of the sheet
    (left behind by formatting) are dropped, blank rows between data are kept."""
    width = len(columns)
    schema = dict.fromkeys(columns, pl.String)
    pending_blank = 0
    batch: list[list[str | None]] = []
    for cells in rows:
        texts = [cell_text(c) for c in islice(cells, width)]
        if not any(t is not None for t in texts):
            pending_blank += 1
            continue
        batch += [[None] * width] * pending_blank
        pending_blank = 0
        batch.append(texts + [None] * (width - len(texts)))
        if len(batch) >= size:
            yield pl.DataFrame(batch, schema=schema, orient="row")
            batch = []
    if batch:
        yield pl.DataFrame(batch, schema=schema, orient="row")


def cell_text(value: object) -> str | None:
    """A cell as the text a CSV export would hold (dates in ISO 8601)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)
