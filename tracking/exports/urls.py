from django.urls import path

from tracking.exports import views

app_name = "exports"
urlpatterns = [
    path("mandates/export.csv", views.export_csv_view, name="csv"),
    path("mandates/export.xlsx", views.export_xlsx_view, name="xlsx"),
    path("mandates/export.json", views.export_json_view, name="json"),
    path(
        "mandates/import-spreadsheet/",
        views.spreadsheet_import_view,
        name="spreadsheet_import",
    ),
    path(
        "mandates/import-spreadsheet/apply/",
        views.spreadsheet_apply_view,
        name="spreadsheet_apply",
    ),
    path("calendar/", views.calendar_view, name="calendar"),
    path("calendar/<token:token>.ics", views.calendar_feed_view, name="calendar_feed"),
]
