"""Admin views of pilots, read-only: edits go through the pages and API, which audit them."""

from django.contrib import admin

from stdhub.core.admin import ReadOnlyAdmin

from .models import Pilot, PilotDocument


@admin.register(Pilot)
class PilotAdmin(ReadOnlyAdmin):
    list_display = ["name", "level", "field", "stage", "result", "undertaker", "accepted_on"]
    list_filter = ["stage", "result", "level"]
    search_fields = ["name", "field"]
    list_select_related = ["undertaker"]


@admin.register(PilotDocument)
class PilotDocumentAdmin(ReadOnlyAdmin):
    list_display = ["pilot", "kind", "number", "original_name", "size", "uploaded_at"]
    list_filter = ["kind"]
