"""Reading a code list file (CSV in UTF-8 or GBK, .xlsx) and checking every row at once.

The header names the columns ``code``, ``name`` and optionally ``parent`` (or
代码, 名称, 上级代码). Every faulty row is reported with its row number (the
header is row 1), so a person fixes the file in one pass; blank rows are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .engine.codelists import NUL_MESSAGE, cycle_message, parent_cycles
from .engine.errors import SourceError
from .engine.reader import open_source

HEADER_ALIASES = {
    "code": ("code", "代码", "编码", "代码值"),
    "name": ("name", "名称", "代码名称", "中文名称"),
    "parent": ("parent", "上级代码", "上级", "父级代码"),
}
SHOWN_ERRORS = 100


@dataclass
class CodeListFile:
    entries: list[list] = field(default_factory=list)  # [code, name, parent or ""]
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)

    def fail(self, row: int, message: str) -> None:
        self.errors.append((row, message))

    def error_messages(self) -> list[str]:
        """The first errors in row order, each naming its row."""
        ordered = sorted(self.errors, key=lambda e: e[0])
        shown = [f"row {row}: {message}" if row else message
                 for row, message in ordered[:SHOWN_ERRORS]]
        if len(ordered) > SHOWN_ERRORS:
            shown.append(f"… and {len(ordered) - SHOWN_ERRORS} more errors")
        return shown


def _columns(header: list[str]) -> dict[str, str]:
    """``{code|name|parent: header name}`` for the columns found."""
    found = {}
    stripped = {h.strip().lower(): h for h in header}
    for key, aliases in HEADER_ALIASES.items():
        for alias in aliases:
            if alias in stripped:
                found[key] = stripped[alias]
                break
    return found


def read_code_list_file(path: str | Path) -> CodeListFile:
    """Entries and every row's errors; a file that cannot be read at all is one error."""
    result = CodeListFile()
    try:
        with open_source(path) as source:
            columns = _columns(source.columns)
            missing = [k for k in ("code", "name") if k not in columns]
            if source.empty or missing:
                result.fail(
                    1, "the header must name the columns code and name (代码, 名称)"
                    + (f"; missing: {', '.join(missing)}" if not source.empty else ""))
                return result
            rows = [row for batch in source.batches(10_000)
                    for row in batch.select(columns.values()).rows()]
    except SourceError as error:
        result.fail(0, str(error))
        return result
    _check_rows(rows, "parent" in columns, result)
    return result


def _check_rows(rows: list[tuple], has_parent: bool, result: CodeListFile) -> None:
    first_row: dict[str, int] = {}
    numbered = []
    for number, row in enumerate(rows, start=2):
        code, name = (str(v or "").strip() for v in row[:2])
        parent = str(row[2] or "").strip() if has_parent else ""
        if not (code or name or parent):
            continue  # a blank line: skipped, but it keeps its number
        problems = []
        if not code:
            problems.append("empty code (代码为空)")
        elif code in first_row:
            problems.append(f"code {code!r} repeats row {first_row[code]} (代码重复)")
        else:
            first_row[code] = number
        if not name:
            problems.append("empty name (名称为空)")
        if "\x00" in code + name + parent:
            problems.append(NUL_MESSAGE)
        if problems:
            result.fail(number, "; ".join(problems))
        result.entries.append([code, name, parent])
        numbered.append(number)
    for number, (code, _name, parent) in zip(numbered, result.entries, strict=True):
        if parent and (parent not in first_row or parent == code):
            result.fail(number,
                        f"parent {parent!r} is not another code of the list (上级代码不存在)")
    for cycle in parent_cycles((code, parent) for code, _name, parent in result.entries
                               if parent != code and parent in first_row):
        result.fail(first_row[cycle[0]], cycle_message(cycle))
    if not result.entries:
        result.fail(0, "the file has no entries (文件中没有代码)")
