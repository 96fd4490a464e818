from django.urls import path

from . import views

app_name = "framework"
urlpatterns = [
    path("", views.framework_list, name="list"),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/tables/", views.tables, name="tables"),
    path("<slug:code>/gaps/", views.gaps, name="gaps"),
    path("<slug:code>/export.xlsx", views.export, name="export"),
    path("<slug:code>/structure.svg", views.structure_svg, name="structure"),
    path("<slug:code>/nodes/", views.add_node, name="add-node"),
    path("<slug:code>/import/", views.import_workbook, name="import"),
    path("<slug:code>/nodes/<str:node_code>/", views.node, name="node"),
    path("<slug:code>/nodes/<str:node_code>/entries/", views.add_entry, name="add-entry"),
    path("<slug:code>/nodes/<str:node_code>/demands/", views.submit_demand, name="demand"),
    path("<slug:code>/nodes/<str:node_code>/demands/<int:pk>/review/", views.review_demand,
         name="review-demand"),
]
