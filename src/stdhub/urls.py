from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/conformance/", include("stdhub.conformance.api_urls")),
    path("api/v1/", include("stdhub.api_urls")),
    path("workspace/", include("stdhub.workspace_urls")),
    path("data-standards/", include("stdhub.conformance.urls")),
    path("programme/", include("stdhub.programme.urls")),
    path("evaluation/", include("stdhub.evaluation.urls")),
    path("frameworks/", include("stdhub.framework.urls")),
    path("pilots/", include("stdhub.pilots.urls")),
    path("committees/", include("stdhub.committees.urls")),
    path("", include("stdhub.projects.public_urls")),
    path("", include("stdhub.portal.urls")),
]
