"""Files people already use: the 意见汇总处理表 (.xlsx, .docx) and the 编制说明 template (.docx).

The table keeps its customary columns (序号, 章条编号, 意见内容, 提出单位, 处理意见及理由,
备注) and ends with the counts per disposition.
"""

from __future__ import annotations

import io

import openpyxl
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from docx import Document
from docx.shared import Pt
from openpyxl.styles import Alignment, Font

from .choices import Disposition
from .models import Project
from .policies import is_insider
from .queries import DispositionSummary, disposition_summary

COLUMNS = ("序号", "章条编号", "意见内容", "提出单位", "处理意见及理由", "备注")
WIDTHS = (6, 12, 50, 24, 40, 12)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def rows(summary: DispositionSummary) -> list[tuple]:
    labels = {v: str(label).split(" ")[0] for v, label in Disposition.choices}
    out = []
    for c in summary.comments:
        text = c.text + (f"\n修改建议：{c.proposed_change}" if c.proposed_change else "")
        handled = labels.get(c.disposition, "未处理")
        if c.disposition_reason:
            handled += f"：{c.disposition_reason}"
        out.append((c.number, c.clause, text, c.source, handled, ""))
    return out


def counts_line(summary: DispositionSummary) -> str:
    parts = "，".join(f"{label.split(' ')[0]} {n} 条" for label, n in summary.counts)
    return f"共收到意见 {summary.total} 条，其中{parts}。"


def _heading(project: Project) -> tuple[str, str]:
    return "意见汇总处理表", f"标准名称：{project.title}    计划编号：{project.plan_number or '—'}"


def disposition_xlsx(project: Project) -> bytes:
    summary = disposition_summary(project)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "意见汇总处理表"
    title, subtitle = _heading(project)
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([subtitle])
    sheet.append(list(COLUMNS))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows(summary):
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append([])
    sheet.append([counts_line(summary)])
    for i, width in enumerate(WIDTHS):
        sheet.column_dimensions["ABCDEF"[i]].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def disposition_docx(project: Project) -> bytes:
    summary = disposition_summary(project)
    doc = Document()
    title, subtitle = _heading(project)
    doc.add_heading(title, level=1)
    doc.add_paragraph(subtitle)
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    for row in rows(summary):
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = str(value)
    doc.add_paragraph(counts_line(summary))
    return _docx_bytes(doc)


# The customary sections of a 编制说明 (explanatory notes accompanying a draft).
EXPLANATION_SECTIONS = (
    "工作简况（任务来源、起草单位、主要起草人及其所做的工作）",
    "标准编制原则和确定标准主要内容的依据",
    "主要试验（或验证）的分析、综述报告，技术经济论证，预期的经济效果",
    "采用国际标准和国外先进标准的程度，以及与国际、国外同类标准水平的对比情况",
    "与有关的现行法律、法规和强制性标准的关系",
    "重大分歧意见的处理经过和依据",
    "标准性质的建议",
    "贯彻标准的要求和措施建议",
    "废止现行有关标准的建议",
    "其他应予说明的事项",
)


def explanation_docx(project: Project) -> bytes:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(12)
    doc.add_heading(f"《{project.title}》编制说明", level=1)
    doc.add_paragraph(f"计划编号：{project.plan_number or '—'}    "
                      f"牵头起草单位：{project.lead_org.name}    "
                      f"归口单位：{project.responsible_org.name}")
    for number, section in enumerate(EXPLANATION_SECTIONS, 1):
        doc.add_heading(f"{_chinese_number(number)}、{section}", level=2)
        doc.add_paragraph(project.scope if number == 2 and project.scope else "")
    return _docx_bytes(doc)


def _chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九十"
    return digits[n] if n <= 10 else f"十{digits[n - 10]}"


def _docx_bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _insider_project(request, pk: int) -> Project:
    project = get_object_or_404(Project.objects.select_related("lead_org", "responsible_org"),
                                pk=pk)
    if not is_insider(request.user, project):
        raise Http404
    return project


@login_required
def disposition_table(request, pk: int, fmt: str):
    project = _insider_project(request, pk)
    name = f"意见汇总处理表-{project.plan_number or project.pk}.{fmt}"
    if fmt == "xlsx":
        return _download(disposition_xlsx(project), XLSX, name)
    if fmt == "docx":
        return _download(disposition_docx(project), DOCX, name)
    raise Http404


@login_required
def explanation_template(request, pk: int):
    project = _insider_project(request, pk)
    return _download(explanation_docx(project), DOCX,
                     f"编制说明-{project.plan_number or project.pk}.docx")
