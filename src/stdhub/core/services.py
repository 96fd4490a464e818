"""Building blocks every app's services.py uses: snapshot, create and update with one event.

A service checks permission, validates, writes and records one Event in one
transaction. These helpers keep that shape identical across apps; a write that
changes nothing records nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction

from . import events, versions
from .permissions import require


def snapshot(obj, fields: Iterable[str]) -> dict:
    """Plain values of ``fields`` (relations as their display names) for diffs."""
    out = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            out[name] = sorted(str(x) for x in getattr(obj, name).all()) if obj.pk else []
        elif field.is_relation:
            out[name] = str(getattr(obj, name)) if getattr(obj, field.attname) else None
        else:
            out[name] = getattr(obj, name)
    return out


def create(actor, obj, fields: Iterable[str], *, message: str = "",
           after_save: Callable[[object], None] | None = None):
    """Check, validate and insert ``obj``; ``after_save`` sets many-to-many relations.

    There is no way to skip the check: stdhub's own work acts as ``SYSTEM``.
    """
    require(actor, "add", obj)
    fields = list(fields)
    with transaction.atomic():
        obj.full_clean()
        obj.save()
        if after_save:
            after_save(obj)
        events.record(actor, obj, "created", message, events.diff_of({}, snapshot(obj, fields)))
    return obj


def update(actor, obj, fields: Iterable[str], apply: Callable[[object], None], *,
           message: str = "", kind: str = "changed", action: str = "change",
           expected_version: int | None = None) -> bool:
    """Run ``apply(obj)`` (which may set relations), validate, save; True if anything changed.

    A versioned ``obj`` (see ``core.versions``) is locked first; an edit based on
    ``expected_version`` when the stored one differs raises Conflict, and a change
    bumps the version.
    """
    require(actor, action, obj)
    fields = list(fields)
    with transaction.atomic():
        current = versions.lock(obj, expected_version) if versions.is_versioned(obj) else None
        before = snapshot(obj, fields)
        apply(obj)
        obj.full_clean()
        if current is not None:
            obj.version = current + 1
        obj.save()
        diff = events.diff_of(before, snapshot(obj, fields))
        if not diff:
            transaction.set_rollback(True)  # a no-op edit leaves no trace
            if current is not None:
                obj.version = current
            return False
        events.record(actor, obj, kind, message, diff)
    return True
