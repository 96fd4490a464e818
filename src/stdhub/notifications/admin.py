from django.contrib import admin

from .models import Follow, Notice, Preference, ScheduledRun


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "text", "created_at", "read_at")
    list_filter = ("kind",)


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    list_display = ("job", "period", "outcome", "started_at", "finished_at")
    list_filter = ("job", "outcome")


admin.site.register(Follow)
admin.site.register(Preference)
