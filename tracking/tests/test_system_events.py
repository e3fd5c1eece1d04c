"""What Suivi writes itself (suggested, recomputed, imported from a spreadsheet) is an
event with an origin, never a comment: shown in the reader's language, never taken for a
person's words, and the review workflow is not shown to delegations."""

import datetime

import pytest

from resolutions.models import Session
from resolutions.services import session_update
from tracking.models import Mandate, MandateEvent
from tracking.reports.selectors import implementation_report
from tracking.services import mandate_accept, mandate_reject

pytestmark = pytest.mark.django_db


def test_suggestions_are_events_of_suivi_with_no_comment(imported_seed):
    created = MandateEvent.objects.filter(field="created", new_value="suggested")
    assert created.exists()
    assert set(created.values_list("origin", "comment")) == {("suggestion", "")}


def test_suivis_entries_are_shown_in_the_readers_language(
    secretariat_client, imported_seed, secretariat_user
):
    op5 = Mandate.objects.get(paragraph__number=5)
    mandate_accept(mandate=op5, user=secretariat_user)
    english = secretariat_client.get(op5.get_absolute_url()).content.decode()
    french = secretariat_client.get(
        op5.get_absolute_url(), headers={"accept-language": "fr"}
    ).content.decode()
    assert "Suggested by Suivi from the text of the paragraph." in english
    assert "Suggéré par Suivi à partir du texte du paragraphe." in french
    assert "Suggested by Suivi" not in french


def test_delegations_never_see_the_review_workflow(
    delegation_client, imported_seed, secretariat_user
):
    op5 = Mandate.objects.get(paragraph__number=5)
    mandate_accept(mandate=op5, user=secretariat_user, comment="Checked against the text")
    html = delegation_client.get(op5.get_absolute_url()).content.decode()
    history = html[html.index('id="history-heading"') :]
    assert "Checked against the text" not in history
    assert "Suggested by Suivi" not in history
    assert "suggested, to be reviewed" not in history


def test_a_recomputed_due_date_is_suivis_entry(imported_seed, secretariat_user):
    op5 = Mandate.objects.get(paragraph__number=5)
    mandate_accept(mandate=op5, user=secretariat_user)
    session = Session.objects.get(number=12, body__symbol_prefix="ICC-ASP")
    session_update(session=session, start_date=datetime.date(2031, 11, 12), end_date=None)
    recomputed = op5.events.filter(field="due_date").latest("at")
    assert (recomputed.origin, recomputed.comment, recomputed.user) == ("calendar", "", None)
    assert "dates of the session changed" in recomputed.system_note


def test_the_latest_note_is_a_persons_words_never_suivis(
    imported_seed, secretariat_user, delegation_user
):
    op5, op9 = Mandate.objects.filter(paragraph__number__in=[5, 9]).order_by("paragraph__number")
    mandate_accept(mandate=op5, user=secretariat_user, comment="Accepted as worded")
    mandate_accept(mandate=op9, user=secretariat_user)
    report = implementation_report(user=delegation_user, resolution=imported_seed)
    notes = {m.pk: m.latest_comment for row in report.rows for m in row["mandates"]}
    assert notes[op5.pk] is None and notes[op9.pk] is None


def test_a_rejected_suggestions_reason_is_for_those_who_review(
    imported_seed, secretariat_user, delegation_user
):
    op5 = Mandate.objects.get(paragraph__number=5)
    mandate_reject(mandate=op5, user=secretariat_user, comment="Not a request")
    review = MandateEvent.objects.filter(mandate=op5, field="review")
    assert review.get().comment == "Not a request"
    assert MandateEvent.objects.visible_to(secretariat_user).filter(pk__in=review).exists()
    assert not MandateEvent.objects.visible_to(delegation_user).filter(pk__in=review).exists()
