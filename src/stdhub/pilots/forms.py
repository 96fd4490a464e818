"""Forms of pilot pages: thin layers over ``services`` (errors land on their fields)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stdhub.core.forms import ServiceErrorsMixin
from stdhub.core.permissions import is_programme_admin, orgs_with_roles
from stdhub.orgs.models import Organization

from . import services
from .choices import DocumentKind
from .models import Pilot
from .policies import UNDERTAKER_ROLES

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PilotForm(ServiceErrorsMixin, forms.ModelForm):
    """Apply for a pilot (申报): the page of ``services.apply`` (a ModelForm for its fields
    only; the service validates and saves)."""

    WIDE = ("name",)

    class Meta:
        model = Pilot
        fields = services.PILOT_FIELDS
        widgets = {"starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET}

    def __init__(self, data=None, *, user):
        super().__init__(data)
        self.user = user
        self.fields["undertaker"].queryset = (
            Organization.objects.all() if is_programme_admin(user) else
            Organization.objects.filter(pk__in=orgs_with_roles(user, UNDERTAKER_ROLES)))

    def save(self, commit=True):
        try:
            return services.apply(self.user, dict(self.cleaned_data))
        except ValidationError as exc:
            self.add_service_errors(exc)
            return None


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("文件类型"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("文件"))


class MoveForm(forms.Form):
    move = forms.CharField(widget=forms.HiddenInput)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("理由/说明"), required=False, max_length=1000)
