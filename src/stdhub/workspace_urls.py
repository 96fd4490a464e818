"""Staff workspace (login required): each app's pages under /workspace/."""

from django.urls import include, path

from . import workspace_views

app_name = "workspace"
urlpatterns = [
    path("", workspace_views.home, name="home"),
    path("standards/", include("stdhub.standards.urls")),
    path("tokens/", include("stdhub.orgs.urls")),
    path("projects/", include("stdhub.projects.urls")),
    path("notices/", include("stdhub.notifications.urls")),
]
