"""The daily digest: one email per person with their unread notices and due projects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.mail import get_connection, send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from stdhub.projects import conf as project_conf
from stdhub.projects import queries as project_queries
from stdhub.projects.models import Project

from . import conf
from .models import Notice, Preference


@dataclass
class Digest:
    user: object
    notices: list[Notice] = field(default_factory=list)
    overdue: list[Project] = field(default_factory=list)
    soon: list[Project] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.notices or self.overdue or self.soon)


def digest_for(user, today: dt.date) -> Digest:
    mine = project_queries.mine(user)
    soon_until = today + dt.timedelta(days=project_conf.get("SOON_DAYS"))
    return Digest(
        user=user,
        notices=list(Notice.objects.filter(recipient=user, read_at__isnull=True)
                     .order_by("-created_at")[:50]),
        overdue=list(project_queries.overdue_filter(mine, today).order_by("due_on")),
        soon=list(project_queries.running(mine).filter(due_on__gte=today, due_on__lte=soon_until)
                  .order_by("due_on")))


def recipients():
    """Active people with an email address who have not turned email off."""
    off = Preference.objects.filter(email=False).values("user_id")
    return get_user_model().objects.filter(is_active=True).exclude(email="").exclude(
        pk__in=off).order_by("pk")


def digests(today: dt.date):
    for user in recipients().iterator():
        if found := digest_for(user, today):
            yield found


def send_all(now: dt.datetime) -> int:
    """Send today's digests; returns how many went out."""
    connection, sent = get_connection(), 0
    for found in digests(now.date()):
        for item in (*found.notices, *found.overdue, *found.soon):
            item.url = conf.absolute(getattr(item, "link", None) or item.get_absolute_url())
        body = render_to_string("notifications/email/digest.txt", {
            "digest": found, "today": now.date(),
            "notices_url": conf.absolute(reverse("workspace:notices"))})
        subject = f"[stdhub] 每日摘要 Daily digest {now.date():%Y-%m-%d}"
        send_mail(subject, body, None, [found.user.email], connection=connection)
        sent += 1
    return sent
