"""REST routes of the data-standards section, included under /api/v1/conformance/."""

from rest_framework.routers import DefaultRouter

from .api import CodeListViewSet, DataStandardViewSet, RunViewSet, VersionViewSet

router = DefaultRouter()
router.root_view_name = "api-conformance-root"  # the project API keeps "api-root"
router.include_format_suffixes = False
router.register("data-standards", DataStandardViewSet, basename="api-conformance-standard")
router.register("versions", VersionViewSet, basename="api-conformance-version")
router.register("runs", RunViewSet, basename="api-conformance-run")
router.register("code-lists", CodeListViewSet, basename="api-conformance-code-list")

urlpatterns = router.urls
