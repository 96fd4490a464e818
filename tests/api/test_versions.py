"""No lost updates over the API: ETag and version on reads, If-Match and version on writes."""

import pytest

from stdhub.core.events import events_of
from stdhub.standards.models import Standard

LIST = "/api/v1/standards/"
ORGS = "/api/v1/organizations/"


@pytest.fixture
def std(make_standard, org):
    return make_standard("DB33/T 1000-2020", "公共数据 目录编制规范", effective_on="2020-03-01",
                         responsible_org=org)


@pytest.fixture
def api(client_for, editor):
    return client_for(editor)


def url(std):
    return f"{LIST}{std.pk}/"


def test_detail_carries_its_version_as_body_field_and_etag(anon, std):
    response = anon.get(url(std))
    assert response.json()["version"] == 1 and response["ETag"] == '"1"'
    by_code = anon.get(f"{LIST}by-code/", {"code": std.code})
    assert by_code["ETag"] == '"1"'
    assert "ETag" not in anon.get(LIST)  # a list has no single version


def test_second_editor_with_the_same_if_match_gets_412_and_nothing_is_lost(api, std):
    etag = api.get(url(std))["ETag"]
    first = api.patch(url(std), {"title_en": "first"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200
    assert first.json()["version"] == 2 and first["ETag"] == '"2"'

    second = api.patch(url(std), {"title_zh": "第二位编辑"}, format="json", HTTP_IF_MATCH=etag)
    assert second.status_code == 412
    assert second.json()["current_version"] == 2 and second["ETag"] == '"2"'
    stored = Standard.objects.get()
    assert (stored.title_en, stored.title_zh, stored.version) == (
        "first", "公共数据 目录编制规范", 2)
    assert [e.kind for e in events_of(stored)] == ["changed", "created"]


@pytest.mark.parametrize("header", ['"bogus"', "bogus", '"1', "1", '"01x"', '""', ","])
def test_a_malformed_if_match_is_412_never_a_write(api, std, header):
    response = api.patch(url(std), {"title_en": "x"}, format="json", HTTP_IF_MATCH=header)
    assert response.status_code == 412, response.content
    assert Standard.objects.get().title_en == ""


@pytest.mark.parametrize("header", ['"1"', 'W/"1"', "*", '"7", "1"'])
def test_if_match_naming_the_current_version(api, std, header):
    response = api.put(url(std), {"code": std.code, "title_zh": "新标题",
                                  "responsible_org": std.responsible_org_id}, format="json",
                       HTTP_IF_MATCH=header)
    assert response.status_code == 200, response.content
    assert response["ETag"] == '"2"'


def test_body_version_mismatch_is_409_with_the_current_version(api, std):
    assert api.patch(url(std), {"title_en": "a", "version": 1}, format="json").status_code == 200
    stale = api.patch(url(std), {"title_en": "b", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2 and "version 1" in stale.json()["detail"]
    assert Standard.objects.get().title_en == "a"
    bad = api.patch(url(std), {"title_en": "b", "version": "two"}, format="json")
    assert bad.status_code == 400 and "version" in bad.json()


def test_writes_without_a_precondition_still_bump_the_version(api, std):
    response = api.patch(url(std), {"title_en": "unconditional"}, format="json")
    assert response.status_code == 200 and response.json()["version"] == 2


def test_a_superseded_standard_moves_to_a_new_version(api, std, org):
    etag = api.get(url(std))["ETag"]
    created = api.post(LIST, {"code": "DB33/T 1000-2024", "title_zh": "新版",
                              "effective_on": "2024-01-01", "replaces": [std.code],
                              "responsible_org": org.pk}, format="json")
    assert created.status_code == 201, created.content
    stale = api.patch(url(std), {"title_en": "x"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and stale.json()["current_version"] == 2


def test_organizations_are_versioned_too(client_for, admin_user, org):
    api = client_for(admin_user)
    detail = api.get(f"{ORGS}{org.pk}/")
    assert detail.json()["version"] == 1 and detail["ETag"] == '"1"'
    ok = api.patch(f"{ORGS}{org.pk}/", {"short_name": "数据中心"}, format="json",
                   HTTP_IF_MATCH='"1"')
    assert ok.status_code == 200 and ok["ETag"] == '"2"'
    assert api.patch(f"{ORGS}{org.pk}/", {"short_name": "x"}, format="json",
                     HTTP_IF_MATCH='"1"').status_code == 412
    conflict = api.patch(f"{ORGS}{org.pk}/", {"short_name": "x", "version": 1}, format="json")
    assert conflict.status_code == 409 and conflict.json()["current_version"] == 2
    org.refresh_from_db()
    assert (org.short_name, org.version) == ("数据中心", 2)


def test_schema_documents_if_match_etag_and_the_refusals(anon):
    schema = anon.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in ("/api/v1/standards/{id}/", "/api/v1/organizations/{id}/"):
        for method in ("put", "patch"):
            operation = schema["paths"][path][method]
            headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
            assert "If-Match" in headers, (path, method)
            assert {"409", "412"} <= set(operation["responses"]), (path, method)
        assert "ETag" in schema["paths"][path]["get"]["responses"]["200"]["headers"]
    request = schema["components"]["schemas"]["StandardInput"]
    assert "version" in request["properties"]
