"""The State page, delegations' reports and the staff queue."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_user
from tracking import roles
from tracking.services import TrackingError, mandate_update
from tracking.states.models import DelegationLink, StateProgress, StateProgressEvent, StateReport
from tracking.states.services import state_progress_set, state_report_submit

pytestmark = pytest.mark.django_db


def delegate(django_user_model, username, state):
    user = make_user(django_user_model, username, roles.DELEGATION)
    DelegationLink.objects.create(user=user, state=state)
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def france(django_user_model, states):
    return delegate(django_user_model, "francoise", states["FRA"])


@pytest.fixture
def germany(django_user_model, states):
    return delegate(django_user_model, "gerhard", states["DEU"])


def items(client, iso3) -> list[tuple[int, int]]:
    response = client.get(f"/states/{iso3}/")
    assert response.status_code == 200
    return [(m.paragraph.number, m.position) for m in response.context["page"].object_list]


def report(client, iso3, mandate, **data):
    fields = {"version": 0, "status": "completed", "comment": "", "evidence_url": ""}
    fields.update(data)
    return client.post(
        f"/states/{iso3}/mandates/{mandate.pk}/",
        {f"m{mandate.pk}-{key}": value for key, value in fields.items()},
    )


# The State page ------------------------------------------------------------------------------


def test_an_unknown_code_is_not_found_and_a_lower_case_one_is_redirected(delegation_client, states):
    assert delegation_client.get("/states/XYZ/").status_code == 404
    assert delegation_client.get("/states/FRANCE/").status_code == 404
    response = delegation_client.get("/states/fra/")
    assert response.status_code == 302 and response.url == "/states/FRA/"


def test_it_lists_what_is_asked_of_a_state_through_its_groups(delegation_client, accepted):
    france = items(delegation_client, "FRA")
    # OP9 (States Parties and non-parties), OP13 (States Parties), OP15 (all States).
    assert {(9, 1), (13, 1), (15, 1)} <= set(france)
    assert (19, 1) not in france  # asked of the Court
    usa = items(delegation_client, "USA")
    assert (9, 1) in usa and (15, 1) in usa and (13, 1) not in usa


def test_a_state_that_withdrew_leaves_the_parties_and_one_that_joined_later_enters(
    delegation_client, accepted
):
    burundi = items(delegation_client, "BDI")
    assert (13, 1) not in burundi and (9, 1) in burundi  # now asked as a non-party
    ukraine = items(delegation_client, "UKR")  # party since 2025, after the 2012 resolution
    assert (13, 1) in ukraine


def test_overdue_items_come_first_and_a_completed_state_is_not_overdue(
    delegation_client, accepted, secretariat_user, states
):
    op13, op18 = accepted[(13, 1)], accepted[(18, 1)]
    for mandate in (op13, op18):
        mandate_update(
            mandate=mandate,
            user=secretariat_user,
            deadline_relation="by_date",
            deadline_date=datetime.date(2014, 1, 1),
        )
    assert items(delegation_client, "FRA")[:2] == [(13, 1), (18, 1)]
    state_progress_set(
        mandate=op13,
        state=states["FRA"],
        status="completed",
        user=secretariat_user,
        expected_version=0,
    )
    france = items(delegation_client, "FRA")
    assert france[0] == (18, 1) and france.index((13, 1)) > 0
    assert items(delegation_client, "DEU")[:2] == [(13, 1), (18, 1)]


@pytest.mark.parametrize("estimate", [0, float("inf")])
def test_the_pages_of_a_state_are_its_whole_list_in_order_on_either_route(
    estimate, accepted, secretariat_user, states, monkeypatch
):
    """Overdue items and the others are paged as two parts; page after page they give
    the list sorted as a whole, across the boundary and past the end of the first part
    (where its size is counted)."""
    from tracking import paging
    from tracking.states.selectors import state_items, state_items_parts

    for key in [(13, 1), (18, 1), (9, 1), (17, 1), (15, 1)]:
        mandate_update(
            mandate=accepted[key],
            user=secretariat_user,
            deadline_relation="by_date",
            deadline_date=datetime.date(2014, 1, 1),
        )
    state_progress_set(
        mandate=accepted[(18, 1)],
        state=states["FRA"],
        status="completed",
        user=secretariat_user,
        expected_version=0,
    )
    monkeypatch.setattr(paging, "_estimated_rows", lambda queryset: estimate)
    whole = list(
        state_items(state=states["FRA"], user=secretariat_user).values_list("pk", flat=True)
    )
    paged, number = [], 1
    while True:
        rows, parts = state_items_parts(state=states["FRA"], user=secretariat_user)
        page = paging.lookahead_page_in_parts(rows, parts, str(number), 3)
        paged += [mandate.pk for mandate in page.object_list]
        if not page.has_next:
            break
        number += 1
    assert paged == whole
    assert len(whole) > 6 and whole[:4] == [
        accepted[k].pk for k in [(9, 1), (13, 1), (15, 1), (17, 1)]
    ]
    rows, parts = state_items_parts(state=states["FRA"], user=secretariat_user)
    assert paging.lookahead_page_in_parts(rows, parts, "99", 3).object_list == []


def test_delegations_never_see_internal_mandates_on_a_state_page(
    delegation_client, secretariat_client, accepted, secretariat_user, france
):
    op13 = accepted[(13, 1)]
    mandate_update(
        mandate=op13, user=secretariat_user, is_internal=True, internal_notes="Sensitive note"
    )
    _user, client = france
    for reader in (delegation_client, client):
        assert (13, 1) not in items(reader, "FRA")
        assert reader.get(f"/states/FRA/mandates/{op13.pk}/").status_code == 404
        assert "Sensitive note" not in reader.get("/states/FRA/").content.decode()
    assert (13, 1) in items(secretariat_client, "FRA")


def test_the_state_page_runs_a_constant_number_of_queries(
    django_assert_num_queries, accepted, france, secretariat_user, states
):
    _user, client = france
    client.get("/states/FRA/")  # sessions, permissions cached

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get("/states/FRA/").status_code == 200
        return len(queries)

    few = count()
    for mandate in accepted.values():
        if mandate.paragraph.number in (9, 13, 15, 17, 18):
            state_progress_set(
                mandate=mandate,
                state=states["FRA"],
                status="in_progress",
                user=secretariat_user,
                comment="Under way",
                expected_version=0,
            )
    report(client, "FRA", accepted[(12, 1)], status="in_progress")
    with django_assert_num_queries(few):
        assert client.get("/states/FRA/").status_code == 200


# Reports -----------------------------------------------------------------------------------


def test_a_delegation_reports_and_staff_accept_it(
    accepted, france, secretariat_client, secretariat_user, states
):
    user, client = france
    op15 = accepted[(15, 1)]
    response = report(
        client,
        "FRA",
        op15,
        comment="Focal point designated",
        evidence_url="https://example.org/focal-point",
    )
    assert response.status_code == 302
    pending = StateReport.objects.get()
    assert (pending.review, pending.submitted_by, pending.status) == ("pending", user, "completed")
    assert not StateProgress.objects.exists()
    assert "Report awaiting review" in client.get("/states/FRA/").content.decode()

    queue = secretariat_client.get("/states/reports/")
    assert "Focal point designated" in queue.content.decode()
    response = secretariat_client.post(f"/states/reports/{pending.pk}/accept/")
    assert response.status_code == 302
    progress = StateProgress.objects.get(mandate=op15, state=states["FRA"])
    assert (progress.status, progress.reported_by_state, progress.version) == (
        "completed",
        True,
        1,
    )
    assert progress.evidence_url == "https://example.org/focal-point"
    event = StateProgressEvent.objects.get()
    assert (event.report_id, event.user, event.new_status) == (pending.pk, user, "completed")
    pending.refresh_from_db()
    assert (pending.review, pending.reviewed_by) == ("accepted", secretariat_user)
    page = client.get("/states/FRA/").content.decode()
    assert "reported by France" in page and "Focal point designated" in page
    queue = secretariat_client.get("/states/reports/").content.decode()
    assert "No report is awaiting review" in queue


def test_staff_return_a_report_with_a_comment_and_nothing_is_recorded(
    accepted, france, secretariat_client
):
    _user, client = france
    report(client, "FRA", accepted[(15, 1)])
    pending = StateReport.objects.get()
    url = f"/states/reports/{pending.pk}/return/"
    secretariat_client.post(url, {f"r{pending.pk}-comment": ""})
    assert StateReport.objects.get().review == "pending"
    secretariat_client.post(url, {f"r{pending.pk}-comment": "Which decree?"})
    assert StateReport.objects.get().review == "returned"
    assert not StateProgress.objects.exists()
    assert "Which decree?" in client.get("/states/FRA/").content.decode()
    # Accepting it afterwards is refused.
    secretariat_client.post(f"/states/reports/{pending.pk}/accept/")
    assert not StateProgress.objects.exists()


def test_reports_apply_at_once_when_no_review_is_needed(accepted, france, settings, states):
    settings.SUIVI_STATE_REPORTS_NEED_REVIEW = False
    _user, client = france
    assert report(client, "FRA", accepted[(15, 1)], comment="Done").status_code == 302
    assert StateReport.objects.get().review == "accepted"
    assert StateProgress.objects.get().status == "completed"


def test_a_report_on_a_request_not_addressed_to_the_state_is_refused(
    accepted, django_user_model, states
):
    _user, client = delegate(django_user_model, "ulysses", states["USA"])
    response = report(client, "USA", accepted[(13, 1)])  # asked of States Parties only
    assert response.status_code == 400
    assert "not addressed to the United States of America" in response.content.decode()
    assert not StateReport.objects.exists() and not StateProgress.objects.exists()


def test_a_second_report_at_once_is_refused_and_shown_what_changed(
    accepted, france, django_user_model, states, secretariat_user
):
    _user, client = france
    _colleague, other = delegate(django_user_model, "fabrice", states["FRA"])
    op15 = accepted[(15, 1)]
    assert report(client, "FRA", op15, comment="First").status_code == 302
    response = report(other, "FRA", op15, status="in_progress", comment="Second")
    assert response.status_code == 409
    assert "already awaiting review" in response.content.decode()
    assert "First" in response.content.decode()
    assert StateReport.objects.count() == 1

    # A report based on a version that staff have changed meanwhile.
    op13 = accepted[(13, 1)]
    state_progress_set(
        mandate=op13,
        state=states["FRA"],
        status="in_progress",
        user=secretariat_user,
        comment="Bill tabled",
        expected_version=0,
    )
    response = report(other, "FRA", op13, version=0, status="completed")
    assert response.status_code == 409
    assert "Bill tabled" in response.content.decode()
    assert StateProgress.objects.get(mandate=op13).status == "in_progress"


def test_two_staff_saves_on_the_same_version_keep_the_first(accepted, states, secretariat_user):
    from tracking.states.services import StateConcurrentEdit

    op15 = accepted[(15, 1)]
    state_progress_set(
        mandate=op15, state=states["KEN"], status="in_progress", user=None, expected_version=0
    )
    with pytest.raises(StateConcurrentEdit):
        state_progress_set(
            mandate=op15, state=states["KEN"], status="completed", user=None, expected_version=0
        )
    assert StateProgress.objects.get().status == "in_progress"


def status_options(page: str, mandate) -> list[tuple[str, str, bool]]:
    """The options of a State form's status: (value, label, selected)."""
    import re

    select = re.search(rf'<select name="m{mandate.pk}-status".*?</select>', page, re.S).group(0)
    return [
        (value, label, "selected" in attributes)
        for value, attributes, label in re.findall(
            r'<option value="([^"]*)"([^>]*)>([^<]*)</option>', select
        )
    ]


def record_for_france(mandate, states, user, status, **details):
    """Staff record France's first progress on a mandate."""
    return state_progress_set(
        mandate=mandate,
        state=states["FRA"],
        status=status,
        user=user,
        expected_version=0,
        **details,
    )


def test_the_report_form_keeps_the_current_status_unless_another_is_chosen(
    accepted, france, states, secretariat_user
):
    _user, client = france
    op15 = accepted[(15, 1)]
    record_for_france(op15, states, secretariat_user, "completed", comment="Ratified")
    for url in ("/states/FRA/", f"/states/FRA/mandates/{op15.pk}/"):
        options = status_options(client.get(url).content.decode(), op15)
        assert options[0] == ("", "Keep the current status (completed)", True), url
        assert not any(selected for _value, _label, selected in options[1:]), url
        assert "completed" not in [value for value, _label, _selected in options], url
        assert ("in_progress", "Mark as in progress", False) in options, url


def test_a_delegation_adds_a_comment_and_the_status_stays(
    accepted, france, states, secretariat_user, secretariat_client
):
    user, client = france
    op15 = accepted[(15, 1)]
    record_for_france(op15, states, secretariat_user, "in_progress", comment="Bill drafted")
    response = report(client, "FRA", op15, version=1, status="", comment="Before parliament")
    assert response.status_code == 302
    pending = StateReport.objects.get()
    assert (pending.status, pending.comment) == ("in_progress", "Before parliament")
    secretariat_client.post(f"/states/reports/{pending.pk}/accept/")
    progress = StateProgress.objects.get()
    assert (progress.status, progress.comment, progress.version) == (
        "in_progress",
        "Before parliament",
        2,
    )
    kept = StateProgressEvent.objects.get(version=2)
    assert (kept.old_status, kept.new_status, kept.user) == ("in_progress", "in_progress", user)
    page = client.get(f"/states/FRA/mandates/{op15.pk}/").content.decode()
    assert 'in progress <span class="unchanged">(unchanged)</span>' in page
    assert "in progress → in progress" not in page


def test_a_report_that_says_nothing_new_is_refused_and_changes_nothing(
    accepted, france, states, secretariat_user
):
    _user, client = france
    op15 = accepted[(15, 1)]
    record_for_france(
        op15, states, secretariat_user, "in_progress", evidence_url="https://example.org/bill"
    )
    response = report(client, "FRA", op15, version=1, status="", comment="  ")
    assert response.status_code == 400
    assert "Nothing to send: choose a new status" in response.content.decode()
    # The same, forged past the form: the status given as it is, with the same link.
    with pytest.raises(TrackingError, match="Nothing to send"):
        state_report_submit(
            mandate=op15, state=states["FRA"], user=_user, status="in_progress",
            evidence_url="https://example.org/bill", expected_version=1,
        )  # fmt: skip
    with pytest.raises(TrackingError, match="Nothing to send"):
        state_progress_set(
            mandate=op15, state=states["FRA"], status="in_progress", user=secretariat_user,
            evidence_url="https://example.org/bill", expected_version=1,
        )  # fmt: skip
    assert not StateReport.objects.exists()
    assert StateProgressEvent.objects.count() == 1


def test_staff_may_remove_an_evidence_link_and_keep_the_status(accepted, states, secretariat_user):
    op15 = accepted[(15, 1)]
    kenya = states["KEN"]
    state_progress_set(
        mandate=op15, state=kenya, status="in_progress", user=secretariat_user,
        evidence_url="https://example.org/wrong", expected_version=0,
    )  # fmt: skip
    progress = state_progress_set(
        mandate=op15, state=kenya, status="in_progress", user=secretariat_user,
        expected_version=1,
    )  # fmt: skip
    assert (progress.status, progress.evidence_url, progress.version) == ("in_progress", "", 2)


def test_the_state_form_speaks_french(accepted, france, states):
    _user, client = france
    client.cookies["django_language"] = "fr"
    op15 = accepted[(15, 1)]
    page = client.get(f"/states/FRA/mandates/{op15.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    options = status_options(page.content.decode(), op15)
    assert options[0][1] == "Garder l’état actuel (non commencé)"
    response = report(client, "FRA", op15, status="")
    assert "Rien à envoyer\u00a0: choisissez un nouvel état" in response.content.decode()


# Permissions -------------------------------------------------------------------------------


def test_a_delegation_cannot_write_for_another_state_a_group_or_the_mandate(
    accepted, germany, france
):
    _user, client = germany
    op15 = accepted[(15, 1)]
    response = report(client, "FRA", op15)
    assert response.status_code == 403
    assert "You cannot record the progress of this State" in response.content.decode()
    # A form for another State is not even shown.
    assert f"m{op15.pk}-status" not in client.get("/states/FRA/").content.decode()
    # No State page stands for a group: "states_parties" is no ISO code.
    assert report(client, "states_parties", op15).status_code == 404
    # The mandate's own status is the secretariat's.
    response = client.post(
        f"/mandates/{op15.pk}/status/", {"status": "completed", "version": op15.version}
    )
    assert response.status_code == 403
    assert not StateReport.objects.exists() and not StateProgress.objects.exists()
    op15.refresh_from_db()
    assert op15.status == "not_started"


def test_a_delegation_without_a_link_or_a_reader_cannot_report(
    accepted, delegation_client, outsider_user, states
):
    op15 = accepted[(15, 1)]
    assert report(delegation_client, "FRA", op15).status_code == 403
    outsider = Client()
    outsider.force_login(outsider_user)
    assert report(outsider, "FRA", op15).status_code == 403
    assert report(Client(), "FRA", op15).status_code == 302  # to the login page
    assert not StateReport.objects.exists()


def test_a_forged_report_is_refused_with_nothing_saved(accepted, france):
    _user, client = france
    op15 = accepted[(15, 1)]
    for data in (
        {"status": "teleported"},
        {"version": "-1"},
        {"version": "abc"},
        {"evidence_url": "javascript:alert(1)"},
        {"comment": "x" * 6000},
    ):
        assert report(client, "FRA", op15, **data).status_code == 400, data
    assert not StateReport.objects.exists()


def test_only_reviewers_see_the_queue(delegation_client, france, accepted):
    _user, client = france
    assert delegation_client.get("/states/reports/").status_code == 403
    report(client, "FRA", accepted[(15, 1)])
    pending = StateReport.objects.get()
    assert client.post(f"/states/reports/{pending.pk}/accept/").status_code == 403
    assert StateReport.objects.get().review == "pending"


def test_a_delegation_lands_on_its_state_after_signing_in(france, delegation_client, states):
    user, _client = france
    client = Client()
    response = client.post(
        reverse("login"), {"username": user.username, "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert client.get(response.url).url == "/states/FRA/"
    assert delegation_client.get("/").url == reverse("tracking:dashboard")


def test_the_list_of_states_links_every_state(delegation_client, states):
    page = delegation_client.get("/states/").content.decode()
    assert 'href="/states/BOL/"' in page and "Bolivia (Plurinational State of)" in page


def test_the_state_page_speaks_french(delegation_client, accepted, states):
    delegation_client.cookies["django_language"] = "fr"
    page = delegation_client.get("/states/BOL/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Bolivie (État plurinational de)" in page
    assert "aucune information" in page
