"""Pagination for lists that may hold every mandate of an organisation's history.

Counting a large filtered set costs as much as reading it; a page only needs to
know whether there is a next one. So a page reads one row more than it shows.

It reads the page's ids first, then the rows with their joins: the database then
joins only the rows shown, not every row it walks while filtering and sorting.

Finding the ids of a page takes one of two routes:

- Walking an index in the list's order and keeping the rows that match the filters,
  until the page is full. That is fast when matches are common (the unfiltered list,
  a common word), and it is what PostgreSQL's planner picks for an ORDER BY … LIMIT.
- Reading every match through the filters' own indexes (the actor links, the
  full-text index), then sorting them. That is fast when matches are few.

The planner picks the first route for a rare filter too when it assumes matches are
spread evenly along the index. They are not: the Bureau's mandates cluster at
Assembly sessions, so walking the due-date index to find 51 of them reads tens of
thousands of rows, and more as the database grows. So on PostgreSQL the list asks
the planner first how many rows its filters select (an EXPLAIN: no row is read) and,
below SMALL_SET, reads the matches and sorts them in one statement. A wrong estimate
only costs a bounded read: past SORT_LIMIT rows the list falls back to the index walk.
SQLite, which serves small installations and gives no estimate, keeps to the walk.

How many rows match comes free with the second route (the statement that sorts the
matches counts them too): a page then knows its count, and how many pages there are.
A list that must always say it (the mandate list) counts with `match_count`, once per
data version: its count is kept in the cache beside its pages (tracking/views.py).
"""

import json
import math
from dataclasses import dataclass

from django.db import connections
from django.db.models import F, OrderBy, QuerySet

# At 1 to 5 µs per row read, SMALL_SET matches are read and sorted in 5 to 25 ms,
# the time an index walk takes when matches are dense enough to be common.
SMALL_SET = 5_000
SORT_LIMIT = 4 * SMALL_SET


@dataclass
class LookaheadPage:
    object_list: list
    number: int
    has_next: bool
    size: int = 0
    # How many rows match, when it is known (see the module's docstring); None otherwise.
    count: int | None = None

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def num_pages(self) -> int | None:
        """How many pages the list has (one, even when empty), when its count is known."""
        if self.count is None:
            return None
        return max(1, math.ceil(self.count / self.size))

    @property
    def past_the_end(self) -> bool:
        """A page after the last one: asked for by an old link, or a number typed."""
        return self.number > 1 and not self.object_list

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def lookahead_page(
    queryset: QuerySet, page: str | None, size: int, *, count: int | None = None
) -> LookaheadPage:
    """A page of the queryset; `count`, when the caller knows how many rows match, is
    kept on the page (otherwise the page knows it only when the matches were counted
    on the way)."""
    number = _number(page)
    found: list[int] = []
    ids = _page_ids(queryset, (number - 1) * size, size + 1, counted=found)
    if count is None and found:
        count = found[0]
    return _page(queryset, ids, number, size, count)


def match_count(queryset: QuerySet) -> int:
    """How many rows the list's filters select: one COUNT, without the list's order or
    the joins that only serve its rows."""
    return queryset.select_related(None).prefetch_related(None).order_by().count()


def lookahead_page_in_parts(
    queryset: QuerySet, parts: list[QuerySet], page: str | None, size: int
) -> LookaheadPage:
    """A page of a list made of parts shown one after the other (overdue items first,
    then the others), each part filtered from `queryset` and in its own order.

    Sorting the whole list by "which part" first would sort every row; each part alone
    can be walked in its index order, or read and sorted when the whole list is small
    (the planner's estimate of the whole list: a part's filter is often an expression it
    cannot estimate). A page reads the part it starts in and, when that part runs out,
    the next ones; the size of a part before the page is counted only when the page
    starts past its end.
    """
    number = _number(page)
    start, wanted = (number - 1) * size, size + 1
    small = _estimated_rows(queryset) <= SMALL_SET
    ids: list = []
    before = 0  # the rows of the parts already passed
    for part in parts:
        offset = max(0, start - before)
        found = _page_ids(part, offset, wanted - len(ids), small)
        ids += found
        if len(ids) >= wanted:
            break
        before += offset + len(found) if found or not offset else part.count()
    return _page(queryset, ids, number, size)


def _number(page: str | None) -> int:
    try:
        return max(1, min(int(page or 1), 100_000))
    except ValueError:
        return 1


def _page(
    queryset: QuerySet, ids: list, number: int, size: int, count: int | None = None
) -> LookaheadPage:
    by_id = {row.pk: row for row in queryset.filter(pk__in=ids[:size]).order_by()} if ids else {}
    rows = [by_id[pk] for pk in ids[:size] if pk in by_id]
    return LookaheadPage(
        object_list=rows, number=number, has_next=len(ids) > size, size=size, count=count
    )


def _page_ids(
    queryset: QuerySet,
    start: int,
    count: int,
    small: bool | None = None,
    counted: list | None = None,
) -> list:
    """The ids of a page; `small` says whether the matches are few, when the caller
    knows it better than an estimate of `queryset` itself would. When the matches were
    counted on the way, their number is appended to `counted`."""
    ordering = list_ordering(queryset)
    if small is None and ordering is not None:
        small = _estimated_rows(queryset) <= SMALL_SET
    if ordering is not None and small:
        sorted_matches = _sorted_matches(queryset, ordering, start, count)
        if sorted_matches is not None:
            ids, total = sorted_matches
            if counted is not None:
                counted.append(total)
            return ids
    return list(queryset.values_list("pk", flat=True)[start : start + count])


def _estimated_rows(queryset: QuerySet) -> float:
    """The planner's estimate of the rows the filters select; infinite where the
    database gives none, so that the list keeps to the index walk."""
    if connections[queryset.db].vendor != "postgresql" or queryset.query.is_empty():
        return float("inf")
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return plan[0]["Plan"]["Plan Rows"]


def _sorted_matches(
    queryset: QuerySet, ordering: list, start: int, count: int
) -> tuple[list, int] | None:
    """The page's ids, from every match read once and sorted by the database, and how
    many matches there are; None when there are more than SORT_LIMIT matches (the
    estimate was wrong).

    The matches are a materialized CTE: the planner reads them through the filters'
    indexes, as it would without any order, and cannot turn the read back into a walk
    of the sort index. One statement also returns how many there were.
    """
    fields = [name for name, _descending, _nulls_last in ordering]
    matches = queryset.order_by().values_list("pk", *fields)[: SORT_LIMIT + 1]
    sql, params = matches.query.sql_with_params()
    columns = ", ".join(f"c{index}" for index in range(len(fields) + 1))
    order = ", ".join(
        f"c{index} {'DESC' if descending else 'ASC'} NULLS {'LAST' if nulls_last else 'FIRST'}"
        for index, (_name, descending, nulls_last) in enumerate(ordering, 1)
    )
    statement = (
        f"WITH matches ({columns}) AS MATERIALIZED ({sql}) "
        "SELECT page.c0, total.n FROM (SELECT count(*) AS n FROM matches) AS total "
        f"LEFT JOIN (SELECT c0 FROM matches ORDER BY {order} LIMIT %s OFFSET %s) AS page "
        "ON 1 = 1"
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(statement, (*params, count, start))
        rows = cursor.fetchall()
    if rows[0][1] > SORT_LIMIT:
        return None
    return [pk for pk, _total in rows if pk is not None], rows[0][1]


def list_ordering(queryset: QuerySet) -> list[tuple[str, bool, bool]] | None:
    """The list's order as (field, descending, nulls last) triples, or None for an
    order this module cannot reproduce (the database then walks the sort index)."""
    ordering = []
    for item in queryset.query.order_by:
        if isinstance(item, str):
            name = item.removeprefix("-")
            descending = item.startswith("-")
            # PostgreSQL's default: nulls sort as if larger than any value.
            ordering.append((name, descending, not descending))
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            descending = item.descending
            nulls_last = item.nulls_last or (not item.nulls_first and not descending)
            ordering.append((item.expression.name, descending, bool(nulls_last)))
        else:
            return None
    return ordering or None
