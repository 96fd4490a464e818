"""Indicator schemes, yearly evaluation campaigns, their subjects, assessments and decisions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stdhub.orgs.models import Organization

from .choices import AssessmentStatus, CampaignStatus, Outcome, SubjectKind


class Scheme(models.Model):
    """A weighted indicator tree; ``data`` is the scheme in the scoring contract's JSON form."""

    key = models.SlugField(_("标识 key"), max_length=80, unique=True)
    name = models.CharField(_("名称 name"), max_length=200)
    subject_kind = models.CharField(_("评价对象 subject kind"), max_length=20,
                                    choices=SubjectKind.choices)
    source = models.TextField(_("来源 source"), blank=True)
    data = models.JSONField(_("指标体系 indicators"))

    class Meta:
        ordering = ["key"]
        verbose_name = _("评价指标体系 indicator scheme")
        verbose_name_plural = _("评价指标体系 indicator schemes")

    def __str__(self):
        return self.name


class Campaign(models.Model):
    """A yearly evaluation (年度标准实施绩效评价); combine and grades are copied from settings."""

    year = models.PositiveSmallIntegerField(_("年度 year"))
    title = models.CharField(_("名称 title"), max_length=200)
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="campaigns",
                               verbose_name=_("指标体系 scheme"))
    deadline = models.DateField(_("评分截止 deadline"))
    combine = models.CharField(_("汇总方式 combine"), max_length=10,
                               choices=[("mean", _("平均 mean")), ("median", _("中位数 median"))])
    grades = models.JSONField(_("等级 grades"))
    status = models.CharField(_("状态 status"), max_length=10, choices=CampaignStatus.choices,
                              default=CampaignStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("评价活动 evaluation campaign")
        verbose_name_plural = _("评价活动 evaluation campaigns")

    def __str__(self):
        return f"{self.year} {self.title}"

    def get_absolute_url(self):
        return reverse("evaluation:campaign", args=[self.pk])


class Subject(models.Model):
    """One evaluated object of a campaign, referenced by kind and id (see ``subjects.py``)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="subjects")
    subject_kind = models.CharField(_("对象类型 kind"), max_length=20, choices=SubjectKind.choices)
    object_id = models.PositiveBigIntegerField(_("对象 id"))
    label = models.CharField(_("评价对象 subject"), max_length=600)
    published = models.BooleanField(_("公开结果 published"), default=False)

    class Meta:
        ordering = ["campaign", "label"]
        constraints = [models.UniqueConstraint(fields=["campaign", "subject_kind", "object_id"],
                                               name="unique_campaign_subject")]
        verbose_name = _("评价对象 evaluated subject")
        verbose_name_plural = _("评价对象 evaluated subjects")

    def __str__(self):
        return self.label


class Assessment(models.Model):
    """One evaluator's scoring of one subject (an assignment until it is scored).

    The evaluator is a user (an expert) or a third-party evaluator organization, whose
    evaluator-role members score for it. ``values`` maps leaf ids to what was entered
    (a number, a level, 是/否), read by ``scoring.read_value``.
    """

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="assessments")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="assessments",
                                  verbose_name=_("评价专家 evaluator"))
    evaluator_org = models.ForeignKey(Organization, null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="assessments",
                                      verbose_name=_("第三方评估机构 evaluator organization"))
    deadline = models.DateField(_("截止日期 deadline"))
    values = models.JSONField(_("评分 scores"), default=dict, blank=True)
    comment = models.TextField(_("评价意见 comment"), blank=True)
    status = models.CharField(_("状态 status"), max_length=10, choices=AssessmentStatus.choices,
                              default=AssessmentStatus.DRAFT)
    submitted_at = models.DateTimeField(_("提交时间 submitted"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由 reason returned"), blank=True)

    class Meta:
        ordering = ["subject", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(evaluator__isnull=False, evaluator_org__isnull=True)
                | Q(evaluator__isnull=True, evaluator_org__isnull=False),
                name="assessment_one_evaluator"),
            models.UniqueConstraint(fields=["subject", "evaluator"],
                                    name="unique_expert_assessment"),
            models.UniqueConstraint(fields=["subject", "evaluator_org"],
                                    name="unique_org_assessment"),
        ]
        verbose_name = _("评分 assessment")
        verbose_name_plural = _("评分 assessments")

    def __str__(self):
        return f"{self.subject} · {self.evaluator_name}"

    def get_absolute_url(self):
        return reverse("evaluation:assessment", args=[self.pk])

    @property
    def evaluator_name(self) -> str:
        if self.evaluator_id:
            return self.evaluator.get_full_name() or self.evaluator.username
        return str(self.evaluator_org)

    @property
    def locked(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED



class Evidence(models.Model):
    """A file, or a conformance run of the evaluated organization, behind an assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="evaluation/evidence/%Y/", blank=True)
    name = models.CharField(_("名称 name"), max_length=255)
    run = models.ForeignKey("conformance.ConformanceRun", null=True, blank=True,
                            on_delete=models.PROTECT, related_name="evaluation_evidence",
                            verbose_name=_("验证检测 conformance run"))
    note = models.CharField(_("说明 note"), max_length=500, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "pk"]
        verbose_name = _("佐证材料 evidence")
        verbose_name_plural = _("佐证材料 evidence")

    def __str__(self):
        return self.name


class Decision(models.Model):
    """The dynamic adjustment decided for a subject after its evaluation."""

    subject = models.OneToOneField(Subject, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(_("结论 outcome"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("说明 note"), blank=True)
    total = models.DecimalField(_("综合得分 total"), max_digits=6, decimal_places=2, null=True,
                                blank=True)
    grade = models.CharField(_("等级 grade"), max_length=40, blank=True)
    project = models.ForeignKey("projects.Project", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+",
                                verbose_name=_("修订项目 revision project"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("评价结论 decision")
        verbose_name_plural = _("评价结论 decisions")

    def __str__(self):
        return f"{self.subject}: {self.get_outcome_display()}"
