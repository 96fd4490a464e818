"""A standard system as one .xlsx workbook, and back.

Sheets: 体系结构 (体系编号, 名称, 说明), 标准明细表 (the framework's detail columns, plus
标准类型 and 状态 so that the workbook imports back) and 标准统计表. The importer reads the
first two by their headings; every row is checked before anything is written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from stdhub.standards.choices import Adoption, Level
from stdhub.tabular.cells import restore_cell, safe_row

from . import queries, tree
from .choices import EntryStatus
from .models import Framework

STRUCTURE, DETAIL, STATISTICS = "体系结构", "标准明细表", "标准统计表"
STRUCTURE_HEADINGS = ["体系编号", "名称", "说明"]
# Needed to rebuild the framework: appended to the detail sheet when a framework hides them.
ROUND_TRIP = ["node", "code", "title", "level", "type", "status", "international", "replaced",
              "remark"]
BOLD = Font(bold=True)


def _sheet(book, title, headings, rows, widths=None):
    """A write-only sheet: bold headings, frozen under them; rows stream straight to the file."""
    sheet = book.create_sheet(title)
    for i, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    heading_cells = []
    for heading in headings:
        cell = WriteOnlyCell(sheet, str(heading))
        cell.font = BOLD
        heading_cells.append(cell)
    sheet.append(heading_cells)
    for row in rows:
        sheet.append(safe_row(row))
    return sheet


# Column widths by column key (characters): the table reads well without measuring 20,000 rows.
WIDTHS = {"seq": 6, "node": 10, "node_name": 16, "code": 22, "title": 48, "level": 10,
          "effective_on": 12, "international": 26, "replaced": 22, "type": 8, "status": 10,
          "remark": 24}


def export_workbook(framework: Framework) -> bytes:
    book = Workbook(write_only=True)
    _sheet(book, STRUCTURE, STRUCTURE_HEADINGS,
           ([n.code, n.name, n.description] for n in queries.nodes_of(framework)),
           [12, 30, 60])
    columns = queries.columns_of(framework)
    columns += [c for c in ROUND_TRIP if c not in columns]
    _sheet(book, DETAIL, [queries.DETAIL_COLUMNS[c] for c in columns],
           ([row[c] for c in columns] for row in queries.detail_rows(framework)),
           [WIDTHS[c] for c in columns])
    stats = []
    for table in queries.statistics(framework):
        stats.append([str(table.title), "应有数", "现有数", "现有数/应有数(%)"])
        stats += [[str(label), f.required, f.existing, f.ratio] for label, f in table.rows]
        stats.append([])
    _sheet(book, STATISTICS, ["标准统计表", "", "", ""], stats, [24, 10, 10, 18])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- import

LEVEL_WORDS = {str(label).split(" ")[0]: value for value, label in Level.choices}
STATUS_WORDS = {"现行": EntryStatus.CURRENT, "现行有效": EntryStatus.CURRENT,
                "制修订中": EntryStatus.DEVELOPING, "制定中": EntryStatus.DEVELOPING,
                "修订中": EntryStatus.DEVELOPING, "拟制定": EntryStatus.PLANNED,
                "待制定": EntryStatus.PLANNED, "已废止或被代替": EntryStatus.LAPSED}
_ADOPTION = re.compile(r"^(?P<code>.+?)[\s,，;；(（]*(?P<adoption>IDT|MOD|NEQ)?[)）]?$", re.I)


@dataclass
class ParsedNode:
    code: str
    name: str
    description: str


@dataclass
class ParsedEntry:
    row: int
    node: str
    code: str
    title: str
    level: str
    standard_type: str
    status: str
    international_code: str
    adoption: str
    replaced: str
    remark: str


@dataclass
class ParsedWorkbook:
    nodes: list[ParsedNode] = field(default_factory=list)
    entries: list[ParsedEntry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "sheet row N: message"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(restore_cell(value)).strip()


def _rows(sheet, required: list[str], errors: list[str]):
    """``(row number, {heading: text})`` for each non-empty row under the heading row."""
    rows = sheet.iter_rows(values_only=True)
    headings = [_text(h) for h in next(rows, [])]
    missing = [h for h in required if h not in headings]
    if missing:
        errors.append(f"{sheet.title}: missing column(s) {', '.join(missing)}")
        return
    for number, values in enumerate(rows, start=2):
        record = {h: _text(v) for h, v in zip(headings, values, strict=False) if h}
        if any(record.values()):
            yield number, record


def read_workbook(data: bytes, *, max_rows: int = 100_000) -> ParsedWorkbook:
    """Parse and check a framework workbook; every problem is reported with its row."""
    parsed = ParsedWorkbook()
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not .xlsx
        parsed.errors.append(f"not a readable .xlsx workbook ({type(exc).__name__})")
        return parsed
    for name in (STRUCTURE, DETAIL):
        if name not in book.sheetnames:
            parsed.errors.append(f"the workbook has no sheet named {name}")
    if parsed.errors:
        return parsed
    errors = parsed.errors
    for number, row in _rows(book[STRUCTURE], ["体系编号", "名称"], errors):
        if number > max_rows:
            errors.append(f"{STRUCTURE}: more than {max_rows} rows")
            break
        try:
            code = tree.check_code(row["体系编号"])
        except tree.TreeError as exc:
            errors.append(f"{STRUCTURE} row {number}: {exc}")
            continue
        if not row["名称"]:
            errors.append(f"{STRUCTURE} row {number}: 名称 is empty")
        parsed.nodes.append(ParsedNode(code, row["名称"], row.get("说明", "")))
    errors += [f"{STRUCTURE}: {e}" for e in tree.check_tree(n.code for n in parsed.nodes)]
    codes = {n.code for n in parsed.nodes}
    for number, row in _rows(book[DETAIL], ["体系编号", "标准名称"], errors):
        if number > max_rows:
            errors.append(f"{DETAIL}: more than {max_rows} rows")
            break
        problems = []
        try:
            node = tree.check_code(row["体系编号"])
            if node not in codes:
                problems.append(f"体系编号 {node} is not in sheet {STRUCTURE}")
        except tree.TreeError as exc:
            node, problems = "", [str(exc)]
        level = row.get("宜定级别", "")
        if level and level not in LEVEL_WORDS and level not in Level.values:
            problems.append(f"宜定级别 '{level}' is not one of {'、'.join(LEVEL_WORDS)}")
        status_word = row.get("状态", "")
        status = STATUS_WORDS.get(status_word, status_word if status_word in EntryStatus.values
                                  else None)
        if status_word and status is None:
            problems.append(f"状态 '{status_word}' is not one of 现行、制修订中、拟制定")
        international, adoption = "", ""
        if text := row.get("国际国外标准号及采用关系", ""):
            match = _ADOPTION.match(text)
            international = match["code"].strip() if match else text
            adoption = (match["adoption"] or "").upper() if match else ""
            if adoption and adoption not in Adoption.values:
                problems.append(f"adoption '{adoption}' is not IDT, MOD or NEQ")
        if not row["标准名称"] and not row.get("标准号"):
            problems.append("标准号 or 标准名称 is needed")
        errors += [f"{DETAIL} row {number}: {p}" for p in problems]
        parsed.entries.append(ParsedEntry(
            number, node, row.get("标准号", ""), row["标准名称"],
            LEVEL_WORDS.get(level, level), row.get("标准类型", ""),
            status or "", international, adoption, row.get("被代替标准号", ""),
            row.get("备注", "")))
    return parsed
