"""Every write to organizations and memberships."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from stdhub.core import events, services
from stdhub.core.permissions import require

from . import tokens
from .choices import OrgEvent
from .models import ApiToken, Membership, Organization

ORG_FIELDS = ["name", "short_name", "name_en", "kind", "uscc", "parent", "website", "description"]


def create_organization(actor, **data) -> Organization:
    return services.create(actor, Organization(**data), ORG_FIELDS)


def update_organization(actor, org: Organization, *, expected_version: int | None = None,
                        **data) -> bool:
    def apply(o):
        for key, value in data.items():
            setattr(o, key, value)
    return services.update(actor, org, ORG_FIELDS, apply, expected_version=expected_version)


def organization_by_name(actor, name: str, *, create_missing: bool = False) -> Organization | None:
    """Find an organization by full or short name; optionally register an unknown one.

    Registering is an ``add`` like any other: refused (PermissionDenied) unless ``actor``
    may add organizations. Callers that take names from people check ``can()`` first and
    report an unknown name on its field.
    """
    name = name.strip()
    if not name:
        return None
    org = (Organization.objects.filter(name=name).first()
           or Organization.objects.filter(short_name=name).first())
    if org is None and create_missing:
        org = services.create(actor, Organization(name=name), ORG_FIELDS,
                              message="registered on import")
    return org


def add_membership(actor, user, organization: Organization, role: str) -> Membership:
    m = Membership(user=user, organization=organization, role=role)
    require(actor, "add", m)
    with transaction.atomic():
        m.full_clean()
        m.save()
        events.record(actor, organization, "member-added", f"{user.username}: {role}")
    return m


def create_user(actor, username: str, password: str, *, email: str = "", is_superuser=False,
                organization: Organization | None = None, role: str | None = None):
    User = get_user_model()
    require(actor, "add", User)
    with transaction.atomic():
        user = User(username=username, email=email, is_staff=is_superuser,
                    is_superuser=is_superuser)
        user.set_password(password)
        user.full_clean()
        user.save()
        events.record(actor, user, "created", f"user {username}")
        if organization and role:
            add_membership(actor, user, organization, role)
    return user


def issue_token(actor, user, *, name: str = "") -> tuple[ApiToken, str]:
    """A new API token for ``user``, valid for ``settings.API_TOKEN_DAYS``; returns it with
    its key, which is shown this once and stored nowhere (not in the event either)."""
    key = tokens.new_key()
    token = ApiToken(user=user, name=name.strip(), digest=tokens.digest(key),
                     password_check=tokens.password_check(user),
                     expires_at=timezone.now() + dt.timedelta(days=settings.API_TOKEN_DAYS))
    require(actor, "add", token)
    with transaction.atomic():
        token.full_clean()
        token.save()
        events.record(actor, token, OrgEvent.TOKEN_ISSUED,
                      f"expires {token.expires_at.date().isoformat()}")
    return token, key


def revoke_token(actor, token: ApiToken) -> bool:
    """End ``token`` now; False if it was already revoked."""
    require(actor, "delete", token)
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            return False
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        events.record(actor, token, OrgEvent.TOKEN_REVOKED)
    return True
