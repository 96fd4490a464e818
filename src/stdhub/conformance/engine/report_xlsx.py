"""A validation report as an Excel workbook: summary, rules, fields and samples."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from stdhub.tabular.cells import safe_row

from .report import Report

_BOLD = Font(bold=True)


def write_report_xlsx(report: Report, path: str | Path) -> None:
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Summary 概要"
    _rows(
        summary,
        ["Item 项目", "Value 值"],
        [
            ["Valid 是否合格", "yes 是" if report.valid else "no 否"],
            ["Rows 数据行数", report.rows],
            ["Errors 错误总数", report.errors_total],
            ["Row numbers 行号", "header is row 1, first data row is row 2 表头为第1行"],
        ],
    )
    if report.structure:
        summary.append([])
        _rows(
            summary,
            ["Structure issue 结构问题", "Field 字段", "Message 说明"],
            [[s.type, s.field, s.message] for s in report.structure],
        )
    _rows(
        workbook.create_sheet("Rules 规则"),
        ["Rule 规则", "Field 字段", "Check 检查", "Failures 不合格数"],
        [[r.id, r.field, r.check, r.count] for r in report.rules],
    )
    _rows(
        workbook.create_sheet("Fields 字段"),
        ["Field 字段", "Pass rate 合格率", "Failing cells 不合格单元格"],
        [[f.name, f.pass_rate, f.errors] for f in report.fields],
    )
    _rows(
        workbook.create_sheet("Samples 样例"),
        ["Rule 规则", "Row 行号", "Value 值"],
        [[rule, s.row, s.value] for rule, samples in report.samples.items() for s in samples],
    )
    workbook.save(path)


def _rows(sheet, header: list[str], rows: list[list]) -> None:
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
    for row in rows:  # uploaded values and field names: never live formulas
        sheet.append(safe_row(row))
    for letter, width in zip("ABCD", (28, 18, 40, 18), strict=True):
        sheet.column_dimensions[letter].width = width
