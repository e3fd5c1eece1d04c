from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from resolutions.access import can_read, read_required, staff_required
from resolutions.models import Paragraph, Resolution, Session
from tracking import fragments, services
from tracking.forms import MandateEditForm, MandateForm, StatusForm, VersionedForm
from tracking.models import Actor, Mandate
from tracking.paging import lookahead_page, match_count
from tracking.selectors import (
    follows_of,
    is_following,
    mandate_detail,
    mandate_list,
    mandates_of_actor,
    mandates_of_focal_point,
    mandates_of_session,
)
from tracking.states.selectors import mandate_rollup
from tracking.templatetags.tracking import CARD_MESSAGE


def _visible_mandate(request, pk) -> Mandate:
    mandate = mandate_detail(pk=pk, user=request.user, language=request.GET.get("lang"))
    if mandate is None:
        raise Http404(_("No such mandate."))
    return mandate


def _concurrent_context(error: services.ConcurrentEdit) -> dict:
    return {"conflict": error.events}


def _refused_mandate_form(request, pk, context, error: services.TrackingError):
    """Show the mandate form again after the service refused to save it. After a
    concurrent edit the form shows the current values, with what changed."""
    if isinstance(error, services.ConcurrentEdit):
        context.update(_concurrent_context(error))
        fresh = _visible_mandate(request, pk)
        context["form"] = MandateEditForm(initial=MandateForm.initial_for(fresh))
        return render(request, "tracking/mandate_form.html", context, status=409)
    context["errors"] = [str(error)]
    return render(request, "tracking/mandate_form.html", context, status=400)


@read_required
def mandate_detail_view(request, pk):
    return _mandate_page(request, pk)


def _mandate_page(request, pk, *, mandate=None, status=200, **context):
    """The mandate page: its parts that every reader of an audience sees, from the cache
    (tracking/fragments.py), and around them what is the reader's own: the follow button
    and, for staff, the status form (a new one unless `context` holds one)."""
    key = fragments.fragment_key(
        "mandate",
        user=request.user,
        parts=(pk, request.GET.get("lang")),
        version=fragments.content_version(),
    )

    def render_parts() -> dict | None:
        nonlocal mandate
        shown = mandate_detail(pk=pk, user=request.user, language=request.GET.get("lang"))
        if shown is None:
            return None
        mandate = mandate or shown
        part_context = {"mandate": shown, "state_rollup": mandate_rollup(mandate=shown)}
        return {
            "title": f"{shown.paragraph.resolution.symbol} {shown.paragraph.reference}",
            "accepted": shown.review == Mandate.Review.ACCEPTED,
            **{
                name: render_to_string(f"tracking/_mandate_{name}.html", part_context, request)
                for name in ("head", "request", "history")
            },
        }

    parts = fragments.cached(key, render_parts)
    if parts is None:
        raise Http404(_("No such mandate."))
    parts = {
        name: fragments.html(value) if name in ("head", "request", "history") else value
        for name, value in parts.items()
    }
    target = mandate or Mandate(pk=pk)
    context = {
        "parts": parts,
        "target": target,
        "following": is_following(user=request.user, target=target),
        **context,
    }
    if request.user.has_perm("tracking.change_mandate_status") and "status_form" not in context:
        mandate = mandate or _visible_mandate(request, pk)
        context["status_form"] = StatusForm(mandate=mandate, initial={"version": mandate.version})
    return render(request, "tracking/mandate_detail.html", context, status=status)


@staff_required("tracking.change_mandate_status")
@require_POST
def mandate_status_view(request, pk):
    mandate = _visible_mandate(request, pk)
    form = StatusForm(request.POST, mandate=mandate)
    if form.is_valid():
        data = form.cleaned_data
        evidence = {
            "evidence_url": data["evidence_url"],
            "evidence_symbol": data["evidence_symbol"],
        }
        try:
            if data["status"]:
                services.mandate_set_status(
                    mandate=mandate,
                    status=data["status"],
                    user=request.user,
                    comment=data["comment"],
                    expected_version=data["version"],
                    **evidence,
                )
                done = _("The status was changed.")
            else:
                services.mandate_comment(
                    mandate=mandate,
                    user=request.user,
                    comment=data["comment"],
                    expected_version=data["version"],
                    internal=data["internal"],
                    **evidence,
                )
                done = _("The note was added.")
        except services.ConcurrentEdit as error:
            mandate = _visible_mandate(request, pk)
            form = StatusForm(mandate=mandate, initial={**data, "version": mandate.version})
            return _mandate_page(
                request,
                pk,
                mandate=mandate,
                status=409,
                status_form=form,
                **_concurrent_context(error),
            )
        except services.TrackingError as error:
            return _mandate_page(
                request, pk, mandate=mandate, status=400, status_form=form, errors=[str(error)]
            )
        messages.success(request, done)
        return redirect(mandate)
    return _mandate_page(request, pk, mandate=mandate, status=400, status_form=form)


@staff_required("tracking.change_mandate")
@require_http_methods(["GET", "POST"])
def mandate_edit_view(request, pk):
    mandate = _visible_mandate(request, pk)
    if request.method == "GET":
        form = MandateEditForm(initial=MandateForm.initial_for(mandate))
        return render(request, "tracking/mandate_form.html", {"mandate": mandate, "form": form})
    form = MandateEditForm(request.POST)
    context = {"mandate": mandate, "form": form}
    if form.is_valid():
        try:
            services.mandate_update(
                mandate=mandate,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                comment=form.cleaned_data["comment"],
                **form.changes(),
            )
        except services.TrackingError as error:
            return _refused_mandate_form(request, pk, context, error)
        messages.success(request, _("The mandate was saved."))
        return redirect(mandate)
    return render(request, "tracking/mandate_form.html", context, status=400)


@staff_required("tracking.review_mandate")
@require_http_methods(["GET", "POST"])
def mandate_review_view(request, pk):
    """Accept a suggestion as it is or corrected, or reject it."""
    mandate = _visible_mandate(request, pk)
    back = mandate.paragraph.get_absolute_url()
    if request.method == "GET":
        form = MandateEditForm(initial=MandateForm.initial_for(mandate))
        return render(
            request,
            "tracking/mandate_form.html",
            {"mandate": mandate, "form": form, "review": True},
        )
    reject = "reject" in request.POST
    form = VersionedForm(request.POST) if reject else MandateEditForm(request.POST)
    context = {"mandate": mandate, "form": form, "review": True}
    if form.is_valid():
        try:
            if reject:
                services.mandate_reject(
                    mandate=mandate,
                    user=request.user,
                    expected_version=form.cleaned_data["version"],
                    comment=request.POST.get("comment", "")[:5000],
                )
                messages.success(request, _("The suggestion was rejected."))
            else:
                services.mandate_accept(
                    mandate=mandate,
                    user=request.user,
                    expected_version=form.cleaned_data["version"],
                    comment=form.cleaned_data["comment"],
                    **form.changes(),
                )
                messages.success(request, _("The mandate was accepted."))
        except services.TrackingError as error:
            return _refused_mandate_form(request, pk, context, error)
        return redirect(back)
    if reject:
        context["form"] = MandateEditForm(initial=MandateForm.initial_for(mandate))
        context["errors"] = [_("The form was out of date; reload the page.")]
    return render(request, "tracking/mandate_form.html", context, status=400)


@staff_required("tracking.review_mandate")
@require_POST
def mandate_accept_view(request, pk):
    """Accept a suggestion as it stands, from the resolution page."""
    mandate = _visible_mandate(request, pk)
    # The page comes back scrolled to the card: the confirmation is shown on it.
    card = CARD_MESSAGE.format(mandate.pk)
    back = f"{mandate.paragraph.resolution.get_absolute_url()}#{card}"
    form = VersionedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was out of date; reload the page."), extra_tags=card)
        return redirect(back)
    try:
        services.mandate_accept(
            mandate=mandate, user=request.user, expected_version=form.cleaned_data["version"]
        )
        messages.success(request, _("The mandate was accepted."), extra_tags=card)
    except services.TrackingError as error:
        messages.error(request, str(error), extra_tags=card)
    return redirect(back)


@staff_required("tracking.add_mandate")
@require_http_methods(["GET", "POST"])
def mandate_add_view(request, paragraph_pk):
    paragraph = get_object_or_404(
        Paragraph.objects.select_related("resolution"),
        pk=paragraph_pk,
        kind=Paragraph.Kind.OPERATIVE,
        parent__isnull=True,
    )
    form = MandateForm(request.POST or None)
    context = {"paragraph": paragraph, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            changes = form.changes()
            changes.pop("is_internal", None)
            changes.pop("internal_notes", None)
            services.mandate_create(paragraph=paragraph, user=request.user, **changes)
        except services.TrackingError as error:
            context["errors"] = [str(error)]
            return render(request, "tracking/mandate_form.html", context, status=400)
        messages.success(request, _("The mandate was added."))
        return redirect(paragraph.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "tracking/mandate_form.html", context, status=status)


def _status(page) -> int:
    """A page past the end of a list names no page that exists (see mandate_list_view)."""
    return 404 if page.past_the_end else 200


@login_required
def my_work_view(request):
    queryset = mandates_of_focal_point(user=request.user)
    page = lookahead_page(queryset, request.GET.get("page"), settings.SUIVI_PAGE_SIZE)
    return render(request, "tracking/my_work.html", {"page": page}, status=_status(page))


@read_required
def actor_view(request, key):
    # The children (in the reader's name order) serve the page and the selector.
    children = Prefetch("children", queryset=Actor.objects.order_by(*Actor.name_order()))
    actors = Actor.objects.select_related("parent").prefetch_related(children)
    actor = get_object_or_404(actors, key=key)
    queryset = mandates_of_actor(actor=actor, user=request.user)
    page = lookahead_page(queryset, request.GET.get("page"), settings.SUIVI_PAGE_SIZE)
    context = {
        "actor": actor,
        "children": list(actor.children.all()),
        "page": page,
        "following": is_following(user=request.user, target=actor),
    }
    return render(request, "tracking/actor.html", context, status=_status(page))


@read_required
def mandate_list_view(request):
    """The list's content (filters and rows) is kept in the cache per audience, language,
    filters and data version (tracking/fragments.py): readers of the same audience share it.
    A list of the reader's own follow-ups is theirs alone and rendered each time.

    The list says how many mandates match. Counting them is the price of reading them all
    (about 60 ms for the 147,000 mandates of the full bench, 300 ms for a common word),
    so the count is kept in the cache too, under the filters without the page: it is
    taken once per data version for every page of the list.

    A page past the end answers 404 with the list's frame, saying so and linking to the
    last and first pages: the address names no page that exists (a link checker or a
    search engine learns it), and a person who followed an old link reads why and where
    to go."""
    followed = "followed" in request.GET
    filters = tuple(sorted((key, values) for key, values in request.GET.lists() if key != "page"))

    def render_content() -> tuple[int, str]:
        filterset, queryset = mandate_list(filters=request.GET, user=request.user)
        count_key = None
        count = None
        if not followed and not filterset.errors:
            count_key = fragments.fragment_key(
                "mandate_count", user=request.user, parts=filters, version=version
            )
            count = cache.get(count_key)
        page = lookahead_page(
            queryset, request.GET.get("page"), settings.SUIVI_PAGE_SIZE, count=count
        )
        if count is None and not filterset.errors:
            # Counted even when the page's route counted its matches on the way: a page
            # then runs the same queries whichever route its filters take.
            page.count = match_count(queryset)
        if count_key is not None and count is None:
            cache.set(count_key, page.count, fragments.FRAGMENT_SECONDS)
        query = request.GET.copy()
        query.pop("page", None)
        context = {"filter": filterset, "page": page, "query": query.urlencode()}
        content = render_to_string("tracking/_mandate_list_content.html", context, request)
        return 400 if filterset.errors else _status(page), content

    if any(value == "" for value in request.GET.values()):
        # A filter form sends every field, set or not: the address to share carries only
        # the filters that are set.
        kept = [(key, v) for key, values in request.GET.lists() for v in values if v != ""]
        return redirect(f"{request.path}?{urlencode(kept)}" if kept else request.path)
    version = None
    if followed:
        status, content = render_content()
    else:
        version = fragments.content_version()
        key = fragments.fragment_key(
            "mandate_list",
            user=request.user,
            parts=tuple(sorted(request.GET.lists())),
            version=version,
        )
        status, content = fragments.cached(key, render_content)
    context = {"content": fragments.html(content)}
    return render(request, "tracking/mandate_list.html", context, status=status)


@read_required
def session_view(request, pk):
    session = get_object_or_404(Session.objects.select_related("body"), pk=pk)
    queryset = mandates_of_session(session=session, user=request.user)
    page = lookahead_page(queryset, request.GET.get("page"), settings.SUIVI_PAGE_SIZE)
    context = {"session": session, "page": page}
    return render(request, "tracking/session.html", context, status=_status(page))


FOLLOW_TARGETS = {
    "mandate": lambda request, pk: _visible_mandate(request, pk),
    "actor": lambda request, pk: get_object_or_404(Actor, pk=pk),
    "resolution": lambda request, pk: get_object_or_404(Resolution, pk=pk),
}


@login_required
@require_POST
def follow_view(request):
    """Follow or stop following; the form says what and comes back where it was."""
    kind = request.POST.get("kind", "")
    pk = request.POST.get("pk", "")
    if kind not in FOLLOW_TARGETS or not pk.isdigit() or not can_read(request.user):
        return HttpResponseBadRequest(_("Nothing to follow here."))
    target = FOLLOW_TARGETS[kind](request, int(pk))
    following = request.POST.get("follow") == "1"
    services.follow_set(user=request.user, target=target, following=following)
    messages.success(
        request, _("You now follow this.") if following else _("You no longer follow this.")
    )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = target.get_absolute_url()
    return redirect(next_url)


@login_required
def my_follows_view(request):
    filters = request.GET.copy()
    filters["followed"] = "yes"
    filterset, queryset = mandate_list(filters=filters, user=request.user)
    page = lookahead_page(queryset, request.GET.get("page"), settings.SUIVI_PAGE_SIZE)
    context = {"follows": follows_of(user=request.user), "page": page}
    return render(request, "tracking/my_follows.html", context, status=_status(page))
