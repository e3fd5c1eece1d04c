"""Progress notes without a change of status, and a status form that keeps the current
status unless another is chosen, each choice saying what it does."""

import re

import pytest
from django.urls import reverse

from tracking.models import Mandate, MandateEvent
from tracking.services import mandate_accept, mandate_set_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def op9(imported_seed, secretariat_user):
    mandate = Mandate.objects.get(paragraph__number=9)
    mandate_accept(mandate=mandate, user=secretariat_user)
    mandate_set_status(mandate=mandate, status="in_progress", user=secretariat_user)
    mandate.refresh_from_db()
    return mandate


def post(client, mandate, **data):
    url = reverse("tracking:mandate_status", args=[mandate.pk])
    return client.post(url, {"version": mandate.version, **data})


def test_the_form_keeps_the_current_status_and_names_each_move(secretariat_client, op9):
    html = secretariat_client.get(op9.get_absolute_url()).content.decode()
    select = re.search(r'<select name="status".*?</select>', html, re.S).group(0)
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    assert options[0] == "Keep the current status (in progress)"
    assert 'value="" selected' in select
    assert "Mark as completed" in options and "Mark as not started" in options
    assert "Mark as in progress" not in options  # not a move from where it is


def test_a_public_note_leaves_the_status_and_reaches_delegations(
    secretariat_client, delegation_client, op9
):
    before = op9.version
    response = post(
        secretariat_client,
        op9,
        comment="Letters sent to 12 States",
        evidence_url="https://example.org/letters",
    )
    assert response.status_code == 302
    op9.refresh_from_db()
    assert op9.status == "in_progress" and op9.version == before + 1
    note = op9.events.get(field="comment")
    assert (note.comment, note.evidence_url) == (
        "Letters sent to 12 States",
        "https://example.org/letters",
    )
    assert (
        "Letters sent to 12 States"
        in delegation_client.get(op9.get_absolute_url()).content.decode()
    )


def test_an_internal_note_stays_with_the_secretariat(secretariat_client, delegation_client, op9):
    post(secretariat_client, op9, comment="Chase the focal point", internal="on")
    assert op9.events.filter(field=MandateEvent.Field.INTERNAL_COMMENT).exists()
    assert (
        "Chase the focal point" in secretariat_client.get(op9.get_absolute_url()).content.decode()
    )
    assert (
        "Chase the focal point"
        not in delegation_client.get(op9.get_absolute_url()).content.decode()
    )


def test_nothing_to_save_is_said_and_nothing_changes(secretariat_client, op9):
    response = post(secretariat_client, op9, comment="   ")
    assert response.status_code == 400
    assert "Nothing to save: choose a new status or write a note." in response.content.decode()
    assert Mandate.objects.get(pk=op9.pk).version == op9.version


def test_a_status_change_cannot_be_internal(secretariat_client, op9):
    response = post(secretariat_client, op9, status="completed", internal="on", comment="Done")
    assert response.status_code == 400
    assert Mandate.objects.get(pk=op9.pk).status == "in_progress"


def test_a_status_change_still_works_with_its_note(secretariat_client, op9):
    post(secretariat_client, op9, status="completed", comment="Report published")
    op9.refresh_from_db()
    assert op9.status == "completed"
    assert op9.events.get(field="status", new_value="completed").comment == "Report published"
