from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.public, name="public"),
    path("campaigns/", views.campaigns, name="campaigns"),
    path("campaigns/<int:pk>/", views.campaign, name="campaign"),
    path("campaigns/<int:pk>/subjects/", views.add_subject, name="add-subject"),
    path("campaigns/<int:pk>/close/", views.close, name="close"),
    path("campaigns/<int:pk>/report/", views.report, name="report"),
    path("subjects/<int:pk>/assign/", views.assign, name="assign"),
    path("subjects/<int:pk>/decide/", views.decide, name="decide"),
    path("subjects/<int:pk>/publish/", views.publish, name="publish"),
    path("mine/", views.mine, name="mine"),
    path("assessments/<int:pk>/", views.assessment, name="assessment"),
    path("assessments/<int:pk>/evidence/", views.add_evidence, name="add-evidence"),
    path("assessments/<int:pk>/evidence/<int:evidence_pk>/", views.evidence, name="evidence"),
    path("assessments/<int:pk>/return/", views.return_assessment, name="return"),
]
