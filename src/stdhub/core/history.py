"""An object's history (its Events) made readable: kind names and before → after rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from . import kinds, personal
from .events import events_of
from .models import Event

EMPTY = "—"


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _stored(value, name: str, stored: dict[str, dict | None]):
    """A personal value kept outside the chain (``core.personal``): as stored, until erased."""
    ref = personal.reference_of(value)
    if ref is None:
        return value
    fields = stored.get(ref)
    return str(personal.ERASED) if fields is None else fields.get(name)


def _show(field, value) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, list):
        return "、".join(_show(field, v) for v in value)
    if isinstance(value, bool):
        return str(_("是") if value else _("否"))
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    return str(choices.get(value, value))


def _field(model, name):
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def changes(event: Event, model: type[Model] | None = None,
            stored: dict[str, dict | None] | None = None) -> list[Change]:
    """The event's diff as rows in the model's field order, with labels and display values.

    A change between two empty values ("" → None) shows as nothing and is left out.
    ``stored``: personal values the diff refers to (``personal.resolve``), looked up if None.
    """
    model = model or event.content_type.model_class()
    stored = personal.resolve([event.diff]) if stored is None else stored
    order = {f.name: i for i, f in enumerate(model._meta.get_fields())} if model else {}
    rows = []
    for name in sorted(event.diff or {}, key=lambda n: (order.get(n, len(order)), n)):
        pair = event.diff[name]
        before, after = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        before, after = _stored(before, name, stored), _stored(after, name, stored)
        field = _field(model, name)
        label = str(getattr(field, "verbose_name", name))
        row = Change(label, _show(field, before), _show(field, after))
        if row.before != row.after:
            rows.append(row)
    return rows


@dataclass(frozen=True)
class Entry:
    event: Event
    kind: str
    changes: list[Change]


def history(obj: Model, limit: int = 500) -> list[Entry]:
    """The object's events, newest first, ready for a template."""
    model = type(obj)
    found = list(events_of(obj)[:limit])
    stored = personal.resolve(e.diff for e in found)
    return [Entry(e, kinds.label(e.kind), changes(e, model, stored)) for e in found]
