"""Project pages under /workspace/projects/ (namespace ``workspace``)."""

from django.urls import path

from . import exports, views

urlpatterns = [
    path("", views.project_list, name="projects"),
    path("new/", views.project_create, name="project-add"),
    path("similar/", views.similar_titles, name="project-similar"),
    path("periodic-review/", views.periodic_reviews, name="periodic-reviews"),
    path("<int:pk>/", views.project_detail, name="project"),
    path("<int:pk>/move/", views.project_move, name="project-move"),
    path("<int:pk>/documents/", views.document_upload, name="project-upload"),
    path("<int:pk>/comments/<int:number>/dispose/", views.comment_dispose,
         name="project-dispose"),
    path("<int:pk>/comments/<int:number>/erase/", views.comment_erase, name="project-erase"),
    path("<int:pk>/review/", views.review_open, name="project-review"),
    path("<int:pk>/vote/", views.review_vote, name="project-vote"),
    path("<int:pk>/comments.<str:fmt>", exports.disposition_table, name="project-comments"),
    path("<int:pk>/explanation-template.docx", exports.explanation_template,
         name="project-explanation"),
]
