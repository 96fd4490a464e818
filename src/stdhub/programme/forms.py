"""Forms of the programme pages; each hands plain values to a service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stdhub.core.forms import ServiceErrorsMixin
from stdhub.core.permissions import scope
from stdhub.orgs.models import Organization
from stdhub.pilots.models import Pilot
from stdhub.projects.models import Project


class ReportForm(ServiceErrorsMixin, forms.Form):
    organization = forms.ModelChoiceField(Organization.objects.none(),
                                          label=_("报送单位 reporting unit"))
    period = forms.CharField(label=_("报告期 period"), max_length=10,
                             help_text=_("如 2019、2019-H1、2019-Q3 或 2019-07"))
    percent = forms.IntegerField(label=_("完成比例 percent done"), min_value=0, max_value=100)
    text = forms.CharField(label=_("进展情况 progress"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.FileField(label=_("佐证材料 evidence"), required=False,
                               help_text=_("PDF、Word、Excel 或图片，单个不超过 20 MB"))
    projects = forms.ModelMultipleChoiceField(Project.objects.none(), required=False,
                                              label=_("相关制修订项目 related projects"))
    pilots = forms.ModelMultipleChoiceField(Pilot.objects.none(), required=False,
                                            label=_("相关试点示范项目 related pilots"))

    def __init__(self, *args, units, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = units
        self.fields["projects"].queryset = scope(user, "view", Project.objects.order_by("-pk"))
        self.fields["pilots"].queryset = scope(user, "view", Pilot.objects.order_by("-pk"))


class ReviewForm(ServiceErrorsMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("采纳 accept")),
                                          ("return", _("退回 return"))],
                                 label=_("处理 decision"))
    response = forms.CharField(label=_("意见 response"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
