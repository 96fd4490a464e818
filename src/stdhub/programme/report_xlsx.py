"""A programme's annual report (年度报告) as an .xlsx workbook."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from stdhub.tabular.cells import safe_row

from .queries import AnnualReport

BOLD = Font(bold=True)


def _sheet(book, title, headings, rows):
    sheet = book.create_sheet(title)
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = BOLD
    for row in rows:
        sheet.append(safe_row(row))
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = min(
            max(len(str(c.value or "")) for c in column) * 1.6 + 2, 60)


def annual_workbook(report: AnnualReport) -> bytes:
    book = Workbook()
    book.remove(book.active)
    _sheet(book, "目标", ["目标", "目标值", f"{report.year}年末", "单位", "期限"],
           ([t.name, float(goal), None if value is None else float(value), t.unit,
             t.due_on] for t, value, goal in report.targets))
    _sheet(book, "任务进展",
           ["任务", "报送单位", "报告期", "完成比例(%)", "进展情况", "牵头单位意见"],
           ([f"{r.task.number}. {r.task.title}", r.organization.name, r.period, r.percent,
             r.text, r.response] for r in report.reports))
    _sheet(book, "新增标准", ["标准号", "标准名称", "层级", "发布日期", "实施日期"],
           ([s.code, s.title_zh, s.get_level_display(), s.issued_on, s.effective_on]
            for s in report.standards))
    _sheet(book, "逾期未报", ["任务", "责任单位", "未报送的报告期"],
           ([f"{r.task.number}. {r.task.title}", r.unit, "、".join(r.periods)]
            for r in report.late))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
