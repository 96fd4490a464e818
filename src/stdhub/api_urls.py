"""REST API v1: every app's routes, a token for writes, the OpenAPI schema and its offline docs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from stdhub.committees.api import CommitteeViewSet
from stdhub.evaluation.api import (
                                   AssessmentViewSet,
                                   CampaignViewSet,
                                   PublishedResultViewSet,
                                   SchemeViewSet,
)
from stdhub.framework.api import FrameworkViewSet
from stdhub.orgs.api import ApiTokenViewSet, OrganizationViewSet, TokenView
from stdhub.pilots.api import PilotViewSet
from stdhub.programme.api import ProgrammeViewSet, ReportViewSet
from stdhub.projects.api import ProjectViewSet
from stdhub.standards.api import CCSClassViewSet, ICSClassViewSet, StandardViewSet

router = DefaultRouter()
router.include_format_suffixes = False
router.register("standards", StandardViewSet, basename="api-standard")
router.register("organizations", OrganizationViewSet, basename="api-organization")
router.register("ics", ICSClassViewSet, basename="api-ics")
router.register("ccs", CCSClassViewSet, basename="api-ccs")
router.register("frameworks", FrameworkViewSet, basename="api-framework")
router.register("programmes", ProgrammeViewSet, basename="api-programme")
router.register("progress-reports", ReportViewSet, basename="api-progress-report")
router.register("auth/tokens", ApiTokenViewSet, basename="api-token-mine")
router.register("projects", ProjectViewSet, basename="api-project")
router.register("pilots", PilotViewSet, basename="api-pilot")
router.register("committees", CommitteeViewSet, basename="api-committee")
router.register("evaluation/schemes", SchemeViewSet, basename="api-evaluation-scheme")
router.register("evaluation/campaigns", CampaignViewSet, basename="api-evaluation-campaign")
router.register("evaluation/assessments", AssessmentViewSet, basename="api-assessment")
router.register("evaluation/results", PublishedResultViewSet, basename="api-evaluation-result")

urlpatterns = [
    # POST username + password → {"token": key, ...}; send it as "Authorization: Token <key>".
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file (?script): no inline script for the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(
        url_name="api-schema", template_name="api/swagger_ui.html"), name="api-docs"),
    *router.urls,
]
