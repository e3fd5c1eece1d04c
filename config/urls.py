from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from config import converters

# Before the apps' URL modules are read: they use these converters.
converters.register()

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="tracking:dashboard"), name="home"),
    path("resolutions/", include("resolutions.urls")),
    path("", include("tracking.urls")),
    path("", include("tracking.reminders.urls")),
    path("", include("tracking.exports.urls")),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
