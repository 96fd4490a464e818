"""Standard systems on a real database: entries, tables, gaps, workbook round trip, demands."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from stdhub.core import events
from stdhub.framework import queries, services
from stdhub.framework.choices import DemandStatus, EntryKind
from stdhub.framework.models import Entry, Framework
from stdhub.framework.workbook import export_workbook
from stdhub.orgs.choices import Role


def test_detail_table_in_customary_columns(framework):
    rows = queries.detail_rows(framework)
    assert [r["seq"] for r in rows] == [1, 2, 3, 4, 5]
    first = rows[0]
    assert (first["node"], first["code"], first["title"], first["level"], first["status"]) == (
        "1.1", "GB/T 2260-2007", "中华人民共和国行政区划代码", "国家标准", "现行")
    assert str(first["effective_on"]) == "2008-02-01"
    assert rows[1]["status"] == "已废止或被代替"
    last = rows[4]
    assert (last["international"], last["remark"], last["level"]) == ("ISO 9001:2015 NEQ",
                                                                       "急需", "团体标准")
    assert rows[3]["code"] == "ZJ2020-001" and rows[3]["status"] == "制修订中"


def test_statistics_hand_counted(framework):
    tables = {str(t.title): {str(label): (r.required, r.existing, r.ratio)
                             for label, r in t.rows} for t in queries.statistics(framework)}
    assert tables["按宜定级别"]["国家标准"] == (1, 1, 100.0)
    assert tables["按宜定级别"]["地方标准"] == (2, 0, 0.0)
    assert tables["按宜定级别"]["团体标准"] == (1, 0, 0.0)
    assert tables["按宜定级别"]["合计"] == (4, 1, 25.0)  # the superseded standard counts nowhere
    assert tables["按标准类型"]["基础"] == (1, 1, 100.0)
    assert tables["按标准类型"]["产品"] == (0, 0, None)
    assert tables["按状态"] == {"现行": (1, 1, 100.0), "制修订中": (1, 0, 0.0),
                              "拟制定": (2, 0, 0.0), "合计": (4, 1, 25.0)}


def test_gaps_follow_the_registry(framework, admin_user):
    cover = queries.coverage(framework)
    assert {code for code, c in cover.items() if c.gap} == {"2.1", "2.2"}
    assert cover["2"].ratio == 0.0 and cover["1"].ratio == 100.0


def test_workbook_round_trip(framework, admin_user, org):
    data = export_workbook(framework)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["体系结构", "标准明细表", "标准统计表"]
    headings = [c.value for c in book["标准明细表"][1]]
    assert headings[:9] == ["序号", "体系编号", "标准号", "标准名称", "宜定级别", "实施日期",
                            "国际国外标准号及采用关系", "被代替标准号", "备注"]
    copy = services.create_framework(admin_user, code="copy", title="副本", organization=org)
    assert services.import_workbook(admin_user, copy, data) == (5, 5)
    original = queries.detail_rows(framework)
    again = queries.detail_rows(copy)
    assert again == original
    assert export_workbook(copy) != b"" and events.verify().ok


def test_import_reports_every_bad_row_and_writes_nothing(framework, admin_user, org, tmp_path):
    book = load_workbook(io.BytesIO(export_workbook(framework)))
    book["体系结构"].append(["3.1", "孤儿节点", ""])
    book["体系结构"].append(["x", "", ""])
    detail = book["标准明细表"]
    detail.append([6, "9", "", "无节点", "地方标准"])
    detail.append([7, "1.1", "GB/T 99999-2099", "未登记", "国家标准"])
    detail.append([8, "1.1", "", "错误级别", "省级"])
    out = io.BytesIO()
    book.save(out)
    target = services.create_framework(admin_user, code="t", title="t", organization=org)
    with pytest.raises(ValidationError) as caught:
        services.import_workbook(admin_user, target, out.getvalue())
    text = "\n".join(caught.value.messages)
    assert "体系结构: 体系编号 3.1: its parent 3 is missing" in text
    assert "体系结构 row 8: 体系编号 'x'" in text
    assert "标准明细表 row 7: 体系编号 9 is not in sheet 体系结构" in text
    assert "标准明细表 row 8: GB/T 99999-2099 is not in the registry" in text
    assert "标准明细表 row 9: 宜定级别 '省级'" in text
    assert not target.nodes.exists()


def test_not_a_workbook(framework, admin_user):
    with pytest.raises(ValidationError, match="not a readable .xlsx"):
        services.import_workbook(admin_user, framework, b"PK\x03\x04 broken")


def test_formula_text_is_quoted_in_the_export(framework, admin_user):
    node = framework.nodes.get(code="2.2")
    services.add_entry(admin_user, node, kind=EntryKind.PLANNED, title="=HYPERLINK(\"x\")")
    book = load_workbook(io.BytesIO(export_workbook(framework)))
    titles = [row[3] for row in book["标准明细表"].iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"x\")" in titles


def test_editors_build_only_their_own_framework(framework, make_user, other_org, org):
    outsider = make_user(Role.EDITOR, other_org)
    with pytest.raises(PermissionDenied):
        services.add_node(outsider, framework, code="3", name="外单位节点")
    owner = make_user(Role.EDITOR, org)
    services.add_node(owner, framework, code="3", name="社会数字化转型")
    with pytest.raises(ValidationError, match="add its parent 4 first"):
        services.add_node(owner, framework, code="4.1", name="x")
    with pytest.raises(ValidationError, match="not in the registry"):
        services.add_entry(owner, framework.nodes.get(code="3"), kind=EntryKind.STANDARD,
                           code="GB/T 1-2099")


def test_demands_from_the_public_become_planned_entries(framework, make_user, org):
    from django.contrib.auth.models import AnonymousUser

    node = framework.nodes.get(code="2.2")
    demand = services.submit_demand(AnonymousUser(), node, title="适老化政务服务规范",
                                    description="老年人办事需要", submitter_name="张三")
    assert events.Event.objects.filter(kind="demand-submitted").get().actor_name == "public"
    assert "张三" not in str(events.Event.objects.filter(kind="demand-submitted").values())
    owner = make_user(Role.EDITOR, org)
    with pytest.raises(ValidationError, match="say why"):
        services.review_demand(owner, demand, accept=False)
    entry = services.review_demand(owner, demand, accept=True, standard_type="服务")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.ACCEPTED and demand.entry == entry
    assert entry.kind == EntryKind.PLANNED and entry.title == "适老化政务服务规范"
    with pytest.raises(ValidationError, match="already"):
        services.review_demand(owner, demand, accept=True)
    assert Entry.objects.filter(node=node).count() == 2 and Framework.objects.count() == 1


def test_a_project_entry_counts_once_its_standard_is_published(framework, admin_user, org):
    from stdhub.projects.models import Project
    from stdhub.projects.services import propose
    from stdhub.standards.services import create_standard

    project = propose(admin_user, {"plan_number": "ZJ2021-007", "title": "政务数据目录规范",
                                   "kind": "make", "level": "local", "lead_org": org,
                                   "responsible_org": org})
    node = framework.nodes.get(code="2.2")
    entry = services.add_entry(admin_user, node, kind=EntryKind.PROJECT, code="ZJ2021-007")
    assert entry.project == project and entry.title == "政务数据目录规范"
    row = next(r for r in queries.detail_rows(framework) if r["code"] == "ZJ2021-007")
    assert row["status"] == "制修订中" and row["level"] == "地方标准"
    std = create_standard(admin_user, {"code": "DB33/T 2999-2024", "title_zh": "政务数据目录规范"})
    Project.objects.filter(pk=project.pk).update(standard=std)  # as publication (60) does
    row = next(r for r in queries.detail_rows(framework) if r["code"] == "DB33/T 2999-2024")
    assert row["status"] == "现行" and row["title"] == "政务数据目录规范"
    assert queries.coverage(framework)["2.2"].own_existing == 1
