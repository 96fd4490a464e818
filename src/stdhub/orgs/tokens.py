"""API token keys: how they are made, stored (as a digest) and checked.

A key is 32 random bytes (URL-safe text); the database keeps only its SHA-256, so a
copy of the database lets nobody call the API. ``password_check`` ties a token to the
password its user had when it was issued: changing the password ends every token.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import OperationalError
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from .models import ApiToken

# A used token's last_used_at is written at most this often (not a write per request).
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def new_key() -> str:
    return secrets.token_urlsafe(32)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def password_check(user) -> str:
    """An HMAC of the user's password hash (Django's session check): changes with the password."""
    return user.get_session_auth_hash()


def is_usable(token: ApiToken, now: dt.datetime | None = None) -> bool:
    """Not revoked, not expired, user active, password unchanged since the token was issued."""
    now = now or timezone.now()
    return (token.revoked_at is None and token.expires_at > now and token.user.is_active
            and constant_time_compare(token.password_check, password_check(token.user)))


def state(token: ApiToken, now: dt.datetime | None = None) -> str:
    """``active``, ``revoked``, ``expired`` or ``password-changed``, for lists."""
    now = now or timezone.now()
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at <= now:
        return "expired"
    if not constant_time_compare(token.password_check, password_check(token.user)):
        return "password-changed"
    return "active"


def find_usable(key: str) -> ApiToken | None:
    """The usable token whose key is ``key``, its last use noted; None for any other key."""
    token = ApiToken.objects.select_related("user").filter(digest=digest(key)).first()
    now = timezone.now()
    if token is None or not is_usable(token, now):
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        # Bookkeeping, not a change anyone makes: no event, and a busy database (a long
        # import holding SQLite's write lock) skips it rather than failing the request.
        try:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        except OperationalError:
            pass
    return token
