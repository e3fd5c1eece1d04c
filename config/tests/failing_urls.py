"""The site's URLs and one that fails, for the tests of the 500 page."""

from django.urls import path

from config.urls import urlpatterns as site


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [*site, path("broken/", broken_view)]
