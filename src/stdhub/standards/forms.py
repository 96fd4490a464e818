"""The create/edit form of a standard: a thin layer over ``services``.

Fields are plain text the way people type them; ``clean()`` validates through
``clean_standard`` and ``save()`` writes through ``create_standard`` /
``update_standard``, so the page, the importer and the API share one set of
rules. Errors the services raise by field land on the matching form field.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stdhub.core import permissions
from stdhub.core.errors import Conflict
from stdhub.core.forms import ServiceErrorsMixin, VersionedFormMixin
from stdhub.core.permissions import is_programme_admin
from stdhub.orgs.models import Organization
from stdhub.orgs.queries import organizations_to_choose

from . import services
from .choices import Adoption, Status
from .models import Standard
from .policies import editor_orgs

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LIST_HELP = _("多个用分号分隔")


def _date_field(label):
    return forms.CharField(label=label, required=False, widget=DATE_WIDGET)


class StandardForm(VersionedFormMixin, ServiceErrorsMixin, forms.Form):
    code = forms.CharField(label=_("标准号"), max_length=120,
                           help_text=_("如 GB/T 2260-2007、DB33/T 2350-2021"))
    title_zh = forms.CharField(label=_("标准名称"), max_length=500)
    title_en = forms.CharField(label=_("英文名称"), max_length=500, required=False)
    status = forms.ChoiceField(label=_("状态"), required=False,
                               choices=[("", _("按日期自动判断"))] + Status.choices)
    issued_on = _date_field(_("发布日期"))
    effective_on = _date_field(_("实施日期"))
    withdrawn_on = _date_field(_("废止日期"))
    last_reviewed_on = _date_field(_("最近复审日期"))
    ics = forms.CharField(label=_("ICS 分类号"), required=False, help_text=LIST_HELP)
    ccs = forms.CharField(label=_("CCS 分类号"), required=False, help_text=LIST_HELP)
    issuing_body = forms.CharField(label=_("发布单位"), max_length=300, required=False)
    responsible_org = forms.ModelChoiceField(label=_("归口单位"), required=False,
                                             queryset=Organization.objects.none())
    drafting_orgs = forms.ModelMultipleChoiceField(label=_("起草单位"), required=False,
                                                   queryset=Organization.objects.all())
    replaces = forms.CharField(label=_("代替标准"), required=False,
                               help_text=_("被本标准代替的标准号；多个用分号分隔"))
    adopted_code = forms.CharField(label=_("采用国际标准"), max_length=120, required=False)
    adoption = forms.ChoiceField(label=_("采用程度"), required=False,
                                 choices=[("", "—")] + Adoption.choices)
    scope = forms.CharField(label=_("适用范围"), required=False,
                            widget=forms.Textarea(attrs={"rows": 4}))
    message = forms.CharField(label=_("修改说明"), required=False, max_length=500,
                              help_text=_("记入变更记录，可不填"))

    WIDE = ("title_zh", "title_en", "scope", "message")

    def __init__(self, data=None, *, user, instance: Standard | None = None, lookups=None):
        initial = _initial(instance) if instance is not None else None
        super().__init__(data, initial=initial)
        self.user, self.instance = user, instance
        self.lookups = lookups or services.Lookups.load()
        self.changed = False
        orgs = self.fields["responsible_org"]
        # An editor files standards under the organizations they edit for.
        orgs.queryset = organizations_to_choose(user, editor_orgs)
        orgs.required = not is_programme_admin(user)
        # (permissions.scope: the form has a field named "scope", the standard's 适用范围)
        self.fields["drafting_orgs"].queryset = permissions.scope(
            user, "view", Organization.objects.all())
        if instance is None:
            del self.fields["message"]
        else:
            self.add_version_field(instance.version)

    def _service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("message", None)
        data.pop("version", None)
        data["drafting_orgs"] = list(data.get("drafting_orgs") or [])
        return data

    def clean(self):
        cleaned = super().clean()
        # Validate even when some fields failed, so every error shows at once.
        try:
            services.clean_standard(self._service_data(), self.lookups)
        except ValidationError as exc:
            self.add_service_errors(exc)
        return cleaned

    def save(self) -> Standard | None:
        """Create or update through the services; None (with errors on the form) if refused,
        or if someone else saved the standard since this form was opened (``conflict``)."""
        data = self._service_data()
        try:
            if self.instance is None:
                self.instance = services.create_standard(self.user, data, self.lookups)
                self.changed = True
            else:
                self.changed = services.update_standard(
                    self.user, self.instance, data, self.lookups,
                    message=self.cleaned_data.get("message", ""),
                    expected_version=self.based_on)
        except ValidationError as exc:
            self.add_service_errors(exc)
            return None
        except Conflict as exc:
            stored = Standard.objects.get(pk=self.instance.pk)
            self.refuse_stale(exc, StandardForm(user=self.user, instance=stored,
                                                lookups=self.lookups), skip=("message",))
            return None
        return self.instance


def _initial(std: Standard) -> dict:
    values = services.editable_values(std)
    for name in ("ics", "ccs", "replaces"):
        values[name] = "; ".join(values[name])
    return values
