"""Enumerations of programmes, targets, tasks and progress reports, named and translated once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stdhub.core import kinds


class Field(models.TextChoices):
    """The programme's three areas (政府、经济、社会)."""

    GOVERNMENT = "government", _("政府 Government")
    ECONOMY = "economy", _("经济 Economy")
    SOCIETY = "society", _("社会 Society")


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已提交 Submitted")
    ACCEPTED = "accepted", _("已采纳 Accepted")
    RETURNED = "returned", _("已退回 Returned")


class ReportEvery(models.TextChoices):
    YEAR = "year", _("每年 Yearly")
    HALF = "half", _("每半年 Half-yearly")
    QUARTER = "quarter", _("每季度 Quarterly")


class TargetStatus(models.TextChoices):
    MET = "met", _("已完成 Met")
    ON_TRACK = "on-track", _("按进度 On track")
    BEHIND = "behind", _("滞后 Behind")
    MISSED = "missed", _("未完成 Missed")
    NO_DATA = "no-data", _("无数据 No data")


@kinds.declare
class ProgrammeEvent(models.TextChoices):
    LOADED = "programme-loaded", _("载入方案")
    REPORTED = "progress-reported", _("报送进展")
    REPORT_ACCEPTED = "report-accepted", _("采纳进展报告")
    REPORT_RETURNED = "report-returned", _("退回进展报告")
    VALUE_SET = "target-value-set", _("填报指标值")
