"""Reading the registry over the API: list, filter, paginate, detail by id and code, history."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stdhub.core.permissions import SYSTEM
from stdhub.search.queries import search_standards
from stdhub.standards.models import Standard
from stdhub.standards.services import editable_values, update_standard

LIST = "/api/v1/standards/"


@pytest.fixture
def registry(make_standard, org, other_org):
    old = make_standard("GB/T 2260-2002", "中华人民共和国行政区划代码", effective_on="2002-09-01",
                        ccs=["A24"], responsible_org=other_org)
    new = make_standard("GB/T 2260-2007", "中华人民共和国行政区划代码", effective_on="2008-02-01",
                        ccs=["A24"], replaces=["GB/T 2260-2002"], responsible_org=other_org)
    local = make_standard("DB33/T 2350-2021", "数字化改革 公共数据元", effective_on="2021-07-01",
                          ics=["35.240.01"], ccs=["L70"], responsible_org=org,
                          drafting_orgs=[org, other_org])
    group = make_standard("T/ZZB 0001-2018", "电子政务 数据共享 接口规范",
                          effective_on="2018-06-01", ics=["35.240"])
    return {"old": old, "new": new, "local": local, "group": group}


def codes_of(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_list_is_public_ordered_and_paginated(anon, registry):
    body = anon.get(LIST).json()
    assert body["count"] == 4 and body["next"] is None
    assert [r["code"] for r in body["results"]] == [
        "DB33/T 2350-2021", "GB/T 2260-2002", "GB/T 2260-2007", "T/ZZB 0001-2018"]
    local = body["results"][0]
    assert local["responsible_org"]["name"] == "浙江省数据管理中心"
    assert local["ics"] == ["35.240.01"] and local["ccs"] == ["L70"]
    assert local["url"].endswith(f"/api/v1/standards/{registry['local'].pk}/")

    first = anon.get(LIST, {"page_size": 3}).json()
    assert len(first["results"]) == 3 and first["next"].endswith("page=2&page_size=3")
    assert codes_of(anon.get(LIST, {"page_size": 3, "page": 2})) == ["T/ZZB 0001-2018"]
    past = anon.get(LIST, {"page": 9})
    assert past.status_code == 404 and "detail" in past.json()


@pytest.mark.parametrize("params, expected", [
    ({"level": "local"}, ["DB33/T 2350-2021"]),
    ({"level": ["local", "group"]}, ["DB33/T 2350-2021", "T/ZZB 0001-2018"]),
    ({"status": "superseded"}, ["GB/T 2260-2002"]),
    ({"ics": "35"}, ["DB33/T 2350-2021", "T/ZZB 0001-2018"]),
    ({"ics": "35.240.01"}, ["DB33/T 2350-2021"]),
    ({"ccs": "L"}, ["DB33/T 2350-2021"]),
    ({"year_min": 2007, "year_max": 2020}, ["GB/T 2260-2007", "T/ZZB 0001-2018"]),
    ({"ordering": "-effective"}, ["DB33/T 2350-2021", "T/ZZB 0001-2018", "GB/T 2260-2007",
                                  "GB/T 2260-2002"]),
])
def test_filters_are_the_list_pages_filters(anon, registry, params, expected):
    assert codes_of(anon.get(LIST, params)) == expected


def test_filter_by_organization_counts_responsible_and_drafting(anon, registry, other_org):
    assert codes_of(anon.get(LIST, {"organization": other_org.pk})) == [
        "DB33/T 2350-2021", "GB/T 2260-2002", "GB/T 2260-2007"]


def test_bad_filter_values_answer_400_by_field(anon, registry):
    response = anon.get(LIST, {"status": "half-current", "year": "soon"})
    assert response.status_code == 400
    assert set(response.json()) == {"status", "year"}


def test_detail_shows_classes_relations_and_links(anon, registry):
    new = registry["new"]
    body = anon.get(f"{LIST}{new.pk}/").json()
    assert body["code"] == "GB/T 2260-2007" and body["status"] == "current"
    assert body["ccs"] == [{"code": "A24", "name_zh": "行政区划", "parent": None}]
    assert [r["code"] for r in body["replaces"]] == ["GB/T 2260-2002"]
    assert body["replaces"][0]["url"].endswith(f"/api/v1/standards/{registry['old'].pk}/")
    assert body["events_url"].endswith(f"/api/v1/standards/{new.pk}/events/")
    assert body["portal_url"] == f"http://testserver{new.get_absolute_url()}"

    old = anon.get(body["replaces"][0]["url"]).json()
    assert old["status"] == "superseded"
    assert [r["code"] for r in old["replaced_by"]] == ["GB/T 2260-2007"]

    local = anon.get(f"{LIST}{registry['local'].pk}/").json()
    assert local["ics"][0] == {"code": "35.240.01", "name_zh": "信息技术应用综合",
                               "name_en": "Application of IT in general", "parent": "35.240"}
    assert sorted(o["name"] for o in local["drafting_orgs"]) == ["浙江省数据管理中心",
                                                                  "浙江省科学技术厅"]
    missing = anon.get(f"{LIST}999999/")
    assert missing.status_code == 404 and missing.json()["detail"]


@pytest.mark.parametrize("typed", ["GB/T 2260-2007", "gb/t2260-2007", "GB／T 2260—2007"])
def test_detail_by_code_accepts_codes_as_people_type_them(anon, registry, typed):
    response = anon.get(f"{LIST}by-code/?{urlencode({'code': typed})}")
    assert response.status_code == 200
    assert response.json()["id"] == registry["new"].pk


def test_detail_by_code_says_what_is_missing(anon, registry):
    unknown = anon.get(f"{LIST}by-code/", {"code": "GB/T 2260-1999"})
    assert unknown.status_code == 404 and "GB/T 2260-1999" in unknown.json()["detail"]
    empty = anon.get(f"{LIST}by-code/")
    assert empty.status_code == 400 and "code" in empty.json()


def test_history_lists_events_newest_first(anon, registry, client_for, make_user):
    local = registry["local"]
    update_standard(SYSTEM, local, {**editable_values(local), "title_zh": "公共数据元规范"})
    body = client_for(make_user()).get(f"{LIST}{local.pk}/events/").json()
    assert [e["kind"] for e in body["results"]] == ["changed", "created"]
    changed = body["results"][0]
    assert changed["diff"] == {"title_zh": ["数字化改革 公共数据元", "公共数据元规范"]}
    assert changed["actor"] == "system" and changed["seq"] > body["results"][1]["seq"]
    assert changed["request_id"] == "" and len(changed["hash"]) == 64


def test_public_history_shows_what_the_portal_shows(anon, registry):
    """Anonymous readers see when, what kind, the message and which fields changed;
    not who acted, the values, the request id or the chain's hashes."""
    local = registry["local"]
    update_standard(SYSTEM, local, {**editable_values(local), "title_zh": "公共数据元规范"})
    changed, created = anon.get(f"{LIST}{local.pk}/events/").json()["results"]
    assert set(changed) == {"created_at", "kind", "kind_label", "message", "changed_fields"}
    assert changed["kind"] == "changed" and changed["changed_fields"] == ["title_zh"]
    assert created["changed_fields"] == []  # the portal lists no initial values
    # Superseding is recorded on the old standard.
    kinds = [e["kind"] for e in anon.get(f"{LIST}{registry['old'].pk}/events/").json()["results"]]
    assert kinds == ["superseded", "created"]


def test_list_queries_do_not_grow_with_rows(anon, make_standard, org, other_org,
                                            django_assert_max_num_queries):
    for n in range(40):
        make_standard(f"DB33/T {1000 + n}-2020", f"数据标准 第{n}部分", ics=["35.240.01", "35"],
                      ccs=["L70"], responsible_org=org if n % 2 else other_org,
                      drafting_orgs=[org])
    # count, the page's keys, its rows, ICS, CCS
    with django_assert_max_num_queries(5):
        body = anon.get(LIST).json()
    assert body["count"] == 40 and len(body["results"]) == 40
    # + the organization named in the filter
    with django_assert_max_num_queries(6):
        assert len(anon.get(LIST, {"ics": "35", "organization": org.pk}).json()["results"]) == 40
    first = anon.get(LIST).json()["results"][0]["url"]
    # detail: standard, ICS, CCS, drafting organizations, replaces, replaced by
    with django_assert_max_num_queries(6):
        assert anon.get(first).status_code == 200


def test_no_distinct_and_no_repeats_under_related_filters(anon, registry):
    with CaptureQueriesContext(connection) as one_table:
        assert codes_of(anon.get(LIST, {"level": ["local", "group"]})) == [
            "DB33/T 2350-2021", "T/ZZB 0001-2018"]
    assert not any("DISTINCT" in q["sql"] for q in one_table)
    # Two of its ICS classes lie under 35: EXISTS still lists it once, with no DISTINCT.
    local = registry["local"]
    update_standard(SYSTEM, local, {**editable_values(local), "ics": ["35.240.01", "35.240"]})
    with CaptureQueriesContext(connection) as related:
        assert codes_of(anon.get(LIST, {"ics": "35"})) == ["DB33/T 2350-2021", "T/ZZB 0001-2018"]
    assert "EXISTS" in related[0]["sql"] and "DISTINCT" not in related[0]["sql"]


def test_classification_lists_and_dotted_codes(anon, classes):
    top = anon.get("/api/v1/ics/", {"top": "true"}).json()
    assert [c["code"] for c in top["results"]] == ["01.040", "35"]
    children = anon.get("/api/v1/ics/", {"parent": "35.240"}).json()
    assert [c["code"] for c in children["results"]] == ["35.240.01"]
    assert anon.get("/api/v1/ics/35.240.01/").json()["name_en"] == "Application of IT in general"
    assert [c["code"] for c in anon.get("/api/v1/ccs/", {"q": "信息"}).json()["results"]] == [
        "L", "L70"]
    assert anon.post("/api/v1/ccs/", {"code": "Z"}).status_code == 405  # read-only


def test_search_pages_through_the_one_search_function(anon, registry):
    body = anon.get(LIST, {"q": "行政区划"}).json()
    assert body["count"] == 2
    assert {r["code"] for r in body["results"]} == {"GB/T 2260-2002", "GB/T 2260-2007"}
    assert body["results"][0]["responsible_org"]["name"] == "浙江省科学技术厅"

    first = anon.get(LIST, {"q": "行政区划", "page_size": 1}).json()
    second = anon.get(first["next"]).json()
    assert first["count"] == second["count"] == 2 and second["next"] is None
    assert {first["results"][0]["code"], second["results"][0]["code"]} == {
        "GB/T 2260-2002", "GB/T 2260-2007"}

    # Search runs inside the filters, and codes are searchable too.
    assert codes_of(anon.get(LIST, {"q": "行政区划", "status": "current"})) == ["GB/T 2260-2007"]
    assert codes_of(anon.get(LIST, {"q": "2350"})) == ["DB33/T 2350-2021"]
    assert anon.get(LIST, {"q": "区块链"}).json() == {
        "count": 0, "next": None, "previous": None, "results": []}
    past = anon.get(LIST, {"q": "行政区划", "page": 3})
    assert past.status_code == 404 and "page" in past.json()["detail"]


def test_search_queries_do_not_grow_with_rows(anon, make_standard, org,
                                              django_assert_max_num_queries):
    for n in range(30):
        make_standard(f"DB33/T {1000 + n}-2020", f"公共数据 目录 第{n}部分", ics=["35.240.01"],
                      ccs=["L70"], responsible_org=org)
    with CaptureQueriesContext(connection) as search_alone:
        search_standards("公共数据", queryset=Standard.objects.filter(level="local"), limit=50)
    # the search's own queries (its index, ranked ids, the page's rows), then ICS and CCS
    with django_assert_max_num_queries(len(search_alone) + 2):
        body = anon.get(LIST, {"q": "公共数据", "level": "local"}).json()
    assert body["count"] == 30 and len(body["results"]) == 30
