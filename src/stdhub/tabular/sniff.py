"""What a file is by its first bytes, whatever its name says.

A file named ``data.csv`` that is an Excel workbook, or ``codes.xlsx`` that is
really text, gets a clear error instead of a reader failing somewhere inside.
"""

from __future__ import annotations

import zipfile

from .encoding import EncodingError, detect_encoding

HEAD_BYTES = 64 << 10
KINDS_BY_SUFFIX = {
    ".csv": "csv", ".txt": "csv", ".tsv": "csv",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".parquet": "parquet", ".pq": "parquet",
    ".json": "json",
}
NAMES = {"csv": "CSV text", "xlsx": "an Excel .xlsx workbook", "parquet": "a Parquet file",
         "json": "JSON text", "xls": "an old Excel .xls workbook (save it as .xlsx)",
         "zip": "a zip archive", "binary": "a binary file", "empty": "an empty file",
         "undecodable": "neither UTF-8 nor GBK/GB18030 text (nor any other file type known)"}


def sniff(path) -> str:
    """``csv``, ``json``, ``xlsx``, ``parquet``, ``xls``, ``zip``, ``binary``, ``undecodable``
    (bytes no accepted text encoding reads) or ``empty``."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
        if not head:
            return "empty"
        fh.seek(-min(4, len(head)), 2)
        tail = fh.read(4)
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return "binary"
        return "xlsx" if "xl/workbook.xml" in names else "zip"
    if head.startswith(b"PAR1") and tail == b"PAR1":
        return "parquet"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    return _text_kind(head)


def _text_kind(head: bytes) -> str:
    try:
        encoding = detect_encoding(head)
    except EncodingError:
        return "undecodable"
    text = head.decode(encoding, errors="ignore")
    if text.count("\x00") * 10 > len(text):  # a stray NUL is the reader's to report by row
        return "binary"
    return "json" if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") else "csv"


def content_error(path, suffix: str) -> str | None:
    """Why the file at ``path`` is not what ``suffix`` says, or None when it is."""
    expected = KINDS_BY_SUFFIX.get(suffix.lower())
    if expected is None:
        return None
    found = sniff(path)
    # A CSV may well begin with "[" or "{"; an empty file is the reader's to report.
    if found in (expected, "empty") or (expected == "csv" and found == "json"):
        return None
    return f"the file is named {suffix} but its content is {NAMES[found]}"
