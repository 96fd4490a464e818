"""REST API: public reads, token-authenticated publishing, runs started by upload (202)."""

import json

from rest_framework.test import APIClient

from stdhub.conformance.choices import RunStatus
from stdhub.conformance.models import ConformanceRun, DataStandard

from .conftest import BAD_ROWS, HEADER, SCHEMA, csv_bytes, upload

BASE = "/api/v1/conformance"


def test_list_and_detail_with_versions_and_elements(data_standard):
    anon = APIClient()
    listing = anon.get(f"{BASE}/data-standards/", {"q": "法人"}).json()
    assert [d["identifier"] for d in listing["results"]] == ["zj/legal-entity"]
    detail = anon.get(f"{BASE}/data-standards/{data_standard.pk}/").json()
    assert [v["label"] for v in detail["versions"]] == ["1.0"]
    elements = detail["latest_version"]["elements"]
    assert elements[0] == {
        "identifier": "uscc", "name": "统一社会信用代码", "type": "string", "type_label": "字符型",
        "length": "18", "domain": "", "required": True,
        "rules": ["GB 32100 统一社会信用代码校验位", "唯一", "主键"], "description": "",
        "code_list": None, "code_list_version": None}
    assert detail["latest_version"]["schema"] == SCHEMA


def test_versions_name_their_publisher_to_signed_in_readers_only(data_standard, client_for,
                                                                 viewer):
    """The portal names the publishing organization, not the person: so does the API."""
    url = f"{BASE}/data-standards/{data_standard.pk}/"
    anonymous = APIClient().get(url).json()
    assert "published_by" not in anonymous["versions"][0]
    assert "published_by" not in anonymous["latest_version"]
    version_url = anonymous["versions"][0]["url"]
    assert "published_by" not in APIClient().get(version_url).json()
    staff = client_for(viewer).get(url).json()
    assert staff["versions"][0]["published_by"] == "editor"
    assert client_for(viewer).get(version_url).json()["published_by"] == "editor"


def test_publish_with_token_then_new_version(client_for, editor, org):
    api = client_for(editor)
    created = api.post(f"{BASE}/data-standards/", {
        "identifier": "zj/enterprise", "title": "企业信息", "organization": org.pk,
        "version_label": "1", "schema": SCHEMA}, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created["Location"].endswith(f"{BASE}/data-standards/{pk}/")
    newer = api.post(f"{BASE}/data-standards/{pk}/versions/",
                     {"version_label": "2", "schema": json.dumps(SCHEMA)}, format="json")
    assert newer.status_code == 201 and newer.json()["label"] == "2"
    assert DataStandard.objects.get(pk=pk).versions.count() == 2


def test_malformed_schema_answers_400_with_the_reason(client_for, editor, org):
    response = client_for(editor).post(f"{BASE}/data-standards/", {
        "identifier": "zj/x", "title": "x", "organization": org.pk, "version_label": "1",
        "schema": {"fields": [{"name": "a", "type": "txt"}]}}, format="json")
    assert response.status_code == 400
    assert "unknown type 'txt'" in response.json()["schema"][0]
    assert not DataStandard.objects.exists()


def test_writes_need_a_token_and_the_right_organization(client_for, data_standard, outsider):
    anon = APIClient().post(f"{BASE}/data-standards/{data_standard.pk}/versions/",
                            {"version_label": "2", "schema": SCHEMA}, format="json")
    assert anon.status_code == 401 and "Token" in anon.json()["detail"]
    refused = client_for(outsider).post(f"{BASE}/data-standards/{data_standard.pk}/versions/",
                                        {"version_label": "2", "schema": SCHEMA}, format="json")
    assert refused.status_code == 403 and "not allowed to publish" in refused.json()["detail"]


def test_run_by_upload_then_status(client_for, viewer, version, org, outsider):
    api = client_for(viewer)
    response = api.post(f"{BASE}/runs/", {
        "version": version.pk, "organization": org.pk,
        "dataset": upload("data.csv", csv_bytes(HEADER, BAD_ROWS))}, format="multipart")
    assert response.status_code == 202, response.json()
    run_url = response["Location"]
    status = api.get(run_url).json()
    assert status["status"] == RunStatus.FAILED and status["rows_done"] == 4
    assert status["percent"] == 100 and status["report"]["errors_total"] == 5
    assert status["report_xlsx_url"].endswith(f"/data-standards/runs/{status['id']}/report.xlsx")
    assert status["version"]["label"] == "1.0" and status["run_by"] == "viewer"
    assert client_for(outsider).get(run_url).status_code == 404
    assert [r["id"] for r in api.get(f"{BASE}/runs/").json()["results"]] == [status["id"]]


def test_run_refusals_say_why(client_for, editor, version, other_org):
    api = client_for(editor)
    wrong_org = api.post(f"{BASE}/runs/", {
        "version": version.pk, "organization": other_org.pk,
        "dataset": upload("data.csv", b"a\n1\n")}, format="multipart")
    assert wrong_org.status_code == 403
    no_file = api.post(f"{BASE}/runs/", {"version": version.pk, "organization": other_org.pk},
                       format="multipart")
    assert no_file.status_code == 400 and "dataset" in no_file.json()
    bad_type = api.post(f"{BASE}/runs/", {
        "version": version.pk, "organization": editor.memberships.get().organization_id,
        "dataset": upload("data.doc", b"x")}, format="multipart")
    assert bad_type.status_code == 400 and "unsupported file type" in bad_type.json()["dataset"][0]
    assert not ConformanceRun.objects.exists()
    assert APIClient().get(f"{BASE}/runs/").status_code == 401


def test_code_lists_list_and_detail(db):
    anon = APIClient()
    lists = {c["identifier"]: c for c in anon.get(f"{BASE}/code-lists/").json()["results"]}
    assert lists["GB/T 2261.1"]["builtin"] and lists["GB/T 2261.1"]["versions"] == ["2003"]
    detail = anon.get(lists["GB/T 2260"]["url"], {"q": "330106"}).json()
    assert detail["entries"] == [{"code": "330106", "name": "西湖区", "parent": "330100"}]
    assert anon.get(f"{BASE}/code-lists/ZJ/none/").status_code == 404
