"""Follows, in-app notices, email preferences and the scheduler's claims on job periods."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import JobOutcome, NoticeKind


class Follow(models.Model):
    """A person following a project or a standard, to hear of its moves."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="follows")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "content_type", "object_id"],
                                               name="unique_follow")]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("关注 follow")
        verbose_name_plural = _("关注 follows")

    def __str__(self):
        return f"{self.user} → {self.content_type.model} {self.object_id}"


class Notice(models.Model):
    """One in-app notice to one person; ``key`` makes a once-only notice (overdue …) unique."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notices")
    kind = models.CharField(_("类型 kind"), max_length=30, choices=NoticeKind.choices)
    text = models.CharField(_("内容 text"), max_length=500)
    link = models.CharField(_("链接 link"), max_length=300, blank=True)
    key = models.CharField(max_length=120, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("已读于 read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], condition=~Q(key=""),
                                               name="unique_notice_key")]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("通知 notice")
        verbose_name_plural = _("通知 notices")

    def __str__(self):
        return f"{self.recipient}: {self.text}"


class Preference(models.Model):
    """A person's notification settings; no row means the defaults (email on)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference")
    email = models.BooleanField(_("接收邮件 receive email"), default=True)

    class Meta:
        verbose_name = _("通知设置 notification preference")
        verbose_name_plural = _("通知设置 notification preferences")

    def __str__(self):
        return f"{self.user}: email {'on' if self.email else 'off'}"


class ScheduledRun(models.Model):
    """A claim on one period of one scheduled job; the unique pair makes it run once."""

    job = models.CharField(max_length=60)
    period = models.CharField(max_length=20)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=JobOutcome.choices,
                               default=JobOutcome.RUNNING)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["job", "period"],
                                               name="unique_scheduled_run")]
        verbose_name = _("定时任务运行 scheduled run")
        verbose_name_plural = _("定时任务运行 scheduled runs")

    def __str__(self):
        return f"{self.job} {self.period} ({self.outcome})"
