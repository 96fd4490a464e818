"""Technical committees (标准化技术委员会): members and their terms, the standards under
each, and their part in international standardization."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stdhub.core.versions import VersionField
from stdhub.orgs.models import Organization
from stdhub.standards.models import Standard

from .choices import Body, Level, MemberRole, ParticipationRole, Status


class Committee(models.Model):
    code = models.CharField(_("编号 code"), max_length=40, unique=True,
                            help_text=_("如 SAC/TC 28、ZJ/TC 12"))
    name = models.CharField(_("名称 name"), max_length=200)
    level = models.CharField(_("级别 level"), max_length=20, choices=Level.choices)
    scope = models.TextField(_("工作领域 scope"), blank=True)
    secretariat = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                    related_name="secretariat_of",
                                    verbose_name=_("秘书处承担单位 secretariat"))
    established_on = models.DateField(_("成立日期 established"))
    status = models.CharField(_("状态 status"), max_length=20, choices=Status.choices,
                              default=Status.ACTIVE)
    dissolved_on = models.DateField(_("撤销日期 dissolved"), null=True, blank=True)
    version = VersionField()

    class Meta:
        ordering = ["code"]
        verbose_name = _("技术委员会 technical committee")
        verbose_name_plural = _("技术委员会 technical committees")

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("committees:detail", args=[self.pk])

    @property
    def counted_on(self):
        """The date it counts toward a programme's committee target (its establishment)."""
        return self.established_on


class Member(models.Model):
    """One term of one person in one role; a person is a user, or a name and organization."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(_("职务 role"), max_length=20, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.PROTECT, related_name="committee_terms",
                             verbose_name=_("用户 user"))
    name = models.CharField(_("姓名 name"), max_length=100, blank=True)
    organization = models.ForeignKey(Organization, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("工作单位 organization"))
    organization_name = models.CharField(_("工作单位（名称） organization as written"),
                                         max_length=200, blank=True)
    term_start = models.DateField(_("任期开始 term start"))
    term_end = models.DateField(_("任期结束 term end"), null=True, blank=True)

    class Meta:
        ordering = ["committee", "role", "term_start", "pk"]
        verbose_name = _("委员 member")
        verbose_name_plural = _("委员 members")

    def __str__(self):
        return f"{self.person} · {self.get_role_display()}"

    def clean(self):
        if not self.user_id and not self.name.strip():
            raise ValidationError({"name": [_("请选择用户或填写姓名 a user or a name is "
                                              "required")]})
        if self.term_end and self.term_start and self.term_end < self.term_start:
            raise ValidationError({"term_end": [_("任期结束早于开始 the term ends before it "
                                                  "starts")]})

    @property
    def person(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or self.user.username
        return self.name

    @property
    def affiliation(self) -> str:
        return self.organization.name if self.organization_id else self.organization_name

    def serves_on(self, day) -> bool:
        return self.term_start <= day and (self.term_end is None or day <= self.term_end)


class CommitteeStandard(models.Model):
    """A standard under a committee's responsibility (归口); a standard has at most one."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE,
                                  related_name="standard_links")
    standard = models.OneToOneField(Standard, on_delete=models.CASCADE,
                                    related_name="committee_link",
                                    verbose_name=_("标准 standard"))

    class Meta:
        ordering = ["committee", "standard__code"]
        verbose_name = _("归口标准 standard under a committee")
        verbose_name_plural = _("归口标准 standards under committees")

    def __str__(self):
        return f"{self.committee.code}: {self.standard.code}"


class Participation(models.Model):
    """A committee's part in an international committee (ISO/IEC/ITU)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE,
                                  related_name="participations")
    body = models.CharField(_("国际组织 body"), max_length=10, choices=Body.choices)
    international_committee = models.CharField(
        _("国际技术机构 international committee"), max_length=100,
        help_text=_("如 ISO/TC 211、ISO/IEC JTC 1/SC 42、ITU-T SG 13"))
    role = models.CharField(_("角色 role"), max_length=20, choices=ParticipationRole.choices)
    organization = models.ForeignKey(Organization, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("承担单位 organization"))
    since = models.DateField(_("起始日期 since"), null=True, blank=True)

    class Meta:
        ordering = ["committee", "body", "international_committee"]
        constraints = [models.UniqueConstraint(
            fields=["committee", "international_committee", "role"],
            name="unique_committee_participation")]
        verbose_name = _("国际标准化参与 international participation")
        verbose_name_plural = _("国际标准化参与 international participation")

    def __str__(self):
        return f"{self.international_committee} · {self.get_role_display()}"

    def clean(self):
        if not self.international_committee.upper().startswith(self.body.split("/")[0]):
            raise ValidationError({"international_committee": [
                _("国际技术机构须属于所选国际组织 name a committee of the chosen body, such as "
                  "ISO/IEC JTC 1/SC 42")]})
