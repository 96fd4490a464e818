"""The organizations' part of ``stdhub init``: the seed organizations and a first administrator."""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model

from stdhub.core.permissions import SYSTEM

from .choices import Role
from .models import Organization
from .services import create_user, load_seed_organizations

AUTHORITY = "浙江省市场监督管理局(原省质监局)"  # the programme's lead (seed_organizations.csv)


def initialise(*, create_admin: bool = True) -> list[str]:
    orgs = load_seed_organizations(SYSTEM)
    lines = [f"seed organizations: {orgs} added, {Organization.objects.count()} in all"]
    if create_admin:
        lines.append(_first_admin())
    return lines


def _first_admin() -> str:
    User = get_user_model()
    if User.objects.filter(is_superuser=True).exists():
        return "administrator: already present"
    username = os.environ.get("STDHUB_ADMIN_USER", "admin")
    password = os.environ.get("STDHUB_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
    create_user(SYSTEM, username, password, is_superuser=True,
                organization=Organization.objects.filter(name=AUTHORITY).first(),
                role=Role.ADMIN)
    where = ""
    if "STDHUB_ADMIN_PASSWORD" not in os.environ:
        path = settings.DATA_DIR / "admin_password.txt"
        path.write_text(f"{username}\n{password}\n")
        path.chmod(0o600)
        where = f" (also written to {path})"
    return f"administrator created: log in as '{username}' with password '{password}'{where}"
