"""Event kinds, declared once per app like choices, so history labels come from one place.

Each app's ``choices.py`` declares the kinds its services record::

    @kinds.declare
    class StandardEvent(models.TextChoices):
        SUPERSEDED = "superseded", _("被代替")

``events.record()`` refuses an undeclared kind, and history pages label an
event by :func:`label`. A kind may be declared by more than one app (``created``
is core's) only with the same label.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

_labels: dict[str, object] = {}


class UnknownKind(LookupError):
    """An event kind that no app declared."""


def declare(choices: type[models.TextChoices]) -> type[models.TextChoices]:
    for value, label in choices.choices:
        known = _labels.get(value)
        if known is not None and str(known) != str(label):
            raise ValueError(f"event kind '{value}' is declared twice with different labels")
        _labels[value] = label
    return choices


def check(kind: str) -> str:
    if kind not in _labels:
        raise UnknownKind(f"event kind '{kind}' is not declared (see stdhub.core.kinds)")
    return kind


def label(kind: str) -> str:
    """The kind's translated label; an old, undeclared kind shows as written."""
    return str(_labels.get(kind, kind))


def declared() -> dict[str, object]:
    return dict(_labels)


@declare
class CoreEvent(models.TextChoices):
    """Kinds every app's services record through ``core.services``."""

    CREATED = "created", _("创建")
    CHANGED = "changed", _("修改")
    DELETED = "deleted", _("删除")
    ERASED = "erased", _("删除个人信息 personal data erased")
