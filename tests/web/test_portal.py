"""The public portal: home counts, search with facets, a standard's detail and its history."""

import re

from django.urls import reverse

from stdhub.standards.services import update_standard

SEARCH = reverse("portal:search")


def facet(html: str, label_start: str) -> int:
    """The count printed beside a facet value (e.g. '现行')."""
    pattern = re.escape(label_start) + r"[^<]*</a>\s*<span class=\"count\">(\d+)</span>"
    match = re.search(pattern, html)
    assert match, label_start
    return int(match.group(1))


def test_home_counts_by_level_and_status(client, registry):
    html = client.get(reverse("portal:home")).content.decode()
    assert "平台已收录 30 项标准" in html
    assert re.search(r"地方标准 Local</a><span class=\"count\">30</span>", html)
    assert re.search(r"被代替 Superseded</a><span class=\"count\">10</span>", html)
    assert registry[-1].code in html  # recently published


def test_search_two_character_chinese_term(client, registry):
    html = client.get(SEARCH, {"q": "证照"}).content.decode()
    expected = [s for s in registry if "证照" in s.title_zh]
    assert f"共找到 {len(expected)} 项标准" in html
    for s in expected:
        assert s.get_absolute_url() in html
    assert "<mark>证照</mark>" in html


def test_search_facets_count_the_query(client, registry):
    html = client.get(SEARCH, {"q": "数据"}).content.decode()
    matching = [s for s in registry if "数据" in s.title_zh]
    for s in matching:
        s.refresh_from_db()
    assert facet(html, "地方标准") == len(matching)
    assert facet(html, "现行") == sum(s.status == "current" for s in matching)
    assert facet(html, "被代替") == sum(s.status == "superseded" for s in matching)


def test_facet_narrows_results_but_keeps_other_values_counted(client, registry):
    html = client.get(SEARCH, {"q": "数据", "status": "superseded"}).content.decode()
    matching = [s for s in registry if "数据" in s.title_zh]
    for s in matching:
        s.refresh_from_db()
    superseded = [s for s in matching if s.status == "superseded"]
    assert f"共找到 {len(superseded)} 项标准" in html
    assert facet(html, "现行") == sum(s.status == "current" for s in matching)
    assert "被代替 Superseded ✕" in html


def test_search_without_query_lists_everything_paged(client, registry):
    html = client.get(SEARCH).content.decode()
    assert "共 30 项标准" in html
    assert 'rel="next"' in html


def test_search_with_no_match(client, registry):
    html = client.get(SEARCH, {"q": "量子引力"}).content.decode()
    assert "没有找到符合条件的标准" in html


def test_search_htmx_partial(client, registry):
    html = client.get(SEARCH, {"q": "数据"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html and "共找到" in html


def test_detail_shows_relations_both_ways(client, registry):
    new, old = registry[25], registry[5]
    new_html = client.get(new.get_absolute_url()).content.decode()
    old_html = client.get(old.get_absolute_url()).content.decode()
    assert old.get_absolute_url() in new_html and old.code in new_html
    assert new.get_absolute_url() in old_html  # replaced by
    assert "信息技术应用综合" in new_html  # ICS 35.240.01 with its name
    assert "计算机综合" in new_html  # CCS L70 with its name
    assert "浙江省科学技术厅" in new_html


def test_public_history_hides_actors_but_names_changes(client, registry, admin_user):
    std = registry[20]
    data = {"code": std.code, "title_zh": "改过的标准名称", "effective_on": std.effective_on,
            "issued_on": std.issued_on, "responsible_org": std.responsible_org,
            "ics": [c.code for c in std.ics.all()], "ccs": [c.code for c in std.ccs.all()],
            "drafting_orgs": list(std.drafting_orgs.all()), "replaces": [registry[0].code]}
    assert update_standard(admin_user, std, data, message="公开说明")
    html = client.get(std.get_absolute_url()).content.decode()
    history = html.split("变更记录")[1]
    assert "公开说明" in history and "修改" in history and "创建" in history
    assert "标准名称" in history  # the changed field, by its label
    assert "admin" not in history


def test_no_template_comment_leaks_into_pages(client, db):
    for url in ("/", "/search/", "/programme/", "/frameworks/"):
        html = client.get(url, follow=True).content.decode()
        assert "{#" not in html and "#}" not in html, url
