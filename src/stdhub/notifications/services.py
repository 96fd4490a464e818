"""Every write of notifications: following, notices and their delivery, preferences.

Notices are derived from the history, not part of it: creating one or marking it read
records no event. Following a project or a standard is a person's own choice and is
recorded on the followed object's history.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.mail import get_connection, send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from stdhub.core import events
from stdhub.core.permissions import require

from . import conf
from .choices import NoticeKind
from .models import Follow, Notice, Preference

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- following


def _follow_of(actor, obj) -> Follow:
    return Follow(user=actor if getattr(actor, "pk", None) else None,
                  content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


def follow(actor, obj) -> bool:
    """``actor`` follows ``obj`` (a project or a standard it may see); False if it already did."""
    wanted = _follow_of(actor, obj)
    require(actor, "add", wanted)
    with transaction.atomic():
        try:
            with transaction.atomic():
                wanted.save()
        except IntegrityError:
            return False  # already following
        events.record(actor, obj, "followed")
    return True


def unfollow(actor, obj) -> bool:
    """``actor`` stops following ``obj``; False if it did not follow it."""
    wanted = _follow_of(actor, obj)
    require(actor, "delete", wanted)
    with transaction.atomic():
        deleted, _ = Follow.objects.filter(user=actor, content_type=wanted.content_type,
                                           object_id=obj.pk).delete()
        if deleted:
            events.record(actor, obj, "unfollowed")
    return bool(deleted)


def is_following(user, obj) -> bool:
    if not getattr(user, "pk", None):
        return False
    return Follow.objects.filter(user=user, content_type=ContentType.objects.get_for_model(obj),
                                 object_id=obj.pk).exists()


# ---------------------------------------------------------------- notices


def notify(kind: str, recipients: Iterable, text: str, link: str = "", *, key: str = "",
           exclude=None) -> list[Notice]:
    """Give each recipient a notice (and an email if they want one); return the new notices.

    With a ``key`` a person gets that notice once: a second call, by this clock or another
    one, creates and sends nothing. ``exclude`` (the person who made the move) is skipped.
    """
    if kind not in NoticeKind.values:
        raise ValueError(f"unknown notice kind '{kind}'")
    skip = getattr(exclude, "pk", None)
    created = []
    for user in recipients:
        if user.pk == skip or not user.is_active:
            continue
        fields = {"kind": kind, "text": text[:500], "link": link[:300]}
        if key:
            notice, new = Notice.objects.get_or_create(recipient=user, key=key, defaults=fields)
        else:
            notice, new = Notice.objects.create(recipient=user, **fields), True
        if new:
            created.append(notice)
    send_notice_mail(created)
    return created


def wants_email(user) -> bool:
    if not user.email:
        return False
    pref = Preference.objects.filter(user=user).first()
    return pref is None or pref.email


def send_notice_mail(notices: list[Notice]) -> int:
    """Email each notice to its recipient if they want email; a failed send is logged."""
    sent = 0
    connection = None
    for notice in notices:
        user = notice.recipient
        if not wants_email(user):
            continue
        connection = connection or get_connection()
        body = render_to_string("notifications/email/notice.txt", {
            "notice": notice, "user": user, "url": conf.absolute(notice.link)})
        try:
            send_mail(f"[stdhub] {notice.text[:80]}", body, None, [user.email],
                      connection=connection)
            sent += 1
        except OSError:
            log.exception("could not email notice %s to %s", notice.pk, user.pk)
    return sent


def mark_read(actor, ids: Iterable[int] | None = None) -> int:
    """Mark ``actor``'s notices read (the given ids, or all unread); returns how many."""
    qs = Notice.objects.filter(recipient=actor, read_at__isnull=True) if getattr(
        actor, "pk", None) else Notice.objects.none()
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


def set_email(actor, on: bool) -> None:
    """Turn ``actor``'s notification emails (notices and the daily digest) on or off."""
    if not getattr(actor, "pk", None):
        raise PermissionDenied("sign in to change notification settings")
    require(actor, "change", Preference(user=actor))
    Preference.objects.update_or_create(user=actor, defaults={"email": bool(on)})
