"""A database too busy to take a write now, told apart from a real fault.

SQLite has one writer at a time: while a large import holds the lock, other
writers wait up to the connection's ``timeout`` (settings: ``OPTIONS.timeout``)
and then fail with "database is locked". PostgreSQL reports lock timeouts,
deadlocks and serialization failures by SQLSTATE. All are "try again shortly"
(:class:`~stdhub.core.errors.Busy`, HTTP 503 with ``Retry-After``), not a 500.
"""

from __future__ import annotations

from django.db import OperationalError

from .errors import Busy

# lock_not_available, deadlock_detected, serialization_failure
_RETRYABLE_SQLSTATES = {"55P03", "40P01", "40001"}
RETRY_AFTER = 5  # seconds; a typical wait for a long write to let others in


def as_busy(exc: BaseException) -> Busy | None:
    """``exc`` as Busy when it means "the database is busy", else None."""
    if isinstance(exc, Busy):
        return exc
    if not isinstance(exc, OperationalError):
        return None
    cause = exc.__cause__
    if "is locked" in str(exc) or getattr(cause, "sqlstate", None) in _RETRYABLE_SQLSTATES:
        return Busy(retry_after=RETRY_AFTER)
    return None
