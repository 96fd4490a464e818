"""Admin views of evaluation, read-only: writes go through the services, which audit them."""

from django.contrib import admin

from stdhub.core.admin import ReadOnlyAdmin

from .models import Assessment, Campaign, Decision, Scheme, Subject


@admin.register(Scheme)
class SchemeAdmin(ReadOnlyAdmin):
    list_display = ["key", "name", "subject_kind"]


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["year", "title", "scheme", "deadline", "status"]


@admin.register(Subject)
class SubjectAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "label", "subject_kind", "published"]
    list_filter = ["campaign", "published"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["subject", "evaluator", "evaluator_org", "deadline", "status"]
    list_filter = ["status"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["subject", "outcome", "total", "grade", "decided_at"]
