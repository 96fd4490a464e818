"""Text that came from outside and may not be valid Unicode.

JSON can carry a lone surrogate (``"\\ud800"``) into a Python string; it can be
stored (SQLite) but never encoded into a page, a file or PostgreSQL. Inputs are
refused with ``invalid_character``; what is already stored is shown with ``readable``.
"""

from __future__ import annotations


def invalid_character(text: str) -> str | None:
    """Why ``text`` cannot be kept (a lone surrogate, a NUL character), or None."""
    if "\x00" in text:
        return "contains a NUL character (\\x00)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"contains an invalid character (a lone surrogate) at position {error.start}"
    return None


def readable(text: str) -> str:
    """``text`` with anything UTF-8 cannot encode replaced by U+FFFD, so it always renders."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
