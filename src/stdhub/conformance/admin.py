"""Admin views of data standards, code lists and runs, read-only: writes go through services."""

from django.contrib import admin

from stdhub.core.admin import ReadOnlyAdmin

from .models import CodeList, CodeListVersion, ConformanceRun, DataStandard, DataStandardVersion


@admin.register(DataStandard)
class DataStandardAdmin(ReadOnlyAdmin):
    list_display = ["identifier", "title", "standard", "organization", "created_at"]
    search_fields = ["identifier", "title"]
    list_select_related = ["standard", "organization"]


@admin.register(DataStandardVersion)
class DataStandardVersionAdmin(ReadOnlyAdmin):
    list_display = ["data_standard", "label", "published_at", "published_by"]
    list_select_related = ["data_standard", "published_by"]


@admin.register(CodeList)
class CodeListAdmin(ReadOnlyAdmin):
    list_display = ["identifier", "title", "organization"]
    search_fields = ["identifier", "title"]


@admin.register(CodeListVersion)
class CodeListVersionAdmin(ReadOnlyAdmin):
    list_display = ["code_list", "label", "entry_count", "published_at", "published_by"]
    exclude = ["entries"]  # thousands of entries do not belong on an admin page
    list_select_related = ["code_list", "published_by"]


@admin.register(ConformanceRun)
class ConformanceRunAdmin(ReadOnlyAdmin):
    list_display = ["pk", "dataset_name", "version", "organization", "run_by", "status",
                    "rows_done", "created_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["version__data_standard", "organization", "run_by"]
    exclude = ["report"]
    date_hierarchy = "created_at"
