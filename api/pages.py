"""The API's pages for people: its documentation, and the page where a user makes and
revokes their personal tokens."""

import datetime

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from drf_spectacular.views import SpectacularSwaggerSplitView

from api.forms import TokenForm
from api.models import ApiToken
from api.services import token_create, token_revoke


@method_decorator(csp_update({"img-src": ["'self'", "data:"]}), name="dispatch")
class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the project's own static files (drf-spectacular-sidecar), its
    start-up script fetched from this view rather than written inline, and its few
    styles in a stylesheet: the site's Content-Security-Policy holds, but for the icons
    that Swagger UI's stylesheet draws as data: images, allowed on this page alone."""

    template_name = "api/swagger_ui.html"


@login_required
@require_http_methods(["GET", "POST"])
def tokens_view(request):
    form = TokenForm()
    secret = None
    if request.method == "POST" and "revoke" in request.POST:
        pk = request.POST["revoke"]
        if pk.isdigit() and token_revoke(user=request.user, pk=int(pk)):
            messages.success(request, _("The token was revoked: it no longer opens the API."))
        return redirect("api:tokens")
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            days = form.cleaned_data["expires"]
            expires_at = timezone.now() + datetime.timedelta(days=int(days)) if days else None
            _token, secret = token_create(
                user=request.user, name=form.cleaned_data["name"], expires_at=expires_at
            )
            form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at", "-id")
    context = {"form": form, "secret": secret, "tokens": tokens, "now": timezone.now()}
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)
