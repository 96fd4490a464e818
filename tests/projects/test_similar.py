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
    noise = [Entry("standard", f"DB33/T {i}-2020", f"{t} 第{i}部分 补充{i % 7}")
             for i, t in enumerate(TITLES * 20)]
    exact = [Entry("standard", f"DB33/T {9000 + i}-2021", t) for i, t in enumerate(TITLES)]
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
