"""The mandate list's rows are built in one pass (MandateSerializer.to_representation): they
must be exactly what REST framework's walk over the declared fields (the schema) gives."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone, translation
from rest_framework import serializers as drf

from api.serializers import MandateSerializer
from api.views import with_latest_note
from tracking.models import Actor, Mandate
from tracking.selectors import mandate_list
from tracking.services import mandate_update

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_rows_built_in_one_pass_are_those_of_the_declared_fields(
    world, secretariat_user, language
):
    # A deadline at a session, well before it, beside the world's dated and undated ones;
    # two addressees.
    mandate_update(
        mandate=world.to_states,
        user=secretariat_user,
        addressees=list(Actor.objects.filter(key__in=["states_parties", "bureau"])),
        deadline_relation="before",
        deadline_session=12,
        well_before=True,
    )
    request = RequestFactory().get("/api/v1/mandates/")
    request.user = secretariat_user
    with translation.override(language):
        _filters, queryset = mandate_list(filters={}, user=secretariat_user)
        rows = list(with_latest_note(queryset))
        context = {
            "request": request,
            "language": language,
            "today": timezone.localdate() + datetime.timedelta(days=1),
        }
        serializer = MandateSerializer(context=context)
        walked = [drf.Serializer.to_representation(serializer, row) for row in rows]
        built = MandateSerializer(rows, many=True, context=context).data
    assert len(rows) == Mandate.objects.filter(review="accepted").count() >= 3
    for one, other in zip(built, walked, strict=True):
        for key in one:
            assert (key, one[key]) == (key, other[key])
    assert [dict(row) for row in built] == [dict(row) for row in walked]
    # What the comparison covers: each kind of deadline, a note, several addressees.
    assert {row["deadline"]["relation"] for row in built} >= {"by_date", "before"}
    assert any(row["latest_public_note"] for row in built)
    assert any(len(row["addressees"]) > 1 for row in built)
    assert any(row["deadline"]["session"] for row in built)


@pytest.mark.parametrize(("language", "place"), [("en", "The Hague"), ("fr", "La Haye")])
def test_sessions_say_where_they_meet_in_the_language_asked(clients, language, place):
    response = clients["delegation"].get("/api/v1/sessions/", headers={"Accept-Language": language})
    assert response.status_code == 200
    twelfth = next(s for s in response.json() if s["body"] == "ICC-ASP" and s["number"] == 12)
    assert (twelfth["venue"], twelfth["venue_fr"], twelfth["place"]) == (
        "The Hague",
        "La Haye",
        place,
    )
