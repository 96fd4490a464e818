from django.db import models
from django.utils.translation import gettext_lazy as _

from stdhub.core import kinds


class OrgKind(models.TextChoices):
    GOVERNMENT = "government", _("政府部门 Government department")
    LAB = "lab", _("实验室 Laboratory")
    ENTERPRISE = "enterprise", _("企业 Enterprise")
    ASSOCIATION = "association", _("社会团体 Association")
    INSTITUTE = "institute", _("科研院所 Research institute")
    EVALUATOR = "evaluator", _("第三方评估机构 Third-party evaluator")
    COMMITTEE = "committee", _("标准化技术委员会 Technical committee")
    OTHER = "other", _("其他 Other")


class Role(models.TextChoices):
    ADMIN = "admin", _("方案管理员 Programme administrator")
    EDITOR = "editor", _("部门编辑 Department editor")
    DRAFTER = "drafter", _("起草人 Drafter")
    SECRETARIAT = "secretariat", _("标委会秘书处 Committee secretariat")
    EXPERT = "expert", _("专家 Expert")
    EVALUATOR = "evaluator", _("评估人员 Evaluator")
    VIEWER = "viewer", _("查看者 Viewer")


@kinds.declare
class OrgEvent(models.TextChoices):
    MEMBER_ADDED = "member-added", _("添加成员")
    TOKEN_ISSUED = "token-issued", _("签发访问令牌")
    TOKEN_REVOKED = "token-revoked", _("撤销访问令牌")
