"""Opening a data file (CSV, .xlsx, Parquet) as batches of all-text columns.

Every column is read as text so that dirty data never stops the read: typing
is the validator's job. CSV and Parquet are streamed by polars, so files larger
than memory are fine.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from stdhub.tabular.sniff import content_error

from .encoding import UTF8_NAMES, canonical_encoding, detect_encoding, transcode_to_utf8
from .errors import SourceError
from .xlsx_reader import header_names, open_workbook_sheet, sheet_batches

CSV_SUFFIXES = frozenset({".csv", ".txt"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})


@dataclass
class Source:
    """An opened data file: its header and a way to read its rows in batches."""

    columns: list[str]
    batches: Callable[[int], Iterator[pl.DataFrame]]
    rows_total: int | None = None  # when known up front
    empty: bool = False  # not even a header row


@contextmanager
def open_source(path: str | Path, *, encoding: str | None = None) -> Iterator[Source]:
    """Open a data file by its suffix; SourceError when it cannot be read at all.
    ``encoding`` applies to CSV and is detected when not given."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"no such data file: {path}")
    suffix = path.suffix.lower()
    if why := content_error(path, suffix):
        raise SourceError(f"{path.name}: {why}")
    if suffix in CSV_SUFFIXES:
        with _csv_source(path, encoding) as source:
            yield source
    elif suffix in XLSX_SUFFIXES:
        with _xlsx_source(path) as source:
            yield source
    elif suffix in PARQUET_SUFFIXES:
        yield _parquet_source(path)
    else:
        known = sorted(CSV_SUFFIXES | XLSX_SUFFIXES | PARQUET_SUFFIXES)
        raise SourceError(f"unsupported data file type {suffix!r} (supported: {', '.join(known)})")


def _empty() -> Source:
    return Source(columns=[], batches=lambda size: iter(()), rows_total=0, empty=True)


@contextmanager
def _csv_source(path: Path, encoding: str | None) -> Iterator[Source]:
    encoding = canonical_encoding(encoding) if encoding else detect_encoding(path)
    with tempfile.TemporaryDirectory(prefix="stdhub-csv-") as workdir:
        utf8_path = path
        if encoding not in UTF8_NAMES:
            utf8_path = Path(workdir) / "utf8.csv"
            with _read_errors(path):
                transcode_to_utf8(path, utf8_path, encoding)
        if _is_blank(utf8_path):
            yield _empty()
            return
        frame = pl.scan_csv(
            utf8_path,
            infer_schema=False,
            empty_string_is_null=False,  # "" is a cell value; missingValues decide
            truncate_ragged_lines=True,
            encoding="utf8-lossy",
        )
        with _read_errors(path):
            columns = frame.collect_schema().names()
        yield Source(columns, lambda size: _streamed(frame, size, path))


def _is_blank(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(4096)
        return not head.removeprefix(b"\xef\xbb\xbf").strip() and not fh.read(1)


def _parquet_source(path: Path) -> Source:
    frame = pl.scan_parquet(path)
    with _read_errors(path):
        schema = frame.collect_schema()
        rows = frame.select(pl.len()).collect().item()
    as_text = [_text_of(name, dtype) for name, dtype in schema.items()]
    return Source(list(schema), lambda size: _streamed(frame.select(as_text), size, path), rows)


def _text_of(name: str, dtype: pl.DataType) -> pl.Expr:
    column = pl.col(name)
    if dtype == pl.String:
        return column
    if isinstance(dtype, pl.Datetime):
        return column.dt.to_string("%Y-%m-%dT%H:%M:%S%.f")
    return column.cast(pl.String)


def _streamed(frame: pl.LazyFrame, size: int, path: Path) -> Iterator[pl.DataFrame]:
    with _read_errors(path):
        yield from frame.collect_batches(chunk_size=size)


@contextmanager
def _xlsx_source(path: Path) -> Iterator[Source]:
    workbook, sheet = open_workbook_sheet(path)
    try:
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        columns = header_names(header) if header else []
        if not columns:
            yield _empty()
            return
        total = sheet.max_row - 1 if sheet.max_row else None
        yield Source(columns, lambda size: sheet_batches(rows, columns, size), total)
    finally:
        workbook.close()


@contextmanager
def _read_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except SourceError:
        raise
    except (pl.exceptions.PolarsError, OSError) as error:
        raise SourceError(f"cannot read {path.name}: {error}") from error
