from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stdhub.core.versions import VersionField

from .choices import OrgKind, Role


class Organization(models.Model):
    """A department, lab, enterprise, association… that owns, drafts or evaluates work."""

    name = models.CharField(_("名称 name"), max_length=200, unique=True)
    short_name = models.CharField(_("简称 short name"), max_length=60, blank=True)
    name_en = models.CharField(_("英文名称 English name"), max_length=200, blank=True)
    kind = models.CharField(_("类型 kind"), max_length=20, choices=OrgKind.choices,
                            default=OrgKind.OTHER)
    uscc = models.CharField(_("统一社会信用代码 USCC"), max_length=18, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("上级 parent"))
    website = models.URLField(_("网站 website"), blank=True)
    description = models.TextField(_("简介 description"), blank=True)
    version = VersionField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("组织 organization")
        verbose_name_plural = _("组织 organizations")

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A person's role in an organization; a person may hold several."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="memberships")
    role = models.CharField(_("角色 role"), max_length=20, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organization", "role"],
                                               name="unique_membership")]
        verbose_name = _("成员 membership")
        verbose_name_plural = _("成员 memberships")

    def __str__(self):
        return f"{self.user} @ {self.organization} ({self.get_role_display()})"
