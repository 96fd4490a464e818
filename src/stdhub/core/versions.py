"""No lost updates: a version number on every edited object, checked on every edit.

Every write bumps the object's ``version``. An edit names the version it was
based on (a form's hidden field, the API's ``If-Match`` or body ``version``);
:func:`stdhub.core.services.update` takes the row's lock, compares, and refuses
a stale edit with :class:`~stdhub.core.errors.Conflict`. So the second of two
editors who started from the same version is told, never silently overwritten.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .errors import Conflict


class VersionField(models.PositiveIntegerField):
    """The edit count of a row: 1 when created, +1 on every write that changes it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("verbose_name", _("版本 version"))
        kwargs.setdefault("default", 1)
        kwargs.setdefault("db_default", 1)  # bulk inserts (imports) write plain SQL
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)


def is_versioned(obj_or_model) -> bool:
    field = next((f for f in obj_or_model._meta.concrete_fields if f.name == "version"), None)
    return isinstance(field, VersionField)


def lock(obj, expected: int | None = None) -> int:
    """Lock ``obj``'s row for this transaction and return its stored version.

    Raises Conflict when ``expected`` is given and differs. An ``obj`` loaded before
    someone else's write is refreshed, so the diff the caller records starts from
    what is stored, not from what it read earlier.
    """
    current = (type(obj)._base_manager.select_for_update().filter(pk=obj.pk)
               .values_list("version", flat=True).get())
    if expected is not None and int(expected) != current:
        raise Conflict(
            _("已被他人修改 changed by someone else since version {expected} "
              "(now version {current})").format(expected=expected, current=current),
            current_version=current)
    if obj.version != current:
        obj.refresh_from_db()
    return current

