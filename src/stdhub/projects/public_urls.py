"""Public project pages: open comment periods, a project and its comment form, documents, feeds."""

from django.urls import path

from . import feeds, views

app_name = "projects"
urlpatterns = [
    path("comments/", views.comment_periods, name="comment-periods"),
    path("projects/<int:pk>/", views.public_project, name="public"),
    path("projects/documents/<int:pk>/", views.document_download, name="document"),
    path("feeds/comment-periods/", feeds.CommentPeriodFeed(), name="feed-comment-periods"),
    path("feeds/standards/", feeds.NewStandardsFeed(), name="feed-standards"),
]
