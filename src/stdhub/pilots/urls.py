from django.urls import path

from . import views

app_name = "pilots"
urlpatterns = [
    path("", views.pilot_list, name="list"),
    path("new/", views.pilot_create, name="add"),
    path("<int:pk>/", views.pilot_detail, name="detail"),
    path("<int:pk>/move/", views.pilot_move, name="move"),
    path("<int:pk>/documents/", views.document_upload, name="upload"),
    path("documents/<int:pk>/", views.document_download, name="document"),
]
