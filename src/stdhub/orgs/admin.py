"""Admin for organizations and memberships; writes go through ``orgs.services`` (audited)."""

from django.contrib import admin
from django.db import models

from . import services
from .models import Membership, Organization


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
