"""Enumerations of standard systems (标准体系, GB/T 13016), named and translated once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stdhub.core import kinds


class FrameworkKind(models.TextChoices):
    SYSTEM = "system", _("标准体系 Standard system")
    CATALOGUE = "catalogue", _("指导性目录 Guiding catalogue")


class EntryKind(models.TextChoices):
    STANDARD = "standard", _("已有标准 Existing standard")
    PROJECT = "project", _("在研项目 Project in development")
    PLANNED = "planned", _("拟制定 Planned")


class EntryStatus(models.TextChoices):
    """The detail table's 状态 column: derived from the entry's standard or project."""

    CURRENT = "current", _("现行 Current")
    DEVELOPING = "developing", _("制修订中 In development")
    PLANNED = "planned", _("拟制定 Planned")
    LAPSED = "lapsed", _("已废止或被代替 Withdrawn or superseded")


class DemandStatus(models.TextChoices):
    OPEN = "open", _("待处理 Open")
    ACCEPTED = "accepted", _("已采纳 Accepted")
    DECLINED = "declined", _("不采纳 Declined")


# 标准类型 per GB/T 13016's examples; each framework may configure its own list.
DEFAULT_STANDARD_TYPES = ["基础", "方法", "产品", "过程", "服务", "管理", "技术"]


@kinds.declare
class FrameworkEvent(models.TextChoices):
    NODE_ADDED = "node-added", _("添加体系节点")
    ENTRY_ADDED = "entry-added", _("添加体系明细")
    ENTRY_REMOVED = "entry-removed", _("移出体系明细")
    FRAMEWORK_IMPORTED = "framework-imported", _("导入标准体系")
    DEMAND_SUBMITTED = "demand-submitted", _("提出标准需求")
    DEMAND_ACCEPTED = "demand-accepted", _("采纳标准需求")
    DEMAND_DECLINED = "demand-declined", _("不采纳标准需求")
