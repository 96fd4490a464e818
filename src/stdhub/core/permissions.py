"""The one permission check: ``can(user, action, obj)``.

Each app registers a policy for its models (``@policy(Model)``); a policy gets
``(user, action, obj_or_None)`` and answers True/False. Actions are
``view``, ``add``, ``change``, ``delete`` or a domain verb (``approve``…).
Pages, API, CLI and services all ask here, so a rule lives in one place.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import models


class _System:
    """The actor of stdhub's own work (``stdhub init``, scheduled jobs): allowed everything."""

    pk = None
    username = "system"
    is_authenticated = is_active = is_superuser = True

    def __str__(self):
        return "system"


SYSTEM = _System()

Policy = Callable[[object, str, object | None], bool]
_policies: dict[type[models.Model], Policy] = {}


def policy(model: type[models.Model]):
    def register(fn: Policy) -> Policy:
        _policies[model] = fn
        return fn
    return register


def is_programme_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return "admin" in roles_of(user)


def roles_of(user) -> dict[str, set[int]]:
    """``{role: {organization ids}}`` for an active user, cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_stdhub_roles", None)
    if cached is None:
        from stdhub.orgs.models import Membership

        cached = {}
        memberships = Membership.objects.filter(user=user)
        for role, org_id in memberships.values_list("role", "organization_id"):
            cached.setdefault(role, set()).add(org_id)
        user._stdhub_roles = cached
    return cached


def can(user, action: str, obj) -> bool:
    """May ``user`` do ``action`` on ``obj`` (an instance, or a model class for add/list)?"""
    model = obj if isinstance(obj, type) else type(obj)
    instance = None if isinstance(obj, type) else obj
    if is_programme_admin(user):
        return True
    rule = _policies.get(model)
    return bool(rule and rule(user, action, instance))


def require(user, action: str, obj) -> None:
    if not can(user, action, obj):
        name = obj.__name__ if isinstance(obj, type) else str(obj)
        raise PermissionDenied(f"not allowed to {action} {name}")
