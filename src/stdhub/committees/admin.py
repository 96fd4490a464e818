"""Admin views of committees, read-only: edits go through the pages and API, which audit them."""

from django.contrib import admin

from stdhub.core.admin import ReadOnlyAdmin

from .models import Committee, CommitteeStandard, Member, Participation


@admin.register(Committee)
class CommitteeAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "secretariat", "established_on", "status"]
    list_filter = ["level", "status"]
    search_fields = ["code", "name"]


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ["committee", "role", "person", "term_start", "term_end"]
    list_filter = ["role"]


@admin.register(CommitteeStandard)
class CommitteeStandardAdmin(ReadOnlyAdmin):
    list_display = ["committee", "standard"]


@admin.register(Participation)
class ParticipationAdmin(ReadOnlyAdmin):
    list_display = ["committee", "body", "international_committee", "role", "organization"]
