"""Enumerations of data standards and conformance runs, named once and translated once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stdhub.core import kinds


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("排队中 Queued")
    RUNNING = "running", _("检测中 Running")
    PASSED = "passed", _("通过 Passed")
    FAILED = "failed", _("未通过 Failed")
    ERROR = "error", _("无法检测 Error")

    @classmethod
    def finished(cls) -> tuple[str, ...]:
        return (cls.PASSED, cls.FAILED, cls.ERROR)


@kinds.declare
class ConformanceEvent(models.TextChoices):
    """What data-standard, code-list and run services record; a run's outcome is its status."""

    PUBLISHED = "published", _("发布新版本")
    IMPORTED = "imported", _("导入")
    STARTED = "started", _("开始检测")
    REQUEUED = "requeued", _("重新排队")
    PASSED = "passed", _("通过")
    FAILED = "failed", _("未通过")
    ERROR = "error", _("无法检测")
