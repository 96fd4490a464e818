"""Reads of technical committees: the filtered list, members in and out of office, and the
projects under a committee.

``Project.committee`` is free text today (projects predate committees). A project counts as
under a committee when that text is the committee's code, alone or followed by a space and
more words ("SAC/TC 28 全国信息技术标准化技术委员会"), compared without regard to case; a
subcommittee's code ("SAC/TC 28/SC 1") does not match its parent.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from stdhub.core.permissions import scope
from stdhub.projects.models import Project

from .choices import Level, Status
from .models import Committee, Member


def filtered(user, params) -> QuerySet[Committee]:
    """Committees, narrowed by ``q`` (code, name or scope), ``level`` and ``status``."""
    queryset = scope(user, "view", Committee.objects.select_related("secretariat"))
    q = (params.get("q") or "").strip()
    if q:
        queryset = queryset.filter(Q(code__icontains=q) | Q(name__icontains=q)
                                   | Q(scope__icontains=q))
    if params.get("level") in Level.values:
        queryset = queryset.filter(level=params["level"])
    if params.get("status") in Status.values:
        queryset = queryset.filter(status=params["status"])
    return queryset


def members(committee: Committee, today: dt.date | None = None) -> tuple[list[Member],
                                                                          list[Member]]:
    """``(in office, others)`` on ``today``: current terms first by role, then past and
    future terms."""
    today = today or timezone.localdate()
    terms = list(committee.members.select_related("user", "organization"))
    return ([m for m in terms if m.serves_on(today)],
            [m for m in terms if not m.serves_on(today)])


def projects_of(user, committee: Committee) -> QuerySet[Project]:
    """Projects ``user`` may see whose committee text names ``committee`` (see above)."""
    return scope(user, "view", Project.objects.filter(
        Q(committee__iexact=committee.code) | Q(committee__istartswith=f"{committee.code} ")))


def as_row(committee: Committee, today: dt.date | None = None) -> dict:
    """A committee as plain values (``stdhub committees list --json``)."""
    current, _others = members(committee, today)
    return {"id": committee.pk, "code": committee.code, "name": committee.name,
            "level": committee.level, "status": committee.status,
            "secretariat": committee.secretariat.name,
            "established_on": committee.established_on.isoformat(),
            "dissolved_on": committee.dissolved_on.isoformat() if committee.dissolved_on
            else None,
            "members": [{"person": m.person, "role": m.role, "organization": m.affiliation,
                         "term_start": m.term_start.isoformat(),
                         "term_end": m.term_end.isoformat() if m.term_end else None}
                        for m in current],
            "standards": list(committee.standard_links.values_list("standard__code",
                                                                    flat=True)),
            "international": [{"body": p.body, "committee": p.international_committee,
                               "role": p.role,
                               "organization": p.organization.name if p.organization_id
                               else None} for p in committee.participations.all()]}
