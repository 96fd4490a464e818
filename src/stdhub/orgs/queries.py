"""Reads of organizations that are more than a filter."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from stdhub.core.permissions import is_programme_admin

from .models import Organization


def organizations_to_choose(user, own: Callable[[object], set[int]]) -> QuerySet[Organization]:
    """The organizations ``user`` may pick on a form: those ``own(user)`` names (e.g.
    ``standards.policies.editor_orgs``), or every one for programme administrators."""
    if is_programme_admin(user):
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=own(user))
