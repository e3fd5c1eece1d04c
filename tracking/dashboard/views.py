"""The follow-up dashboard page. Its figures come from figures.py; while a worker computes
them again after a change, the page shows those it has and fetches the new ones by itself
(static/js/dashboard.js asks dashboard_figures_view until they are in)."""

import datetime

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _lazy

from resolutions.access import read_required
from tracking.charts import stacked_bars
from tracking.dashboard.figures import DASHBOARD_CACHE_SECONDS, dashboard
from tracking.selectors import mandates_in_order

CHART_PARTS = [
    ("completed", _lazy("completed")),
    ("in_progress", _lazy("in progress")),
    ("overdue", _lazy("overdue")),
]


# A State's part of a mandate is counted as one item: completed, under way, or the rest
# (not started or nothing reported).
REGION_PARTS = [
    ("completed", _lazy("completed")),
    ("in_progress", _lazy("in progress")),
]


@read_required
def dashboard_view(request):
    stats = dashboard(user=request.user)
    context = {"stats": stats, "figures": _dashboard_figures(stats)}
    return render(request, "tracking/dashboard.html", context)


@read_required
def dashboard_figures_view(request):
    """The figures alone, for the page that waits for them: 204 while they are still being
    computed, then their HTML (the same as the page's)."""
    stats = dashboard(user=request.user)
    if stats.refreshing:
        return HttpResponse(status=204)
    context = {"stats": stats, "figures": _dashboard_figures(stats)}
    return render(request, "tracking/_dashboard_live.html", context)


def _dashboard_figures(stats) -> str:
    """The HTML of the figures, tables and charts, rendered once per computed dashboard
    (its key names the audience, language and day) and kept in the cache beside it:
    rendering them costs several times what the rest of the page does."""
    key = f"{stats.key}:html:{stats.computed_at.isoformat()}" if stats.key else ""
    html = cache.get(key) if key else None
    if html is None:
        html = render_to_string("tracking/_dashboard_figures.html", _dashboard_context(stats))
        if key:
            cache.set(key, html, DASHBOARD_CACHE_SECONDS)
    return mark_safe(html)  # rendered by the template engine, which escaped what it must


def _dashboard_context(stats) -> dict:
    actor_bars, actor_height = stacked_bars(
        stats.by_actor,
        label_key="name",
        parts=CHART_PARTS,
        url=lambda row: reverse("tracking:actor", args=[row["actor__key"]]),
    )
    year_bars, year_height = stacked_bars(stats.by_year, label_key="year", parts=CHART_PARTS)
    region_bars, region_height = stacked_bars(
        [row for row in stats.by_region if row["total"]],
        label_key="label",
        parts=REGION_PARTS,
    )
    today = timezone.localdate()
    window = "due_after={}&due_before={}&overdue=no&sort=due"
    return {
        "stats": stats,
        "links": {
            f"due_{days}": window.format(today, today + datetime.timedelta(days))
            for days in (30, 90)
        },
        "recent_page": {"object_list": mandates_in_order(stats.recent)},
        "actor_chart": {"bars": actor_bars, "height": actor_height},
        "year_chart": {"bars": year_bars, "height": year_height},
        "region_chart": {"bars": region_bars, "height": region_height},
        "region_parts": REGION_PARTS,
        "chart_parts": CHART_PARTS,
    }
