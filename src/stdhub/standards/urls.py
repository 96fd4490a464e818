"""The registry's workspace pages, under /workspace/standards/ (namespace ``workspace``)."""

from django.urls import path

from . import export_views, views

urlpatterns = [
    path("", views.standard_list, name="standards"),
    path("export/", export_views.export_standards, name="standards-export"),
    path("exports/<int:pk>/", export_views.export_job, name="standards-export-job"),
    path("exports/<int:pk>/file/", export_views.export_download,
         name="standards-export-download"),
    path("new/", views.standard_create, name="standard-add"),
    path("<int:pk>/", views.standard_detail, name="standard"),
    path("<int:pk>/edit/", views.standard_edit, name="standard-edit"),
]
