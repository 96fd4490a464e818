"""Notices on the moves that matter, raised from the history after the write commits.

Projects do not call this app: every service records an Event, and a handler here,
connected to the Event's ``post_save``, registers ``transaction.on_commit`` work for the
kinds below. A rolled-back write discards that work with its event, so nobody hears of
a move that did not happen. Bulk history (``record_many``) sends no signal and no notice.
"""

from __future__ import annotations

import functools

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from stdhub.core.models import Event
from stdhub.projects.models import Project

from . import recipients
from .choices import NoticeKind
from .services import notify


def comment_period_opened(project: Project, actor, message: str) -> None:
    text = _("《%(title)s》开始征求意见，截止 %(end)s Comment period opened") % {
        "title": project.title, "end": project.comment_end}
    notify(NoticeKind.COMMENT_PERIOD_OPENED, recipients.comment_period_audience(project), text,
           project.get_absolute_url(), exclude=actor)


def comment_received(project: Project, actor, message: str) -> None:
    text = _("《%(title)s》收到意见 %(number)s Comment received") % {
        "title": project.title, "number": message}
    notify(NoticeKind.COMMENT_RECEIVED, recipients.drafters(project), text,
           project.get_absolute_url() + "#comments", exclude=actor)


def vote_requested(project: Project, actor, message: str) -> None:
    review = project.reviews.first()
    if review is None:
        return
    text = _("《%(title)s》请您审查投票 Your vote is requested") % {"title": project.title}
    notify(NoticeKind.VOTE_REQUESTED, review.experts.all(), text,
           project.get_absolute_url() + "#review", exclude=actor)


# Event kind on a project → what to announce, given the project, the actor and the message.
ON_PROJECT_EVENT = {
    "open-comments": comment_period_opened,
    "comment-received": comment_received,
    "review-opened": vote_requested,
}


@receiver(post_save, sender=Event, dispatch_uid="stdhub.notifications.dispatch")
def on_event(sender, instance: Event, created: bool, raw: bool = False, **kwargs) -> None:
    if raw or not created or instance.kind not in ON_PROJECT_EVENT:
        return
    if instance.content_type_id != ContentType.objects.get_for_model(Project).pk:
        return
    transaction.on_commit(functools.partial(
        _announce, instance.kind, int(instance.object_id), instance.actor_id, instance.message),
        robust=True)  # a failed notice is logged; the committed write stands


def _announce(kind: str, project_id: int, actor_id: int | None, message: str) -> None:
    project = Project.objects.select_related("revises").filter(pk=project_id).first()
    if project is None:
        return
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    ON_PROJECT_EVENT[kind](project, actor, message)
