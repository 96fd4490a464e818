"""A programme (规划/方案): areas, key tasks (重点任务) with responsible units, targets, reports."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stdhub.orgs.models import Organization

from .choices import Field, ReportEvery, ReportStatus


class Programme(models.Model):
    code = models.CharField(_("编号 code"), max_length=60, unique=True)
    title = models.CharField(_("名称 title"), max_length=300)
    issued_by = models.CharField(_("发布单位 issued by"), max_length=200, blank=True)
    issued_on = models.DateField(_("发布日期 issued"), null=True, blank=True)
    starts_on = models.DateField(_("开始日期 starts"))
    ends_on = models.DateField(_("结束日期 ends"))
    lead = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("牵头单位 lead"))
    goal = models.TextField(_("总体目标 overall goal"), blank=True)
    framework = models.ForeignKey("framework.Framework", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="programmes",
                                  verbose_name=_("标准体系 standard system"))
    source = models.TextField(_("来源 source"), blank=True)
    report_every = models.CharField(_("进展报送周期 reporting cycle"), max_length=10,
                                    choices=ReportEvery.choices, default=ReportEvery.HALF)

    class Meta:
        ordering = ["-starts_on", "code"]
        verbose_name = _("规划方案 programme")
        verbose_name_plural = _("规划方案 programmes")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programme:detail", args=[self.code])


class Area(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField(_("序号 number"))
    title = models.CharField(_("名称 title"), max_length=200)
    field = models.CharField(_("领域 field"), max_length=20, choices=Field.choices)

    class Meta:
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"],
                                               name="unique_area_number")]
        verbose_name = _("任务领域 area")
        verbose_name_plural = _("任务领域 areas")

    def __str__(self):
        return self.title


class Task(models.Model):
    """A key task (重点任务); its responsible units are :class:`TaskUnit` rows, the first leads."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tasks")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="tasks", verbose_name=_("领域 area"))
    number = models.PositiveSmallIntegerField(_("序号 number"))
    title = models.CharField(_("名称 title"), max_length=200)
    text = models.TextField(_("任务内容 text"), blank=True)
    organizations = models.ManyToManyField(Organization, through="TaskUnit", related_name="tasks")

    class Meta:
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"],
                                               name="unique_task_number")]
        verbose_name = _("重点任务 task")
        verbose_name_plural = _("重点任务 tasks")

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("programme:task", args=[self.programme.code, self.number])


class TaskUnit(models.Model):
    """A responsible unit (责任单位) of a task, named as the programme writes it."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="units")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("排序 position"))  # 0 is the lead (牵头单位)
    name_as_written = models.CharField(_("方案中的名称 name as written"), max_length=200)

    class Meta:
        ordering = ["task", "position"]
        constraints = [models.UniqueConstraint(fields=["task", "position"],
                                               name="unique_task_unit_position")]
        verbose_name = _("责任单位 responsible unit")
        verbose_name_plural = _("责任单位 responsible units")

    def __str__(self):
        return self.name_as_written

    @property
    def is_lead(self) -> bool:
        return self.position == 0


class Target(models.Model):
    """A quantitative target; its value is computed from the registry by its ``metric``."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    key = models.SlugField(_("标识 key"), max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("名称 name"), max_length=200)
    text = models.TextField(_("方案原文 text"), blank=True)
    goal = models.DecimalField(_("目标值 goal"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("单位 unit"), max_length=10, blank=True)
    due_on = models.DateField(_("完成期限 due"))
    metric = models.JSONField(_("计算方法 metric"))
    # Only for metric kind "manual": a value typed in with its evidence.
    manual_value = models.DecimalField(_("填报值 reported value"), max_digits=12,
                                       decimal_places=2, null=True, blank=True)
    evidence = models.TextField(_("佐证 evidence"), blank=True)

    class Meta:
        ordering = ["programme", "position"]
        constraints = [models.UniqueConstraint(fields=["programme", "key"],
                                               name="unique_target_key")]
        verbose_name = _("目标 target")
        verbose_name_plural = _("目标 targets")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programme:target", args=[self.programme.code, self.key])


class Milestone(models.Model):
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField(_("年度 year"))
    goal = models.DecimalField(_("年度目标 goal"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["target", "year"]
        constraints = [models.UniqueConstraint(fields=["target", "year"],
                                               name="unique_milestone_year")]
        verbose_name = _("年度目标 milestone")
        verbose_name_plural = _("年度目标 milestones")

    def __str__(self):
        return f"{self.target}: {self.year} ≥ {self.goal}"


class ProgressReport(models.Model):
    """A responsible unit's report on its task for one period (e.g. ``2019``, ``2019-Q2``)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="progress_reports",
                                     verbose_name=_("报送单位 reporting unit"))
    period = models.CharField(_("报告期 period"), max_length=10)
    text = models.TextField(_("进展情况 progress"))
    percent = models.PositiveSmallIntegerField(
        _("完成比例 percent done"), validators=[MinValueValidator(0), MaxValueValidator(100)])
    status = models.CharField(_("状态 status"), max_length=20, choices=ReportStatus.choices,
                              default=ReportStatus.SUBMITTED)
    response = models.TextField(_("牵头单位意见 lead's response"), blank=True)
    # The work the report speaks of: standard-development projects and pilots.
    projects = models.ManyToManyField("projects.Project", blank=True, related_name="+",
                                      verbose_name=_("相关制修订项目 related projects"))
    pilots = models.ManyToManyField("pilots.Pilot", blank=True, related_name="+",
                                    verbose_name=_("相关试点示范项目 related pilots"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["task", "-period", "organization"]
        constraints = [models.UniqueConstraint(fields=["task", "organization", "period"],
                                               name="unique_report_period")]
        verbose_name = _("进展报告 progress report")
        verbose_name_plural = _("进展报告 progress reports")

    def __str__(self):
        return f"{self.task} · {self.organization} · {self.period}"


class ReportEvidence(models.Model):
    """A file that backs a progress report (minutes, a published document, a photo…)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE,
                               related_name="evidence")
    file = models.FileField(upload_to="programme/evidence/%Y/")
    name = models.CharField(_("文件名 file name"), max_length=255)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("佐证材料 evidence")
        verbose_name_plural = _("佐证材料 evidence")

    def __str__(self):
        return self.name
