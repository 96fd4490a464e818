"""A campaign's report (评价报告) as an .xlsx workbook: results by subject, and every
submitted assessment's scores by indicator."""

from __future__ import annotations

import io

from openpyxl import Workbook

from stdhub.framework.workbook import _sheet as sheet

from . import queries, scoring
from .choices import Outcome


def campaign_workbook(campaign, results: list[dict]) -> bytes:
    book = Workbook(write_only=True)
    sheet(book, "评价结果", ["评价对象", "综合得分", "等级", "已提交评分", "待提交", "结论",
                         "结论说明", "公开"],
          ([r["subject"].label, scoring.plain(r["total"]), r["grade"] or "",
            len(r["assessments"]), r["pending"],
            str(Outcome(r["decision"].outcome).label) if r["decision"] else "",
            r["decision"].note if r["decision"] else "",
            "是" if r["subject"].published else "否"]
           for r in results), [48, 10, 8, 10, 8, 24, 40, 6])
    leaves = [n for _, n in queries.indicator_tree(campaign.scheme.data) if not n.get("children")]
    sheet(book, "评分明细", ["评价对象", "评价人", "得分", "缺项", *[n["name"] for n in leaves],
                         "评价意见"],
          ([r["subject"].label, a["evaluator"], scoring.plain(a["total"]), "、".join(a["missing"]),
            *[a["values"].get(n["id"], "") for n in leaves], a["comment"]]
           for r in results for a in r["assessments"]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
