"""Reads of organizations that are more than a filter."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from stdhub.core.permissions import is_programme_admin, scope

from .models import Organization


def organizations_to_choose(user, own: Callable[[object], set[int]]) -> QuerySet[Organization]:
    """The organizations ``user`` may pick on a form: those ``own(user)`` names (e.g.
    ``standards.policies.editor_orgs``), or every one for programme administrators."""
    visible = scope(user, "view", Organization.objects.all())
    return visible if is_programme_admin(user) else visible.filter(pk__in=own(user))
