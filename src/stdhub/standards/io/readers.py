"""Read a CSV or Excel (.xlsx) file as a heading row and numbered rows of cells.

Cells are text, except what an Excel cell holds as a date or a number.

CSV files are decoded as ``stdhub.tabular.encoding`` detects (UTF-8 with or
without BOM, UTF-16 by its BOM, or GB18030 — the superset of GBK that Excel on
Chinese Windows writes). A quote left open is an error naming its row, never a
row silently swallowed into a cell. Row
numbers are the ones a person sees in Excel: the heading is the first
non-blank row, data rows follow, blank rows are skipped but still counted.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from stdhub.tabular.encoding import EncodingError, detect_encoding
from stdhub.tabular.sniff import content_error
from stdhub.tabular.zipsize import WorkbookTooLarge, check_inflated_size

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


def _unclosed_quote(cells: list[str], delimiter: str, width: int) -> bool:
    """A cell spanning lines, where a later line holds a whole row's delimiters: a quote
    opened in this row swallowed the next row(s) (a cell's own line breaks rarely do)."""
    return width > 1 and any(
        line.count(delimiter) >= width - 1
        for cell in cells if "\n" in cell for line in cell.splitlines()[1:])


def _csv_rows(path: Path, encoding: str, delimiter: str) -> Iterator[list[str]]:
    with path.open(encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter, strict=True)
        width, start = 0, 1
        try:
            for cells in reader:
                if reader.line_num > start and _unclosed_quote(cells, delimiter, width):
                    raise ReadError(f"line {start}: a quote (\") opened in this row is not "
                                    f"closed before the next row; close or remove it")
                width = width or len(cells)
                start = reader.line_num + 1
                yield cells
        except UnicodeDecodeError as exc:
            raise ReadError(f"the file is not valid {encoding} text: {exc.reason} "
                            f"(mixed encodings?)") from exc
        except csv.Error as exc:
            raise ReadError(f"line {start}: {exc} (a quote (\") opened in this row is not "
                            f"closed, or text follows a closing quote)") from exc


def read_csv(path: Path) -> Table:
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    try:
        encoding = detect_encoding(sample)
    except EncodingError as exc:
        raise ReadError(str(exc)) from exc
    first_line = sample.decode(encoding, errors="replace").split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    return _split_heading(_numbered(_csv_rows(path, encoding, delimiter)), _count_lines(path))


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


def read_xlsx(path: Path, max_inflated: int | None = None) -> Table:
    try:
        check_inflated_size(path, max_inflated)
    except WorkbookTooLarge as exc:
        raise ReadError(str(exc)) from exc
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


def read_table(path, *, max_inflated: int | None = None) -> Table:
    """The table in ``path``; ``max_inflated`` caps what an .xlsx may unpack to (bytes)."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(f"'{path.name}': use a .csv or .xlsx file "
                        f"(an old .xls workbook must be saved as .xlsx first)")
    if not path.is_file():
        raise ReadError(f"'{path}' does not exist")
    if why := content_error(path, path.suffix):
        raise ReadError(f"{path.name}: {why}")
    return read_xlsx(path, max_inflated) if reader is read_xlsx else reader(path)
