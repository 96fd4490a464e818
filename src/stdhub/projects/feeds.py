"""Atom feeds (Django's syndication framework): open comment periods, newly published standards."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from stdhub.standards.models import Standard

from . import queries
from .models import Project

ITEMS = 50


def _midnight(day: dt.date | None, fallback: dt.datetime) -> dt.datetime:
    if day is None:
        return fallback
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


class CommentPeriodFeed(Feed):
    feed_type = Atom1Feed
    title = _("标准征求意见 Open comment periods")
    subtitle = _("正在公开征求意见的标准项目 Standards open for public comment")
    link = reverse_lazy("projects:comment-periods")

    def items(self):
        return queries.open_comment_periods()[:ITEMS]

    def item_title(self, project: Project) -> str:
        return project.title

    def item_description(self, project: Project) -> str:
        return _("征求意见截止日期 comments until %(end)s；起草单位 %(lead)s") % {
            "end": project.comment_end, "lead": project.lead_org.name}

    def item_link(self, project: Project) -> str:
        return reverse("projects:public", args=[project.pk])

    def item_pubdate(self, project: Project) -> dt.datetime:
        return _midnight(project.comment_start, project.updated_at)

    def item_updateddate(self, project: Project) -> dt.datetime:
        return project.updated_at


class NewStandardsFeed(Feed):
    feed_type = Atom1Feed
    title = _("新发布标准 Newly published standards")
    link = reverse_lazy("portal:home")

    def items(self):
        return (Standard.objects.filter(issued_on__isnull=False)
                .order_by("-issued_on", "-pk")[:ITEMS])

    def item_title(self, std: Standard) -> str:
        return f"{std.code} {std.title_zh}"

    def item_description(self, std: Standard) -> str:
        return _("发布 issued %(issued)s，实施 effective %(effective)s") % {
            "issued": std.issued_on, "effective": std.effective_on or "—"}

    def item_pubdate(self, std: Standard) -> dt.datetime:
        return _midnight(std.issued_on, std.created_at)

    def item_updateddate(self, std: Standard) -> dt.datetime:
        return std.updated_at
