from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy

from config import converters
from tracking.reminders.views import language_switch_view
from tracking.states.views import home_view

# Before the apps' URL modules are read: they use these converters.
converters.register()

# The administration says whose it is, in the reader's language, rather than "Django
# administration".
admin.site.site_header = gettext_lazy("Suivi administration")
admin.site.site_title = gettext_lazy("Suivi administration")

urlpatterns = [
    path("", home_view, name="home"),
    # Before resolutions/: it holds the matrix, /resolutions/<symbol>/states/, which the
    # resolution page's pattern would otherwise take (a symbol may contain slashes).
    path("", include("tracking.states.urls")),
    path("resolutions/", include("resolutions.urls")),
    path("", include("tracking.urls")),
    path("", include("tracking.reminders.urls")),
    path("", include("tracking.exports.urls")),
    path("", include("tracking.review.urls")),
    path("accounts/", include("accounts.urls")),
    path("api/", include("api.urls")),
    # Django's language switch, which also sets the language of the person's emails.
    path("i18n/setlang/", language_switch_view, name="set_language"),
    path("admin/", admin.site.urls),
]
