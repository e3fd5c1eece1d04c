from django.urls import path

from tracking import views_reminders

app_name = "reminders"
urlpatterns = [
    path("reminders/", views_reminders.reminder_log_view, name="log"),
    path(
        "reminders/preferences/<str:token>/",
        views_reminders.reminder_preferences_view,
        name="preferences",
    ),
]
