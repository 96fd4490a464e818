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
from .services import notify


def close_comment_periods(now: dt.datetime) -> str:
    """Close the comment periods past their end date, through the projects service."""
    closed = project_services.close_due_comment_periods(now.date())
    return f"closed {len(closed)} comment period(s)"


def flag_overdue_projects(now: dt.datetime) -> str:
    """A project past its due date raises one notice (per due date) to the people on it."""
    projects = project_queries.overdue_filter(Project.objects.all(), now.date())
    sent = 0
    for project in projects.select_related("lead_org", "responsible_org"):
        text = _("《%(title)s》已逾期（报批期限 %(due)s）Project overdue") % {
            "title": project.title, "due": project.due_on}
        sent += len(notify(NoticeKind.PROJECT_OVERDUE, recipients.overdue_audience(project),
                           text, project.get_absolute_url(),
                           key=f"project-overdue:{project.pk}:{project.due_on}"))
    return f"{sent} overdue notice(s)"


def flag_reviews_due(now: dt.datetime) -> str:
    """Standards whose 复审 falls due soon raise one notice (per due date)."""
    until = now.date() + dt.timedelta(days=conf.get("REVIEW_DUE_DAYS"))
    standards = Standard.objects.filter(status__in=[Status.CURRENT, Status.UPCOMING],
                                        review_due_on__lte=until)
    sent = 0
    for std in standards.only("pk", "code", "title_zh", "review_due_on", "responsible_org"):
        text = _("%(code)s %(title)s 复审到期 %(due)s Review due") % {
            "code": std.code, "title": std.title_zh, "due": std.review_due_on}
        sent += len(notify(NoticeKind.REVIEW_DUE, recipients.review_due_audience(std), text,
                           reverse("workspace:standard", args=[std.pk]),
                           key=f"review-due:{std.pk}:{std.review_due_on}"))
    return f"{sent} review-due notice(s)"


def send_daily_digest(now: dt.datetime) -> str:
    return f"{digest.send_all(now)} digest(s)"
