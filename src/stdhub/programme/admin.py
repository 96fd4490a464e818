"""Admin views of programmes, read-only: writes go through the services, which audit them."""

from django.contrib import admin

from stdhub.core.admin import ReadOnlyAdmin

from .models import Programme, ProgressReport, Target, Task


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "starts_on", "ends_on", "lead"]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["programme", "number", "title", "area"]
    list_filter = ["programme"]


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ["programme", "name", "goal", "unit", "due_on"]


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["task", "organization", "period", "percent", "status"]
    list_filter = ["status", "period"]
