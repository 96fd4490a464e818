"""Forms of the standard-system pages; each hands plain values to a service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stdhub.core.forms import ServiceErrorsMixin
from stdhub.standards.choices import Level

from .choices import EntryKind


class NodeForm(ServiceErrorsMixin, forms.Form):
    code = forms.CharField(label=_("体系编号 code"), max_length=40,
                           help_text=_("如 2.3 或 2.3.1；上级节点须已存在"))
    name = forms.CharField(label=_("名称 name"), max_length=200)
    description = forms.CharField(label=_("说明 description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class EntryForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("类别 kind"), choices=EntryKind.choices)
    code = forms.CharField(label=_("标准号或项目编号 code"), max_length=120, required=False,
                           help_text=_("已有标准填标准号；在研项目填项目编号；拟制定可不填"))
    title = forms.CharField(label=_("标准名称 title"), max_length=500, required=False)
    suggested_level = forms.ChoiceField(label=_("宜定级别 suggested level"), required=False,
                                        choices=[("", "—"), *Level.choices])
    standard_type = forms.ChoiceField(label=_("标准类型 standard type"), required=False)
    remark = forms.CharField(label=_("备注 remark"), required=False, max_length=500)

    def __init__(self, *args, types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard_type"].choices = [("", "—"), *((t, t) for t in types)]


class DemandForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("需要的标准 title"), max_length=300)
    description = forms.CharField(label=_("需求说明 description"),
                                  widget=forms.Textarea(attrs={"rows": 3}))
    suggested_level = forms.ChoiceField(label=_("宜定级别 suggested level"), required=False,
                                        choices=[("", "—"), *Level.choices])
    submitter_name = forms.CharField(label=_("您的称呼 your name"), max_length=100,
                                     required=False)
    # A field people never see: a bot that fills it is refused.
    website = forms.CharField(required=False, label="", widget=forms.TextInput(
        attrs={"class": "hp", "tabindex": "-1", "autocomplete": "off", "aria-hidden": "true"}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("标准体系工作簿 workbook (.xlsx)"))
