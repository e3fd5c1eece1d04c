from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from resolutions.access import read_required, staff_required
from resolutions.models import Paragraph
from tracking import services
from tracking.forms import MandateEditForm, MandateForm, StatusForm, VersionedForm
from tracking.models import Actor, Mandate
from tracking.selectors import (
    mandate_detail,
    mandates_of_actor,
    mandates_of_focal_point,
)


def _visible_mandate(request, pk) -> Mandate:
    mandate = mandate_detail(pk=pk, user=request.user, language=request.GET.get("lang"))
    if mandate is None:
        raise Http404(_("No such mandate."))
    return mandate


def _concurrent_context(error: services.ConcurrentEdit) -> dict:
    return {"conflict": error.events}


@read_required
def mandate_detail_view(request, pk):
    mandate = _visible_mandate(request, pk)
    context = {"mandate": mandate}
    if request.user.has_perm("tracking.change_mandate_status"):
        context["status_form"] = StatusForm(mandate=mandate, initial={"version": mandate.version})
    return render(request, "tracking/mandate_detail.html", context)


@staff_required("tracking.change_mandate_status")
@require_POST
def mandate_status_view(request, pk):
    mandate = _visible_mandate(request, pk)
    form = StatusForm(request.POST, mandate=mandate)
    context = {"mandate": mandate, "status_form": form}
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.mandate_set_status(
                mandate=mandate,
                status=data["status"],
                user=request.user,
                comment=data["comment"],
                evidence_url=data["evidence_url"],
                evidence_symbol=data["evidence_symbol"],
                expected_version=data["version"],
            )
        except services.ConcurrentEdit as error:
            context.update(_concurrent_context(error))
            mandate = _visible_mandate(request, pk)
            context["mandate"] = mandate
            context["status_form"] = StatusForm(
                mandate=mandate, initial={**data, "version": mandate.version}
            )
            return render(request, "tracking/mandate_detail.html", context, status=409)
        except services.TrackingError as error:
            context["errors"] = [str(error)]
            return render(request, "tracking/mandate_detail.html", context, status=400)
        messages.success(request, _("The status was changed."))
        return redirect(mandate)
    return render(request, "tracking/mandate_detail.html", context, status=400)


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
        except services.ConcurrentEdit as error:
            context.update(_concurrent_context(error))
            fresh = _visible_mandate(request, pk)
            context["form"] = MandateEditForm(initial=MandateForm.initial_for(fresh))
            return render(request, "tracking/mandate_form.html", context, status=409)
        except services.TrackingError as error:
            context["errors"] = [str(error)]
            return render(request, "tracking/mandate_form.html", context, status=400)
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
        except services.ConcurrentEdit as error:
            context.update(_concurrent_context(error))
            fresh = _visible_mandate(request, pk)
            context["form"] = MandateEditForm(initial=MandateForm.initial_for(fresh))
            return render(request, "tracking/mandate_form.html", context, status=409)
        except services.TrackingError as error:
            context["errors"] = [str(error)]
            return render(request, "tracking/mandate_form.html", context, status=400)
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
    form = VersionedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was out of date; reload the page."))
        return redirect(mandate.paragraph.get_absolute_url())
    try:
        services.mandate_accept(
            mandate=mandate, user=request.user, expected_version=form.cleaned_data["version"]
        )
        messages.success(request, _("The mandate was accepted."))
    except services.TrackingError as error:
        messages.error(request, str(error))
    return redirect(mandate.paragraph.get_absolute_url())


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


@login_required
def my_work_view(request):
    queryset = mandates_of_focal_point(user=request.user)
    page = Paginator(queryset, settings.SUIVI_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tracking/my_work.html", {"page": page})


@read_required
def actor_view(request, key):
    actor = get_object_or_404(Actor.objects.select_related("parent"), key=key)
    queryset = mandates_of_actor(actor=actor, user=request.user)
    page = Paginator(queryset, settings.SUIVI_PAGE_SIZE).get_page(request.GET.get("page"))
    children = list(actor.children.order_by("name_en"))
    return render(
        request, "tracking/actor.html", {"actor": actor, "children": children, "page": page}
    )
