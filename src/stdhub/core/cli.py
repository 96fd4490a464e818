"""Who a command acts or reads as: ``--user USERNAME``, the same policies as on the web."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from .permissions import SYSTEM


def acting_user(username: str | None, *, default_superuser: bool = True):
    """The named active user; without a name, the first superuser (writes, whose events name
    a person) or ``SYSTEM`` (reads by the operator, who holds the database anyway)."""
    if not username and not default_superuser:
        return SYSTEM
    users = get_user_model().objects.filter(is_active=True)
    user = (users.filter(username=username) if username
            else users.filter(is_superuser=True).order_by("pk")).first()
    if user is None:
        raise CommandError(f"no active user '{username}'" if username else
                           "no superuser exists: run `stdhub init` or pass --user USERNAME")
    return user
