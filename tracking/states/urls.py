from django.urls import path

from tracking.states import views

app_name = "states"
urlpatterns = [
    path("states/", views.state_list_view, name="list"),
    path("states/reports/", views.report_queue_view, name="reports"),
    path("states/import/", views.spreadsheet_import_view, name="spreadsheet_import"),
    path("states/import/apply/", views.spreadsheet_apply_view, name="spreadsheet_apply"),
    path("states/reports/<id:pk>/accept/", views.report_accept_view, name="report_accept"),
    path("states/reports/<id:pk>/return/", views.report_return_view, name="report_return"),
    path("states/<str:iso3>/", views.state_view, name="state"),
    path("states/<str:iso3>/mandates/<id:pk>/", views.state_cell_view, name="cell"),
    # Mounted before resolutions/ (config/urls.py): the resolution page's pattern takes
    # slashes in a symbol and would read "…/states/" as part of one.
    path("resolutions/<symbol:symbol>/states/", views.matrix_view, name="matrix"),
    path("resolutions/<symbol:symbol>/states.csv", views.matrix_csv_view, name="matrix_csv"),
    path("resolutions/<symbol:symbol>/states.xlsx", views.matrix_xlsx_view, name="matrix_xlsx"),
    path("resolutions/<symbol:symbol>/states/entry.xlsx", views.entry_xlsx_view, name="entry_xlsx"),
]
