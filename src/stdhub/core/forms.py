"""Form glue shared by every app's forms.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from .errors import Conflict


class ServiceErrorsMixin:
    """Puts a service's ``ValidationError({field: [msg]})`` onto the form's fields.

    ``FIELD_OF`` renames service keys to form fields; an error about a value the
    form does not show keeps its name as a prefix in the form-wide errors.
    """

    FIELD_OF: dict[str, str] = {}

    def add_service_errors(self, exc: ValidationError) -> None:
        errors = (exc.message_dict if hasattr(exc, "error_dict")
                  else {NON_FIELD_ERRORS: exc.messages})
        for name, messages in errors.items():
            name = self.FIELD_OF.get(name, name)
            field = name if name in self.fields else None
            if field and field in self.errors:
                continue  # the form already said what is wrong here
            prefix = "" if field or name == NON_FIELD_ERRORS else f"{name}: "
            for message in messages:
                self.add_error(field, prefix + message)


class VersionedFormMixin:
    """An edit form that carries the version it was based on, in a hidden ``version`` field.

    When the service refuses the save with Conflict (someone saved in between),
    :meth:`refuse_stale` puts the form back with a message, the fields whose
    stored value differs from this submission (``conflicts``), and the current
    version in the hidden field: saving again, after a look, keeps these values.
    """

    conflicts: Sequence[Difference] = ()
    conflict: Conflict | None = None

    def add_version_field(self, version: int) -> None:
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, min_value=1, initial=version, error_messages={
                "required": _("表单缺少版本号，请重新打开编辑页面后再修改。"),
                "invalid": _("表单的版本号无效，请重新打开编辑页面后再修改。")})

    @property
    def based_on(self) -> int | None:
        return self.cleaned_data.get("version")

    def refuse_stale(self, exc: Conflict, stored: forms.Form, skip=()) -> None:
        """``stored``: this form unbound, showing the object as it is stored now;
        ``skip``: fields that are not the object's values (e.g. a change note)."""
        self.conflict = exc
        message = _("您打开表单后，此记录已被他人修改（您的版本 %(yours)s，当前版本 "
                    "%(current)s）。请核对下表，再次保存将以您填写的内容为准。")
        self.add_error(None, message % {"yours": self.based_on, "current": exc.current_version})
        self.conflicts = differences(stored, self, skip=("version", *skip))
        self.data = self.data.copy()
        self.data["version"] = exc.current_version


@dataclass(frozen=True)
class Difference:
    label: str
    stored: str
    yours: str


EMPTY = "—"


def shown(field: forms.Field, value) -> str:
    """A form value as a person reads it, the same whether initial (objects) or posted (text)."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        pks = [getattr(v, "pk", v) for v in value or [] if v not in ("", None)]
        model = field.queryset.model
        return "、".join(sorted(str(o) for o in model._default_manager.filter(pk__in=pks)))
    if isinstance(field, forms.ModelChoiceField):
        pk = getattr(value, "pk", value)
        found = field.queryset.model._default_manager.filter(pk=pk).first() if pk else None
        return str(found) if found else ""
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value or "", value or ""))
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


def differences(stored: forms.Form, submitted: forms.Form, skip=()) -> list[Difference]:
    """Fields (in form order) whose stored value differs from the submitted one."""
    rows = []
    for name, field in submitted.fields.items():
        if name in skip or name not in stored.fields:
            continue
        before, after = shown(field, stored[name].value()), shown(field, submitted[name].value())
        if before != after:
            rows.append(Difference(str(field.label), before or EMPTY, after or EMPTY))
    return rows
