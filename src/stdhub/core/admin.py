"""Admin for the audit history: readable, never writable (the chain would break)."""

from django.contrib import admin

from .models import ChainHead, Event, PersonalData


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by services: the admin shows them and changes nothing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["seq", "created_at", "kind", "object_repr", "actor_name", "request_id"]
    list_filter = ["kind", "content_type"]
    search_fields = ["object_repr", "actor_name", "message", "request_id", "=object_id"]
    list_select_related = ["content_type"]
    date_hierarchy = "created_at"
    show_full_result_count = False  # counting a long history on every page is slow


@admin.register(ChainHead)
class ChainHeadAdmin(ReadOnlyAdmin):
    list_display = ["seq", "hash"]


@admin.register(PersonalData)
class PersonalDataAdmin(ReadOnlyAdmin):
    """Which objects hold personal values and whether they were erased (``core.personal``)."""

    list_display = ["id", "content_type", "object_id", "created_at", "erased_at"]
    list_filter = ["content_type", "erased_at"]
    search_fields = ["=id", "=object_id"]
