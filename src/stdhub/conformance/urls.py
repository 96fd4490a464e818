"""The data-standards section, included under /data-standards/ (namespace ``conformance``)."""

from django.urls import path

from . import views

app_name = "conformance"
urlpatterns = [
    path("", views.standard_list, name="standards"),
    path("new/", views.standard_create, name="standard-add"),
    path("<int:pk>/", views.standard_detail, name="standard"),
    path("<int:pk>/versions/new/", views.version_create, name="version-add"),
    path("<int:pk>/test/", views.run_create, name="run-add"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
    path("versions/<int:pk>/schema.json", views.version_schema, name="version-schema"),
    path("runs/", views.run_list, name="runs"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/progress/", views.run_progress, name="run-progress"),
    path("runs/<int:pk>/report.xlsx", views.run_report_xlsx, name="run-report-xlsx"),
    path("runs/<int:pk>/errors.csv", views.run_errors, name="run-errors"),
    path("code-lists/", views.code_list_list, name="code-lists"),
    path("code-lists/import/", views.code_list_import, name="code-list-import"),
    # Identifiers such as "GB/T 2260" contain slashes.
    path("code-lists/<path:identifier>/", views.code_list_detail, name="code-list"),
]
