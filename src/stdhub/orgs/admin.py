"""Admin for organizations, memberships and API tokens; writes go through ``orgs.services``
(audited)."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import services, tokens
from .models import ApiToken, Membership, Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "uscc", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "name_en", "uscc"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        if change:
            values = {f: form.cleaned_data[f] for f in form.changed_data
                      if f in services.ORG_FIELDS}
            stored = Organization.objects.get(pk=obj.pk)  # the form already changed ``obj``
            services.update_organization(request.user, stored, **values)
        else:
            saved = services.create_organization(
                request.user, **{f: getattr(obj, f) for f in services.ORG_FIELDS})
            obj.pk, obj._state.adding = saved.pk, False

    def has_delete_permission(self, request, obj=None):
        return False  # standards and memberships point here; organizations are never deleted


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role"]
    list_filter = ["role", "organization"]
    search_fields = ["user__username", "organization__name"]
    list_select_related = ["user", "organization"]
    autocomplete_fields = ["user", "organization"]

    def save_model(self, request, obj, form, change):
        saved = services.add_membership(request.user, obj.user, obj.organization, obj.role)
        obj.pk, obj._state.adding = saved.pk, False

    def has_change_permission(self, request, obj=None):
        return False  # a membership is added or (by a future service) removed, not edited

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued by their users; administrators see them and may revoke any."""

    list_display = ["user", "name", "created_at", "expires_at", "last_used_at", "state"]
    list_filter = ["revoked_at"]
    search_fields = ["user__username", "name"]
    list_select_related = ["user"]
    readonly_fields = ["user", "name", "created_at", "expires_at", "last_used_at", "revoked_at"]
    exclude = ["digest", "password_check"]
    actions = ["revoke"]

    @admin.display(description=_("状态 state"))
    def state(self, token):
        return tokens.state(token)

    @admin.action(description=_("撤销所选令牌 revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            services.revoke_token(request.user, token)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
