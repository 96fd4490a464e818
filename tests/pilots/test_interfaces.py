"""Pilot pages, API and CLI: scoped lists, the stage bar and what is missing, moves with
their reasons, documents."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from stdhub.orgs.choices import Role
from stdhub.pilots.models import Pilot

from .conftest import upload

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_list_page_is_scoped(client, pilot, people):
    assert pilot.name not in client.get(reverse("pilots:list")).content.decode()
    client.force_login(people["undertaker"])
    page = client.get(reverse("pilots:list"), {"stage": "applied", "level": "provincial"})
    assert pilot.name in page.content.decode() and page.context["page"].paginator.count == 1
    assert client.get(reverse("pilots:list"), {"level": "national"}).context[
        "page"].paginator.count == 0
    client.force_login(people["outsider"])
    assert pilot.name not in client.get(reverse("pilots:list")).content.decode()
    assert client.get(pilot.get_absolute_url()).status_code == 404


def test_apply_through_the_form(client, people, org):
    client.force_login(people["undertaker"])
    response = client.post(reverse("pilots:add"), {
        "name": "农产品质量安全追溯标准化试点", "level": "national", "undertaker": org.pk})
    pilot = Pilot.objects.get()
    assert response.status_code == 302 and response["Location"] == pilot.get_absolute_url()
    client.force_login(people["outsider"])  # another organization's editor may not name org
    response = client.post(reverse("pilots:add"), {"name": "x", "level": "national",
                                                   "undertaker": org.pk})
    assert response.status_code == 200 and "undertaker" in response.context["form"].errors


def test_detail_shows_the_bar_what_is_missing_and_moves(client, pilot, people):
    client.force_login(people["admin"])
    page = client.get(pilot.get_absolute_url())
    html = page.content.decode()
    assert 'aria-current="step">申报 Applied' in html
    assert "缺少：申报书 Application" in html
    response = client.post(reverse("pilots:move", args=[pilot.pk]),
                           {"move": "approve", "expected_version": pilot.version}, follow=True)
    assert messages_of(response) == ["缺少 missing: 申报书 Application"]
    client.force_login(people["undertaker"])
    response = client.post(reverse("pilots:upload", args=[pilot.pk]),
                           {"kind": "application", "file": upload("申报书.pdf")}, follow=True)
    assert messages_of(response) == ["已上传申报书 Application。"]
    document = pilot.documents.get()
    download = client.get(reverse("pilots:document", args=[document.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.7 report"
    client.force_login(people["admin"])
    response = client.post(reverse("pilots:move", args=[pilot.pk]),
                           {"move": "approve", "expected_version": pilot.version}, follow=True)
    assert messages_of(response) == ["已完成：立项 Approve the application"]
    assert 'aria-current="step">立项 Approved' in response.content.decode()
    # an approved pilot is public, its documents are not
    client.logout()
    assert client.get(pilot.get_absolute_url()).status_code == 200
    assert client.get(reverse("pilots:document", args=[document.pk])).status_code == 302


def test_api_scoping_moves_and_documents(client_for, pilot, people):
    assert APIClient().get("/api/v1/pilots/").json()["count"] == 0
    api = client_for(people["undertaker"])
    body = api.get(f"/api/v1/pilots/{pilot.pk}/").json()
    assert body["stage"] == "applied" and [m["name"] for m in body["moves"]] == [
        "approve", "revoke"]
    assert client_for(people["outsider"]).get(f"/api/v1/pilots/{pilot.pk}/").status_code == 404
    response = api.post(f"/api/v1/pilots/{pilot.pk}/documents/",
                        {"kind": "application", "file": upload()}, format="multipart")
    assert response.status_code == 201 and response.json()["number"] == 1
    refused = api.post(f"/api/v1/pilots/{pilot.pk}/move/", {"move": "approve"}, format="json")
    assert refused.status_code == 403 and "需要角色" in refused.json()["detail"]
    admin = client_for(people["admin"])
    stale = admin.post(f"/api/v1/pilots/{pilot.pk}/move/",
                       {"move": "approve", "expected_version": 99}, format="json")
    assert stale.status_code == 409
    done = admin.post(f"/api/v1/pilots/{pilot.pk}/move/", {"move": "approve"}, format="json")
    assert done.status_code == 200 and done.json()["stage"] == "approved"
    missing = admin.post(f"/api/v1/pilots/{pilot.pk}/move/", {"move": "start-building"},
                         format="json")
    assert missing.status_code == 400
    assert missing.json()["move"] == ["缺少 missing: 建设方案 Construction plan"]
    created = api.post("/api/v1/pilots/", {"name": "新试点", "level": "provincial",
                                           "undertaker": pilot.undertaker_id}, format="json")
    assert created.status_code == 201 and created.json()["stage"] == "applied"
    assert APIClient().post("/api/v1/pilots/", {}, format="json").status_code in (401, 403)


def test_api_refuses_an_application_from_someone_who_may_apply_for_none(
        client_for, make_user, org):
    """A viewer may apply for no pilot: refused (403) before its body is validated, as the
    pages and the services refuse it, not answered with field errors."""
    viewer = client_for(make_user(Role.VIEWER, org, username="viewer"))
    assert viewer.post("/api/v1/pilots/", {}, format="json").status_code == 403
    assert not Pilot.objects.exists()


def run(*args) -> str:
    out = io.StringIO()
    call_command("pilots", *args, stdout=out)
    return out.getvalue()


def test_cli_list(pilot, people, advance):
    rows = json.loads(run("list", "--json"))
    assert [(r["name"], r["stage"], r["undertaker"]) for r in rows] == [
        (pilot.name, "applied", pilot.undertaker.name)]
    assert json.loads(run("list", "--json", "--user", "outsider")) == []
    advance(pilot, "pass")
    assert json.loads(run("list", "--json", "--stage", "accepted"))[0]["result"] == "passed"
    assert "1 pilot(s)" in run("list")
    with pytest.raises(CommandError) as exc:
        run("list", "--user", "nobody")
    assert exc.value.returncode == 2
