"""Errors a service raises beyond Django's own (``ValidationError``, ``PermissionDenied``).

Pages, the API's exception handler and the CLI each turn them into their own answer:
:class:`Conflict` is HTTP 409 (or the form again, showing what changed),
:class:`Busy` is HTTP 503 with ``Retry-After``.
"""

from __future__ import annotations


class Conflict(Exception):
    """The object changed since the version the edit was based on (a lost update refused)."""

    def __init__(self, message: str, *, current_version: int | None = None):
        super().__init__(message)
        self.current_version = current_version


class Busy(Exception):
    """The database is busy with other work (e.g. a large import); try again shortly."""

    def __init__(self, message: str = "the database is busy; try again shortly",
                 *, retry_after: int = 5):
        super().__init__(message)
        self.retry_after = retry_after
