from django.urls import path

from tracking import views
from tracking.dashboard import views as dashboard_views
from tracking.reports import views as report_views

app_name = "tracking"
urlpatterns = [
    path("dashboard/", dashboard_views.dashboard_view, name="dashboard"),
    path("dashboard/figures/", dashboard_views.dashboard_figures_view, name="dashboard_figures"),
    path("mandates/", views.mandate_list_view, name="mandate_list"),
    path("follow/", views.follow_view, name="follow"),
    path("follow-ups/", views.my_follows_view, name="my_follows"),
    path("sessions/<id:pk>/", views.session_view, name="session"),
    path("reports/sessions/<id:pk>/", report_views.session_report_view, name="session_report"),
    path(
        "reports/sessions/<id:pk>/report.docx",
        report_views.session_report_docx_view,
        name="session_report_docx",
    ),
    # The .docx address first: a symbol may contain dots and slashes.
    path(
        "reports/<symbol:symbol>/report.docx",
        report_views.resolution_report_docx_view,
        name="resolution_report_docx",
    ),
    path("reports/<symbol:symbol>/", report_views.resolution_report_view, name="resolution_report"),
    path("mandates/mine/", views.my_work_view, name="my_work"),
    path("mandates/<id:pk>/", views.mandate_detail_view, name="mandate"),
    path("mandates/<id:pk>/status/", views.mandate_status_view, name="mandate_status"),
    path("mandates/<id:pk>/edit/", views.mandate_edit_view, name="mandate_edit"),
    path("mandates/<id:pk>/review/", views.mandate_review_view, name="mandate_review"),
    path("mandates/<id:pk>/accept/", views.mandate_accept_view, name="mandate_accept"),
    path("paragraphs/<id:paragraph_pk>/mandates/new/", views.mandate_add_view, name="mandate_add"),
    path("actors/<slug:key>/", views.actor_view, name="actor"),
]
