"""Committee pages, API and CLI."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from stdhub.committees import services
from stdhub.committees.models import Committee

pytestmark = pytest.mark.django_db


def test_pages(client, committee, people, org):
    services.appoint(people["secretary"], committee, {"role": "secretary-general",
                                                      "name": "钱七",
                                                      "term_start": dt.date(2019, 3, 1)})
    page = client.get(reverse("committees:list"), {"level": "provincial"})
    assert committee.code in page.content.decode()
    assert client.get(reverse("committees:list"), {"status": "dissolved"}).context[
        "page"].paginator.count == 0
    html = client.get(committee.get_absolute_url()).content.decode()
    assert "钱七" in html and "秘书长 Secretary-general" in html and 'id="member-form"' not in html
    client.force_login(people["secretary"])
    assert 'id="member-form"' in client.get(committee.get_absolute_url()).content.decode()
    refused = client.post(reverse("committees:member-add", args=[committee.pk]), {
        "role": "secretary-general", "name": "孙八", "term_start": "2020-01-01"})
    assert refused.status_code == 400
    assert "role" in refused.context["member_form"].errors
    added = client.post(reverse("committees:participation-add", args=[committee.pk]), {
        "body": "ISO", "international_committee": "ISO/TC 211", "role": "convenor"},
        follow=True)
    assert "ISO/TC 211" in added.content.decode()
    assert client.get(reverse("committees:add")).status_code == 403
    client.force_login(people["admin"])
    created = client.post(reverse("committees:add"), {
        "code": "SAC/TC 28/SC 42", "name": "人工智能分委会", "secretariat": org.pk,
        "established_on": "2020-05-01"})
    new = Committee.objects.get(code="SAC/TC 28/SC 42")
    assert created.status_code == 302 and new.level == "national"
    bad = client.post(reverse("committees:add"), {"code": "TC-1", "name": "x",
                                                  "secretariat": org.pk,
                                                  "established_on": "2020-05-01"})
    assert "code" in bad.context["form"].errors


def test_api(client_for, committee, people):
    body = APIClient().get("/api/v1/committees/").json()
    assert [c["code"] for c in body["results"]] == ["ZJ/TC 12"]
    api = client_for(people["secretary"])
    response = api.post(f"/api/v1/committees/{committee.pk}/members/", {
        "role": "chair", "name": "张三", "term_start": "2019-03-01"}, format="json")
    assert response.status_code == 201, response.json()
    assert [m["person"] for m in response.json()["members"]] == ["张三"]
    again = api.post(f"/api/v1/committees/{committee.pk}/members/", {
        "role": "chair", "name": "李四", "term_start": "2020-03-01"}, format="json")
    assert again.status_code == 400 and "role" in again.json()
    outsider = client_for(people["outsider"]).post(
        f"/api/v1/committees/{committee.pk}/international/",
        {"body": "ISO", "international_committee": "ISO/TC 211", "role": "p-member"},
        format="json")
    assert outsider.status_code == 403
    missing = api.post(f"/api/v1/committees/{committee.pk}/standards/",
                       {"code": "DB33/T 1-2000"}, format="json")
    assert missing.status_code == 400
    assert APIClient().post(f"/api/v1/committees/{committee.pk}/members/", {},
                            format="json").status_code == 401
    assert api.post("/api/v1/committees/", {}, format="json").status_code == 403


def test_cli_list(committee, people):
    services.appoint(people["secretary"], committee, {"role": "chair", "name": "张三",
                                                      "term_start": dt.date(2019, 3, 1)})
    out = io.StringIO()
    call_command("committees", "list", "--json", stdout=out)
    [row] = json.loads(out.getvalue())
    assert (row["code"], row["level"], row["status"]) == ("ZJ/TC 12", "provincial", "active")
    assert row["members"] == [{"person": "张三", "role": "chair", "organization": "",
                               "term_start": "2019-03-01", "term_end": None}]
    out = io.StringIO()
    call_command("committees", "list", "--status", "dissolved", stdout=out)
    assert out.getvalue().strip() == "0 committee(s)"


def test_api_write_to_a_malformed_committee_id_is_not_found(client_for, people):
    api = client_for(people["secretary"])
    response = api.post("/api/v1/committees/null,null/international/",
                        {"body": "ISO", "international_committee": "ISO/TC 211",
                         "role": "p-member"}, format="json")
    assert response.status_code == 404
