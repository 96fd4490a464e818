"""Every write to pilot projects.

:func:`move` is the one way a pilot changes stage: it works out the person's roles on the
pilot, asks the stage rules (``stages.py``) what is missing, refuses with the reasons, and
otherwise applies the move (dates of approval and acceptance) and records one event naming
the document versions current at that moment, all in one transaction.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from stdhub.core import events, services, uploads, versions
from stdhub.core.permissions import require

from . import conf, stages
from .choices import DocumentKind
from .models import Pilot, PilotDocument
from .policies import pilot_roles

PILOT_FIELDS = ["name", "level", "field", "undertaker", "supervisor", "task", "starts_on",
                "ends_on"]
MOVE_FIELDS = ["stage", "result", "approved_on", "accepted_on"]


def _set_fields(pilot: Pilot, data: dict) -> None:
    for name in PILOT_FIELDS:
        if name in data:
            value = data[name]
            setattr(pilot, name, value.strip() if isinstance(value, str) else value)


def apply(actor, data: dict) -> Pilot:
    """Register an application (申报) for a pilot project."""
    pilot = Pilot()
    _set_fields(pilot, data)
    require(actor, "add", pilot)  # for an organization the applicant belongs to
    return services.create(actor, pilot, PILOT_FIELDS)


def update_pilot(actor, pilot: Pilot, data: dict, *, expected_version=None) -> bool:
    def change(obj):
        _set_fields(obj, data)
        require(actor, "change", obj)  # an editor cannot hand the pilot to another org

    return services.update(actor, pilot, PILOT_FIELDS, change, expected_version=expected_version)


# ---------------------------------------------------------------- documents


def upload_document(actor, pilot: Pilot, kind: str, upload) -> PilotDocument:
    """Store a new version of a document; earlier versions stay."""
    require(actor, "upload", pilot)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": [f"unknown document kind '{kind}'"]})
    if pilot.stage not in stages.OPEN:
        raise ValidationError({"kind": ["试点已结束 the pilot is closed"]})
    file = uploads.checked(upload, suffixes=conf.get("DOCUMENT_SUFFIXES"),
                           max_bytes=conf.get("DOCUMENT_MAX_BYTES"))
    with transaction.atomic():
        Pilot.objects.select_for_update().filter(pk=pilot.pk).first()
        number = (pilot.documents.filter(kind=kind).aggregate(n=Max("number"))["n"] or 0) + 1
        document = PilotDocument.objects.create(
            pilot=pilot, kind=kind, number=number, file=upload, original_name=file.name,
            size=file.size, sha256=file.sha256,
            uploaded_by=actor if getattr(actor, "pk", None) else None)
        events.record(actor, pilot, "pilot-document-uploaded", f"{document}: {file.name}",
                      {"document_versions": [None, [f"{kind} v{number}"]],
                       "sha256": [None, file.sha256]})
    return document


def current_documents(pilot: Pilot) -> dict[str, PilotDocument]:
    """The newest version of each kind of document."""
    newest = {}
    for doc in pilot.documents.order_by("kind", "-number"):
        newest.setdefault(doc.kind, doc)
    return newest


# ---------------------------------------------------------------- stage rules


def snapshot_of(pilot: Pilot, reason: str = "") -> stages.Snapshot:
    kinds = frozenset(pilot.documents.values_list("kind", flat=True).distinct())
    return stages.Snapshot(stage=pilot.stage, result=pilot.result, documents=kinds,
                           reason=reason)


def available_moves(user, pilot: Pilot) -> list[stages.Check]:
    """Every move from the pilot's stage, with what is missing, for ``user``."""
    return stages.options(snapshot_of(pilot), pilot_roles(user, pilot))


def move(actor, pilot: Pilot, name: str, reason: str = "", *, expected_version=None,
         today: dt.date | None = None) -> Pilot:
    """Make the move ``name``. Refusals: PermissionDenied when the person holds no role the
    move names, ValidationError listing what is missing, Conflict on a stale version."""
    require(actor, "move", pilot)
    today = today or timezone.localdate()
    with transaction.atomic():
        versions.lock(pilot, expected_version)
        pilot = Pilot.objects.get(pk=pilot.pk)
        try:
            check = stages.check(snapshot_of(pilot, reason), pilot_roles(actor, pilot), name)
        except stages.MoveError as exc:
            raise ValidationError({"move": [str(exc)]}) from exc
        if not check.role_ok:
            raise PermissionDenied("; ".join(check.reasons()))
        if check.missing:
            raise ValidationError({"move": check.reasons()})
        before = services.snapshot(pilot, MOVE_FIELDS)
        pilot.stage, pilot.result = check.move.target
        if name == "approve":
            pilot.approved_on = today
        if pilot.stage == stages.Stage.ACCEPTED:
            pilot.accepted_on = today
        pilot.version += 1
        pilot.full_clean()
        pilot.save()
        diff = events.diff_of(before, services.snapshot(pilot, MOVE_FIELDS))
        diff["document_versions"] = [None, [f"{k} v{d.number}" for k, d
                                            in sorted(current_documents(pilot).items())]]
        events.record(actor, pilot, f"pilot-{name}", reason.strip(), diff)
    return pilot
