"""Derived figures (counts, dashboards) cached until the next write.

Every write appends to the event chain, so the chain head's hash names the state of the
whole database: a value cached under it is fresh until anything changes (and never mixes
timelines, as a sequence number could after a restore), at the cost of one single-row read
per request.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache

from .models import ChainHead

TIMEOUT = 3600


def history_version() -> str:
    return ChainHead.objects.filter(pk=1).values_list("hash", flat=True).first() or "empty"


def cached(key: str, compute: Callable[[], object], *, timeout: int = TIMEOUT):
    """``compute()``, reused until the next write (or ``timeout`` seconds)."""
    full_key = f"derived:{key}:{history_version()}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout)
    return value
