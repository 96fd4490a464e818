"""Who hears of what: people by their role in an organization, and followers."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from stdhub.projects.models import Project
from stdhub.projects.policies import DEPARTMENT_ROLES, DRAFTING_ROLES, SECRETARIAT_ROLES
from stdhub.standards.models import Standard
from stdhub.standards.policies import EDITING_ROLES


def members(org_ids: Iterable[int | None], roles: Iterable[str]) -> QuerySet:
    """Active people holding any of ``roles`` in any of the organizations."""
    return get_user_model().objects.filter(
        is_active=True, memberships__organization__in=[o for o in org_ids if o],
        memberships__role__in=list(roles)).distinct()


def followers(obj) -> QuerySet:
    if obj is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(
        is_active=True, follows__content_type=ContentType.objects.get_for_model(obj),
        follows__object_id=obj.pk).distinct()


def drafters(project: Project) -> QuerySet:
    return members([project.lead_org_id], DRAFTING_ROLES)


def comment_period_audience(project: Project) -> list:
    """Followers of the project (and of the standard it revises) and the secretariat."""
    return _union(followers(project), followers(project.revises),
                  members([project.responsible_org_id], SECRETARIAT_ROLES))


def overdue_audience(project: Project) -> list:
    """The drafters and the responsible department's editors."""
    return _union(drafters(project), members([project.responsible_org_id], DEPARTMENT_ROLES))


def review_due_audience(std: Standard) -> list:
    """Editors of the standard's responsible organization, and its followers."""
    return _union(members([std.responsible_org_id], EDITING_ROLES), followers(std))


def _union(*querysets) -> list:
    seen = {}
    for qs in querysets:
        for user in qs:
            seen.setdefault(user.pk, user)
    return list(seen.values())
