from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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


class ApiToken(models.Model):
    """A key for the REST API, issued to one user for a limited time.

    Only the SHA-256 digest of the key is stored; the key itself is shown once, when it
    is issued. A token stops working when it expires, is revoked, or when its user's
    password changes (``password_check`` no longer matches the user's password hash).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("用户 user"))
    name = models.CharField(_("名称 name"), max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    password_check = models.CharField(max_length=128, editable=False)
    created_at = models.DateTimeField(_("创建时间 created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("到期时间 expires"))
    last_used_at = models.DateTimeField(_("最近使用 last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间 revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("访问令牌 API token")
        verbose_name_plural = _("访问令牌 API tokens")

    def __str__(self):
        return f"{self.user} · {self.name or self.pk}"
