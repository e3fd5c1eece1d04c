from django.urls import path

from tracking.states import views

app_name = "states"
urlpatterns = [
    path("states/", views.state_list_view, name="list"),
    path("states/reports/", views.report_queue_view, name="reports"),
    path("states/reports/<id:pk>/accept/", views.report_accept_view, name="report_accept"),
    path("states/reports/<id:pk>/return/", views.report_return_view, name="report_return"),
    path("states/<str:iso3>/", views.state_view, name="state"),
    path("states/<str:iso3>/mandates/<id:pk>/", views.state_cell_view, name="cell"),
]
