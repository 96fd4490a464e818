"""The organizations' part of ``stdhub init``: a first administrator (the seed programme's
organizations come with the programme, see ``stdhub.programme``)."""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from stdhub.core.files import write_private
from stdhub.core.permissions import SYSTEM

from .services import create_user


def initialise(*, create_admin: bool = True) -> list[str]:
    if not create_admin:
        return []
    check_admin_password()  # before anything is written
    return [_first_admin()]


class WeakAdminPassword(ValueError):
    """``STDHUB_ADMIN_PASSWORD`` fails the password validators (``stdhub init`` exits 2)."""


def check_admin_password() -> None:
    """Refuse a ``STDHUB_ADMIN_PASSWORD`` that Django's password validators refuse."""
    password = os.environ.get("STDHUB_ADMIN_PASSWORD")
    if not password:
        return  # unset or empty: one is generated
    user = get_user_model()(username=os.environ.get("STDHUB_ADMIN_USER", "admin"))
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise WeakAdminPassword(
            "STDHUB_ADMIN_PASSWORD is refused: " + " ".join(exc.messages)) from exc


def _first_admin() -> str:
    User = get_user_model()
    if User.objects.filter(is_superuser=True).exists():
        return "administrator: already present"
    username = os.environ.get("STDHUB_ADMIN_USER", "admin")
    password = os.environ.get("STDHUB_ADMIN_PASSWORD") or secrets.token_urlsafe(18)
    create_user(SYSTEM, username, password, is_superuser=True)
    if os.environ.get("STDHUB_ADMIN_PASSWORD"):
        return f"administrator created: log in as '{username}' with STDHUB_ADMIN_PASSWORD"
    # The password never goes to the log (serve logs are kept and shared); only to a
    # file that stdhub's account alone can read.
    path = settings.DATA_DIR / "admin_password.txt"
    write_private(path, f"{username}\n{password}\n")
    return (f"administrator created: log in as '{username}' with the password written "
            f"to {path} (readable by this account only; delete it after the first login)")
