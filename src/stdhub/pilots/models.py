"""Standardization pilot and demonstration projects (标准化试点示范项目) and their documents."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stdhub.core.versions import VersionField
from stdhub.orgs.models import Organization

from .choices import DocumentKind, Level, ResultChoice, StageChoice
from .stages import RESULT_NAMES, STAGE_NAMES


class Pilot(models.Model):
    name = models.CharField(_("项目名称 name"), max_length=300)
    level = models.CharField(_("级别 level"), max_length=20, choices=Level.choices,
                             default=Level.PROVINCIAL)
    field = models.CharField(_("领域 field"), max_length=100, blank=True,
                             help_text=_("如 数字经济、农业、社会管理和公共服务"))
    undertaker = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                   related_name="undertaken_pilots",
                                   verbose_name=_("承担单位 undertaking organization"))
    supervisor = models.ForeignKey(Organization, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="supervised_pilots",
                                   verbose_name=_("主管单位 supervising organization"))
    # A string reference: the programme sits above pilots and imports them, not the reverse.
    task = models.ForeignKey("programme.Task", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="pilots", verbose_name=_("规划任务 programme task"))
    starts_on = models.DateField(_("建设期开始 period start"), null=True, blank=True)
    ends_on = models.DateField(_("建设期结束 period end"), null=True, blank=True)
    stage = models.CharField(_("阶段 stage"), max_length=10, choices=StageChoice.choices,
                             default=StageChoice.APPLIED)
    result = models.CharField(_("验收结论 result"), max_length=10, blank=True, default="",
                              choices=ResultChoice.choices)
    approved_on = models.DateField(_("立项日期 approved"), null=True, blank=True)
    accepted_on = models.DateField(_("验收日期 accepted"), null=True, blank=True)
    version = VersionField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("试点示范项目 pilot project")
        verbose_name_plural = _("试点示范项目 pilot projects")
        indexes = [models.Index(fields=["stage", "result"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pilots:detail", args=[self.pk])

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": [_("结束日期早于开始日期 the period ends before "
                                                 "it starts")]})

    @property
    def stage_label(self) -> str:
        label = STAGE_NAMES.get(self.stage, self.stage)
        result = RESULT_NAMES.get(self.result, "")
        return label + (f" · {result}" if result else "")

    @property
    def counted_on(self):
        """The date it counts toward a programme's pilot target (its acceptance)."""
        return self.accepted_on


def _document_path(document, filename: str) -> str:
    """Stored under a generated name: what people upload never becomes a path."""
    return f"pilots/{document.pilot_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class PilotDocument(models.Model):
    """One version of one kind of document; versions are never replaced."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("文件类型 kind"), max_length=20, choices=DocumentKind.choices)
    number = models.PositiveIntegerField(_("版次 version"))
    file = models.FileField(_("文件 file"), upload_to=_document_path, max_length=300)
    original_name = models.CharField(_("原文件名 file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("大小 size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-number"]
        constraints = [models.UniqueConstraint(fields=["pilot", "kind", "number"],
                                               name="unique_pilot_document_version")]
        verbose_name = _("试点文件 pilot document")
        verbose_name_plural = _("试点文件 pilot documents")

    def __str__(self):
        return f"{self.get_kind_display()} v{self.number}"
