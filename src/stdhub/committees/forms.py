"""Forms of committee pages: thin layers over ``services`` (errors land on their fields)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stdhub.core.forms import ServiceErrorsMixin
from stdhub.orgs.models import Organization
from stdhub.standards.api import canonical_code
from stdhub.standards.models import Standard

from .choices import Body, Level, MemberRole, ParticipationRole

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CommitteeForm(ServiceErrorsMixin, forms.Form):
    code = forms.CharField(label=_("编号"), max_length=40, help_text=_("如 SAC/TC 28、ZJ/TC 12"))
    name = forms.CharField(label=_("名称"), max_length=200)
    level = forms.ChoiceField(label=_("级别"), choices=[("", _("按编号"))] + Level.choices,
                              required=False)
    secretariat = forms.ModelChoiceField(label=_("秘书处承担单位"),
                                         queryset=Organization.objects.all())
    established_on = forms.DateField(label=_("成立日期"), widget=DATE_WIDGET)
    scope = forms.CharField(label=_("工作领域"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    WIDE = ("name", "scope")


class MemberForm(ServiceErrorsMixin, forms.Form):
    role = forms.ChoiceField(label=_("职务"), choices=MemberRole.choices,
                             initial=MemberRole.MEMBER)
    user = forms.ModelChoiceField(label=_("用户"), required=False,
                                  queryset=get_user_model().objects.order_by("username"))
    name = forms.CharField(label=_("姓名"), max_length=100, required=False,
                           help_text=_("非平台用户时填写"))
    organization = forms.ModelChoiceField(label=_("工作单位"), required=False,
                                          queryset=Organization.objects.all())
    organization_name = forms.CharField(label=_("工作单位（名称）"), max_length=200,
                                        required=False)
    term_start = forms.DateField(label=_("任期开始"), widget=DATE_WIDGET)
    term_end = forms.DateField(label=_("任期结束"), required=False, widget=DATE_WIDGET)


class EndTermForm(forms.Form):
    on = forms.DateField(label=_("任期结束"), required=False, widget=DATE_WIDGET)


class StandardLinkForm(forms.Form):
    code = forms.CharField(label=_("标准号"), max_length=120)

    def clean_code(self):
        standard = Standard.objects.filter(
            code=canonical_code(self.cleaned_data["code"].strip())).first()
        if standard is None:
            raise ValidationError(_("标准库中没有此标准 no standard with this code"))
        return standard


class ParticipationForm(ServiceErrorsMixin, forms.Form):
    body = forms.ChoiceField(label=_("国际组织"), choices=Body.choices)
    international_committee = forms.CharField(label=_("国际技术机构"), max_length=100,
                                              help_text=_("如 ISO/IEC JTC 1/SC 42"))
    role = forms.ChoiceField(label=_("角色"), choices=ParticipationRole.choices)
    organization = forms.ModelChoiceField(label=_("承担单位"), required=False,
                                          queryset=Organization.objects.all())
    since = forms.DateField(label=_("起始日期"), required=False, widget=DATE_WIDGET)


class DissolveForm(forms.Form):
    reason = forms.CharField(label=_("撤销理由"), max_length=1000)
