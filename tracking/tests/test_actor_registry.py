"""The actor registry is kept between imports and read again whenever the rows it is built
from change, however they change (tracking.selectors.actor_registry)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tracking.models import Actor, ActorAlias
from tracking.selectors import actor_registry
from tracking.states.models import State

pytestmark = pytest.mark.django_db


def aliases_of(key: str) -> tuple[str, ...]:
    registry, _ids = actor_registry()
    return next(entry.aliases for entry in registry if entry.key == key)


def test_it_answers_from_one_statement_and_the_same_registry_while_nothing_changes():
    first, _ids = actor_registry()
    with CaptureQueriesContext(connection) as queries:
        again, ids = actor_registry()
    assert again is first
    assert len(queries.captured_queries) == 1
    assert ids["bureau"] == Actor.objects.get(key="bureau").pk


def test_it_gives_a_copy_of_the_ids_that_callers_may_add_to():
    _registry, ids = actor_registry()
    ids["state:KEN"] = 0
    assert "state:KEN" not in actor_registry()[1]


def test_it_reads_an_alias_added_or_deleted():
    bureau = Actor.objects.get(key="bureau")
    aliases_of("bureau")
    alias = ActorAlias.objects.create(actor=bureau, text="the steering body")
    assert "the steering body" in aliases_of("bureau")
    alias.delete()
    assert "the steering body" not in aliases_of("bureau")


def test_it_reads_a_name_changed_by_a_bulk_update_that_sends_no_signal():
    aliases_of("bureau")
    Actor.objects.filter(key="bureau").update(name_en="Steering Bureau")
    assert "Steering Bureau" in aliases_of("bureau")


def test_it_reads_an_actor_linked_to_a_state_under_the_states_key():
    kenya = State.objects.create(iso3="KEN", name_en="Kenya", name_fr="Kenya")
    actor = Actor.objects.create(key="kenya-mission", name_en="Kenya", name_fr="Kenya")
    assert "kenya-mission" in actor_registry()[1]
    Actor.objects.filter(pk=actor.pk).update(state=kenya)
    assert actor_registry()[1]["state:KEN"] == actor.pk
    State.objects.filter(pk=kenya.pk).update(iso3="KEX")
    assert actor_registry()[1]["state:KEX"] == actor.pk


def test_a_rolled_back_change_is_not_kept():
    before = aliases_of("bureau")
    with pytest.raises(RuntimeError), transaction.atomic():
        ActorAlias.objects.create(actor=Actor.objects.get(key="bureau"), text="gone soon")
        assert "gone soon" in aliases_of("bureau")
        raise RuntimeError
    assert aliases_of("bureau") == before
