"""The one history of stdhub: every write appends an Event to a hash chain."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """One recorded write: who did what to which object, when, and what changed.

    ``seq`` numbers the chain without gaps; ``prev_hash`` is the ``hash`` of the
    event before, so altering or deleting any row breaks ``stdhub audit verify``.
    """

    seq = models.PositiveBigIntegerField(_("序号 sequence"), unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, db_index=True)
    object_repr = models.CharField(_("对象 object"), max_length=300)
    actor = models.ForeignKey(
        # PROTECT: deleting a user would change its events and break the chain.
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="events",
    )
    actor_name = models.CharField(_("操作人 actor"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("时间 time"), db_index=True)
    kind = models.CharField(_("类型 kind"), max_length=40)
    message = models.TextField(_("说明 message"), blank=True)
    diff = models.JSONField(_("变更 changes"), default=dict, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        indexes = [models.Index(fields=["content_type", "object_id", "-seq"])]
        verbose_name = _("事件 event")
        verbose_name_plural = _("事件 events")

    def __str__(self):
        return f"#{self.seq} {self.kind} {self.object_repr}"


class ChainHead(models.Model):
    """Single row holding the chain's last hash; appenders lock it to serialise."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("审计链头 audit chain head")

    def __str__(self):
        return f"#{self.seq} {self.hash[:12]}"


class PersonalData(models.Model):
    """Personal values kept outside the hash chain, so that they can be erased.

    An event's diff holds only a reference (``{"personal": "<id>"}``) to a row
    here; erasing blanks ``fields`` and keeps the row, so the reference (and the
    event's hash) stays valid. See ``core.personal``.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The object the values belong to (a comment, a user…): whose history shows them.
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, db_index=True)
    owner = GenericForeignKey("content_type", "object_id")
    fields = models.JSONField(_("个人信息 personal fields"), default=dict)
    created_at = models.DateTimeField(_("时间 time"), auto_now_add=True)
    erased_at = models.DateTimeField(_("删除时间 erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("个人信息 personal data")
        verbose_name_plural = _("个人信息 personal data")

    def __str__(self):  # events name this row: never the values themselves
        return f"personal data {self.pk}"
