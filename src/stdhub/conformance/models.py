"""Data standards (数据标准) as versioned Table Schemas, code lists (代码表), and conformance
runs (标准验证检测) that test an uploaded dataset against one exact version."""

import json
import re
import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from stdhub.core.text import readable
from stdhub.orgs.models import Organization
from stdhub.standards.models import Standard

from .choices import RunStatus

IDENTIFIER = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._/-]*$",
    _("标识只能包含字母、数字和 . _ / - use letters, digits and . _ / -"),
)
LIST_IDENTIFIER = RegexValidator(
    r"^\S(.*\S)?$", _("标识不能以空白开头或结尾 no leading or trailing blanks"))


class DataStandard(models.Model):
    """A machine-readable data standard; its content lives in its versions."""

    identifier = models.CharField(_("标识 identifier"), max_length=80, unique=True,
                                  validators=[IDENTIFIER])
    title = models.CharField(_("名称 title"), max_length=300)
    standard = models.ForeignKey(
        Standard, null=True, blank=True, on_delete=models.PROTECT, related_name="data_standards",
        verbose_name=_("对应标准 implements standard"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="data_standards",
        verbose_name=_("发布单位 publishing organization"))
    description = models.TextField(_("说明 description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("数据标准 data standard")
        verbose_name_plural = _("数据标准 data standards")

    def __str__(self):
        return f"{self.identifier} {self.title}"

    def get_absolute_url(self):
        return reverse("conformance:standard", args=[self.pk])

    @property
    def latest_version(self):
        return self.versions.newest()


# The one order of published versions: the latest published first, the later row on a tie.
NEWEST_FIRST = ("-published_at", "-pk")


class VersionQuerySet(models.QuerySet):
    def newest_first(self) -> "VersionQuerySet":
        return self.order_by(*NEWEST_FIRST)

    def newest(self):
        return self.newest_first().first()


class PublishedVersion(models.Model):
    """What every published version carries: its label, when and by whom."""

    label = models.CharField(_("版本 version"), max_length=40)
    published_at = models.DateTimeField(_("发布时间 published"), default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("发布人 published by"))

    objects = VersionQuerySet.as_manager()

    class Meta:
        abstract = True


class DataStandardVersion(PublishedVersion):
    """One published schema of a data standard; never changed once published."""

    data_standard = models.ForeignKey(DataStandard, on_delete=models.PROTECT,
                                      related_name="versions")
    # The JSON text as published: key order (which orders the report's rules) survives
    # every database, where PostgreSQL's jsonb would sort the keys.
    schema_text = models.TextField(_("数据结构 schema (Table Schema JSON)"))
    notes = models.TextField(_("版本说明 release notes"), blank=True)

    class Meta:
        ordering = ["data_standard", *NEWEST_FIRST]
        constraints = [models.UniqueConstraint(fields=["data_standard", "label"],
                                               name="unique_data_standard_version")]
        verbose_name = _("数据标准版本 data standard version")
        verbose_name_plural = _("数据标准版本 data standard versions")

    def __str__(self):
        return f"{self.data_standard.identifier} {self.label}"

    def get_absolute_url(self):
        return reverse("conformance:version", args=[self.pk])

    @cached_property
    def schema(self) -> dict:
        schema = json.loads(self.schema_text)
        # Checked when published, but an escape such as "\ud800" may predate the check:
        # shown as U+FFFD, so that nothing stored can break its page.
        text = json.dumps(schema, ensure_ascii=False)
        return schema if readable(text) is text else json.loads(readable(text))


class CodeList(models.Model):
    """A named code list (代码表) that data standards reference by identifier."""

    identifier = models.CharField(_("标识 identifier"), max_length=100, unique=True,
                                  validators=[LIST_IDENTIFIER])
    title = models.CharField(_("名称 title"), max_length=300)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="code_lists",
        verbose_name=_("维护单位 maintaining organization"))
    description = models.TextField(_("说明 description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("代码表 code list")
        verbose_name_plural = _("代码表 code lists")

    def __str__(self):
        return f"{self.identifier} {self.title}"


class CodeListVersion(PublishedVersion):
    """One imported version of a code list.

    The entries are one JSON array of ``[code, name, parent]`` so that loading a
    3,000-entry list for a check is one row read, not 3,000.
    """

    code_list = models.ForeignKey(CodeList, on_delete=models.PROTECT, related_name="versions")
    entries = models.JSONField(_("代码 entries"), default=list)
    entry_count = models.PositiveIntegerField(_("代码数 entries"), default=0)
    source_name = models.CharField(_("来源文件 source file"), max_length=255, blank=True)

    class Meta:
        ordering = ["code_list", *NEWEST_FIRST]
        constraints = [models.UniqueConstraint(fields=["code_list", "label"],
                                               name="unique_code_list_version")]
        verbose_name = _("代码表版本 code list version")
        verbose_name_plural = _("代码表版本 code list versions")

    def __str__(self):
        return f"{self.code_list.identifier} {self.label}"


def dataset_path(run, filename: str) -> str:
    # A generated name: a person's file name may be longer than the file system allows
    # (90 Chinese characters are 270 bytes) or hold anything; ``dataset_name`` keeps it.
    suffix = Path(filename).suffix.lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix) else ""
    return f"conformance/datasets/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class ConformanceRun(models.Model):
    """One test of an uploaded dataset against one data standard version, with its report."""

    version = models.ForeignKey(DataStandardVersion, on_delete=models.PROTECT, related_name="runs",
                                verbose_name=_("数据标准版本 standard version"))
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="conformance_runs",
                                     verbose_name=_("受检单位 organization"))
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="conformance_runs", verbose_name=_("检测人 run by"))
    dataset = models.FileField(_("数据文件 dataset"), upload_to=dataset_path, max_length=500)
    dataset_name = models.CharField(_("文件名 file name"), max_length=255)
    dataset_size = models.PositiveBigIntegerField(_("文件大小 size (bytes)"), default=0)
    encoding = models.CharField(_("编码 encoding"), max_length=20, blank=True)
    status = models.CharField(_("状态 status"), max_length=10, choices=RunStatus.choices,
                              default=RunStatus.QUEUED, db_index=True)
    rows_done = models.PositiveBigIntegerField(_("已检测行数 rows done"), default=0)
    rows_total = models.PositiveBigIntegerField(_("总行数 rows total"), null=True, blank=True)
    report = models.JSONField(_("检测报告 report"), null=True, blank=True)
    errors_file = models.FileField(_("错误明细 errors file"), blank=True, max_length=500)
    message = models.TextField(_("说明 message"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    # Starts so far, and until when the worker running it holds it (renewed while it runs):
    # a run whose lease expired lost its worker and is retried once, then given up.
    attempts = models.PositiveSmallIntegerField(_("检测次数 attempts"), default=0)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("提交时间 submitted"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("开始时间 started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间 finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organization", "-created_at"])]
        verbose_name = _("验证检测 conformance run")
        verbose_name_plural = _("验证检测 conformance runs")

    def __str__(self):
        return f"#{self.pk} {self.dataset_name} → {self.version}"

    def get_absolute_url(self):
        return reverse("conformance:run", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in RunStatus.finished()

    @property
    def percent(self) -> int | None:
        """Progress in whole percent, when the row count is known."""
        if self.is_finished:
            return 100
        if not self.rows_total:
            return None
        return min(99, self.rows_done * 100 // self.rows_total)
