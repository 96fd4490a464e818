"""Reads of notices: a person's list and unread count."""

from django.db.models import QuerySet

from stdhub.core.permissions import scope

from .models import Notice


def notices_of(user, *, unread_only: bool = False) -> QuerySet[Notice]:
    qs = scope(user, "view", Notice.objects.all())
    return qs.filter(read_at__isnull=True) if unread_only else qs


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()
