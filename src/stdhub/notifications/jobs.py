"""stdhub's own time-driven work: each job takes the local time and returns a summary."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from stdhub.projects import queries as project_queries
from stdhub.projects import services as project_services
from stdhub.projects.models import Project
from stdhub.standards.choices import Status
from stdhub.standards.models import Standard

from . import conf, digest, recipients
from .choices import NoticeKind
from .models import Notice
from .services import notify


def close_comment_periods(now: dt.datetime) -> str:
    """Close the comment periods past their end date, through the projects service."""
    closed = project_services.close_due_comment_periods(now.date())
    return f"closed {len(closed)} comment period(s)"


def _announced(kind: str, keys: list[str]) -> set[str]:
    """The keys among ``keys`` whose notice went out already (skipped without a query each)."""
    return set(Notice.objects.filter(kind=kind, key__in=keys).values_list("key", flat=True))


def flag_overdue_projects(now: dt.datetime) -> str:
    """A project past its due date raises one notice (per due date) to the people on it."""
    projects = list(project_queries.overdue_filter(Project.objects.all(), now.date())
                    .select_related("lead_org", "responsible_org"))
    keys = {p.pk: f"project-overdue:{p.pk}:{p.due_on}" for p in projects}
    done = _announced(NoticeKind.PROJECT_OVERDUE, list(keys.values()))
    sent = 0
    for project in (p for p in projects if keys[p.pk] not in done):
        text = _("《%(title)s》已逾期（报批期限 %(due)s）Project overdue") % {
            "title": project.title, "due": project.due_on}
        sent += len(notify(NoticeKind.PROJECT_OVERDUE, recipients.overdue_audience(project),
                           text, project.get_absolute_url(), key=keys[project.pk]))
    return f"{sent} overdue notice(s)"


def flag_reviews_due(now: dt.datetime) -> str:
    """Standards whose 复审 falls due within ``REVIEW_DUE_DAYS`` raise one notice (per due
    date). Reviews already overdue when stdhub started are on the workspace, not re-announced."""
    today = now.date()
    standards = list(Standard.objects.filter(
        status__in=[Status.CURRENT, Status.UPCOMING], review_due_on__gte=today,
        review_due_on__lte=today + dt.timedelta(days=conf.get("REVIEW_DUE_DAYS"))
    ).only("pk", "code", "title_zh", "review_due_on", "responsible_org"))
    keys = {s.pk: f"review-due:{s.pk}:{s.review_due_on}" for s in standards}
    done = _announced(NoticeKind.REVIEW_DUE, list(keys.values()))
    sent = 0
    for std in (s for s in standards if keys[s.pk] not in done):
        text = _("%(code)s %(title)s 复审到期 %(due)s Review due") % {
            "code": std.code, "title": std.title_zh, "due": std.review_due_on}
        sent += len(notify(NoticeKind.REVIEW_DUE, recipients.review_due_audience(std), text,
                           reverse("workspace:standard", args=[std.pk]), key=keys[std.pk]))
    return f"{sent} review-due notice(s)"


def send_daily_digest(now: dt.datetime) -> str:
    return f"{digest.send_all(now)} digest(s)"
