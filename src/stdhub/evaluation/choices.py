"""Enumerations of evaluation campaigns, assessments and decisions, named and translated once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stdhub.core import kinds


class SubjectKind(models.TextChoices):
    """What a campaign evaluates; each kind is resolved in ``subjects.py``."""

    STANDARD = "standard", _("标准 Standard")
    PILOT = "pilot", _("试点示范项目 Pilot project")


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("进行中 Open")
    CLOSED = "closed", _("已结束 Closed")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("草稿 Draft")
    SUBMITTED = "submitted", _("已提交 Submitted")
    RETURNED = "returned", _("已退回 Returned")


class Outcome(models.TextChoices):
    """Dynamic adjustment (动态调整) of an evaluated subject."""

    CONTINUE = "continue", _("继续有效 Continue")
    REVISE = "revise", _("修订 Revise")
    WITHDRAW = "withdraw", _("废止 Withdraw")
    UPGRADE = "upgrade", _("建议上升为更高层级 Recommend upgrade")
    AWARD = "award", _("推荐省标准创新贡献奖 Recommend for award")


@kinds.declare
class EvaluationEvent(models.TextChoices):
    SCHEME_LOADED = "scheme-loaded", _("载入评价指标体系")
    SUBJECT_ADDED = "subject-added", _("加入评价对象")
    ASSIGNED = "evaluator-assigned", _("指派评价人")
    SCORED = "assessment-saved", _("保存评分")
    SUBMITTED = "assessment-submitted", _("提交评分")
    RETURNED = "assessment-returned", _("退回评分")
    EVIDENCE_ADDED = "evidence-added", _("添加佐证材料")
    DECIDED = "evaluation-decided", _("作出评价结论")
    PUBLISHED = "result-published", _("公开评价结果")
    CLOSED = "campaign-closed", _("结束评价活动")
