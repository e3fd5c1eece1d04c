from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from api import exceptions, pages, views

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", pages.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("tokens/", pages.tokens_view, name="tokens"),
    path("v1/resolutions/", views.ResolutionListView.as_view(), name="resolutions"),
    # Symbols contain slashes (ICC-ASP/11/Res.5): the symbol converter takes them.
    path(
        "v1/resolutions/<symbol:symbol>/", views.ResolutionDetailView.as_view(), name="resolution"
    ),
    path("v1/mandates/", views.MandateListView.as_view(), name="mandates"),
    path("v1/mandates/<id:pk>/", views.MandateDetailView.as_view(), name="mandate"),
    path("v1/mandates/<id:pk>/status/", views.MandateStatusView.as_view(), name="mandate_status"),
    path("v1/actors/", views.ActorListView.as_view(), name="actors"),
    path("v1/sessions/", views.SessionListView.as_view(), name="sessions"),
    path("v1/states/", views.StateListView.as_view(), name="states"),
    path("v1/states/<str:iso3>/", views.StateDetailView.as_view(), name="state"),
    path(
        "v1/states/<str:iso3>/mandates/<id:pk>/",
        views.StateProgressView.as_view(),
        name="state_progress",
    ),
    # Anything else under /api/ is a 404 in JSON, like every other refusal of the API.
    re_path(r"^.*$", exceptions.not_found),
]
