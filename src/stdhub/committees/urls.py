from django.urls import path

from . import views

app_name = "committees"
urlpatterns = [
    path("", views.committee_list, name="list"),
    path("new/", views.committee_create, name="add"),
    path("<int:pk>/", views.committee_detail, name="detail"),
    path("<int:pk>/dissolve/", views.committee_dissolve, name="dissolve"),
    path("<int:pk>/members/", views.member_add, name="member-add"),
    path("<int:pk>/members/<int:member>/end/", views.member_end, name="member-end"),
    path("<int:pk>/standards/", views.standard_link, name="standard-link"),
    path("<int:pk>/standards/<int:link>/remove/", views.standard_unlink,
         name="standard-unlink"),
    path("<int:pk>/international/", views.participation_add, name="participation-add"),
    path("<int:pk>/international/<int:item>/remove/", views.participation_remove,
         name="participation-remove"),
]
