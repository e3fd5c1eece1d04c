"""Every refusal of the API is JSON of one shape:

    {"status": 404, "code": "not_found", "detail": "…", "errors": {"field": ["…"]}}

`errors` is there only for invalid input, by field ("non_field_errors" for the whole)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "precondition_required"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def error_body(status_code: int, code: str, detail: str, **extra) -> dict:
    return {"status": status_code, "code": code, "detail": detail, **extra}


def api_exception_handler(exc, context):
    # As DRF's own handler does, so that the body below has the exception's code.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = error_body(
            response.status_code, "invalid", _("The request is not valid."), errors=errors
        )
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail
        codes = exc.get_codes()
        extra = getattr(exc, "extra", {})
        response.data = error_body(
            response.status_code,
            codes if isinstance(codes, str) else exc.default_code,
            str(detail) if not isinstance(detail, dict | list) else str(exc.default_detail),
            **extra,
        )
    return response


def not_found(request, rest=None):
    """Any address under /api/ that names no endpoint."""
    body = error_body(404, "not_found", _("There is no such address in the API."))
    return JsonResponse(body, status=404)
