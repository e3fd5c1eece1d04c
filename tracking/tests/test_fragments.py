"""The mandate list and the mandate page keep their rendered parts in the cache
(tracking/fragments.py): served again without reading the rows, never to another
audience, and never after what they show has changed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tracking.models import Actor, Mandate
from tracking.services import (
    mandate_comment,
    mandate_create,
    mandate_set_status,
    mandate_update,
)
from tracking.states.services import state_progress_set

pytestmark = pytest.mark.django_db

LIST = reverse("tracking:mandate_list")


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def internal(mandate, secretariat_user):
    """A second mandate, internal, with internal notes."""
    made = mandate_create(
        paragraph=mandate.paragraph,
        user=secretariat_user,
        addressees=[Actor.objects.get(key="court")],
        action="requests",
        deliverable="a confidential briefing",
    )
    return mandate_update(
        mandate=made,
        user=secretariat_user,
        is_internal=True,
        internal_notes="Ask the Registrar quietly",
    )


# Served from the cache --------------------------------------------------------------------


def test_the_list_and_the_mandate_page_are_served_again_without_reading_the_rows(
    delegation_client, mandate
):
    url = mandate.get_absolute_url()
    for target in (LIST, url, LIST + "?status=not_started&addressee=bureau"):
        first = queries(delegation_client, target)
        again = queries(delegation_client, target)
        # The user, their permissions, the data version (and on the mandate page whether
        # they follow it): the rows, addressees, history and texts are not read again.
        assert again <= 4 < first, target
    assert "a report to the Assembly" in page(delegation_client, url)


def test_each_filter_and_page_of_the_list_is_kept_apart(delegation_client, mandate):
    assert "a report to the Assembly" not in page(delegation_client, LIST + "?q=nothing-like-it")
    assert "Bureau" in page(delegation_client, LIST + "?addressee=bureau")
    assert "No mandate matches" in page(delegation_client, LIST + "?addressee=court")


def test_invalid_filters_keep_their_400(delegation_client, mandate):
    for _ in range(2):
        assert delegation_client.get(LIST + "?due_after=not-a-date").status_code == 400


# Never another audience's ------------------------------------------------------------------


def test_a_delegation_never_gets_what_was_rendered_for_the_secretariat(
    secretariat_client, delegation_client, mandate, internal, secretariat_user
):
    mandate_update(mandate=mandate, user=secretariat_user, internal_notes="Chase the Bureau")
    staff_list = page(secretariat_client, LIST)
    staff_page = page(secretariat_client, mandate.get_absolute_url())
    assert internal.get_absolute_url() in staff_list
    assert "Chase the Bureau" in staff_page  # the internal notes, and their history entry
    assert "Add a progress note or change the status" in staff_page

    delegation_list = page(delegation_client, LIST)
    delegation_page = page(delegation_client, mandate.get_absolute_url())

    assert internal.get_absolute_url() not in delegation_list
    assert "Chase the Bureau" not in delegation_page
    assert "Internal notes" not in delegation_page
    assert "Add a progress note or change the status" not in delegation_page
    assert "Edit addressees" not in delegation_page
    page(delegation_client, internal.get_absolute_url(), status=404)


def test_the_secretariat_never_gets_what_was_rendered_for_a_delegation(
    secretariat_client, delegation_client, mandate, internal
):
    page(delegation_client, LIST)
    page(delegation_client, internal.get_absolute_url(), status=404)

    assert internal.get_absolute_url() in page(secretariat_client, LIST)
    assert "Ask the Registrar quietly" in page(secretariat_client, internal.get_absolute_url())


def test_anonymous_readers_get_the_public_fragments_only(
    client, settings, secretariat_client, mandate, internal
):
    settings.SUIVI_PUBLIC_READ = True
    page(secretariat_client, LIST)
    public = page(client, LIST)
    assert internal.get_absolute_url() not in public
    assert mandate.get_absolute_url() in public
    assert "Deadlines in your calendar" not in public  # a signed-in reader's link


def test_each_language_gets_its_own(delegation_client, mandate):
    url = mandate.get_absolute_url()
    assert "The request" in page(delegation_client, url)
    french = delegation_client.get(url, headers={"accept-language": "fr"})
    assert "La demande" in french.content.decode()
    assert "The request" in page(delegation_client, url)


# Never after a change -------------------------------------------------------------------------


def test_a_status_change_shows_at_once(delegation_client, mandate, secretariat_user):
    url = mandate.get_absolute_url()
    assert "status-not_started" in page(delegation_client, url)
    page(delegation_client, LIST)

    mandate_set_status(mandate=mandate, status="in_progress", user=secretariat_user)

    assert "status-in_progress" in page(delegation_client, url)
    assert "status-in_progress" in page(delegation_client, LIST)


def test_an_edit_shows_at_once(delegation_client, mandate, secretariat_user):
    url = mandate.get_absolute_url()
    page(delegation_client, url)
    page(delegation_client, LIST)

    mandate_update(mandate=mandate, user=secretariat_user, deliverable="a plan of action")

    assert "a plan of action" in page(delegation_client, url)


def test_a_new_history_entry_shows_at_once(delegation_client, mandate, secretariat_user):
    url = mandate.get_absolute_url()
    page(delegation_client, url)

    mandate_comment(mandate=mandate, user=secretariat_user, comment="Letter sent on Monday")

    assert "Letter sent on Monday" in page(delegation_client, url)


def test_a_change_of_visibility_shows_at_once(delegation_client, mandate, secretariat_user):
    url = mandate.get_absolute_url()
    page(delegation_client, url)
    assert url in page(delegation_client, LIST)

    mandate_update(mandate=mandate, user=secretariat_user, is_internal=True)

    assert url not in page(delegation_client, LIST)
    page(delegation_client, url, status=404)


def test_a_states_progress_shows_at_once(delegation_client, op5, states, secretariat_user, bureau):
    made = mandate_create(
        paragraph=op5,
        user=secretariat_user,
        addressees=[Actor.objects.get(key="states_parties")],
        action="calls_upon",
    )
    url = made.get_absolute_url()
    before = page(delegation_client, url)
    assert "0 of" in before

    state_progress_set(
        mandate=made, state=states["FRA"], status="completed", user=None, expected_version=0
    )

    assert "1 of" in page(delegation_client, url)


def test_an_actor_renamed_shows_at_once(delegation_client, mandate, bureau):
    page(delegation_client, LIST)
    page(delegation_client, mandate.get_absolute_url())

    bureau.name_en = "Bureau of the Assembly, renamed"
    bureau.save()  # as the admin does

    assert "Bureau of the Assembly, renamed" in page(delegation_client, LIST)
    assert "Bureau of the Assembly, renamed" in page(delegation_client, mandate.get_absolute_url())


def test_a_mandate_deleted_leaves_the_list(secretariat_client, mandate, internal):
    # Not the latest mandate, nor the one with the latest history entry: the data
    # version alone would not change.
    assert mandate.get_absolute_url() in page(secretariat_client, LIST)

    Mandate.objects.filter(pk=mandate.pk).delete()

    assert mandate.get_absolute_url() not in page(secretariat_client, LIST)


def test_a_change_committed_after_a_page_was_rendered_is_shown(delegation_client, mandate, bureau):
    """A page rendered while a transaction had not yet committed read the data before it;
    the commit leaves that page unread too."""
    from tracking import fragments

    bureau.name_en = "Bureau, committed"
    bureau.save()
    generation = fragments.generation()
    # What the transaction (the test's) runs when it commits: the fixtures' saves may
    # have asked for the renewal already.
    at_commit = [function for _ids, function, _robust in connection.run_on_commit]
    renewals = [function for function in at_commit if function is fragments._new_generation]
    assert len(renewals) == 1
    renewals[0]()
    assert fragments.generation() != generation


def test_many_saves_in_one_transaction_renew_the_generation_once_more_at_the_commit(bureau):
    from tracking import fragments

    before = fragments.generation()
    bureau.name_en = "Bureau, first"
    bureau.save()
    after_first = fragments.generation()
    bureau.name_en = "Bureau, second"
    bureau.save()
    assert fragments.generation() not in (before, after_first)  # each save, at once
    at_commit = [function for _ids, function, _robust in connection.run_on_commit]
    assert at_commit.count(fragments._new_generation) == 1
