from django.urls import path

from . import views

app_name = "programme"
urlpatterns = [
    path("", views.latest, name="latest"),
    path("<str:code>/", views.dashboard, name="detail"),
    path("<str:code>/targets/<slug:key>/", views.target, name="target"),
    path("<str:code>/report/<int:year>/", views.annual, name="annual"),
    path("<str:code>/tasks/<int:number>/", views.task, name="task"),
    path("<str:code>/tasks/<int:number>/report/", views.report, name="report"),
    path("<str:code>/tasks/<int:number>/reports/<int:pk>/review/", views.review, name="review"),
    path("<str:code>/tasks/<int:number>/reports/<int:pk>/evidence/<int:file_pk>/",
         views.evidence, name="evidence"),
]
