"""Writing the registry over the API: token authentication, services, field errors, roles."""

import pytest

from stdhub.core.models import Event
from stdhub.orgs.choices import Role
from stdhub.standards.models import Standard

LIST = "/api/v1/standards/"
NEW = {"code": "DB33/T 2350-2021", "title_zh": "数字化改革 公共数据元",
       "effective_on": "2021-07-01", "ics": ["35.240.01"], "ccs": ["L70"]}


@pytest.fixture
def own_standard(make_standard, org):
    return make_standard("DB33/T 1000-2020", "公共数据 目录编制规范", effective_on="2020-03-01",
                         ics=["35.240"], responsible_org=org)


@pytest.fixture
def foreign_standard(make_standard, other_org):
    return make_standard("DB33/T 2000-2020", "科技成果 登记规范", effective_on="2020-03-01",
                         responsible_org=other_org)


def test_token_from_username_and_password_then_write(anon, editor, org, classes):
    refused = anon.post("/api/v1/auth/token/", {"username": "editor", "password": "wrong"})
    assert refused.status_code == 400 and refused.json()["non_field_errors"]

    token = anon.post("/api/v1/auth/token/",
                      {"username": "editor", "password": "pw-stdhub-2026"}).json()["token"]
    anon.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = anon.post(LIST, {**NEW, "responsible_org": org.pk}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == body["url"]
    assert (body["code"], body["level"], body["status"]) == ("DB33/T 2350-2021", "local",
                                                             "current")
    assert body["review_due_on"] == "2026-07-01"
    assert body["responsible_org"]["id"] == org.pk
    assert [c["code"] for c in body["ics"]] == ["35.240.01"]
    event = Event.objects.get(object_id=str(body["id"]), kind="created")
    assert event.actor == editor


def test_anonymous_writes_are_refused_with_how_to_authenticate(anon, own_standard):
    for response in (anon.post(LIST, NEW, format="json"),
                     anon.patch(f"{LIST}{own_standard.pk}/", {"title_zh": "x"}, format="json"),
                     anon.put(f"{LIST}{own_standard.pk}/", NEW, format="json")):
        assert response.status_code == 401
        assert "Authorization: Token" in response.json()["detail"]
        assert "/api/v1/auth/token/" in response.json()["detail"]
    assert Standard.objects.count() == 1
    assert anon.delete(f"{LIST}{own_standard.pk}/").status_code in (401, 405)


def test_validation_errors_answer_400_with_every_field(client_for, editor, org):
    response = client_for(editor).post(LIST, {
        "code": "XX 1-2020", "title_zh": "标准", "issued_on": "2020-13-45",
        "ics": ["99.999"], "status": "半现行", "responsible_org": org.pk}, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"code", "issued_on", "ics", "status"}
    assert "99.999" in errors["ics"][0]
    assert Standard.objects.count() == 0


def test_request_shape_errors_answer_400_before_the_service(client_for, editor):
    response = client_for(editor).post(LIST, {"ics": "35", "responsible_org": 987654},
                                       format="json")
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"code", "title_zh", "ics", "responsible_org"}
    assert "987654" in errors["responsible_org"][0]


def test_duplicate_code_answers_400(client_for, editor, own_standard, org):
    response = client_for(editor).post(
        LIST, {**NEW, "code": "db33/t1000-2020", "responsible_org": org.pk}, format="json")
    assert response.status_code == 400
    assert "already registered" in response.json()["code"][0]


def test_editor_may_not_register_for_another_organization(client_for, editor, other_org,
                                                         classes):
    response = client_for(editor).post(LIST, {**NEW, "responsible_org": other_org.name},
                                       format="json")
    assert response.status_code == 403 and response.json()["detail"]
    assert Standard.objects.count() == 0


def test_users_without_an_editing_role_may_not_write(client_for, make_user, org, own_standard):
    viewer = client_for(make_user(Role.VIEWER, org))
    response = viewer.post(LIST, {**NEW, "responsible_org": org.pk}, format="json")
    assert response.status_code == 403 and "add" in response.json()["detail"]
    patched = viewer.patch(f"{LIST}{own_standard.pk}/", {"title_zh": "x"}, format="json")
    assert patched.status_code == 403 and "change" in patched.json()["detail"]


def test_patch_changes_only_the_fields_sent(client_for, editor, own_standard):
    response = client_for(editor).patch(f"{LIST}{own_standard.pk}/",
                                        {"title_zh": "公共数据 目录编制指南"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title_zh"] == "公共数据 目录编制指南"
    assert [c["code"] for c in body["ics"]] == ["35.240"]
    assert body["effective_on"] == "2020-03-01" and body["responsible_org"]["name"]
    event = Event.objects.filter(object_id=str(own_standard.pk)).first()
    assert event.kind == "changed" and set(event.diff) == {"title_zh"}


def test_put_replaces_every_value(client_for, editor, own_standard, org):
    response = client_for(editor).put(f"{LIST}{own_standard.pk}/", {
        "code": "DB33/T 1000-2020", "title_zh": "公共数据 目录编制规范", "responsible_org": org.pk,
        "ccs": ["L70"], "effective_on": "2020/3/1"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["ics"] == [] and [c["code"] for c in body["ccs"]] == ["L70"]
    assert body["effective_on"] == "2020-03-01"


def test_editor_of_another_organization_is_refused(client_for, editor, foreign_standard,
                                                   own_standard, other_org):
    client = client_for(editor)
    response = client.patch(f"{LIST}{foreign_standard.pk}/", {"title_zh": "改名"},
                            format="json")
    assert response.status_code == 403 and response.json()["detail"]
    # Nor may an editor hand its own standard to another organization.
    handed = client.patch(f"{LIST}{own_standard.pk}/", {"responsible_org": other_org.pk},
                          format="json")
    assert handed.status_code == 403 and handed.json()["detail"]
    own_standard.refresh_from_db()
    foreign_standard.refresh_from_db()
    assert own_standard.responsible_org.name == "浙江省数据管理中心"
    assert foreign_standard.title_zh == "科技成果 登记规范"


def test_admin_may_write_for_any_organization(client_for, admin_user, foreign_standard):
    response = client_for(admin_user).patch(f"{LIST}{foreign_standard.pk}/",
                                            {"status": "废止", "withdrawn_on": "2024-01-01"},
                                            format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn"
    history = client_for(admin_user).get(f"{LIST}{foreign_standard.pk}/events/").json()
    assert history["results"][0]["actor"] == "admin"
