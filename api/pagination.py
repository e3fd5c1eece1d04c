"""Cursor pagination of a list in whatever order its FilterSet gave it.

A cursor holds the sort values of the last row of a page (and its id, which ends every
order); the next page is the rows after those values, found with the list's own indexes
and filters. Rows added or changed meanwhile never shift the pages as an offset would.
The page itself is read as the browser's lists read theirs (tracking.paging): one row
more than it shows, the ids first, then the rows.
"""

import base64
import binascii
import datetime
import json

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.utils.urls import replace_query_param

from tracking.paging import list_ordering, lookahead_page

CURSOR_PARAM = "cursor"


def _order(queryset: QuerySet) -> list[tuple[str, bool, bool]]:
    """(field, descending, nulls last) of the queryset's order, ending with the id."""
    order = list_ordering(queryset) or []
    if not any(name in ("pk", "id") for name, _descending, _nulls_last in order):
        order.append(("pk", False, True))
        queryset.query.add_ordering("pk")
    return order


def _after(order, values) -> Q:
    """Rows that come after the given sort values in the given order."""
    condition = Q(pk__in=[])
    equal = Q()
    for (name, descending, nulls_last), value in zip(order, values, strict=True):
        if value is None:
            # Only values come after nulls that sort first; nothing after nulls last.
            step = Q(pk__in=[]) if nulls_last else Q(**{f"{name}__isnull": False})
            same = Q(**{f"{name}__isnull": True})
        else:
            step = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
            if nulls_last:
                step |= Q(**{f"{name}__isnull": True})
            same = Q(**{name: value})
        condition |= equal & step
        equal &= same
    return condition


def _decode(cursor: str, sort: str, length: int) -> list:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii") + b"=="))
        if data["s"] != sort or not isinstance(data["k"], list) or len(data["k"]) != length:
            raise ValueError
        return data["k"]
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeError):
        raise exceptions.ValidationError(
            {CURSOR_PARAM: [_("This cursor is not valid: start again from the first page.")]}
        ) from None


def _plain(value):
    # Full precision: a time cut to the millisecond would skip or repeat rows.
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    raise TypeError(f"Cannot put {type(value).__name__} in a cursor")


def _encode(sort: str, values: list) -> str:
    raw = json.dumps({"s": sort, "k": values}, default=_plain, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def cursor_page(
    request, queryset: QuerySet, *, size: int, sort: str = ""
) -> tuple[list, str | None]:
    """The page of `queryset` after the request's cursor, and the address of the next page
    (None on the last). `sort` names the order, so that a cursor made for another order is
    refused rather than misread."""
    queryset = queryset._chain()
    order = _order(queryset)
    cursor = request.query_params.get(CURSOR_PARAM)
    if cursor:
        queryset = queryset.filter(_after(order, _decode(cursor, sort, len(order))))
    # Each row carries its sort values, already joined for the order: no query to read
    # the last row's.
    keys = {f"cursor_{index}": F(name) for index, (name, _d, _n) in enumerate(order)}
    page = lookahead_page(queryset.annotate(**keys), "1", size)
    if not page.has_next or not page.object_list:
        return page.object_list, None
    values = [getattr(page.object_list[-1], key) for key in keys]
    url = replace_query_param(request.build_absolute_uri(), CURSOR_PARAM, _encode(sort, values))
    return page.object_list, url
