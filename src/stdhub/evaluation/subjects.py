"""What can be evaluated: a subject is a (kind, id) reference, resolved here.

Campaign subjects store ``subject_kind`` and ``object_id`` rather than a foreign key, so a
new kind (pilot projects) is one more entry in :data:`KINDS`, with no schema change. Each
kind names its model by label (no import of the app) and the organizations that stand
behind a subject: an evaluator from one of them has a conflict of interest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import models


@dataclass(frozen=True)
class Kind:
    model: str                                   # "app_label.Model"
    organizations: Callable[[models.Model], set[int]]
    orderable: str = "pk"

    def model_class(self) -> type[models.Model] | None:
        try:
            return apps.get_model(self.model)
        except LookupError:  # the app is not installed (yet)
            return None


def _standard_orgs(std) -> set[int]:
    orgs = set(std.drafting_orgs.values_list("pk", flat=True))
    if std.responsible_org_id:
        orgs.add(std.responsible_org_id)
    return orgs


def _pilot_orgs(pilot) -> set[int]:
    return {getattr(pilot, name) for name in ("undertaking_org_id", "supervising_org_id")
            if getattr(pilot, name, None)}


KINDS: dict[str, Kind] = {
    "standard": Kind("standards.Standard", _standard_orgs, "code"),
    "pilot": Kind("pilots.Pilot", _pilot_orgs),
}


class UnknownSubject(LookupError):
    pass


def kind(name: str) -> Kind:
    found = KINDS.get(name)
    if found is None or found.model_class() is None:
        raise UnknownSubject(f"'{name}' subjects cannot be evaluated here")
    return found


def resolve(name: str, object_id: int) -> models.Model:
    model = kind(name).model_class()
    try:
        return model.objects.get(pk=object_id)
    except (model.DoesNotExist, ValueError, TypeError):
        raise UnknownSubject(f"no {name} #{object_id}") from None


def organizations(name: str, obj) -> set[int]:
    return kind(name).organizations(obj)
