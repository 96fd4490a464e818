"""Reads of pilot projects: the scoped, filtered list the page, API and CLI share."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from stdhub.core.permissions import scope

from .choices import Level, StageChoice
from .models import Pilot


def filtered(user, params) -> QuerySet[Pilot]:
    """Pilots ``user`` may see, narrowed by ``q`` (name or field), ``stage`` and ``level``."""
    queryset = scope(user, "view", Pilot.objects.select_related("undertaker", "supervisor",
                                                                "task"))
    q = (params.get("q") or "").strip()
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(field__icontains=q))
    if params.get("stage") in StageChoice.values:
        queryset = queryset.filter(stage=params["stage"])
    if params.get("level") in Level.values:
        queryset = queryset.filter(level=params["level"])
    return queryset


def as_row(pilot: Pilot) -> dict:
    """A pilot as plain values (``stdhub pilots list --json``)."""
    return {"id": pilot.pk, "name": pilot.name, "level": pilot.level, "field": pilot.field,
            "stage": pilot.stage, "result": pilot.result or None,
            "undertaker": pilot.undertaker.name,
            "supervisor": pilot.supervisor.name if pilot.supervisor_id else None,
            "task": str(pilot.task) if pilot.task_id else None,
            "starts_on": pilot.starts_on.isoformat() if pilot.starts_on else None,
            "ends_on": pilot.ends_on.isoformat() if pilot.ends_on else None,
            "approved_on": pilot.approved_on.isoformat() if pilot.approved_on else None,
            "accepted_on": pilot.accepted_on.isoformat() if pilot.accepted_on else None}
