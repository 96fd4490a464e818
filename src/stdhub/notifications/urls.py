"""Notice pages under /workspace/notices/ (namespace ``workspace``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.notice_list, name="notices"),
    path("read/", views.notices_read, name="notices-read"),
    path("email/", views.email_preference, name="notices-email"),
    path("follow/<int:type_id>/<int:pk>/", views.follow, name="follow"),
    path("unfollow/<int:type_id>/<int:pk>/", views.unfollow, name="unfollow"),
]
