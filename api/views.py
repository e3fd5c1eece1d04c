"""The API's endpoints: thin views over the selectors and services the pages use, with
the same visibility rules (a mandate the page would not show is a 404 here too)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import exceptions
from rest_framework import serializers as fields
from rest_framework.response import Response
from rest_framework.views import APIView

from api import serializers
from api.exceptions import Conflict, PreconditionFailed, PreconditionRequired
from api.pagination import CURSOR_PARAM, cursor_page
from api.permissions import CanRead
from resolutions.models import Session
from resolutions.selectors import resolution_list, resolution_page
from tracking import services
from tracking.filters import MandateFilter
from tracking.models import Actor, Mandate, MandateEvent
from tracking.paging import lookahead_page
from tracking.reports.selectors import with_latest_note
from tracking.selectors import mandate_detail, mandate_list
from tracking.states import services as state_services
from tracking.states.models import State, StateReport
from tracking.states.selectors import STAFF, progress_writer, state_cell, state_items


class ApiView(APIView):
    permission_classes = [CanRead]

    def context(self, **extra) -> dict:
        return {
            "request": self.request,
            "language": get_language(),
            "today": timezone.localdate(),
            **extra,
        }


# Preconditions -----------------------------------------------------------------------------

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the version the change is based on (its `version`, quoted).",
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=True,
    description="The version read, to send back in If-Match.",
)


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(request, current: int, events) -> int:
    """The version named by If-Match: 428 without one, 412 (with the changes made since,
    among `events`) when it is not the current one. The service checks again as it
    writes, so that of two writers based on the same version only one passes."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired(
            _("Send If-Match with the ETag of what you read, so that no change is lost.")
        )
    if header == "*":
        return current
    named = [candidate.strip().removeprefix("W/").strip('"') for candidate in header.split(",")]
    versions = [int(value) for value in named if value.isdigit() and len(value) < 10]
    if current in versions:
        return current
    since = min(versions, default=0)
    raise stale(sorted((e for e in events if e.version > since), key=lambda e: (e.at, e.pk)))


def stale(events=()) -> PreconditionFailed:
    error = PreconditionFailed(
        _("It changed since you read it: read it again and repeat your change.")
    )
    error.extra = {
        "changes": [
            {
                "at": event.at.isoformat(),
                "field": getattr(event, "field", "status"),
                "comment": event.comment,
                "version": event.version,
            }
            for event in events
        ]
    }
    return error


def paged(name: str, item) -> fields.Serializer:
    """A page of a list: its rows, and the address of the next page (null on the last)."""
    return inline_serializer(
        name=name,
        fields={"next": fields.URLField(allow_null=True), "results": item(many=True)},
    )


def forbidden(request, message: str) -> exceptions.APIException:
    """401 to whoever did not say who they are (on a public deployment), 403 otherwise."""
    if not request.user.is_authenticated:
        return exceptions.NotAuthenticated()
    return exceptions.PermissionDenied(message)


def refused(error: services.TrackingError) -> exceptions.ValidationError:
    return exceptions.ValidationError({"non_field_errors": [str(error)]})


# Resolutions -------------------------------------------------------------------------------

LANG = OpenApiParameter(
    "lang", OpenApiTypes.STR, enum=["en", "fr"], description="The language of the texts."
)


class ResolutionListView(ApiView):
    @extend_schema(
        operation_id="resolutions_list",
        summary="Resolutions",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="In the symbol or the title."),
            OpenApiParameter("body", OpenApiTypes.INT),
            OpenApiParameter("session", OpenApiTypes.INT),
            OpenApiParameter("year", OpenApiTypes.INT),
            OpenApiParameter(CURSOR_PARAM, OpenApiTypes.STR),
        ],
        responses=paged("ResolutionPage", serializers.ResolutionSerializer),
    )
    def get(self, request):
        filterset, queryset = resolution_list(filters=request.query_params)
        if filterset.errors:
            raise exceptions.ValidationError(filterset.errors)
        rows, next_url = cursor_page(
            request, queryset.order_by("symbol"), size=settings.SUIVI_PAGE_SIZE, sort="symbol"
        )
        data = serializers.ResolutionSerializer(rows, many=True, context=self.context()).data
        return Response({"next": next_url, "results": data})


class ResolutionDetailView(ApiView):
    @extend_schema(
        summary="A resolution with its paragraphs, footnotes and references",
        parameters=[LANG],
        responses=serializers.ResolutionDetailSerializer,
    )
    def get(self, request, symbol):
        page = resolution_page(symbol=symbol, language=request.query_params.get("lang"))
        if page is None:
            raise Http404(_("No resolution has this symbol."))
        data = serializers.ResolutionDetailSerializer(page, context=self.context()).data
        return Response(data)


# Mandates ----------------------------------------------------------------------------------


def _filter_parameters() -> list[OpenApiParameter]:
    """The mandate list's filters, as its FilterSet declares them."""
    parameters = []
    for name, item in MandateFilter.base_filters.items():
        choices = getattr(item, "extra", {}).get("choices")
        enum = [str(value) for value, _label in choices] if choices else None
        if name == "addressee":
            enum = None
        many = name == "status"
        parameters.append(
            OpenApiParameter(
                name,
                OpenApiTypes.STR,
                enum=enum,
                many=many or None,
                explode=True if many else None,
                description=str(item.label or ""),
            )
        )
    return parameters


class MandateListView(ApiView):
    @extend_schema(
        operation_id="mandates_list",
        summary="Mandates, with the filters of the mandate list",
        parameters=[*_filter_parameters(), OpenApiParameter(CURSOR_PARAM, OpenApiTypes.STR)],
        responses=paged("MandatePage", serializers.MandateSerializer),
    )
    def get(self, request):
        filterset, queryset = mandate_list(filters=request.query_params, user=request.user)
        if filterset.errors:
            raise exceptions.ValidationError(filterset.errors)
        sort = filterset.form.cleaned_data.get("sort") or "due"
        rows, next_url = cursor_page(
            request, with_latest_note(queryset), size=settings.SUIVI_PAGE_SIZE, sort=sort
        )
        data = serializers.MandateSerializer(rows, many=True, context=self.context()).data
        return Response({"next": next_url, "results": data})


def _mandate(request, pk) -> Mandate:
    mandate = mandate_detail(pk=pk, user=request.user, language=request.query_params.get("lang"))
    if mandate is None:
        raise Http404(_("No such mandate."))
    # The latest public note as the list reads it (tracking.reports.selectors.public_notes),
    # from the history already read: newest first.
    for event in mandate.events.all():
        if event.is_public_note:
            mandate.latest_note, mandate.latest_note_at = event.comment, event.at
            break
    return mandate


class MandateDetailView(ApiView):
    @extend_schema(
        summary="A mandate with its history",
        parameters=[LANG, ETAG],
        responses=serializers.MandateDetailSerializer,
    )
    def get(self, request, pk):
        mandate = _mandate(request, pk)
        data = serializers.MandateDetailSerializer(mandate, context=self.context()).data
        return Response(data, headers={"ETag": etag(mandate.version)})


class MandateStatusView(ApiView):
    @extend_schema(
        summary="Change a mandate's status, with a note (staff)",
        parameters=[IF_MATCH, ETAG],
        request=serializers.StatusChangeSerializer,
        responses=serializers.MandateDetailSerializer,
    )
    def post(self, request, pk):
        if not request.user.has_perm("tracking.change_mandate_status"):
            raise forbidden(request, _("You cannot change the status of mandates."))
        mandate = _mandate(request, pk)
        version = expected_version(request, mandate.version, mandate.events.all())
        change = serializers.StatusChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        try:
            services.mandate_set_status(
                mandate=mandate,
                user=request.user,
                expected_version=version,
                **change.validated_data,
            )
        except services.ConcurrentEdit as error:
            visible = MandateEvent.objects.visible_to(request.user).filter(
                pk__in=[event.pk for event in error.events]
            )
            raise stale(list(visible.order_by("at", "id"))) from None
        except services.TrackingError as error:
            raise refused(error) from None
        mandate = _mandate(request, pk)
        data = serializers.MandateDetailSerializer(mandate, context=self.context()).data
        return Response(data, headers={"ETag": etag(mandate.version)})


# Registry ----------------------------------------------------------------------------------


class ActorListView(ApiView):
    @extend_schema(summary="Actors", responses=serializers.ActorSerializer(many=True))
    def get(self, request):
        actors = Actor.objects.select_related("parent", "state").order_by("key")
        return Response(serializers.ActorSerializer(actors, many=True).data)


class SessionListView(ApiView):
    @extend_schema(summary="Sessions", responses=serializers.SessionSerializer(many=True))
    def get(self, request):
        sessions = Session.objects.select_related("body").order_by("body__symbol_prefix", "number")
        return Response(serializers.SessionSerializer(sessions, many=True).data)


# States ------------------------------------------------------------------------------------


def _state(iso3: str) -> State:
    if not (len(iso3) == 3 and iso3.isascii() and iso3.isalpha()):
        raise Http404(_("No State has this code."))
    return get_object_or_404(State, iso3=iso3.upper())


class StateListView(ApiView):
    @extend_schema(summary="States", responses=serializers.StateSerializer(many=True))
    def get(self, request):
        states = State.objects.order_by("name_en")
        return Response(serializers.StateSerializer(states, many=True, context=self.context()).data)


class StateDetailView(ApiView):
    @extend_schema(
        summary="A State and its progress on what it is asked",
        parameters=[OpenApiParameter("page", OpenApiTypes.INT)],
        responses=serializers.StateDetailSerializer,
    )
    def get(self, request, iso3):
        state = _state(iso3)
        page = lookahead_page(
            state_items(state=state, user=request.user),
            request.query_params.get("page"),
            settings.SUIVI_PAGE_SIZE,
        )
        state.items = page.object_list
        state.next = None
        if page.has_next:
            state.next = request.build_absolute_uri(f"?page={page.next_page_number()}")
        context = self.context(state=state)
        return Response(serializers.StateDetailSerializer(state, context=context).data)


class StateProgressView(ApiView):
    """A State's progress on one mandate; staff record it, the State's delegation reports it."""

    def cell(self, request, iso3, pk):
        state = _state(iso3)
        mandate = (
            Mandate.objects.visible_to(request.user)
            .live()
            .defer("search_text", "internal_notes")
            .filter(pk=pk)
            .first()
        )
        if mandate is None:
            raise Http404(_("No such mandate."))
        writer = progress_writer(user=request.user, state=state)
        cell = {"state": state, "mandate": mandate, **state_cell(state=state, mandate=mandate)}
        if writer is None:
            cell["report"] = None
        return cell, writer

    def respond(self, cell, status=200) -> Response:
        data = serializers.StateCellSerializer(cell, context=self.context()).data
        return Response(data, status=status, headers={"ETag": etag(data["progress"]["version"])})

    @extend_schema(
        summary="A State's progress on a mandate, with its history",
        parameters=[ETAG],
        responses=serializers.StateCellSerializer,
    )
    def get(self, request, iso3, pk):
        cell, _writer_kind = self.cell(request, iso3, pk)
        return self.respond(cell)

    @extend_schema(
        summary="Record (staff) or report (the State's delegation) a State's progress",
        parameters=[IF_MATCH, ETAG],
        request=serializers.StateProgressChangeSerializer,
        responses={
            200: serializers.StateCellSerializer,
            202: OpenApiResponse(
                serializers.StateCellSerializer,
                description="The report awaits the secretariat's review.",
            ),
        },
    )
    def post(self, request, iso3, pk):
        cell, writer = self.cell(request, iso3, pk)
        if writer is None:
            raise forbidden(request, _("You cannot record the progress of this State."))
        progress = cell["progress"]
        version = expected_version(request, progress.version if progress else 0, cell["events"])
        change = serializers.StateProgressChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        arguments = {
            "mandate": cell["mandate"],
            "state": cell["state"],
            "user": request.user,
            "expected_version": version,
            **change.validated_data,
        }
        try:
            if writer == STAFF:
                state_services.state_progress_set(**arguments)
                pending = False
            else:
                report = state_services.state_report_submit(**arguments)
                pending = report.review == StateReport.Review.PENDING
        except state_services.StateConcurrentEdit as error:
            if error.pending is not None:
                raise Conflict(str(error)) from None
            raise stale(error.events) from None
        except services.TrackingError as error:
            raise refused(error) from None
        cell, _writer_kind = self.cell(request, iso3, pk)
        return self.respond(cell, status=202 if pending else 200)
