"""Forms of project pages: thin layers over ``services`` (errors land on their fields)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from stdhub.core.forms import ServiceErrorsMixin
from stdhub.core.permissions import is_programme_admin, orgs_with_roles
from stdhub.orgs.choices import Role
from stdhub.orgs.models import Organization
from stdhub.standards.api import canonical_code
from stdhub.standards.choices import Level, Nature
from stdhub.standards.models import Standard

from . import services
from .choices import Disposition, DocumentKind, Kind, Position, ReviewMode
from .policies import DRAFTING_ROLES

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProposalForm(ServiceErrorsMixin, forms.Form):
    """Propose a project (项目建议): the page of ``services.propose``."""

    title = forms.CharField(label=_("项目名称"), max_length=500, widget=forms.TextInput(attrs={
        "hx-get": reverse_lazy("workspace:project-similar"), "hx-target": "#similar",
        "hx-trigger": "keyup changed delay:500ms", "hx-include": "this"}))
    title_en = forms.CharField(label=_("英文名称"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("制修订"), choices=Kind.choices)
    revises = forms.CharField(label=_("被修订标准"), required=False, max_length=120,
                              help_text=_("修订项目填写被修订标准的标准号"))
    level = forms.ChoiceField(label=_("拟定级别"), choices=Level.choices, initial=Level.LOCAL)
    nature = forms.ChoiceField(label=_("性质"), choices=Nature.choices,
                               initial=Nature.RECOMMENDED)
    lead_org = forms.ModelChoiceField(label=_("牵头起草单位"), queryset=Organization.objects.none())
    co_drafters = forms.ModelMultipleChoiceField(label=_("参与起草单位"), required=False,
                                                 queryset=Organization.objects.all())
    responsible_org = forms.ModelChoiceField(label=_("归口单位"),
                                             queryset=Organization.objects.all())
    proposer = forms.ModelChoiceField(label=_("提出单位"), required=False,
                                      queryset=Organization.objects.all())
    committee = forms.CharField(label=_("技术委员会"), required=False, max_length=200)
    programme_task = forms.CharField(label=_("规划任务"), required=False, max_length=300)
    framework_node = forms.CharField(label=_("体系节点"), required=False, max_length=300)
    scope = forms.CharField(label=_("范围与主要技术内容"), required=False,
                            widget=forms.Textarea(attrs={"rows": 4}))

    WIDE = ("title", "title_en", "scope")

    def __init__(self, data=None, *, user):
        super().__init__(data)
        self.user = user
        lead = self.fields["lead_org"]
        lead.queryset = (Organization.objects.all() if is_programme_admin(user) else
                         Organization.objects.filter(pk__in=orgs_with_roles(user, DRAFTING_ROLES)))

    def clean_revises(self):
        code = self.cleaned_data["revises"].strip()
        if not code:
            return None
        std = Standard.objects.filter(code=canonical_code(code)).first()
        if std is None:
            raise ValidationError(_("标准库中没有此标准 no standard with this code"))
        return std

    def save(self):
        try:
            return services.propose(self.user, dict(self.cleaned_data))
        except ValidationError as exc:
            self.add_service_errors(exc)
            return None


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("文件类型"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("文件"))
    note = forms.CharField(label=_("说明"), required=False, max_length=300)


# The inputs each move asks for, beyond an optional reason (说明).
MOVE_INPUTS = {
    "approve": ("plan_number",),
    "open-comments": ("comment_end",),
    "pass-review": ("conclusion", "minutes"),
    "fail-review": ("conclusion", "minutes"),
    "publish": ("code", "issued_on", "effective_on"),
}


class MoveForm(forms.Form):
    move = forms.CharField(widget=forms.HiddenInput)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    plan_number = forms.CharField(label=_("计划编号"), required=False, max_length=60)
    comment_end = forms.DateField(label=_("征求意见截止日期"), required=False, widget=DATE_WIDGET,
                                  help_text=_("不填则按默认期限"))
    code = forms.CharField(label=_("标准号"), required=False, max_length=120,
                           help_text=_("如 DB33/T 2350-2026"))
    issued_on = forms.DateField(label=_("发布日期"), required=False, widget=DATE_WIDGET)
    effective_on = forms.DateField(label=_("实施日期"), required=False, widget=DATE_WIDGET)
    conclusion = forms.CharField(label=_("审查结论"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    minutes = forms.CharField(label=_("会议纪要"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label=_("理由/说明"), required=False, max_length=1000)

    def __init__(self, *args, move_name: str | None = None, initial=None, **kwargs):
        super().__init__(*args, initial={**(initial or {}), "move": move_name}, **kwargs)
        if move_name:
            keep = {"move", "expected_version", "reason", *MOVE_INPUTS.get(move_name, ())}
            for name in list(self.fields):
                if name not in keep:
                    del self.fields[name]

    def inputs(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items()
                if k not in ("move", "reason", "expected_version") and v not in (None, "")}
        return data


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(label=_("处理意见"), choices=Disposition.choices)
    disposition_reason = forms.CharField(label=_("理由"), required=False,
                                         widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(forms.Form):
    mode = forms.ChoiceField(label=_("审查方式"), choices=ReviewMode.choices)
    held_on = forms.DateField(label=_("审查日期"), required=False, widget=DATE_WIDGET)
    experts = forms.ModelMultipleChoiceField(
        label=_("审查专家"), widget=forms.CheckboxSelectMultiple,
        queryset=get_user_model().objects.filter(memberships__role=Role.EXPERT).distinct()
        .order_by("username"))


class VoteForm(forms.Form):
    position = forms.ChoiceField(label=_("表决意见"), choices=Position.choices,
                                 widget=forms.RadioSelect)
    comment = forms.CharField(label=_("意见"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class PublicCommentForm(forms.Form):
    """A comment from anyone during the period; ``website`` is a honeypot left empty by people."""

    commenter_name = forms.CharField(label=_("姓名"), max_length=100, required=False)
    commenter_org = forms.CharField(label=_("单位"), max_length=200, required=False)
    commenter_contact = forms.CharField(label=_("联系方式"), max_length=200, required=False,
                                        help_text=_("电话或电子邮箱，仅用于反馈意见处理情况"))
    clause = forms.CharField(label=_("章条编号"), max_length=100, required=False)
    text = forms.CharField(label=_("意见内容"), widget=forms.Textarea(attrs={"rows": 4}))
    proposed_change = forms.CharField(label=_("修改建议"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 3}))
    website = forms.CharField(label=_("网站（请勿填写）"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))

    WIDE = ("text", "proposed_change")

    def __init__(self, *args, as_member: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if as_member:  # an organization's member comments as the organization
            for name in ("commenter_name", "commenter_org", "commenter_contact"):
                del self.fields[name]

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))
