"""Every write to organizations and memberships."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from stdhub.core import events, services
from stdhub.core.permissions import require
from stdhub.refdata import read_rows

from .models import Membership, Organization

ORG_FIELDS = ["name", "short_name", "name_en", "kind", "uscc", "parent", "website", "description"]


def create_organization(actor, **data) -> Organization:
    return services.create(actor, Organization(**data), ORG_FIELDS)


def update_organization(actor, org: Organization, **data) -> bool:
    def apply(o):
        for key, value in data.items():
            setattr(o, key, value)
    return services.update(actor, org, ORG_FIELDS, apply)


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


def load_seed_organizations(actor) -> int:
    """Register the seed programme's responsible units (责任单位); safe to run again."""
    created = 0
    with transaction.atomic():
        for row in read_rows("seed_organizations.csv"):
            if Organization.objects.filter(name=row["name"]).exists():
                continue
            services.create(actor, Organization(
                name=row["name"], short_name=row["short_name"], name_en=row["name_en"],
                kind=row["kind"]), ORG_FIELDS, message="seed programme")
            created += 1
    return created
