"""Enumerations of the standard registry, named once and translated once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stdhub.core import kinds

from . import levels


def _translated(name: str, members) -> type[models.TextChoices]:
    """TextChoices from ``levels``' plain (name, value, label) rows, labels translated."""
    return models.TextChoices(name, [(member, (value, _(label)))
                                     for member, value, label in members])


Level = _translated("Level", levels.LEVELS)
Status = _translated("Status", levels.STATUSES)


class Nature(models.TextChoices):
    MANDATORY = "mandatory", _("强制性 Mandatory")
    RECOMMENDED = "recommended", _("推荐性 Recommended")
    GUIDANCE = "guidance", _("指导性技术文件 Guidance")


class Adoption(models.TextChoices):
    IDT = "IDT", _("等同采用 IDT")
    MOD = "MOD", _("修改采用 MOD")
    NEQ = "NEQ", _("非等效采用 NEQ")


@kinds.declare
class StandardEvent(models.TextChoices):
    """What the registry's services record about a standard."""

    SUPERSEDED = "superseded", _("被代替")
    WITHDRAWN = "withdrawn", _("废止")
    REVIEWED = "reviewed", _("复审")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中 Queued")
    RUNNING = "running", _("生成中 Running")
    DONE = "done", _("已完成 Done")
    FAILED = "export_failed", _("导出失败 Failed")

    @classmethod
    def finished(cls) -> tuple[str, ...]:
        return (cls.DONE, cls.FAILED)


@kinds.declare
class ExportEvent(models.TextChoices):
    """What background exports record (``created`` when asked for is core's)."""

    EXPORTED = "exported", _("导出")
    FAILED = "export_failed", _("导出失败")
