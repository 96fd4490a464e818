"""Read a CSV or Excel (.xlsx) file as a heading row and numbered rows of cells.

Cells are text, except what an Excel cell holds as a date or a number.

CSV files are decoded as UTF-8 (with or without BOM) or, failing that, as
GB18030 — the superset of GBK that Excel on Chinese Windows writes. Row
numbers are the ones a person sees in Excel: the heading is the first
non-blank row, data rows follow, blank rows are skipped but still counted.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

SAMPLE_BYTES = 1 << 20
DELIMITERS = ",\t;"


class ReadError(ValueError):
    """The file cannot be read as a table (not CSV/xlsx, undecodable, empty)."""


@dataclass
class Table:
    headings: list[str]
    heading_row: int  # row number of the heading row
    rows: Iterator[tuple[int, list]]  # (row number in the file, cells)
    total: int | None  # rows expected, for progress bars (an estimate for CSV)


def detect_encoding(sample: bytes) -> str:
    """``utf-8-sig``, ``utf-8`` or ``gb18030`` for the first bytes of a file."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("gb18030")().decode(sample, final=False)
        return "gb18030"
    except UnicodeDecodeError as exc:
        raise ReadError(f"the file is neither UTF-8 nor GBK/GB18030 text "
                        f"(byte {exc.start})") from exc


def _numbered(rows) -> Iterator[tuple[int, list]]:
    for number, cells in enumerate(rows, start=1):
        if any(c not in (None, "") and str(c).strip() for c in cells):
            yield number, list(cells)


def _split_heading(numbered: Iterator[tuple[int, list]], total: int | None) -> Table:
    first = next(numbered, None)
    if first is None:
        raise ReadError("the file is empty: it needs a heading row and at least one row")
    number, headings = first
    return Table([("" if h is None else str(h).strip()) for h in headings], number, numbered,
                 None if total is None else max(total - number, 0))


def _count_lines(path: Path) -> int:
    """Physical lines, for the progress bar (a quoted cell may hold more than one)."""
    lines, last = 0, b"\n"
    with path.open("rb") as fh:
        while chunk := fh.read(SAMPLE_BYTES):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


def read_csv(path: Path) -> Table:
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    encoding = detect_encoding(sample)
    first_line = sample.split(b"\n", 1)[0].decode(encoding, errors="replace")
    delimiter = max(DELIMITERS, key=first_line.count)

    def rows():
        with path.open(encoding=encoding, newline="") as fh:
            reader = csv.reader(fh, delimiter=delimiter)
            try:
                yield from reader
            except UnicodeDecodeError as exc:
                raise ReadError(f"the file is not valid {encoding} text: {exc.reason} "
                                f"(mixed encodings?)") from exc
            except csv.Error as exc:
                raise ReadError(f"line {reader.line_num}: {exc}") from exc

    return _split_heading(_numbered(rows()), _count_lines(path))


def _cell_text(value):
    """Excel cells as import input: whole numbers lose their '.0'; dates and text stay.

    Other numbers stay numbers so the importer can restore what Excel lost
    (an ICS group typed as 35.240 is stored as the number 35.24).
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def read_xlsx(path: Path) -> Table:
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ReadError(f"not a readable .xlsx workbook: {exc}") from exc
    sheet = book.worksheets[0]

    def rows():
        try:
            for cells in sheet.iter_rows(values_only=True):
                yield [_cell_text(c) for c in cells]
        finally:
            book.close()

    return _split_heading(_numbered(rows()), sheet.max_row)


READERS = {".csv": read_csv, ".txt": read_csv, ".tsv": read_csv, ".xlsx": read_xlsx,
           ".xlsm": read_xlsx}


def read_table(path) -> Table:
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(f"'{path.name}': use a .csv or .xlsx file "
                        f"(an old .xls workbook must be saved as .xlsx first)")
    if not path.is_file():
        raise ReadError(f"'{path}' does not exist")
    return reader(path)
