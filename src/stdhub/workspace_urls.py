"""Staff workspace (login required): each app's pages under /workspace/."""

from django.urls import path
from django.views.generic import TemplateView

app_name = "workspace"
urlpatterns = [
    path("", TemplateView.as_view(template_name="base.html"), name="home"),
]
