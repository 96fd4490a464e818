"""Odd input never makes the API answer 5xx: every query parameter of every read in the
schema, malformed ids and bodies, and deeply nested JSON get a 4xx with a reason."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from drf_spectacular.generators import SchemaGenerator

from stdhub.core.permissions import SYSTEM
from stdhub.standards.services import create_standard

HUGE = "99999999999999999999999"
# Raw (already percent-encoded) query values: U+10FFFF, a lone surrogate as UTF-8 (invalid),
# NUL, a number past any integer column, nesting, a long text.
ODD_VALUES = ["%F4%8F%BF%BF", "%ED%A0%80", "%00", "a%00b", HUGE, "-" + HUGE, "1e999",
              "%5B" * 200, "x" * 3000, "%FF%FE", "NaN"]


def _reads():
    """``(path, [query parameter names])`` of every GET in the schema."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, operations in schema["paths"].items():
        if "get" in operations:
            names = [p["name"] for p in operations["get"].get("parameters", [])
                     if p["in"] == "query"]
            yield path, names


READS = sorted(_reads())


@pytest.fixture
def registry(classes, org):
    return create_standard(SYSTEM, {"code": "DB33/T 1001-2020", "title_zh": "公共数据 目录",
                                    "ics": ["35.240"], "ccs": ["L70"], "responsible_org": org})


def _concrete(path: str, pk) -> str:
    return path.replace("{id}", str(pk)).replace("{code}", "L70")


@pytest.mark.parametrize(("path", "names"), READS, ids=[p for p, _ in READS])
def test_every_query_parameter_survives_odd_values(anon, admin_user, client_for, registry,
                                                    path, names):
    url = _concrete(path, registry.pk)
    for client in (anon, client_for(admin_user)):
        for name in [*names, "page", "page_size"]:
            for value in ODD_VALUES:
                response = client.get(f"{url}?{name}={value}")
                assert response.status_code < 500, (url, name, value, response.content[:300])


@pytest.mark.parametrize("value", ["%00", HUGE, "-" + HUGE, "1e999", "%F4%8F%BF%BF", "x%00"])
def test_odd_filter_values_answer_400_with_the_reason(anon, registry, value):
    for url in (f"/api/v1/organizations/?parent={value}", f"/api/v1/standards/?year={value}",
                f"/api/v1/standards/?year_min={value}",
                f"/api/v1/standards/?organization={value}", f"/api/v1/standards/?ccs={value}",
                f"/api/v1/standards/?ics={value}"):
        if value == "1e999" and "cs=" in url:
            continue  # letters and digits: it could be a classification code
        response = anon.get(url)
        assert response.status_code == 400, (url, response.content)
        field = url.split("?")[1].split("=")[0]
        assert response.json()[field], url


@pytest.mark.parametrize("value", ["%00", "a%00b"])
def test_nul_in_text_parameters_answers_400(anon, registry, value):
    for url in ("/api/v1/standards/?q=", "/api/v1/standards/?ccs=", "/api/v1/standards/?ics=",
                "/api/v1/standards/by-code/?code=", "/api/v1/conformance/data-standards/?q=",
                "/api/v1/conformance/code-lists/GB%2FT%202260/?q=", "/api/v1/ics/?q="):
        response = anon.get(url + value)
        assert response.status_code == 400, (url, response.content)


def test_unusual_characters_in_search_are_just_text(anon, registry):
    for url in ("/api/v1/standards/?q=%F4%8F%BF%BF", "/api/v1/standards/?q=%ED%A0%80",
                "/api/v1/conformance/data-standards/?q=%F4%8F%BF%BF"):
        response = anon.get(url)
        assert response.status_code == 200, (url, response.content)
        assert response.json()["count"] == 0


@pytest.mark.parametrize("pk", ["abc", HUGE, "-1", "1.5", "null,null", "%00"])
def test_malformed_ids_answer_404(anon, admin_user, client_for, pk):
    for url in (f"/api/v1/standards/{pk}/", f"/api/v1/standards/{pk}/events/",
                f"/api/v1/organizations/{pk}/", f"/api/v1/conformance/data-standards/{pk}/",
                f"/api/v1/conformance/versions/{pk}/"):
        assert anon.get(url).status_code == 404, url
    admin = client_for(admin_user)
    response = admin.post(f"/api/v1/conformance/data-standards/{pk}/versions/",
                          {"version_label": "2", "schema": {"fields": []}}, format="json")
    assert response.status_code == 404
    response = admin.patch(f"/api/v1/standards/{pk}/", {"title_zh": "x"}, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/auth/token/", "/api/v1/standards/",
                                  "/api/v1/organizations/",
                                  "/api/v1/conformance/data-standards/"])
def test_deeply_nested_json_answers_400(anon, admin_user, client_for, path):
    for client in (anon, client_for(admin_user)):
        for body in ("[" * 100_000, "[" * 500 + "]" * 500, '{"a":' * 300 + "1" + "}" * 300):
            response = client.generic("POST", path, body, content_type="application/json")
            assert response.status_code in (400, 401), (path, response.status_code)
            if response.status_code == 400:
                assert "nested" in json.dumps(response.json())


def test_json_text_with_nul_or_lone_surrogate_answers_400(admin_user, client_for, org):
    api = client_for(admin_user)
    for text in ("\\u0000", "\\ud800"):
        body = json.dumps({"identifier": "zj/x", "title": "x", "organization": org.pk,
                           "version_label": "1",
                           "schema": {"fields": [{"name": "a@", "type": "string"}]}})
        body = body.replace("@", text)  # json.dumps would not write a lone surrogate
        response = api.generic("POST", "/api/v1/conformance/data-standards/", body,
                               content_type="application/json")
        assert response.status_code == 400, response.content
        assert "surrogate" in response.json()["detail"]


def test_null_schema_for_a_new_version_answers_400(admin_user, client_for, org):
    api = client_for(admin_user)
    created = api.post("/api/v1/conformance/data-standards/", {
        "identifier": "zj/enterprise", "title": "企业信息", "organization": org.pk,
        "version_label": "1", "schema": {"fields": [{"name": "a", "type": "string"}]}},
        format="json")
    assert created.status_code == 201, created.content
    url = f"/api/v1/conformance/data-standards/{created.json()['id']}/versions/"
    for body in ({"version_label": "2", "schema": None}, {"version_label": "2", "schema": 7},
                 {"version_label": "2", "schema": []}, {"version_label": "2", "schema": "{"},
                 {"schema": None}, [], None):
        response = api.post(url, body, format="json")
        assert response.status_code == 400, (body, response.content)


def test_odd_path_characters_answer_4xx(db, anon):
    for text in ("%00", "%F4%8F%BF%BF", "%ED%A0%80", quote("GB/T 2260") + "%00"):
        response = anon.get(f"/api/v1/conformance/code-lists/{text}/")
        assert response.status_code == 404, text
