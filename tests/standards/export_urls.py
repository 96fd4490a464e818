"""The export view on its own, at its workspace address, beside the login page it redirects to."""

from django.contrib.auth import views as auth_views
from django.urls import path

from stdhub.standards.export_views import export_standards

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("workspace/standards/export/", export_standards),
]
