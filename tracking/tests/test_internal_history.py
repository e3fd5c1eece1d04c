"""Making a mandate internal, or editing its internal notes, writes history entries that
only those who read internal mandates see."""

import pytest
from django.urls import reverse

from tracking.models import MandateEvent
from tracking.reports.selectors import implementation_report
from tracking.services import mandate_update

pytestmark = pytest.mark.django_db


def internal_events(mandate):
    return list(
        MandateEvent.objects.filter(mandate=mandate, field__in=MandateEvent.INTERNAL_FIELDS)
        .order_by("id")
        .values_list("field", "old_value", "new_value", "comment", "user__username")
    )


def test_changes_of_internal_and_its_notes_are_history_entries(mandate, secretariat_user):
    version = mandate.version
    mandate_update(
        mandate=mandate,
        user=secretariat_user,
        is_internal=True,
        internal_notes="Ask the Registry first",
        comment="Pending the Registry",
    )
    mandate_update(mandate=mandate, user=secretariat_user, is_internal=False, internal_notes="")
    assert internal_events(mandate) == [
        ("internal", "False", "True", "Pending the Registry", "sofia"),
        ("internal_notes", "", "Ask the Registry first", "Pending the Registry", "sofia"),
        ("internal", "True", "False", "", "sofia"),
        ("internal_notes", "Ask the Registry first", "", "", "sofia"),
    ]
    assert mandate.version == version + 2


def test_saving_the_same_values_writes_no_entry(mandate, secretariat_user):
    mandate_update(mandate=mandate, user=secretariat_user, is_internal=False, internal_notes="")
    assert internal_events(mandate) == []


def test_the_edit_form_records_them(secretariat_client, mandate):
    form = secretariat_client.get(reverse("tracking:mandate_edit", args=[mandate.pk]))
    data = {
        key: value
        for key, value in form.context["form"].initial.items()
        if value not in (None, False)
    }
    data["addressees"] = [actor.pk for actor in mandate.addressees.all()]
    data["deadline_session"] = mandate.deadline_session.number
    data.update(is_internal="on", internal_notes="Check with the Bureau", version=mandate.version)
    response = secretariat_client.post(reverse("tracking:mandate_edit", args=[mandate.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [event[0] for event in internal_events(mandate)] == ["internal", "internal_notes"]


def test_staff_see_these_entries_and_delegations_never(
    mandate, secretariat_user, secretariat_client, delegation_client
):
    mandate_update(
        mandate=mandate,
        user=secretariat_user,
        is_internal=True,
        internal_notes="Registry not consulted yet",
        comment="Hold until the Registry answers",
    )
    staff_page = secretariat_client.get(mandate.get_absolute_url()).content.decode()
    assert "Registry not consulted yet" in staff_page
    assert "Hold until the Registry answers" in staff_page
    assert "event-internal_notes" in staff_page

    # Public again: delegations read the mandate, not what happened while it was internal.
    mandate_update(mandate=mandate, user=secretariat_user, is_internal=False)
    page = delegation_client.get(mandate.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Registry not consulted yet" not in html
    assert "Hold until the Registry answers" not in html
    assert "event-internal" not in html
    assert [event.field for event in page.context["mandate"].events.all()] == ["created"]


def test_the_report_never_quotes_a_comment_on_an_internal_change(
    mandate, secretariat_user, delegation_user
):
    mandate_update(
        mandate=mandate,
        user=secretariat_user,
        internal_notes="Registry",
        comment="Only for the secretariat",
    )
    for user in (secretariat_user, delegation_user):
        rows = implementation_report(user=user, resolution=mandate.resolution).rows
        [reported] = [m for row in rows for m in row["mandates"] if m.pk == mandate.pk]
        assert reported.latest_comment != "Only for the secretariat"
