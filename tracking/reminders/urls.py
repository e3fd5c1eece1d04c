from django.urls import path

from tracking.reminders import views

app_name = "reminders"
urlpatterns = [
    path("reminders/", views.reminder_log_view, name="log"),
    path(
        "reminders/preferences/<token:token>/",
        views.reminder_preferences_view,
        name="preferences",
    ),
]
