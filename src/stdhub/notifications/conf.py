"""Settings of notifications and scheduled work, with their defaults.

Override any of them in ``settings.STDHUB_NOTIFICATIONS`` (a dict)::

    STDHUB_NOTIFICATIONS = {"DIGEST_HOUR": 8, "REVIEW_DUE_DAYS": 90}
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    "DIGEST_HOUR": 7,          # local hour from which the daily digest is sent
    "REVIEW_DUE_DAYS": 30,     # a 复审 notice goes out this many days before the due date
    "CLOCK_SECONDS": 60,       # how often `stdhub clock` looks for due jobs
    "SHOWN": 100,              # notices on the list page
}


def get(name: str):
    return getattr(settings, "STDHUB_NOTIFICATIONS", {}).get(name, DEFAULTS[name])


def absolute(link: str) -> str:
    """``link`` with the site's address (``STDHUB_SITE_URL``) for emails."""
    return f"{getattr(settings, 'SITE_URL', '')}{link}" if link.startswith("/") else link
