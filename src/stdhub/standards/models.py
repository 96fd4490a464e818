from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stdhub.core.versions import VersionField
from stdhub.orgs.models import Organization

from .choices import Adoption, ExportStatus, Level, Nature, Status


class ICSClass(models.Model):
    """国际标准分类法 (ICS) field, group or sub-group."""

    code = models.CharField(max_length=12, primary_key=True)
    name_zh = models.CharField(_("中文名称 Chinese name"), max_length=200)
    name_en = models.CharField(_("英文名称 English name"), max_length=200, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")

    class Meta:
        ordering = ["code"]
        verbose_name = _("ICS 分类 ICS class")
        verbose_name_plural = _("ICS 分类 ICS classes")

    def __str__(self):
        return f"{self.code} {self.name_zh}"


class CCSClass(models.Model):
    """中国标准文献分类法 (CCS) class."""

    code = models.CharField(max_length=12, primary_key=True)
    name_zh = models.CharField(_("中文名称 Chinese name"), max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")

    class Meta:
        ordering = ["code"]
        verbose_name = _("CCS 分类 CCS class")
        verbose_name_plural = _("CCS 分类 CCS classes")

    def __str__(self):
        return f"{self.code} {self.name_zh}"


class Standard(models.Model):
    """A published standard, identified by its canonical code (``GB/T 2260-2007``)."""

    code = models.CharField(_("标准号 code"), max_length=120, unique=True)
    code_base = models.CharField(_("标准号(不含年号) code without year"), max_length=100,
                                 db_index=True)
    prefix = models.CharField(_("代号 prefix"), max_length=40, db_index=True)
    issuer = models.CharField(_("发布方代码 issuer code"), max_length=40, blank=True)
    number = models.CharField(_("顺序号 number"), max_length=40)
    year = models.PositiveSmallIntegerField(_("年号 year"), null=True, blank=True, db_index=True)
    title_zh = models.CharField(_("标准名称 title"), max_length=500)
    title_en = models.CharField(_("英文名称 English title"), max_length=500, blank=True)
    level = models.CharField(_("层级 level"), max_length=20, choices=Level.choices, db_index=True)
    nature = models.CharField(_("性质 nature"), max_length=20, choices=Nature.choices, blank=True,
                              db_index=True)
    status = models.CharField(_("状态 status"), max_length=20, choices=Status.choices,
                              default=Status.CURRENT, db_index=True)
    issued_on = models.DateField(_("发布日期 issued"), null=True, blank=True)
    effective_on = models.DateField(_("实施日期 effective"), null=True, blank=True)
    withdrawn_on = models.DateField(_("废止日期 withdrawn"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("最近复审日期 last reviewed"), null=True, blank=True)
    review_due_on = models.DateField(_("复审到期 review due"), null=True, blank=True,
                                     db_index=True)
    ics = models.ManyToManyField(ICSClass, blank=True, related_name="standards",
                                 verbose_name=_("ICS 分类号 ICS"))
    ccs = models.ManyToManyField(CCSClass, blank=True, related_name="standards",
                                 verbose_name=_("中国标准文献分类号 CCS"))
    issuing_body = models.CharField(_("发布单位 issuing body"), max_length=300, blank=True)
    responsible_org = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT,
        related_name="responsible_for", verbose_name=_("归口单位 responsible organization"))
    drafting_orgs = models.ManyToManyField(
        Organization, blank=True, related_name="drafted",
        verbose_name=_("起草单位 drafting organizations"))
    replaces = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="replaced_by",
        verbose_name=_("代替标准 replaces"))
    adopted_code = models.CharField(_("采用国际标准 adopted standard"), max_length=120, blank=True)
    adoption = models.CharField(_("采用程度 adoption degree"), max_length=3,
                                choices=Adoption.choices, blank=True)
    scope = models.TextField(_("适用范围 scope"), blank=True)
    version = VersionField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("标准 standard")
        verbose_name_plural = _("标准 standards")
        # The list is sorted by code: these let a filtered page read in index order
        # instead of sorting every match (46,000 of 300,000 for status=current).
        indexes = [models.Index(fields=["level", "status", "code"]),
                   models.Index(fields=["status", "code"]),
                   models.Index(fields=["-updated_at"])]

    def __str__(self):
        return self.name_of(self.code, self.title_zh)

    def get_absolute_url(self):
        return reverse("portal:standard", args=[self.pk])

    @staticmethod
    def name_of(code: str, title_zh: str) -> str:
        """How a standard is named in lists and history; the importer names unsaved ones."""
        return f"{code} {title_zh}"

class StandardExport(models.Model):
    """A large export of the registry, written by a background task for the person who
    asked for it (see ``standards/exports.py``)."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("导出人 requested by"))
    format = models.CharField(_("格式 format"), max_length=10)
    query = models.TextField(_("筛选条件 selection"), blank=True)  # the list page's parameters
    status = models.CharField(_("状态 status"), max_length=20, choices=ExportStatus.choices,
                              default=ExportStatus.QUEUED)
    rows_done = models.PositiveIntegerField(_("已导出 rows done"), default=0)
    rows_total = models.PositiveIntegerField(_("总行数 rows total"), default=0)
    file = models.FileField(_("文件 file"), blank=True, max_length=500)
    message = models.TextField(_("说明 message"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)  # see core.leases
    created_at = models.DateTimeField(_("提交时间 requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间 finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("标准导出 standards export")
        verbose_name_plural = _("标准导出 standards exports")

    def __str__(self):
        return f"export #{self.pk} ({self.format}, {self.rows_total} rows)"

    def get_absolute_url(self):
        return reverse("workspace:standards-export-job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in ExportStatus.finished()

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return min(99, self.rows_done * 100 // self.rows_total) if self.rows_total else 0
