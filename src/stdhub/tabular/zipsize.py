"""An .xlsx workbook's inflated size, read from its zip directory before anything is unpacked.

A workbook is a zip archive: 1 MB on disk can inflate to hundreds of MB of XML
(a "zip bomb"), and openpyxl keeps the shared strings in memory. The sizes the
directory declares are checked first; reading is then capped at the same sizes
by ``zipfile`` itself, so a directory that lies cannot inflate past them.
"""

from __future__ import annotations

import zipfile

DEFAULT_MAX_INFLATED = 256 << 20  # bytes of XML a workbook may unpack to


class WorkbookTooLarge(ValueError):
    """The workbook unpacks to more than the allowed size."""


def inflated_size(path) -> int:
    """Total uncompressed size of the archive's members (BadZipFile if not a zip)."""
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


def check_inflated_size(path, limit: int | None = None) -> None:
    """WorkbookTooLarge when the workbook at ``path`` unpacks to more than ``limit`` bytes.
    A file that is not a zip archive passes: the reader then says what is wrong with it."""
    limit = DEFAULT_MAX_INFLATED if limit is None else limit
    try:
        size = inflated_size(path)
    except (zipfile.BadZipFile, OSError):
        return
    if size > limit:
        raise WorkbookTooLarge(
            f"the workbook unpacks to {size / (1 << 20):.0f} MB, more than the "
            f"{limit / (1 << 20):.0f} MB allowed (save it as CSV, or split it)")
