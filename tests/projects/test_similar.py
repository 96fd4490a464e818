"""查重: normalisation, perturbed titles found first, the database index, CLI and form fragment."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from stdhub.projects import services
from stdhub.projects.similar import Entry, TitleIndex, normalise
from stdhub.standards.services import create_standard

TITLES = [
    "公共数据开放 数据质量评价规范", "政务服务事项 编码规则", "电子证照 数据元规范",
    "城市大脑 数据接口要求", "一网通办 服务规范", "数字乡村 建设指南", "公共数据 分类分级指南",
    "信息技术 安全技术 信息安全管理体系 要求", "智慧停车 数据交换规范", "电子政务外网 安全接入要求",
]


def test_normalise_folds_width_punctuation_and_parts():
    folded = normalise("公共数据（开放）：数据质量—评价规范　第３部分：指标")
    assert folded == "公共数据 开放 数据质量 评价规范 指标"
    assert normalise("Information technology — Part 2: Terms") == "information technology terms"


@pytest.fixture
def index():
    noise = [Entry("standard", f"DB33/T {i}-2020", f"{t} 第{i}部分 补充{i % 7}", pk=i)
             for i, t in enumerate(TITLES * 20)]
    exact = [Entry("standard", f"DB33/T {9000 + i}-2021", t, pk=9000 + i)
             for i, t in enumerate(TITLES)]
    return TitleIndex(noise + exact)


@pytest.mark.parametrize(("query", "expected"), [
    ("公共数据开放 数据质量评价规", "公共数据开放 数据质量评价规范"),           # deleted character
    ("数据质量评价规范 公共数据开放", "公共数据开放 数据质量评价规范"),         # reordered parts
    ("城市大脑 数据接口规范", "城市大脑 数据接口要求"),                         # 规范 → 要求
    ("政务服务事项 编码规则 第2部分：通用", "政务服务事项 编码规则"),           # 第N部分 added
])
def test_perturbed_titles_find_the_original_first(index, query, expected):
    best = index.search(query, 5)
    assert expected in [r["title"] for r in best[:2]]
    assert set(best[0]) == {"kind", "code", "title", "score"}
    assert 0 < best[0]["score"] <= 1
    assert [r["score"] for r in best] == sorted((r["score"] for r in best), reverse=True)


def test_nothing_for_an_empty_title(index):
    assert index.search("  ——  ") == []


@pytest.mark.django_db
def test_database_index_cli_and_fragment(client, project, people):
    create_standard(people["admin"], {"code": "DB33/T 2001-2020",
                                      "title_zh": "公共数据开放 数据质量评价指南"})
    out = io.StringIO()
    call_command("projects", "similar", "公共数据开放数据质量评价", "--json", "--limit", "2",
                 stdout=out)
    found = json.loads(out.getvalue())
    assert {(r["kind"], r["code"]) for r in found} == {("project", ""),
                                                      ("standard", "DB33/T 2001-2020")}
    # A new project is seen at once (the index follows the data).
    services.propose(people["drafter"], {"title": "智慧停车 数据交换规范", "level": "local",
                                         "lead_org": project.lead_org,
                                         "responsible_org": project.responsible_org})
    out = io.StringIO()
    call_command("projects", "similar", "智慧停车数据交换", "--json", stdout=out)
    assert json.loads(out.getvalue())[0]["title"] == "智慧停车 数据交换规范"
    with pytest.raises(CommandError) as exc:
        call_command("projects", "similar", " ")
    assert exc.value.returncode == 2
    client.force_login(people["drafter"])
    page = client.get(reverse("workspace:project-similar"), {"title": "公共数据开放 评价"})
    assert "DB33/T 2001-2020" in page.content.decode()


def test_changes_apply_without_a_rebuild(index, monkeypatch):
    """``put`` adds or replaces a title, ``drop`` hides one; past ``MERGE_AT`` additions
    the matrix is rebuilt from the live titles, with the same answers."""
    from stdhub.projects import similar

    index.put(Entry("project", "", "智慧农业 气象数据采集规范", pk=1))
    assert index.search("智慧农业气象数据采集", 1)[0]["title"] == "智慧农业 气象数据采集规范"
    index.put(Entry("project", "", "智慧渔业 水质监测规范", pk=1))  # retitled
    assert index.search("智慧渔业 水质监测", 1)[0]["title"] == "智慧渔业 水质监测规范"
    assert "智慧农业 气象数据采集规范" not in [r["title"] for r in index.search("智慧农业气象")]
    exact = [e for e in index.entries if e.code == "DB33/T 9000-2021"][0]
    index.drop(exact.kind, exact.pk)
    assert exact.code not in [r["code"] for r in index.search(exact.title)]
    before = index.search("城市大脑 数据接口规范", 5)
    monkeypatch.setattr(similar, "MERGE_AT", 3)
    built = index.matrix
    for pk in (2, 3, 4):
        index.put(Entry("project", f"P{pk}", f"海岛旅游 服务质量规范 {pk}", pk=pk))
    assert index.matrix is not built and len(index.matrix.indptr) > 1
    assert index.search("城市大脑 数据接口规范", 5) == before
    assert index.search("智慧渔业 水质监测", 1)[0]["title"] == "智慧渔业 水质监测规范"
    assert {r["code"] for r in index.search("海岛旅游服务质量规范", 3)} == {"P2", "P3", "P4"}


@pytest.mark.django_db
def test_database_index_follows_edits_and_withdrawals(project, people):
    from stdhub.projects.similar import similar
    from stdhub.standards.services import update_standard

    std = create_standard(people["admin"], {"code": "DB33/T 2002-2020",
                                            "title_zh": "海洋牧场 建设技术规范"})
    assert similar("海洋牧场建设技术规范", 1)[0]["code"] == "DB33/T 2002-2020"
    services.update_project(people["drafter"], project, {"title": "海洋牧场 运营管理规范"})
    assert [r["title"] for r in similar("海洋牧场 运营管理", 1)] == ["海洋牧场 运营管理规范"]
    assert "公共数据开放 数据质量评价规范" not in [r["title"] for r in similar("公共数据开放")]
    update_standard(people["admin"], std, {"code": "DB33/T 2002-2020", "status": "withdrawn",
                                           "title_zh": "海洋牧场 建设技术规范"})
    assert "DB33/T 2002-2020" not in [r["code"] for r in similar("海洋牧场建设技术规范")]
    project.delete()  # no changed row tells: the count of projects does
    assert "海洋牧场 运营管理规范" not in [r["title"] for r in similar("海洋牧场 运营管理")]
