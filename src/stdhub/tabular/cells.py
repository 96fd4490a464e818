"""Spreadsheet cells that open as text, never as formulas (CSV/formula injection).

Excel, WPS and LibreOffice run a cell beginning with ``=``, ``+``, ``-`` or ``@``
(and, in some versions, a tab or carriage return) as a formula, in .xlsx text cells
and in CSV alike. Any value a person typed or uploaded is prefixed with an
apostrophe before it goes into a spreadsheet, the usual defence (OWASP). Numbers
and dates stay numbers and dates, and so does text that is just a number
(``-5``, ``+3.2``): a spreadsheet reads it as that number, not as a formula.
"""

from __future__ import annotations

import re

FORMULA_START = "=+-@\t\r"
# Text a spreadsheet reads as a plain number (no operator after the sign).
PLAIN_NUMBER = r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"
# Text to neutralise, as a regular expression both Python and polars (Rust regex) accept.
RISKY_TEXT = r"^[=+\-@\t\r]"
_PLAIN_NUMBER = re.compile(rf"{PLAIN_NUMBER}\Z")


def is_risky(text: str) -> bool:
    return bool(text) and text[0] in FORMULA_START and not _PLAIN_NUMBER.match(text)


def safe_cell(value):
    """``value`` as it may go into a spreadsheet cell: risky text gets a leading ``'``."""
    if isinstance(value, str) and is_risky(value):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(v) for v in values]


def restore_cell(value):
    """The inverse of ``safe_cell``, for files that come back: ``'=x`` → ``=x``."""
    if isinstance(value, str) and value[:1] == "'" and is_risky(value[1:]):
        return value[1:]
    return value
