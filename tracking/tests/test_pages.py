"""Dashboards, the filtered list, actor, session and report pages, following."""

import datetime
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from resolutions.models import Paragraph, Session
from tracking import tasks
from tracking.models import Actor, Follow, Mandate
from tracking.services import mandate_accept, mandate_create, mandate_set_status, mandate_update

pytestmark = pytest.mark.django_db

LIST = reverse("tracking:mandate_list")
DASHBOARD_FIGURES = reverse("tracking:dashboard_figures")
DASHBOARD = reverse("tracking:dashboard")


@pytest.fixture
def accepted_seed(imported_seed, secretariat_user):
    """Every suggestion of the seed accepted; paragraph 9's mandate in progress."""
    for mandate in Mandate.objects.filter(review="suggested"):
        mandate_accept(mandate=mandate, user=secretariat_user)
    op9 = Mandate.objects.get(paragraph__number=9)
    mandate_set_status(
        mandate=op9, status="in_progress", user=secretariat_user, comment="Letters sent"
    )
    return imported_seed


def listed(client, **params) -> list[tuple[int, str]]:
    cache.clear()  # the rows are read, not the list's HTML kept from an earlier request
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content.decode()[:500]
    return sorted((m.paragraph.number, m.action) for m in response.context["page"].object_list)


def test_the_dashboard_counts_by_status_and_deadline(delegation_client, accepted_seed):
    response = delegation_client.get(DASHBOARD)
    stats = response.context["stats"]
    assert stats.total == 16
    assert {code: n for code, _label, n in stats.by_status}["in_progress"] == 1
    assert stats.overdue == 3  # paragraphs 5, 24 and 25, due at or before the 12th session
    actors = {row["actor__key"]: row["total"] for row in stats.by_actor}
    assert actors["states_parties"] == 7 and actors["bureau"] == 2
    html = response.content.decode()
    assert "<svg" in html and "The same figures as a table" in html


def test_the_dashboard_counts_upcoming_deadlines(delegation_client, mandate, secretariat_user):
    session = Session.objects.get(number=12, body__symbol_prefix="ICC-ASP")
    soon = timezone.localdate() + datetime.timedelta(days=20)
    from resolutions.services import session_update

    session_update(session=session, start_date=soon, end_date=None)
    stats = delegation_client.get(DASHBOARD).context["stats"]
    assert (stats.due_30, stats.due_90, stats.overdue) == (1, 1, 0)


def test_the_list_filters_by_each_criterion(delegation_client, accepted_seed, secretariat_user):
    assert listed(delegation_client, addressee="bureau") == [(5, "requests"), (23, "requests")]
    assert listed(delegation_client, status="in_progress") == [(9, "calls_upon")]
    assert listed(delegation_client, urgent="yes") == [(9, "calls_upon")]
    assert listed(delegation_client, overdue="yes") == [
        (5, "requests"),
        (24, "decides"),
        (25, "requests"),
    ]
    assert listed(delegation_client, session="12") == listed(delegation_client, overdue="yes")
    assert listed(delegation_client, strength="5") == [(24, "decides"), (24, "decides")]
    assert len(listed(delegation_client, resolution="ICC-ASP/11/Res.5")) == 16
    assert listed(delegation_client, resolution="ICC-ASP/1/Res.1") == []
    assert len(listed(delegation_client, body="ICC-ASP")) == 16
    assert listed(delegation_client, due_after="2013-11-20", due_before="2013-11-20") == [
        (24, "decides"),
        (25, "requests"),
    ]
    assert listed(delegation_client, q="truchement") == [(5, "requests")]
    assert listed(delegation_client, q="Bureau groupes") == [(5, "requests")]
    mandate_update(
        mandate=Mandate.objects.get(paragraph__number=23),
        user=secretariat_user,
        focal_point=secretariat_user,
    )
    assert listed(delegation_client, focal_point="sofia") == [(23, "requests")]


def test_an_actors_mandates_include_its_parts(delegation_client, accepted_seed, secretariat_user):
    working_group = Actor.objects.get(key="hague_working_group")
    paragraph = Paragraph.objects.get(kind="operative", number=23)
    mandate_create(
        paragraph=paragraph, user=secretariat_user, addressees=[working_group], action="requests"
    )
    assert len(listed(delegation_client, addressee="bureau")) == 3
    page = delegation_client.get(reverse("tracking:actor", args=["bureau"]))
    assert len(page.context["page"].object_list) == 3


@pytest.mark.parametrize(
    "params",
    [
        {"status": "finished"},
        {"addressee": "nobody"},
        {"session": "twelfth"},
        {"due_after": "31/02/2013"},
        {"overdue": "maybe"},
        {"strength": "9"},
        {"sort": "name; DROP TABLE"},
        {"body": "XYZ"},
    ],
)
def test_invalid_filter_values_give_a_message(delegation_client, accepted_seed, params):
    response = delegation_client.get(LIST, params)
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_a_bad_page_number_shows_the_first_page(delegation_client, accepted_seed):
    assert delegation_client.get(LIST, {"page": "x"}).status_code == 200


def test_the_list_sorts_and_keeps_filters_in_its_links(delegation_client, accepted_seed, settings):
    settings.SUIVI_PAGE_SIZE = 5
    response = delegation_client.get(LIST, {"sort": "resolution", "addressee": "states_parties"})
    numbers = [m.paragraph.number for m in response.context["page"].object_list]
    assert numbers == sorted(numbers)
    next_link = response.content.decode().split('rel="next"')[0].rsplit('href="', 1)[1]
    next_link = next_link.split('"')[0]
    assert "sort=resolution" in next_link and "addressee=states_parties" in next_link
    assert next_link.endswith("page=2")


def test_delegations_do_not_see_suggestions_or_internal_mandates(
    delegation_client, imported_seed, secretariat_user
):
    assert listed(delegation_client) == []
    mandate = Mandate.objects.get(paragraph__number=5)
    mandate_accept(mandate=mandate, user=secretariat_user)
    assert listed(delegation_client) == [(5, "requests")]
    mandate_update(mandate=mandate, user=secretariat_user, is_internal=True)
    assert listed(delegation_client) == []
    assert delegation_client.get(DASHBOARD).context["stats"].total == 0


def test_pages_run_a_constant_number_of_queries(
    delegation_client, accepted_seed, secretariat_user, queued
):
    urls = [
        DASHBOARD,
        LIST,
        LIST + "?addressee=states_parties&overdue=no&q=coopération",
        reverse("tracking:actor", args=["states_parties"]),
        reverse("tracking:session", args=[Session.objects.get(number=12).pk]),
        reverse("tracking:resolution_report", args=["ICC-ASP/11/Res.5"]),
        reverse("tracking:my_follows"),
    ]

    def counts():
        cache.clear()  # the dashboard is computed each time, not read from the cache
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert delegation_client.get(url).status_code == 200
            result.append(len(captured))
        return result

    before = counts()
    states = Actor.objects.filter(key__in=["states_parties", "court", "bureau"])
    for paragraph in Paragraph.objects.filter(kind="operative")[:20]:
        added = mandate_create(
            paragraph=paragraph,
            user=secretariat_user,
            addressees=states,
            action="requests",
            deadline_relation="at",
            deadline_session=12,
        )
        mandate_set_status(mandate=added, status="in_progress", user=secretariat_user, comment="x")
    assert counts() == before


def test_following_a_mandate_an_actor_and_a_resolution(
    delegation_client, delegation_user, accepted_seed
):
    follow = reverse("tracking:follow")
    op5 = Mandate.objects.get(paragraph__number=5)
    court = Actor.objects.get(key="court")
    delegation_client.post(follow, {"kind": "mandate", "pk": op5.pk, "follow": "1"})
    assert listed(delegation_client, followed="yes") == [(5, "requests")]
    delegation_client.post(follow, {"kind": "actor", "pk": court.pk, "follow": "1"})
    delegation_client.post(follow, {"kind": "actor", "pk": court.pk, "follow": "1"})  # idempotent
    assert Follow.objects.filter(user=delegation_user).count() == 2
    assert (4, "invites") in listed(delegation_client, followed="yes")
    page = delegation_client.get(reverse("tracking:my_follows"))
    # The Court's three mandates (paragraphs 4, 19, 25) and the Bureau's followed one.
    assert page.status_code == 200 and len(page.context["page"].object_list) == 4

    delegation_client.post(follow, {"kind": "resolution", "pk": accepted_seed.pk, "follow": "1"})
    assert len(listed(delegation_client, followed="yes")) == 16
    delegation_client.post(follow, {"kind": "resolution", "pk": accepted_seed.pk, "follow": "0"})
    delegation_client.post(follow, {"kind": "actor", "pk": court.pk, "follow": "0"})
    assert listed(delegation_client, followed="yes") == [(5, "requests")]


@pytest.mark.parametrize(
    "data", [{"kind": "session", "pk": "1"}, {"kind": "mandate", "pk": "abc"}, {"kind": "mandate"}]
)
def test_forged_follow_posts_are_refused(delegation_client, accepted_seed, data):
    assert delegation_client.post(reverse("tracking:follow"), data).status_code == 400
    assert Follow.objects.count() == 0


def test_following_needs_a_signed_in_user_and_never_redirects_off_site(
    client, delegation_client, accepted_seed
):
    op5 = Mandate.objects.get(paragraph__number=5)
    data = {"kind": "mandate", "pk": op5.pk, "follow": "1", "next": "https://evil.example/"}
    assert client.post(reverse("tracking:follow"), data).status_code == 302
    assert Follow.objects.count() == 0
    response = delegation_client.post(reverse("tracking:follow"), data)
    assert response["Location"] == op5.get_absolute_url()


def test_the_session_page_lists_what_is_due_even_without_dates(
    delegation_client, op5, bureau, secretariat_user
):
    mandate_create(
        paragraph=op5,
        user=secretariat_user,
        addressees=[bureau],
        action="requests",
        deadline_relation="before",
        deadline_session=24,
    )
    session = Session.objects.get(number=24)
    response = delegation_client.get(reverse("tracking:session", args=[session.pk]))
    html = response.content.decode()
    assert "Dates not set yet" in html and "before the 24th session, dates not set" in html
    assert len(response.context["page"].object_list) == 1


def test_the_report_shows_each_paragraph_with_status_and_latest_comment(
    delegation_client, accepted_seed
):
    response = delegation_client.get(
        reverse("tracking:resolution_report", args=["ICC-ASP/11/Res.5"])
    )
    html = response.content.decode()
    assert "Letters sent" in html
    assert "operative paragraph 9" in html
    assert len(response.context["report"].rows) == 14  # operative paragraphs with mandates


def test_the_default_order_is_soonest_due_first_with_undated_mandates_last(
    delegation_client, accepted_seed
):
    response = delegation_client.get(LIST)
    due_dates = [m.due_date for m in response.context["page"].object_list]
    dated = [d for d in due_dates if d is not None]
    assert due_dates[: len(dated)] == sorted(dated)
    assert all(d is None for d in due_dates[len(dated) :])
    assert len(dated) == 3


@pytest.fixture
def queued(monkeypatch):
    """Dashboard refreshes asked of the workers, recorded instead of queued."""
    calls = []
    monkeypatch.setattr(
        tasks.dashboards_refresh_all, "apply_async", lambda *args, **kwargs: calls.append(kwargs)
    )
    return calls


def load_dashboard(client):
    with CaptureQueriesContext(connection) as captured:
        stats = client.get(DASHBOARD).context["stats"]
    return stats, len(captured)


def complete_op5(user, capture_on_commit):
    """A change, committed: its receivers run as they do after a real commit."""
    op5 = Mandate.objects.get(paragraph__number=5)
    with capture_on_commit(execute=True):
        mandate_set_status(mandate=op5, status="completed", user=user)


def test_the_dashboard_is_computed_once_and_then_read_from_the_cache(
    delegation_client, accepted_seed, queued
):
    first, computed = load_dashboard(delegation_client)
    again, cached = load_dashboard(delegation_client)
    assert cached < computed
    assert again.overdue == first.overdue == 3
    assert not again.refreshing and again.computed_at == first.computed_at
    assert queued == []


def test_after_a_change_the_dashboard_shows_its_figures_while_a_worker_updates_them(
    delegation_client, accepted_seed, secretariat_user, queued, django_capture_on_commit_callbacks
):
    load_dashboard(delegation_client)
    complete_op5(secretariat_user, django_capture_on_commit_callbacks)
    assert len(queued) == 1  # the change asked a worker for new figures

    stale, _queries = load_dashboard(delegation_client)
    assert (stale.overdue, stale.refreshing) == (3, True)
    response = delegation_client.get(DASHBOARD)
    assert "being updated" in response.content.decode()
    assert 'data-refresh-url="/dashboard/figures/"' in response.content.decode()
    assert len(queued) == 1  # reading the page asks for nothing

    tasks.dashboards_refresh_all()
    fresh, _queries = load_dashboard(delegation_client)
    assert (fresh.overdue, fresh.refreshing) == (2, False)


def test_reading_the_dashboard_never_sends_work_to_the_queue(
    delegation_client, secretariat_client, accepted_seed, secretariat_user, queued, settings
):
    load_dashboard(delegation_client)
    # A change that no receiver saw (a bulk update): the page computes the new figures.
    Mandate.objects.filter(paragraph__number=5).update(
        status="completed", updated_at=timezone.now()
    )
    for client in (delegation_client, secretariat_client, delegation_client):
        stats, _queries = load_dashboard(client)
        assert not stats.refreshing
    assert stats.overdue == 2
    assert queued == []


def test_changes_in_one_transaction_ask_for_new_figures_once(
    accepted_seed, secretariat_user, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for mandate in Mandate.objects.filter(review="accepted")[:3]:
            mandate_set_status(mandate=mandate, status="completed", user=secretariat_user)
    assert len(queued) == 1


def test_the_page_fetches_new_figures_once_they_are_computed(
    delegation_client, accepted_seed, secretariat_user, queued, django_capture_on_commit_callbacks
):
    load_dashboard(delegation_client)
    complete_op5(secretariat_user, django_capture_on_commit_callbacks)
    assert delegation_client.get(DASHBOARD_FIGURES).status_code == 204  # not yet

    tasks.dashboards_refresh_all()
    response = delegation_client.get(DASHBOARD_FIGURES)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="figure">2</span> overdue' in html
    assert "being updated" not in html and "<html" not in html


def test_the_figures_alone_need_a_signed_in_reader(client, accepted_seed):
    response = client.get(DASHBOARD_FIGURES)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_old_figures_are_computed_again_during_the_request(
    delegation_client,
    accepted_seed,
    secretariat_user,
    queued,
    settings,
    django_capture_on_commit_callbacks,
):
    load_dashboard(delegation_client)
    complete_op5(secretariat_user, django_capture_on_commit_callbacks)
    settings.SUIVI_DASHBOARD_STALE_SECONDS = 0
    stats, _queries = load_dashboard(delegation_client)
    assert (stats.overdue, stats.refreshing) == (2, False)


def test_the_dashboard_is_computed_during_the_request_when_no_worker_can_be_reached(
    delegation_client,
    accepted_seed,
    secretariat_user,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(tasks.dashboards_refresh_all, "apply_async", unreachable)
    load_dashboard(delegation_client)
    complete_op5(secretariat_user, django_capture_on_commit_callbacks)
    stats, _queries = load_dashboard(delegation_client)
    assert (stats.overdue, stats.refreshing) == (2, False)


def test_internal_mandates_count_only_on_the_dashboard_of_those_who_see_them(
    delegation_client, secretariat_client, accepted_seed, secretariat_user, queued
):
    op5 = Mandate.objects.get(paragraph__number=5)
    mandate_update(mandate=op5, user=secretariat_user, is_internal=True)
    public, _queries = load_dashboard(delegation_client)
    internal, _queries = load_dashboard(secretariat_client)
    assert internal.total == public.total + 1


def test_the_daily_task_computes_every_dashboard_before_anyone_asks(
    delegation_client, secretariat_client, accepted_seed, queued
):
    tasks.dashboards_refresh_all()
    for client in (delegation_client, secretariat_client):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(DASHBOARD, headers={"accept-language": "fr"})
        assert response.context["stats"].computed_at is not None
        # No aggregate is computed again; staff see how many suggestions wait, one
        # count on the review index (tracking.review).
        counts = [query["sql"] for query in captured if "COUNT(" in query["sql"].upper()]
        assert all("suggested" in sql and "GROUP BY" not in sql.upper() for sql in counts)
        assert len(counts) == (client is secretariat_client)


class FormsInParagraphs(HTMLParser):
    """Where a <form> starts inside an open <p>: browsers close the paragraph there, so
    the form falls out of it and what followed it in the paragraph lands beside it."""

    def __init__(self):
        super().__init__()
        self.open_paragraph = False
        self.found: list[tuple[int, int]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self.open_paragraph = True
        elif tag == "form" and self.open_paragraph:
            self.found.append(self.getpos())

    def handle_endtag(self, tag):
        if tag == "p":
            self.open_paragraph = False


def test_a_follow_button_is_never_put_in_a_paragraph(secretariat_client, accepted_seed):
    op9 = Mandate.objects.get(paragraph__number=9)
    for path in (
        op9.get_absolute_url(),
        "/resolutions/ICC-ASP/11/Res.5/",
        reverse("tracking:actor", args=["bureau"]),
    ):
        html = secretariat_client.get(path).content.decode()
        assert 'class="inline follow-form"' in html, path
        parser = FormsInParagraphs()
        parser.feed(html)
        assert parser.found == [], path
