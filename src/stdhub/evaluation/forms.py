"""Forms of the evaluation pages; each hands plain values to a service."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from stdhub.core.forms import ServiceErrorsMixin
from stdhub.orgs.choices import OrgKind
from stdhub.orgs.models import Organization
from stdhub.standards.models import Standard

from .choices import Outcome
from .models import Scheme
from .services import EVALUATOR_USER_ROLES


class CampaignForm(ServiceErrorsMixin, forms.Form):
    year = forms.IntegerField(label=_("年度 year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("名称 title"), max_length=200)
    scheme = forms.ModelChoiceField(Scheme.objects.all(), label=_("指标体系 scheme"))
    deadline = forms.DateField(label=_("评分截止 deadline"),
                               widget=forms.DateInput(attrs={"type": "date"}))


class SubjectForm(ServiceErrorsMixin, forms.Form):
    FIELD_OF = {"object_id": "code", "subject_kind": "code"}
    code = forms.CharField(label=_("标准号 standard code"), max_length=120,
                           help_text=_("如 DB33/T 2350-2021"))

    def clean_code(self):
        code = " ".join(self.cleaned_data["code"].split())
        standard = Standard.objects.filter(code=code).first()
        if standard is None:
            raise forms.ValidationError(_("未找到该标准 no standard with this code"))
        return standard


class AssignForm(ServiceErrorsMixin, forms.Form):
    evaluator = forms.ModelChoiceField(
        get_user_model().objects.none(), required=False, label=_("评价专家 expert"))
    evaluator_org = forms.ModelChoiceField(
        Organization.objects.filter(kind=OrgKind.EVALUATOR), required=False,
        label=_("第三方评估机构 evaluator organization"))
    deadline = forms.DateField(label=_("截止日期 deadline"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluator"].queryset = get_user_model().objects.filter(
            memberships__role__in=EVALUATOR_USER_ROLES, is_active=True).distinct().order_by(
            "username")


class DecisionForm(ServiceErrorsMixin, forms.Form):
    outcome = forms.ChoiceField(choices=Outcome.choices, label=_("结论 outcome"))
    note = forms.CharField(label=_("说明 note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("退回理由 reason"), widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(ServiceErrorsMixin, forms.Form):
    file = forms.FileField(label=_("文件 file"), required=False)
    run = forms.ModelChoiceField(None, required=False, label=_("验证检测 conformance run"))
    note = forms.CharField(label=_("说明 note"), required=False, max_length=500)

    def __init__(self, *args, runs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["run"].queryset = runs


class ScoreForm(ServiceErrorsMixin, forms.Form):
    """One field per leaf indicator (named by its id), in the scheme's order, and a comment."""

    def __init__(self, *args, tree, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for depth, node in tree:
            if node.get("children"):
                self.rows.append((depth, node, None))
                continue
            field = self._field_of(node)
            field.disabled = disabled
            self.fields[node["id"]] = field
            self.rows.append((depth, node, node["id"]))
        self.fields["comment"] = forms.CharField(
            label=_("评价意见 comment"), required=False, disabled=disabled,
            widget=forms.Textarea(attrs={"rows": 3}))

    @staticmethod
    def _field_of(node) -> forms.Field:
        label = f"{node.get('name', node['id'])}（{node['weight']}）"
        help_text = node.get("guidance", "")
        if node["method"] == "score":
            return forms.CharField(label=label, required=False, help_text=help_text,
                                   widget=forms.NumberInput(attrs={"min": 0, "max": 100,
                                                                   "step": "any"}))
        options = list(node["levels"]) if node["method"] == "levels" else ["是", "否"]
        return forms.ChoiceField(label=label, required=False, help_text=help_text,
                                 choices=[("", "—")] + [(o, o) for o in options])

    def bound_rows(self):
        """(depth, node, bound field or None) for the template's indicator tree."""
        return [(d, n, self[f] if f else None) for d, n, f in self.rows]

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "comment"}
