"""Enumerations of pilot projects, named once and translated once (values from ``stages``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stdhub.core import kinds

from .stages import Doc, Result, Stage


class Level(models.TextChoices):
    NATIONAL = "national", _("国家级 National")
    PROVINCIAL = "provincial", _("省级 Provincial")


class StageChoice(models.TextChoices):
    APPLIED = Stage.APPLIED, _("申报 Applied")
    APPROVED = Stage.APPROVED, _("立项 Approved")
    BUILDING = Stage.BUILDING, _("建设 Building")
    MIDTERM = Stage.MIDTERM, _("中期评估 Mid-term evaluation")
    ACCEPTED = Stage.ACCEPTED, _("验收 Acceptance")
    REVOKED = Stage.REVOKED, _("撤销 Revoked")


class ResultChoice(models.TextChoices):
    NONE = Result.NONE, "—"
    PASSED = Result.PASSED, _("通过 Passed")
    FAILED = Result.FAILED, _("不通过 Failed")


class DocumentKind(models.TextChoices):
    APPLICATION = Doc.APPLICATION, _("申报书 Application")
    PLAN = Doc.PLAN, _("建设方案 Construction plan")
    MIDTERM_REPORT = Doc.MIDTERM_REPORT, _("中期评估报告 Mid-term evaluation report")
    ACCEPTANCE_REPORT = Doc.ACCEPTANCE_REPORT, _("验收报告 Acceptance report")


@kinds.declare
class PilotEvent(models.TextChoices):
    """What the pilot services record; a move's kind is ``pilot-`` and the move's name."""

    APPROVE = "pilot-approve", _("试点立项")
    START_BUILDING = "pilot-start-building", _("试点开始建设")
    MIDTERM = "pilot-mid-term", _("试点中期评估")
    PASS = "pilot-pass", _("试点验收通过")
    FAIL = "pilot-fail", _("试点验收不通过")
    REVOKE = "pilot-revoke", _("撤销试点")
    DOCUMENT_UPLOADED = "pilot-document-uploaded", _("上传试点文件")
