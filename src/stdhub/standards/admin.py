"""Admin views of the registry, read-only: edits go through the workspace, which audits them."""

from django.contrib import admin

from stdhub.core.admin import ReadOnlyAdmin

from .models import CCSClass, ICSClass, Standard, StandardExport


@admin.register(Standard)
class StandardAdmin(ReadOnlyAdmin):
    list_display = ["code", "title_zh", "level", "nature", "status", "issued_on", "review_due_on",
                    "responsible_org"]
    list_filter = ["level", "nature", "status", "adoption", "year"]
    search_fields = ["code", "title_zh", "title_en"]
    list_select_related = ["responsible_org"]
    date_hierarchy = "issued_on"


@admin.register(ICSClass)
class ICSClassAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_zh", "name_en", "parent"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(CCSClass)
class CCSClassAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_zh", "parent"]
    search_fields = ["code", "name_zh"]


@admin.register(StandardExport)
class StandardExportAdmin(ReadOnlyAdmin):
    list_display = ["pk", "requested_by", "format", "status", "rows_total", "created_at",
                    "finished_at"]
    list_filter = ["status", "format"]
