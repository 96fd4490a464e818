"""Kinds of notices and the events of this app, named once and translated once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stdhub.core import kinds


class NoticeKind(models.TextChoices):
    COMMENT_PERIOD_OPENED = "comment-period-opened", _("征求意见开始 Comment period opened")
    COMMENT_RECEIVED = "comment-received", _("收到意见 Comment received")
    VOTE_REQUESTED = "vote-requested", _("请求投票 Vote requested")
    PROJECT_OVERDUE = "project-overdue", _("项目逾期 Project overdue")
    REVIEW_DUE = "review-due", _("复审到期 Review due")


@kinds.declare
class NotificationEvent(models.TextChoices):
    FOLLOWED = "followed", _("关注 followed")
    UNFOLLOWED = "unfollowed", _("取消关注 unfollowed")


class JobOutcome(models.TextChoices):
    RUNNING = "running", _("运行中 Running")
    DONE = "done", _("完成 Done")
    FAILED = "failed", _("失败 Failed")
