"""The API token page, under /workspace/tokens/ (namespace ``workspace``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.token_list, name="tokens"),
    path("<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
]
