"""Evaluation pages, API and CLI: what each role sees and may do, end to end."""

import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from stdhub.evaluation import services
from stdhub.evaluation.models import Assessment, Campaign

from .conftest import SCORES, SCORES_TOTAL

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(subject, expert, second_expert, admin_user):
    return (services.assign(admin_user, subject, evaluator=expert),
            services.assign(admin_user, subject, evaluator=second_expert))


def test_admin_creates_campaign_adds_subject_and_assigns(client, admin_user, schemes, standard,
                                                         expert, org, make_user):
    client.force_login(admin_user)
    bad = client.post(reverse("evaluation:campaigns"), {"year": "x", "title": ""})
    assert bad.status_code == 400
    response = client.post(reverse("evaluation:campaigns"), {
        "year": 2026, "title": "年度评价", "scheme": schemes["standard-implementation-effect"].pk,
        "deadline": "2026-11-30"})
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response.url == campaign.get_absolute_url()
    assert campaign.combine == "mean" and campaign.grades[0] == {"name": "优秀", "min": 90}
    missing = client.post(reverse("evaluation:add-subject", args=[campaign.pk]),
                          {"code": "DB33/T 9999-2020"})
    assert missing.status_code == 400 and "未找到该标准" in missing.content.decode()
    client.post(reverse("evaluation:add-subject", args=[campaign.pk]), {"code": standard.code})
    subject = campaign.subjects.get()
    insider = make_user("expert", org, username="insider")
    refused = client.post(reverse("evaluation:assign", args=[subject.pk]),
                          {"evaluator": insider.pk})
    assert refused.status_code == 400 and "conflict of interest" in refused.content.decode()
    client.post(reverse("evaluation:assign", args=[subject.pk]), {"evaluator": expert.pk})
    assert Assessment.objects.get().evaluator == expert


def test_evaluator_scores_by_indicator_tree_and_cannot_open_anothers(client, two, expert,
                                                                     second_expert):
    mine, theirs = two
    client.force_login(expert)
    home = client.get(reverse("workspace:home")).content.decode()
    assert reverse("evaluation:mine") in home
    listing = client.get(reverse("evaluation:mine")).content.decode()
    assert reverse("evaluation:assessment", args=[mine.pk]) in listing
    assert reverse("evaluation:assessment", args=[theirs.pk]) not in listing
    assert client.get(reverse("evaluation:assessment", args=[theirs.pk])).status_code == 403
    assert client.post(reverse("evaluation:assessment", args=[theirs.pk]),
                       {"status.adoption": "1"}).status_code == 403
    page = client.get(reverse("evaluation:assessment", args=[mine.pk])).content.decode()
    assert "实施状况 Implementation status" in page and 'name="status.publicity"' in page
    bad = client.post(reverse("evaluation:assessment", args=[mine.pk]),
                      {**SCORES, "status.adoption": "130", "save": "1"})
    assert bad.status_code == 400 and "needs a number 0–100" in bad.content.decode()
    client.post(reverse("evaluation:assessment", args=[mine.pk]), {**SCORES, "submit": "1"})
    mine.refresh_from_db()
    assert mine.status == "submitted" and mine.values == SCORES
    locked = client.post(reverse("evaluation:assessment", args=[mine.pk]),
                         {**SCORES, "status.adoption": "1", "save": "1"}, follow=True)
    assert "locked" in locked.content.decode()
    mine.refresh_from_db()
    assert mine.values["status.adoption"] == "60"
    assert client.get(reverse("evaluation:report", args=[mine.subject.campaign_id])
                      ).status_code == 403


def test_report_page_workbook_and_public_page(client, two, expert, admin_user, subject,
                                              campaign):
    services.save_scores(expert, two[0], SCORES, submit=True)
    client.force_login(admin_user)
    page = client.get(reverse("evaluation:report", args=[campaign.pk])).content.decode()
    assert "74.50" in page and "合格" in page
    book = load_workbook(io.BytesIO(client.get(
        reverse("evaluation:report", args=[campaign.pk]) + "?format=xlsx").content))
    rows = list(book["评价结果"].values)
    assert rows[1][:5] == (subject.label, SCORES_TOTAL, "合格", 1, 1)
    assert list(book["评分明细"].values)[1][:3] == (subject.label, "expert", SCORES_TOTAL)
    client.post(reverse("evaluation:decide", args=[subject.pk]),
                {"outcome": "upgrade", "note": "建议上升为行业标准"})
    client.logout()
    assert subject.label not in client.get(reverse("evaluation:public")).content.decode()
    client.force_login(admin_user)
    client.post(reverse("evaluation:publish", args=[subject.pk]), {"published": "1"})
    client.logout()
    public = client.get(reverse("evaluation:public")).content.decode()
    assert subject.label in public and "74.50" in public and "建议上升为更高层级" in public
    assert "expert" not in public  # evaluators are not disclosed


def test_api_schemes_assessments_and_results(two, expert, second_expert, client_for,
                                             admin_user, campaign, subject):
    assert APIClient().get(reverse("api-evaluation-scheme-list")).json()["count"] == 2
    api = client_for(expert)
    mine = api.get(reverse("api-assessment-list")).json()
    assert [a["id"] for a in mine["results"]] == [two[0].pk]
    assert api.get(reverse("api-assessment-detail", args=[two[1].pk])).status_code == 404
    assert api.patch(reverse("api-assessment-detail", args=[two[1].pk]),
                     {"values": {"status.adoption": "1"}}, format="json").status_code == 404
    url = reverse("api-assessment-detail", args=[two[0].pk])
    bad = api.patch(url, {"values": {"status.cited": "maybe"}}, format="json")
    assert bad.status_code == 400 and "status.cited" in bad.json()
    saved = api.patch(url, {"values": SCORES, "comment": "良好"}, format="json").json()
    assert saved["total"] == SCORES_TOTAL and saved["missing"] == [] and saved["status"] == "draft"
    assert api.post(reverse("api-assessment-submit", args=[two[0].pk])).json()["status"] == \
        "submitted"
    assert api.patch(url, {"comment": "改"}, format="json").status_code == 409
    assert [c["id"] for c in api.get(reverse("api-evaluation-campaign-list")).json()[
        "results"]] == [campaign.pk]
    assert api.get(reverse("api-evaluation-campaign-results", args=[campaign.pk])
                   ).status_code == 403
    results = client_for(admin_user).get(
        reverse("api-evaluation-campaign-results", args=[campaign.pk])).json()
    assert results["subjects"][0]["total"] == SCORES_TOTAL
    assert results["subjects"][0]["pending"] == 1
    assert APIClient().get(reverse("api-evaluation-result-list")).json()["count"] == 0
    services.publish(admin_user, subject)
    public = APIClient().get(reverse("api-evaluation-result-list")).json()["results"]
    assert public == [{"campaign": str(campaign), "year": 2026, "subject": subject.label,
                       "total": SCORES_TOTAL, "grade": "合格", "decision": None}]


def test_openapi_documents_evaluation(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    assert {"/api/v1/evaluation/schemes/", "/api/v1/evaluation/assessments/{id}/submit/",
            "/api/v1/evaluation/campaigns/{id}/results/"} <= set(schema["paths"])


def test_report_command(two, expert, campaign, capsys):
    services.save_scores(expert, two[0], SCORES, submit=True)
    call_command("evaluation", "report", str(campaign.pk), "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["campaign"]["year"] == 2026
    assert out["subjects"][0]["total"] == SCORES_TOTAL
    assert out["subjects"][0]["assessments"] == [{"evaluator": "expert", "total": SCORES_TOTAL,
                                                  "missing": []}]
    call_command("evaluation", "report", "2026")  # a year with one campaign
    with pytest.raises(CommandError) as error:
        call_command("evaluation", "report", "1999")
    assert error.value.returncode == 2


def test_init_loads_the_builtin_schemes(db):
    """``stdhub init`` runs each app's ``initialise`` step; evaluation's loads the schemes once."""
    config = apps.get_app_config("evaluation")
    assert config.initialise() == ["evaluation scheme: pilot-acceptance (loaded)",
                                   "evaluation scheme: standard-implementation-effect (loaded)"]
    assert config.initialise()[0] == "evaluation scheme: pilot-acceptance (already present)"


def test_evaluator_campaign_page_lists_only_its_own_assignment(client, two, expert, campaign):
    client.force_login(expert)
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert reverse("evaluation:assessment", args=[two[0].pk]) in page
    assert "expert2" not in page and "综合得分" not in page  # no one else's scores or names
    assert client.post(reverse("evaluation:decide", args=[two[0].subject_id]),
                       {"outcome": "continue"}).status_code == 403
