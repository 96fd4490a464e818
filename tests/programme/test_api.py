"""Programme API: live status, scoped reports, submit and review through the services."""

from django.urls import reverse
from rest_framework.test import APIClient

from stdhub.orgs.choices import Role
from stdhub.orgs.models import Organization
from stdhub.programme.models import ProgressReport


def test_status_is_public(programme):
    body = APIClient().get(reverse("api-programme-status", args=[programme.code])).json()
    assert [t["lead"] for t in body["tasks"]][:2] == ["省质监局", "省数据管理中心"]
    assert {t["key"]: t["goal"] for t in body["targets"]}["group-standards"] == 30


def test_report_submit_review_and_scope(programme, make_user, client_for):
    data_center = Organization.objects.get(short_name="省数据管理中心")
    co = client_for(make_user(Role.EDITOR, data_center, username="co"))
    lead = client_for(make_user(Role.EDITOR, Organization.objects.get(short_name="省质监局"),
                                username="lead"))
    task = programme.tasks.get(number=1)
    url = reverse("api-progress-report-list")
    bad = co.post(url, {"task": task.pk, "organization": data_center.pk, "period": "2019-Q7",
                        "percent": 101, "text": "x"}, format="json")
    assert bad.status_code == 400 and set(bad.json()) >= {"period", "percent"}
    made = co.post(url, {"task": task.pk, "organization": data_center.pk, "period": "2019-H1",
                         "percent": 40, "text": "草案"}, format="json")
    assert made.status_code == 201, made.content
    assert APIClient().get(url).json()["count"] == 0  # not public until accepted
    report_url = reverse("api-progress-report-review", args=[made.json()["id"]])
    assert co.post(report_url, {"accept": True}, format="json").status_code == 403
    done = lead.post(report_url, {"accept": True}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "accepted"
    assert APIClient().get(url).json()["count"] == 1
    assert ProgressReport.objects.get().status == "accepted"
