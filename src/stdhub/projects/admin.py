"""Admin views of projects, read-only: edits go through the workspace, which audits them."""

from django.contrib import admin

from stdhub.core.admin import ReadOnlyAdmin

from .models import Comment, Project, ProjectDocument, Review, ReviewVote


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["plan_number", "title", "kind", "level", "stage", "substate", "due_on",
                    "lead_org", "responsible_org"]
    list_filter = ["stage", "substate", "kind", "level"]
    search_fields = ["plan_number", "title"]
    list_select_related = ["lead_org", "responsible_org"]


@admin.register(ProjectDocument)
class ProjectDocumentAdmin(ReadOnlyAdmin):
    list_display = ["project", "kind", "number", "original_name", "size", "uploaded_at"]
    list_filter = ["kind"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["project", "number", "clause", "disposition", "submitted_at"]
    list_filter = ["disposition"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["project", "mode", "held_on", "created_at"]


@admin.register(ReviewVote)
class ReviewVoteAdmin(ReadOnlyAdmin):
    list_display = ["review", "expert", "position", "cast_at"]
