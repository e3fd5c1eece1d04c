"""Pagination for lists that may hold every mandate of an organisation's history.

Counting a large filtered set costs as much as reading it; a page only needs to
know whether there is a next one. So a page reads one row more than it shows.

It reads the page's ids first, then the rows with their joins: the database then
joins only the rows shown, not every row it walks while filtering and sorting.
"""

from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass
class LookaheadPage:
    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def lookahead_page(queryset: QuerySet, page: str | None, size: int) -> LookaheadPage:
    try:
        number = max(1, min(int(page or 1), 100_000))
    except ValueError:
        number = 1
    start = (number - 1) * size
    ids = list(queryset.values_list("pk", flat=True)[start : start + size + 1])
    by_id = {row.pk: row for row in queryset.filter(pk__in=ids[:size]).order_by()}
    rows = [by_id[pk] for pk in ids[:size] if pk in by_id]
    return LookaheadPage(object_list=rows, number=number, has_next=len(ids) > size)
