from django.urls import path

from resolutions import views

app_name = "resolutions"
urlpatterns = [
    path("", views.resolution_list_view, name="list"),
    path("import/", views.resolution_import_view, name="import"),
    path("import/batches/<id:pk>/", views.resolution_import_batch_view, name="import_batch"),
    # Symbols contain slashes (ICC-ASP/11/Res.5): the symbol converter takes them.
    path("<symbol:symbol>/", views.resolution_detail_view, name="detail"),
]
