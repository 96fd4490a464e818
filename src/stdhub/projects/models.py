"""Standard-development projects (制修订项目), their documents, comments and reviews."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stdhub.orgs.models import Organization
from stdhub.standards.choices import Level, Nature
from stdhub.standards.models import Standard

from .choices import Disposition, DocumentKind, Kind, Position, ReviewMode, StageChoice, Substate
from .stages import STAGE_NAMES, SUB_NAMES


class Project(models.Model):
    """The making (制定) or revising (修订) of one standard, at one stage of GB/T 16733."""

    plan_number = models.CharField(_("计划编号 plan number"), max_length=60, blank=True,
                                   db_index=True)
    title = models.CharField(_("项目名称 title"), max_length=500)
    title_en = models.CharField(_("英文名称 English title"), max_length=500, blank=True)
    kind = models.CharField(_("制修订 kind"), max_length=10, choices=Kind.choices,
                            default=Kind.MAKE)
    level = models.CharField(_("拟定级别 target level"), max_length=20, choices=Level.choices,
                             default=Level.LOCAL)
    nature = models.CharField(_("性质 nature"), max_length=20, choices=Nature.choices,
                              default=Nature.RECOMMENDED, blank=True)
    scope = models.TextField(_("范围与主要技术内容 scope"), blank=True)
    proposer = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT,
        related_name="proposed_projects", verbose_name=_("提出单位 proposer"))
    lead_org = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="led_projects",
        verbose_name=_("牵头起草单位 lead drafting organization"))
    co_drafters = models.ManyToManyField(
        Organization, blank=True, related_name="co_drafted_projects",
        verbose_name=_("参与起草单位 co-drafters"))
    responsible_org = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="responsible_projects",
        verbose_name=_("归口单位 responsible department"))
    # The committees, programme and framework apps do not exist yet: plain text for now.
    committee = models.CharField(_("技术委员会 technical committee"), max_length=200,
                                 blank=True)
    programme_task = models.CharField(_("规划任务 programme task"), max_length=300, blank=True)
    framework_node = models.CharField(_("体系节点 framework node"), max_length=300, blank=True)
    started_on = models.DateField(_("立项日期 started"), null=True, blank=True)
    due_on = models.DateField(_("报批期限 due"), null=True, blank=True, db_index=True)
    revises = models.ForeignKey(
        Standard, null=True, blank=True, on_delete=models.PROTECT,
        related_name="revision_projects", verbose_name=_("被修订标准 revises"))
    standard = models.ForeignKey(
        Standard, null=True, blank=True, on_delete=models.PROTECT,
        related_name="produced_by", verbose_name=_("形成标准 standard produced"))
    stage = models.CharField(_("阶段 stage"), max_length=2, choices=StageChoice.choices,
                             default=StageChoice.PRELIMINARY)
    substate = models.CharField(_("子状态 sub-state"), max_length=12, blank=True,
                                choices=Substate.choices, default="")
    held_substate = models.CharField(_("暂停前子状态 sub-state before stopping"), max_length=12,
                                     blank=True, choices=Substate.choices, default="")
    comment_start = models.DateField(_("征求意见开始 comment period start"), null=True,
                                     blank=True)
    comment_end = models.DateField(_("征求意见截止 comment period end"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本 version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("制修订项目 project")
        verbose_name_plural = _("制修订项目 projects")
        indexes = [models.Index(fields=["stage", "substate"]),
                   models.Index(fields=["-updated_at", "-id"])]

    def __str__(self):
        return f"{self.plan_number or f'#{self.pk}'} {self.title}"

    def get_absolute_url(self):
        return reverse("workspace:project", args=[self.pk])

    @property
    def stage_label(self) -> str:
        label = STAGE_NAMES.get(self.stage, self.stage)
        sub = SUB_NAMES.get(self.substate, "")
        return f"{self.stage} {label}" + (f" · {sub}" if sub else "")


def _document_path(document, filename: str) -> str:
    """Stored under a generated name: what people upload never becomes a path."""
    return f"projects/{document.project_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class ProjectDocument(models.Model):
    """One version of one kind of document (征求意见稿 v2 …); versions are never replaced."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("文件类型 kind"), max_length=20, choices=DocumentKind.choices)
    number = models.PositiveIntegerField(_("版次 version"))
    file = models.FileField(_("文件 file"), upload_to=_document_path, max_length=300)
    original_name = models.CharField(_("原文件名 file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("大小 size"))
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("说明 note"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-number"]
        constraints = [models.UniqueConstraint(fields=["project", "kind", "number"],
                                               name="unique_project_document_version")]
        verbose_name = _("项目文件 project document")
        verbose_name_plural = _("项目文件 project documents")

    def __str__(self):
        return f"{self.get_kind_display()} v{self.number}"


class Comment(models.Model):
    """A comment on a draft during a comment period, and the drafter's disposition.

    Name and contact are personal data: they live in this row only (events name the
    comment by its number) and :func:`services.erase_commenter` blanks them on request.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments")
    number = models.PositiveIntegerField(_("序号 number"))
    clause = models.CharField(_("章条编号 clause"), max_length=100, blank=True)
    text = models.TextField(_("意见内容 comment"))
    proposed_change = models.TextField(_("修改建议 proposed change"), blank=True)
    commenter_name = models.CharField(_("姓名 name"), max_length=100, blank=True)
    commenter_org = models.CharField(_("单位 organization"), max_length=200, blank=True)
    commenter_contact = models.CharField(_("联系方式 contact"), max_length=200, blank=True)
    organization = models.ForeignKey(Organization, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("提出单位 organization"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    disposition = models.CharField(_("处理意见 disposition"), max_length=10, blank=True,
                                   choices=Disposition.choices)
    disposition_reason = models.TextField(_("处理理由 reason"), blank=True)
    disposed_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(_("个人信息删除于 personal data erased"), null=True,
                                     blank=True)

    class Meta:
        ordering = ["project", "number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"],
                                               name="unique_comment_number")]
        verbose_name = _("意见 comment")
        verbose_name_plural = _("意见 comments")

    def __str__(self):
        return f"{self.project.plan_number or self.project_id} #{self.number}"

    @property
    def source(self) -> str:
        """提出单位 as the disposition table shows it."""
        if self.organization_id:
            return self.organization.name
        return self.commenter_org or str(_("个人 individual"))


class Review(models.Model):
    """A review (审查) by meeting or correspondence; the newest one of a project counts."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reviews")
    mode = models.CharField(_("审查方式 mode"), max_length=20, choices=ReviewMode.choices,
                            default=ReviewMode.MEETING)
    held_on = models.DateField(_("审查日期 date"), null=True, blank=True)
    experts = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="project_reviews",
                                     verbose_name=_("审查专家 experts"))
    conclusion = models.TextField(_("审查结论 conclusion"), blank=True)
    minutes = models.TextField(_("会议纪要 minutes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "-created_at", "-id"]
        verbose_name = _("审查 review")
        verbose_name_plural = _("审查 reviews")

    def __str__(self):
        return f"{self.project} · {self.get_mode_display()}"


class ReviewVote(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="votes")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("专家 expert"))
    position = models.CharField(_("表决意见 position"), max_length=10, choices=Position.choices)
    comment = models.TextField(_("意见 comment"), blank=True)
    cast_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review", "expert__username"]
        constraints = [models.UniqueConstraint(fields=["review", "expert"],
                                               name="unique_vote_per_expert")]
        verbose_name = _("表决 vote")
        verbose_name_plural = _("表决 votes")

    def __str__(self):
        return f"{self.expert}: {self.get_position_display()}"
