"""The projects API: scoped lists, proposals, moves with reasons, documents, comments, votes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from stdhub.projects.models import Comment, Project

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_list_is_scoped(client_for, project, people):
    assert APIClient().get("/api/v1/projects/").json()["count"] == 0  # 00 is not public
    body = client_for(people["drafter"]).get("/api/v1/projects/").json()
    assert [p["title"] for p in body["results"]] == [project.title]
    assert body["results"][0]["stage"] == "00"
    assert client_for(people["outsider"]).get(f"/api/v1/projects/{project.pk}/").status_code == 404


def test_propose_and_refusals(client_for, people, lead_org, department):
    api = client_for(people["drafter"])
    response = api.post("/api/v1/projects/", {
        "title": "城市数据大脑 接口规范", "lead_org": lead_org.pk,
        "responsible_org": department.pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["stage"] == "00" and response["Location"] == body["url"]
    approve = next(m for m in body["moves"] if m["name"] == "approve")
    assert approve["role_ok"] is False and approve["missing"] == ["项目建议书 Project proposal"]
    assert approve["inputs"] == ["plan_number"]
    response = client_for(people["outsider"]).post("/api/v1/projects/", {
        "title": "x", "lead_org": lead_org.pk, "responsible_org": department.pk}, format="json")
    assert response.status_code == 403
    response = APIClient().post("/api/v1/projects/", {"title": "x"}, format="json")
    assert response.status_code in (401, 403)


def test_move_through_the_api(client_for, project, people):
    drafter, admin = client_for(people["drafter"]), client_for(people["admin"])
    url = f"/api/v1/projects/{project.pk}/"
    response = drafter.post(url + "documents/", {
        "kind": "proposal", "file": SimpleUploadedFile("p.pdf", b"%PDF-1")}, format="multipart")
    assert response.status_code == 201 and response.json()["number"] == 1
    response = drafter.post(url + "move/", {"to": "approve"}, format="json")
    assert response.status_code == 403 and "需要角色" in response.json()["detail"]
    response = admin.post(url + "move/", {"to": "10"}, format="json")
    assert response.status_code == 400
    assert response.json()["to"] == ["缺少 missing: 计划编号 plan number"]
    response = admin.post(url + "move/", {"to": "10", "plan_number": "2026-9",
                                          "expected_version": 5}, format="json")
    assert response.status_code == 409 and response.json()["current_version"] == 1
    response = admin.post(url + "move/", {"to": "10", "plan_number": "2026-9",
                                          "expected_version": 1}, format="json")
    assert response.status_code == 200
    assert (response.json()["stage"], response.json()["plan_number"]) == ("10", "2026-9")
    response = drafter.post(url + "move/", {"to": "nowhere"}, format="json")
    assert response.status_code == 400 and "neither a move nor a stage" in str(response.json())


def test_comments_dispositions_and_votes(client_for, project, people, advance):
    project = advance(project, "30-open")
    url = f"/api/v1/projects/{project.pk}/"
    outsider = client_for(people["outsider"])
    assert outsider.get(url).json()["stage"] == "30"  # public now
    response = outsider.post(url + "comments/", {"clause": "3", "text": "建议删除"},
                             format="json")
    assert response.status_code == 201 and response.json()["number"] == 1
    response = outsider.post(url + "comments/", {"text": "x", "organization":
                                                 project.lead_org.pk}, format="json")
    assert response.status_code == 403
    assert outsider.get(url + "comments/").json() == []  # insiders only
    drafter = client_for(people["drafter"])
    assert [c["number"] for c in drafter.get(url + "comments/").json()] == [1]
    response = drafter.post(url + "disposition/", {"number": 1, "disposition": "accepted"},
                            format="json")
    assert response.status_code == 200 and response.json()["disposition"] == "accepted"
    assert Comment.objects.get().disposition == "accepted"
    advance(project, "40")
    from stdhub.projects import services
    services.open_review(people["secretariat"], project, experts=people["experts"][:1])
    expert = client_for(people["experts"][0])
    response = expert.post(url + "votes/", {"position": "yes"}, format="json")
    assert response.status_code == 201
    response = outsider.post(url + "votes/", {"position": "yes"}, format="json")
    assert response.status_code == 403
    assert [v["position"] for v in drafter.get(url + "votes/").json()] == ["yes"]
    project.refresh_from_db()
    assert project.stage == "40" and TODAY


def test_deadline_filter(client_for, project, people):
    Project.objects.filter(pk=project.pk).update(stage="20", due_on="2020-01-01")
    api = client_for(people["drafter"])
    body = api.get("/api/v1/projects/", {"deadline": "overdue"}).json()
    assert body["count"] == 1 and body["results"][0]["deadline"] == "overdue"
    assert api.get("/api/v1/projects/", {"stage": "30"}).json()["count"] == 0
