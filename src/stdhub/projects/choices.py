"""Enumerations of standard-development projects, named once and translated once.

Values come from the pure stage rules (``stages.py``); labels are written here so
that they are translated like every other label.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stdhub.core import kinds

from .stages import Doc, Stage, Sub


class Kind(models.TextChoices):
    MAKE = "make", _("制定 New standard")
    REVISE = "revise", _("修订 Revision")


class StageChoice(models.TextChoices):
    PRELIMINARY = Stage.PRELIMINARY, _("00 预阶段 Preliminary")
    PROPOSAL = Stage.PROPOSAL, _("10 立项 Proposal")
    PREPARATORY = Stage.PREPARATORY, _("20 起草 Drafting")
    COMMITTEE = Stage.COMMITTEE, _("30 征求意见 Comment")
    ENQUIRY = Stage.ENQUIRY, _("40 审查 Review")
    APPROVAL = Stage.APPROVAL, _("50 批准 Approval")
    PUBLICATION = Stage.PUBLICATION, _("60 出版 Publication")
    REVIEW = Stage.REVIEW, _("90 复审 Periodic review")
    WITHDRAWAL = Stage.WITHDRAWAL, _("95 废止 Withdrawal")


class Substate(models.TextChoices):
    NONE = Sub.NONE, "—"
    OPEN = Sub.OPEN, _("意见征求中 Comment period open")
    CLOSED = Sub.CLOSED, _("征求意见结束 Comment period closed")
    PASSED = Sub.PASSED, _("审查通过 Review passed")
    FAILED = Sub.FAILED, _("审查未通过 Review failed")
    STOPPED = Sub.STOPPED, _("已暂停 Stopped")
    CANCELLED = Sub.CANCELLED, _("已撤销 Cancelled")


class DocumentKind(models.TextChoices):
    PROPOSAL = Doc.PROPOSAL, _("项目建议书 Project proposal")
    COMMENT_DRAFT = Doc.COMMENT_DRAFT, _("征求意见稿 Draft for comment")
    EXPLANATION = Doc.EXPLANATION, _("编制说明 Explanatory notes")
    REVIEW_DRAFT = Doc.REVIEW_DRAFT, _("送审稿 Draft for review")
    APPROVAL_DRAFT = Doc.APPROVAL_DRAFT, _("报批稿 Draft for approval")
    COMMENT_TABLE = Doc.COMMENT_TABLE, _("意见汇总处理表 Comment disposition table")
    MINUTES = Doc.MINUTES, _("审查会议纪要 Review minutes")


class Disposition(models.TextChoices):
    ACCEPTED = "accepted", _("采纳 Accepted")
    PARTLY = "partly", _("部分采纳 Partly accepted")
    REJECTED = "rejected", _("不采纳 Not accepted")


class ReviewMode(models.TextChoices):
    MEETING = "meeting", _("会议审查 Meeting")
    CORRESPONDENCE = "correspondence", _("函审 Correspondence")


class Position(models.TextChoices):
    YES = "yes", _("赞成 In favour")
    NO = "no", _("反对 Against")
    ABSTAIN = "abstain", _("弃权 Abstain")


@kinds.declare
class ProjectEvent(models.TextChoices):
    """What the project services record; a move's kind is the move's name (``stages.MOVES``)."""

    APPROVE = "approve", _("立项")
    START_DRAFTING = "start-drafting", _("开始起草")
    OPEN_COMMENTS = "open-comments", _("发布征求意见稿")
    CLOSE_COMMENTS = "close-comments", _("结束征求意见")
    SUBMIT_REVIEW = "submit-review", _("提交审查")
    PASS_REVIEW = "pass-review", _("审查通过")
    FAIL_REVIEW = "fail-review", _("审查未通过")
    REDRAFT = "redraft", _("退回修改")
    SUBMIT_APPROVAL = "submit-approval", _("报批")
    PUBLISH = "publish", _("批准发布")
    START_PERIODIC_REVIEW = "start-periodic-review", _("启动复审")
    CONFIRM = "confirm", _("复审确认继续有效")
    WITHDRAW = "withdraw", _("废止项目标准")
    STOP = "stop", _("暂停")
    RESUME = "resume", _("恢复")
    CANCEL = "cancel", _("撤销")
    DOCUMENT_UPLOADED = "document-uploaded", _("上传文件")
    COMMENT_RECEIVED = "comment-received", _("收到意见")
    COMMENT_DISPOSED = "comment-disposed", _("处理意见")
    PERSONAL_DATA_ERASED = "personal-data-erased", _("删除个人信息")
    REVIEW_OPENED = "review-opened", _("组织审查")
    VOTED = "voted", _("投票")
    REVIEW_CONCLUDED = "review-concluded", _("审查结论")
