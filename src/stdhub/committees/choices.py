"""Enumerations of technical committees, named once and translated once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stdhub.core import kinds


class Level(models.TextChoices):
    NATIONAL = "national", _("全国 National")
    PROVINCIAL = "provincial", _("省级 Provincial")


class Status(models.TextChoices):
    ACTIVE = "active", _("存续 Active")
    DISSOLVED = "dissolved", _("已撤销 Dissolved")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("主任委员 Chair")
    VICE_CHAIR = "vice-chair", _("副主任委员 Vice-chair")
    SECRETARY_GENERAL = "secretary-general", _("秘书长 Secretary-general")
    MEMBER = "member", _("委员 Member")


# Roles held by one person at a time (their terms may not overlap).
SINGLE_ROLES = (MemberRole.CHAIR, MemberRole.SECRETARY_GENERAL)


class Body(models.TextChoices):
    ISO = "ISO", "ISO"
    IEC = "IEC", "IEC"
    ISO_IEC = "ISO/IEC", _("ISO/IEC 联合 JTC 1")
    ITU = "ITU", "ITU"


class ParticipationRole(models.TextChoices):
    P_MEMBER = "p-member", _("积极成员 P-member")
    O_MEMBER = "o-member", _("观察成员 O-member")
    CONVENOR = "convenor", _("召集人 Convenor")
    PROJECT_LEADER = "project-leader", _("项目负责人 Project leader")
    SECRETARIAT = "secretariat", _("秘书处 Secretariat")


@kinds.declare
class CommitteeEvent(models.TextChoices):
    DISSOLVED = "committee-dissolved", _("撤销技术委员会")
    MEMBER_APPOINTED = "member-appointed", _("聘任委员")
    TERM_ENDED = "member-term-ended", _("委员任期结束")
    STANDARD_LINKED = "committee-standard-linked", _("归口标准")
    STANDARD_UNLINKED = "committee-standard-unlinked", _("移出归口标准")
    PARTICIPATION_ADDED = "participation-added", _("登记国际标准化参与")
    PARTICIPATION_REMOVED = "participation-removed", _("删除国际标准化参与")
