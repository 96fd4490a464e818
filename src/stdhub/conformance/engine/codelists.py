"""Named, versioned code lists (code, name, parent) and a registry to look them up."""

from __future__ import annotations

import csv
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from stdhub.tabular.encoding import EncodingError, detect_file_encoding
from stdhub.tabular.zipsize import WorkbookTooLarge, check_inflated_size

from .errors import CodeListError

COLUMNS = ("code", "name", "parent")


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    parent: str | None = None


@dataclass(frozen=True)
class CodeList:
    id: str
    version: str
    codes: tuple[Code, ...]
    title: str = ""
    values: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", frozenset(c.code for c in self.codes))
        if len(self.values) != len(self.codes):
            counts = Counter(c.code for c in self.codes)
            repeated = sorted(code for code, n in counts.items() if n > 1)
            raise CodeListError(
                f"code list {self.id} {self.version}: repeated codes {repeated[:5]}"
            )

    def __contains__(self, code: object) -> bool:
        return code in self.values

    def __len__(self) -> int:
        return len(self.codes)


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Orders "2020" < "2023" < "2023-2" < "v10" naturally (numbers as numbers)."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.findall(r"\d+|[^\d\W]+", version)
    )


class CodeListRegistry:
    """Code lists by id and version; an id without a version means its newest version."""

    def __init__(self, lists: Iterable[CodeList] = ()) -> None:
        self._lists: dict[str, dict[str, CodeList]] = {}
        for code_list in lists:
            self.add(code_list)

    def add(self, code_list: CodeList) -> None:
        self._lists.setdefault(code_list.id, {})[code_list.version] = code_list

    def ids(self) -> list[str]:
        return sorted(self._lists)

    def versions(self, list_id: str) -> list[str]:
        return sorted(self._lists.get(list_id, {}), key=_version_key)

    def get(self, list_id: str, version: str | None = None) -> CodeList:
        versions = self._lists.get(list_id)
        if not versions:
            raise CodeListError(f"unknown code list {list_id!r} (known: {', '.join(self.ids())})")
        if version is None:
            return versions[self.versions(list_id)[-1]]
        if version not in versions:
            known = ", ".join(self.versions(list_id))
            raise CodeListError(
                f"code list {list_id!r} has no version {version!r} (known: {known})"
            )
        return versions[version]

    def __contains__(self, list_id: object) -> bool:
        return list_id in self._lists

    def __iter__(self) -> Iterator[CodeList]:
        for list_id in self.ids():
            yield from (self._lists[list_id][v] for v in self.versions(list_id))


def codes_from_rows(
    rows: Iterable[Mapping[str, object]], *, first_row: int = 2
) -> tuple[Code, ...]:
    """Codes from mappings with keys code, name, parent; errors name the file row
    (``first_row`` is the row number of the first mapping, the header being row 1)."""
    codes = []
    for number, row in enumerate(rows, start=first_row):
        code, name, parent = (_text(row.get(column)) for column in COLUMNS)
        if "\x00" in code + name + parent:
            raise CodeListError(f"row {number}: {NUL_MESSAGE}")
        if not code:
            raise CodeListError(f"row {number}: empty code")
        if not name:
            raise CodeListError(f"row {number}: code {code!r} has no name")
        codes.append(Code(code, name, parent or None))
    known = {c.code for c in codes}
    for number, c in enumerate(codes, start=first_row):
        if c.parent and c.parent not in known:
            raise CodeListError(
                f"row {number}: parent {c.parent!r} of {c.code!r} is not a code of the list"
            )
    if cycles := parent_cycles((c.code, c.parent) for c in codes):
        row_of = {c.code: number for number, c in enumerate(codes, start=first_row)}
        raise CodeListError(f"row {row_of[cycles[0][0]]}: {cycle_message(cycles[0])}")
    return tuple(codes)


NUL_MESSAGE = "contains a NUL character (\\x00) (含空字符)"


def parent_cycles(pairs: Iterable[tuple[str, str | None]]) -> list[list[str]]:
    """Each loop of parents (A → B → A, or A → A), as its codes in order, once.
    A code list is a tree: a loop would make its hierarchy endless."""
    parent_of = {code: parent for code, parent in pairs if parent}
    done: set[str] = set()
    cycles = []
    for start in parent_of:
        path: list[str] = []
        seen: dict[str, int] = {}
        code = start
        while code in parent_of and code not in done and code not in seen:
            seen[code] = len(path)
            path.append(code)
            code = parent_of[code]
        if code in seen:  # the walk came back to itself
            cycles.append(path[seen[code]:])
        done.update(path)
    return cycles


def cycle_message(cycle: list[str]) -> str:
    loop = " → ".join([*cycle, cycle[0]])
    return f"parents form a loop: {loop} (上级代码循环)"


def read_code_list(path: str | Path, *, list_id: str, version: str, title: str = "") -> CodeList:
    """A code list from a UTF-8 CSV or an .xlsx file (first sheet) with a header row
    naming at least the columns code and name (parent optional)."""
    path = Path(path)
    try:
        header, rows = _read_table(path)
        missing = [c for c in COLUMNS[:2] if c not in header]
        if missing:
            raise CodeListError(f"the header lacks column(s) {', '.join(missing)}")
        codes = codes_from_rows(dict(zip(header, row, strict=False)) for row in rows)
        return CodeList(list_id, version, codes, title)
    except CodeListError as error:
        raise CodeListError(f"{path.name}: {error}") from None
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile) as error:
        raise CodeListError(f"{path.name}: cannot read the code list: {error}") from error


def _read_table(path: Path) -> tuple[list[str], list]:
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return _xlsx_rows(path)
    if suffix in {".csv", ".txt"}:
        return _csv_rows(path)
    raise CodeListError(f"unsupported code list file type {suffix!r} (use .csv or .xlsx)")


def _csv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    try:
        encoding = detect_file_encoding(path)
    except EncodingError as error:
        raise CodeListError(str(error)) from None
    with path.open(encoding=encoding, newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows:
        raise CodeListError("the file is empty")
    return [h.strip() for h in rows[0]], rows[1:]


def _xlsx_rows(path: Path) -> tuple[list[str], list[tuple[object, ...]]]:
    from openpyxl import load_workbook

    try:
        check_inflated_size(path)
    except WorkbookTooLarge as error:
        raise CodeListError(str(error)) from None
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()
    if not rows:
        raise CodeListError("the sheet is empty")
    return [_text(h) for h in rows[0]], rows[1:]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
