"""复审: standards due are listed; 继续有效, 修订 and 废止 are applied through the services."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from stdhub.core import events
from stdhub.core.models import Event
from stdhub.projects import services
from stdhub.projects.models import Project
from stdhub.standards.choices import Status
from stdhub.standards.services import create_standard

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def due(people, department):
    return create_standard(people["admin"], {
        "code": "DB33/T 1500-2020", "title_zh": "电子证照 数据元规范",
        "effective_on": "2021-01-01", "responsible_org": department})


def test_continue_restarts_the_five_year_clock(due, people):
    services.conclude_periodic_review(people["editor"], due, "continue", today=TODAY)
    due.refresh_from_db()
    assert due.last_reviewed_on == TODAY and due.review_due_on == dt.date(2031, 6, 1)
    last = Event.objects.filter(object_id=str(due.pk), content_type__model="standard").order_by(
        "seq").last()
    assert last.message == "复审结论：继续有效"


def test_revise_opens_a_revision_project(due, people):
    project = services.conclude_periodic_review(people["editor"], due, "revise", today=TODAY)
    assert (project.kind, project.revises, project.stage) == ("revise", due, "00")
    assert project.title == due.title_zh and project.responsible_org == due.responsible_org
    due.refresh_from_db()
    assert due.status == Status.CURRENT and due.last_reviewed_on == TODAY
    assert events.verify().ok


def test_withdraw_needs_a_reason_and_withdraws(due, people):
    with pytest.raises(ValidationError, match="give a reason"):
        services.conclude_periodic_review(people["editor"], due, "withdraw", today=TODAY)
    services.conclude_periodic_review(people["editor"], due, "withdraw", "技术已淘汰",
                                      today=TODAY)
    due.refresh_from_db()
    assert (due.status, due.withdrawn_on) == (Status.WITHDRAWN, TODAY)
    with pytest.raises(ValidationError, match="no longer in force"):
        services.conclude_periodic_review(people["editor"], due, "continue", today=TODAY)


def test_refusals(due, people):
    with pytest.raises(PermissionDenied):
        services.conclude_periodic_review(people["drafter"], due, "continue")
    with pytest.raises(ValidationError, match="unknown conclusion"):
        services.conclude_periodic_review(people["editor"], due, "shelve")


def test_page_lists_due_standards_and_applies_a_conclusion(client, due, people):
    client.force_login(people["editor"])
    page = client.get(reverse("workspace:periodic-reviews")).content.decode()
    assert "DB33/T 1500-2020" in page
    response = client.post(reverse("workspace:periodic-reviews"),
                           {"standard": due.pk, "conclusion": "revise"})
    project = Project.objects.get()
    assert response.url == reverse("workspace:project", args=[project.pk])
    client.force_login(people["outsider"])
    assert f'id="std-{due.pk}"' not in client.get(
        reverse("workspace:periodic-reviews")).content.decode()
