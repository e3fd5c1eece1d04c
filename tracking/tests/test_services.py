"""Business rules of mandates: statuses, history, deadlines, concurrent edits, suggestions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from resolutions.models import Session
from resolutions.services import session_update
from tracking.models import Actor, Mandate, MandateEvent, Status
from tracking.services import (
    ConcurrentEdit,
    TrackingError,
    mandate_accept,
    mandate_reject,
    mandate_set_status,
    mandate_update,
)

pytestmark = pytest.mark.django_db


def test_it_ships_the_actors_the_example_data_needs():
    keys = set(Actor.objects.values_list("key", flat=True))
    assert {
        "states_parties",
        "non_party_states",
        "states",
        "bureau",
        "court",
        "assembly",
        "president_of_assembly",
        "secretariat",
        "secretary_general",
        "united_nations",
        "security_council",
        "international_organizations",
        "regional_organizations",
        "civil_society",
    } <= keys
    assert Actor.objects.get(key="hague_working_group").parent.key == "bureau"


def test_it_computes_the_due_date_from_the_session_calendar(mandate):
    assert mandate.due_date == datetime.date(2013, 11, 20)
    assert mandate.deadline_text("en") == "before the 12th session (20 November 2013)"
    assert mandate.deadline_text("fr").startswith("avant la 12e session")


def test_well_before_keeps_a_flag_and_a_lead_time(mandate, secretariat_user, settings):
    settings.SUIVI_WELL_BEFORE_LEAD_DAYS = 30
    mandate_update(mandate=mandate, user=secretariat_user, well_before=True)
    mandate.refresh_from_db()
    assert mandate.well_before
    assert mandate.due_date == datetime.date(2013, 10, 21)


def test_it_recomputes_due_dates_when_session_dates_change(mandate):
    session = Session.objects.get(number=12, body__symbol_prefix="ICC-ASP")
    session_update(session=session, start_date=datetime.date(2013, 12, 2), end_date=None)

    mandate.refresh_from_db()
    assert mandate.due_date == datetime.date(2013, 12, 2)
    event = mandate.events.filter(field="due_date").get()
    assert (event.old_value, event.new_value) == ("2013-11-20", "2013-12-02")


def test_a_session_with_unknown_dates_leaves_the_deadline_symbolic(op5, bureau, secretariat_user):
    from tracking.services import mandate_create

    mandate = mandate_create(
        paragraph=op5,
        user=secretariat_user,
        addressees=[bureau],
        action="requests",
        deadline_relation="before",
        deadline_session=24,
    )
    assert mandate.due_date is None
    assert mandate.deadline_text("en") == "before the 24th session, dates not set"
    assert not mandate.is_overdue(today=datetime.date(2030, 1, 1))

    session_update(
        session=mandate.deadline_session, start_date=datetime.date(2025, 12, 1), end_date=None
    )
    mandate.refresh_from_db()
    assert mandate.due_date == datetime.date(2025, 12, 1)


def test_overdue_is_derived_from_due_date_and_status(mandate, secretariat_user):
    after = datetime.date(2014, 1, 1)
    assert mandate.is_overdue(today=after)
    assert Mandate.objects.overdue(today=after).filter(pk=mandate.pk).exists()
    assert not mandate.is_overdue(today=datetime.date(2013, 1, 1))

    mandate_set_status(mandate=mandate, status="completed", user=secretariat_user)
    assert not mandate.is_overdue(today=after)
    assert not Mandate.objects.overdue(today=after).exists()


def test_it_follows_the_status_pipeline_and_writes_history(mandate, secretariat_user):
    mandate_set_status(
        mandate=mandate,
        status="in_progress",
        user=secretariat_user,
        comment="Consultations started",
        evidence_symbol="ICC-ASP/12/29",
    )
    mandate_set_status(mandate=mandate, status="completed", user=secretariat_user)

    mandate.refresh_from_db()
    assert mandate.status == Status.COMPLETED
    statuses = list(
        mandate.events.filter(field="status")
        .order_by("at", "id")
        .values_list("old_value", "new_value")
    )
    assert statuses == [("not_started", "in_progress"), ("in_progress", "completed")]
    first = mandate.events.filter(field="status").order_by("at", "id").first()
    assert first.user == secretariat_user
    assert first.comment == "Consultations started"
    assert first.evidence_symbol == "ICC-ASP/12/29"


def test_it_refuses_a_transition_the_pipeline_does_not_allow(mandate, secretariat_user):
    mandate_set_status(mandate=mandate, status="superseded", user=secretariat_user)
    with pytest.raises(TrackingError, match="cannot go"):
        mandate_set_status(mandate=mandate, status="completed", user=secretariat_user)
    with pytest.raises(TrackingError, match="not a status"):
        mandate_set_status(mandate=mandate, status="done", user=secretariat_user)
    mandate.refresh_from_db()
    assert mandate.status == "superseded"
    assert mandate.events.filter(field="status").count() == 1


def test_a_second_save_based_on_the_same_version_is_refused(
    mandate, secretariat_user, delegation_user
):
    seen = mandate.version
    first = Mandate.objects.get(pk=mandate.pk)
    second = Mandate.objects.get(pk=mandate.pk)

    mandate_set_status(
        mandate=first,
        status="in_progress",
        user=secretariat_user,
        comment="mine",
        expected_version=seen,
    )
    with pytest.raises(ConcurrentEdit) as refused:
        mandate_set_status(
            mandate=second, status="not_applicable", user=secretariat_user, expected_version=seen
        )

    assert [(e.field, e.new_value, e.comment) for e in refused.value.events] == [
        ("status", "in_progress", "mine")
    ]
    second.refresh_from_db()
    assert second.status == "in_progress"


def test_history_entries_are_never_changed_or_deleted(mandate):
    event = mandate.events.first()
    event.comment = "rewritten"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    assert MandateEvent.objects.filter(comment="rewritten").count() == 0


def test_each_changed_field_gets_its_history_entry(mandate, secretariat_user):
    court = Actor.objects.get(key="court")
    mandate_update(
        mandate=mandate,
        user=secretariat_user,
        addressees=[court],
        focal_point=secretariat_user,
        deadline_relation="at",
        deadline_session=13,
        comment="Corrected after reading the English text",
    )
    fields = set(mandate.events.values_list("field", flat=True))
    assert {"addressees", "focal_point", "deadline"} <= fields
    deadline = mandate.events.get(field="deadline")
    assert deadline.old_value.startswith("before the 12th session")
    assert deadline.new_value.startswith("at the 13th session")
    mandate.refresh_from_db()
    assert mandate.due_date == datetime.date(2014, 12, 8)


def test_suggestions_are_accepted_or_rejected_and_never_overwritten(
    imported_seed, secretariat_user
):
    from resolutions.services import resolution_import

    suggestion = Mandate.objects.filter(paragraph__number=5, review="suggested").first()
    assert suggestion is not None
    mandate_accept(mandate=suggestion, user=secretariat_user, deadline_relation="at")
    other = Mandate.objects.filter(paragraph__number=4, review="suggested").get()
    mandate_reject(mandate=other, user=secretariat_user, comment="Not a request")

    text = imported_seed.texts.get().source_text
    resolution_import(text=text.replace("non essentiels", "essentiels"), replace=True)

    suggestion.refresh_from_db()
    assert suggestion.review == "accepted" and suggestion.deadline_relation == "at"
    assert Mandate.objects.filter(paragraph__number=5).count() == 1
    assert Mandate.objects.filter(paragraph__number=4).get().review == "rejected"


def test_a_status_is_only_followed_once_the_suggestion_is_accepted(imported_seed, secretariat_user):
    suggestion = Mandate.objects.filter(review="suggested").first()
    with pytest.raises(TrackingError, match="Accept"):
        mandate_set_status(mandate=suggestion, status="in_progress", user=secretariat_user)


def test_importing_the_seed_suggests_the_gold_mandates(imported_seed, seed_gold):
    def stored(number):
        mandates = Mandate.objects.filter(paragraph__number=number, paragraph__kind="operative")
        return [
            {
                "addressees": sorted(m.addressees.values_list("key", flat=True)),
                "action": m.action,
                "deadline": (
                    {"relation": m.deadline_relation, "session": m.deadline_session.number}
                    if m.deadline_session
                    else None
                ),
                "urgent": m.urgent,
            }
            for m in mandates.order_by("position")
        ]

    for paragraph in seed_gold["operative"]:
        expected = [{**m, "addressees": sorted(m["addressees"])} for m in paragraph["mandates"]]
        assert stored(paragraph["number"]) == expected, paragraph["number"]
    assert Mandate.objects.filter(review="suggested").count() == 16


def test_a_recalled_request_links_to_the_earlier_mandate(secretariat_user):
    from resolutions.services import resolution_import

    earlier = resolution_import(
        text=(
            "Noting the report,\n\n"
            + "\n\n".join(f"{n}. Notes item {n};" for n in range(1, 15))
            + "\n\n15. Requests the Court to submit an updated report on cooperation "
            "to the Assembly at its twelfth session."
        ),
        symbol="ICC-ASP/10/Res.2",
        language="en",
    ).resolution
    recalled = Mandate.objects.get(paragraph__resolution=earlier, paragraph__number=15)
    seed = (
        "Rappelant le Statut,\n\n1. Rappelle la demande adressée à la Cour par l’Assemblée, "
        "lors de "
        "sa dixième session, pour la prier de soumettre à l’Assemblée, à sa douzième session, un "
        "rapport actualisé sur la coopération, conformément au paragraphe 15 de la résolution "
        "ICC-ASP/10/Res.2."
    )
    later = resolution_import(text=seed, symbol="ICC-ASP/11/Res.9", language="fr").resolution

    mandate = Mandate.objects.get(paragraph__resolution=later)
    assert mandate.recalls == recalled
    assert mandate.recalls_reference == "ICC-ASP/10/Res.2 §15"
    assert (mandate.deadline_relation, mandate.deadline_session.number) == ("at", 12)
