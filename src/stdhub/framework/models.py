"""A standard system (标准体系, GB/T 13016) or guiding catalogue (指导性目录): a tree of nodes,
each listing the standards it needs (entries: existing, in development or planned), and the
demands (标准需求) raised against it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stdhub.orgs.models import Organization
from stdhub.standards.choices import Adoption, Level
from stdhub.standards.models import Standard

from .choices import DemandStatus, EntryKind, FrameworkKind


class Framework(models.Model):
    code = models.SlugField(_("编号 code"), max_length=60, unique=True)
    title = models.CharField(_("名称 title"), max_length=300)
    kind = models.CharField(_("类型 kind"), max_length=20, choices=FrameworkKind.choices,
                            default=FrameworkKind.SYSTEM)
    description = models.TextField(_("说明 description"), blank=True)
    organization = models.ForeignKey(Organization, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="frameworks",
                                     verbose_name=_("编制单位 owner"))
    # The 标准类型 list this framework uses (GB/T 13016 leaves it to the framework).
    standard_types = models.JSONField(_("标准类型 standard types"), default=list, blank=True)
    # Detail-table columns in order (keys of framework.tables.DETAIL_COLUMNS); editions of
    # GB/T 13016 differ, so a framework may choose.
    detail_columns = models.JSONField(_("明细表列 detail-table columns"), default=list,
                                      blank=True)
    source = models.TextField(_("来源 source"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("标准体系 standard system")
        verbose_name_plural = _("标准体系 standard systems")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("framework:detail", args=[self.code])


class Node(models.Model):
    """A node of the tree; ``code`` is hierarchical (``1.2.3``), its parent is ``1.2``."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="nodes")
    code = models.CharField(_("体系编号 code"), max_length=40)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    depth = models.PositiveSmallIntegerField(default=1)
    sort_key = models.CharField(max_length=80, db_index=True)  # zero-padded code, tree order
    name = models.CharField(_("名称 name"), max_length=200)
    description = models.TextField(_("说明 description"), blank=True)

    class Meta:
        ordering = ["framework", "sort_key"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"],
                                               name="unique_node_code")]
        verbose_name = _("体系节点 node")
        verbose_name_plural = _("体系节点 nodes")

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("framework:node", args=[self.framework.code, self.code])


class Entry(models.Model):
    """A standard the node needs: an existing standard, a project, or a planned item that
    has no code yet (and is not a Standard)."""

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("类别 kind"), max_length=20, choices=EntryKind.choices)
    standard = models.ForeignKey(Standard, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="framework_entries",
                                 verbose_name=_("标准 standard"))
    project = models.ForeignKey("projects.Project", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="framework_entries",
                                verbose_name=_("制修订项目 project"))
    project_ref = models.CharField(_("项目编号 project"), max_length=80, blank=True)
    title = models.CharField(_("标准名称 title"), max_length=500, blank=True)
    suggested_level = models.CharField(_("宜定级别 suggested level"), max_length=20,
                                       choices=Level.choices, blank=True)
    standard_type = models.CharField(_("标准类型 standard type"), max_length=40, blank=True)
    international_code = models.CharField(_("国际国外标准号 international counterpart"),
                                          max_length=120, blank=True)
    adoption = models.CharField(_("采用关系 adoption"), max_length=3, choices=Adoption.choices,
                                blank=True)
    replaced_code = models.CharField(_("被代替标准号 replaced standard"), max_length=200,
                                     blank=True)
    remark = models.TextField(_("备注 remark"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["node", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["node", "standard"],
                                               condition=models.Q(standard__isnull=False),
                                               name="unique_standard_per_node")]
        verbose_name = _("体系明细 entry")
        verbose_name_plural = _("体系明细 entries")

    def __str__(self):
        return self.standard.code if self.standard_id else self.title


class Demand(models.Model):
    """A need for a standard (标准需求) raised by a department or the public against a node."""

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="demands")
    title = models.CharField(_("需求标准名称 title"), max_length=300)
    description = models.TextField(_("需求说明 description"))
    suggested_level = models.CharField(_("宜定级别 suggested level"), max_length=20,
                                       choices=Level.choices, blank=True)
    organization = models.ForeignKey(Organization, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("提出单位 organization"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    submitter_name = models.CharField(_("提出人 name"), max_length=100, blank=True)
    status = models.CharField(_("状态 status"), max_length=20, choices=DemandStatus.choices,
                              default=DemandStatus.OPEN)
    response = models.TextField(_("处理意见 response"), blank=True)
    entry = models.OneToOneField(Entry, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="demand")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("标准需求 demand")
        verbose_name_plural = _("标准需求 demands")

    def __str__(self):
        return self.title
