"""The one permission check: ``can(user, action, obj)``, and its list form ``scope()``.

Each app registers, per model, the actions that exist for it and the policy that
decides them (``@policy(Model, actions=...)``); a policy gets
``(user, action, obj_or_None)`` and answers True/False. Where some rows of a
model are private, the same registration names a ``visible`` function that
narrows a queryset to what the user may see, so every list (pages, API, CLI,
exports, search results, fragments) asks :func:`scope` and the rule is written
once. Programme administrators (role ``admin`` or superusers) may do everything.

An action that is not registered for the model is a programming error, not a
refusal: ``can()`` raises, so a typo never silently denies (or allows) anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

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

CRUD = ("view", "add", "change", "delete")

Policy = Callable[[object, str, object | None], bool]
Visible = Callable[[object, str, models.QuerySet], models.QuerySet]


@dataclass(frozen=True)
class Rules:
    """What can be done to one model, and who may."""

    model: type[models.Model]
    actions: tuple[str, ...]
    check: Policy
    visible: Visible | None = None


_rules: dict[type[models.Model], Rules] = {}


class UnknownAction(LookupError):
    """An action that the model's policy does not declare."""


def policy(model: type[models.Model], *, actions: Iterable[str] = CRUD,
           visible: Visible | None = None):
    """Register ``fn(user, action, obj)`` as the policy of ``model`` for ``actions``.

    ``visible(user, action, queryset)`` narrows lists to what ``user`` may
    ``action``; without it a list shows all rows or none, as the policy answers
    for the model as a whole.
    """
    def register(fn: Policy) -> Policy:
        _rules[model] = Rules(model, tuple(actions), fn, visible)
        return fn
    return register


def registered() -> dict[type[models.Model], Rules]:
    """Every model with a policy, for the permission matrix and checks."""
    return dict(_rules)


def rules_for(model: type[models.Model]) -> Rules:
    try:
        return _rules[model]
    except KeyError:
        raise UnknownAction(f"{model.__name__} has no registered policy") from None


def _check_action(rules: Rules, action: str) -> None:
    if action not in rules.actions:
        raise UnknownAction(
            f"'{action}' is not an action of {rules.model.__name__} "
            f"(declared: {', '.join(rules.actions)})")


def is_programme_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return "admin" in roles_of(user)


def roles_of(user) -> dict[str, set[int]]:
    """``{role: {organization ids}}`` for an active user, cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "pk", None):
        return {}
    cached = getattr(user, "_stdhub_roles", None)
    if cached is None:
        from django.apps import apps

        Membership = apps.get_model("orgs", "Membership")  # core imports no app module
        cached = {}
        for role, org_id in Membership.objects.filter(user=user).values_list(
                "role", "organization_id"):
            cached.setdefault(role, set()).add(org_id)
        user._stdhub_roles = cached
    return cached


def orgs_with_roles(user, roles: Iterable[str]) -> set[int]:
    """Ids of the organizations in which ``user`` holds any of ``roles``."""
    held = roles_of(user)
    return set().union(*(held.get(r, set()) for r in roles))


def member_orgs(user) -> set[int]:
    """Ids of the organizations in which ``user`` holds any role."""
    return set().union(*roles_of(user).values())


def can(user, action: str, obj) -> bool:
    """May ``user`` do ``action`` on ``obj`` (an instance, or a model class for add/list)?"""
    model = obj if isinstance(obj, type) else type(obj)
    instance = None if isinstance(obj, type) else obj
    rules = rules_for(model)
    _check_action(rules, action)
    if is_programme_admin(user):
        return True
    return bool(rules.check(user, action, instance))


def require(user, action: str, obj) -> None:
    if not can(user, action, obj):
        name = obj.__name__ if isinstance(obj, type) else str(obj)
        raise PermissionDenied(f"not allowed to {action} {name}")


def scope(user, action: str, queryset: models.QuerySet) -> models.QuerySet:
    """The rows of ``queryset`` on which ``user`` may do ``action`` (``view`` for lists)."""
    rules = rules_for(queryset.model)
    _check_action(rules, action)
    if is_programme_admin(user):
        return queryset
    if rules.visible is not None:
        return rules.visible(user, action, queryset)
    return queryset if rules.check(user, action, None) else queryset.none()
