"""Settings of standard-development projects, with their defaults.

Override any of them in ``settings.STDHUB_PROJECTS`` (a dict)::

    STDHUB_PROJECTS = {"DUE_MONTHS": {"local": 18}, "REVIEW_PASS_FRACTION": "2/3"}
"""

from __future__ import annotations

from fractions import Fraction

from django.conf import settings

from . import stages

DEFAULTS = {
    "DUE_MONTHS": {},                   # months from 立项 to 报批 by level, over stages.DUE_MONTHS
    "SOON_DAYS": stages.SOON_DAYS,      # "soon due" horizon
    "COMMENT_DAYS": 30,                 # default length of a comment period
    "REVIEW_PASS_FRACTION": "3/4",      # share of votes cast in favour for a review to pass
    "REVIEW_COUNT_ABSTENTIONS": True,   # abstentions count as votes cast
    "DOCUMENT_MAX_BYTES": 50 * 1024 * 1024,
    "DOCUMENT_SUFFIXES": [".pdf", ".doc", ".docx", ".wps", ".odt", ".xls", ".xlsx", ".zip"],
    "COMMENT_RATE_LIMIT": (5, 3600),    # public comments per IP address per seconds
}


def get(name: str):
    return getattr(settings, "STDHUB_PROJECTS", {}).get(name, DEFAULTS[name])


def pass_rule() -> stages.PassRule:
    return stages.PassRule(Fraction(str(get("REVIEW_PASS_FRACTION"))),
                           bool(get("REVIEW_COUNT_ABSTENTIONS")))


def due_months() -> dict[str, int]:
    return {**stages.DUE_MONTHS, **get("DUE_MONTHS")}
