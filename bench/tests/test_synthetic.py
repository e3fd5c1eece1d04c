"""The synthetic corpus generator, at a tiny scale: exact counts, consistent rows, the
same corpus for the same seed, and no synthetic corpus mixed with real resolutions."""

import io
import random

import pytest
from django.db.models import Count, F

from bench import synthetic
from bench.generate import GenerationError
from bench.generate import generate as generate_corpus
from resolutions.models import Body, Paragraph, ParagraphText, Resolution
from tracking.extraction import DEFAULT_ACTORS
from tracking.models import TRANSITIONS, Mandate, MandateEvent, Status
from tracking.states.models import State, StateProgress, StateProgressEvent
from tracking.states.selectors import mandate_concerns_state

# 10 resolutions, 250 paragraphs, 75 mandates, 500 history entries, 1,000 per-State entries
SCALE = 0.0005


def generate(**options):
    generate_corpus(scale=SCALE, out=io.StringIO(), **options)


def test_counts_at_a_scale():
    assert synthetic.FULL_SCALE.at(1) == synthetic.Counts(
        20_000, 500_000, 150_000, 1_000_000, 2_000_000
    )
    assert synthetic.FULL_SCALE.at(SCALE) == synthetic.Counts(10, 250, 75, 500, 1_000)


def test_spread_is_exact_and_respects_the_minimum():
    parts = synthetic.spread(random.Random(1), 1000, [0.1, 5, 1, 1, 30], minimum=4)
    assert sum(parts) == 1000
    assert min(parts) >= 4


@pytest.mark.django_db
def test_the_counts_asked_for_are_generated():
    generate(seed=3)
    synthetic_resolutions = Resolution.objects.filter(symbol__startswith=synthetic.SYMBOL_PREFIX)
    assert synthetic_resolutions.count() == 10
    assert Paragraph.objects.count() == 250
    assert Mandate.objects.count() == 75
    assert MandateEvent.objects.count() == 500
    assert StateProgress.objects.count() == 1_000
    assert State.objects.count() > 190  # the shipped registry, with its memberships
    asp = Body.objects.get(symbol_prefix="ICC-ASP")
    assert Mandate.objects.filter(paragraph__resolution__body=asp).count() == round(75 / 15)
    assert set(Resolution.objects.values_list("body__symbol_prefix", flat=True)) == {
        "ICC-ASP",
        "A/RES",
    }


@pytest.mark.django_db
def test_it_sets_the_resolution_of_generated_mandates():
    """The synthetic corpus is written with COPY or bulk_create, which skip save()."""
    generate(seed=1)
    assert not Mandate.objects.exclude(resolution_id=F("paragraph__resolution_id")).exists()


@pytest.mark.django_db
def test_the_rows_are_consistent():
    generate(seed=4)
    # Every paragraph has a text; mandates sit on operative paragraphs.
    assert not Paragraph.objects.annotate(n=Count("texts")).filter(n=0).exists()
    assert ParagraphText.objects.filter(text="").count() == 0
    assert not Mandate.objects.exclude(paragraph__kind="operative").exists()
    assert not Mandate.objects.annotate(n=Count("addressees")).filter(n=0).exists()
    assert set(Mandate.objects.values_list("review", flat=True)) == {"accepted"}
    for mandate in Mandate.objects.select_related("paragraph__resolution", "deadline_session"):
        # Due dates are what the application itself computes from the deadline.
        assert mandate.due_date == mandate.computed_due_date()
        assert mandate.paragraph.resolution.symbol in mandate.search_text
        assert mandate.search_text.endswith(mandate.deliverable)
        # The history ends at the mandate's status along allowed moves, one version each.
        events = list(mandate.events.order_by("at", "id"))
        assert (
            [e.version for e in events]
            == list(range(1, len(events) + 1))
            == list(range(1, mandate.version + 1))
        )
        assert events[0].field == "created"
        status = Status.NOT_STARTED
        for event in events:
            if event.field == "status":
                assert event.old_value == status and event.new_value in TRANSITIONS[status]
                status = event.new_value
        assert status == mandate.status


@pytest.mark.django_db
def test_the_application_saves_after_the_corpus():
    """Ids were given explicitly; the sequences were moved past them."""
    generate(seed=5)
    body = Body.objects.get(symbol_prefix="A/RES")
    resolution = Resolution.objects.create(symbol="A/RES/99/1", body=body)
    assert resolution.pk > Resolution.objects.exclude(pk=resolution.pk).latest("pk").pk


@pytest.mark.django_db
def test_each_states_progress_is_on_a_mandate_that_concerns_it_and_ends_its_history():
    generate(seed=6)
    cells = list(StateProgress.objects.select_related("mandate", "state"))
    assert len({(p.mandate_id, p.state_id) for p in cells}) == len(cells) == 1_000
    for progress in cells[:150]:
        assert mandate_concerns_state(
            mandate=progress.mandate, state=progress.state, on=synthetic.CORPUS_DATE
        )
    events: dict = {}
    for event in StateProgressEvent.objects.order_by("at", "id"):
        events.setdefault((event.mandate_id, event.state_id), []).append(event)
    assert len(events) == len(cells)
    for progress in cells:
        history = events[(progress.mandate_id, progress.state_id)]
        assert [e.version for e in history] == list(range(1, progress.version + 1))
        assert history[0].old_status == ""
        assert all(a.new_status == b.old_status for a, b in zip(history, history[1:], strict=False))
        assert history[-1].new_status == progress.status
        assert progress.updated_at == history[-1].at
    assert {p.status for p in cells} >= {Status.COMPLETED, Status.IN_PROGRESS}


def test_per_state_entries_never_exceed_the_states_concerned():
    assert synthetic._capped_spread(random.Random(1), 102, [1, 1, 100]) == [1, 1, 100]
    capacity = [3, 200, 7, 40]
    parts = synthetic._capped_spread(random.Random(2), 60, capacity)
    assert sum(parts) == 60
    assert all(part <= room for part, room in zip(parts, capacity, strict=True))


def snapshot() -> list:
    """What the corpus holds, leaving out the times the database sets by itself."""
    return [
        list(Resolution.objects.order_by("pk").values_list("pk", "symbol", "adopted_on")),
        list(ParagraphText.objects.order_by("pk").values_list("pk", "paragraph_id", "text")),
        list(
            Mandate.objects.order_by("pk").values_list(
                "pk", "paragraph_id", "action", "status", "due_date", "focal_point__username"
            )
        ),
        list(Mandate.addressees.through.objects.order_by("pk").values_list("mandate_id", "actor")),
        list(
            MandateEvent.objects.order_by("pk").values_list("mandate_id", "at", "field", "comment")
        ),
        list(
            StateProgress.objects.order_by("pk").values_list(
                "mandate_id", "state__iso3", "status", "updated_at"
            )
        ),
    ]


def wipe() -> None:
    StateProgressEvent.objects.all().delete()
    StateProgress.objects.all().delete()
    MandateEvent.objects.all().delete()
    Mandate.objects.all().delete()
    Resolution.objects.all().delete()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_corpus():
    generate(seed=7)
    first = snapshot()
    wipe()
    generate(seed=7)
    assert snapshot() == first
    wipe()
    generate(seed=8)
    assert snapshot() != first


def tiny_world() -> synthetic.World:
    sessions = {
        body: {
            n: synthetic.SessionInfo(n, n, None, None)
            for n in range(1, synthetic.LAST_SESSION[body] + 1)
        }
        for body in (synthetic.ASP, synthetic.GA)
    }
    actors = {
        a["key"]: synthetic.ActorInfo(i, a["key"], a["name_en"], a["name_fr"])
        for i, a in enumerate(DEFAULT_ACTORS, 1)
    }
    return synthetic.World(
        body_ids={synthetic.ASP: 1, synthetic.GA: 2},
        sessions=sessions,
        actors=actors,
        staff=[(1, "staff")],
        first_ids=dict.fromkeys(synthetic.TABLES, 1),
        group_states={key: tuple(range(1, 50)) for key in synthetic.STATE_GROUPS},
    )


def test_rows_depend_on_the_seed_only():
    def rows(seed):
        rng = random.Random(seed)
        plans, events = synthetic.plan_corpus(synthetic.FULL_SCALE.at(SCALE), rng)
        builder = synthetic.CorpusBuilder(tiny_world(), rng)
        tables = builder.build(plans, iter(events)).tables
        for batch in builder.build_state_progress(1_000):
            for label, batch_rows in batch.tables.items():
                tables[label] += batch_rows
        return tables

    assert rows(1) == rows(1)
    assert rows(1) != rows(2)


def test_the_text_speaks_of_what_delegations_search():
    rng = random.Random(1)
    plans, events = synthetic.plan_corpus(synthetic.FULL_SCALE.at(0.005), rng)
    tables = synthetic.CorpusBuilder(tiny_world(), rng).build(plans, iter(events)).tables
    texts = " ".join(row[3] for row in tables["resolutions.ParagraphText"])
    for words in ("coopération", "cooperation", "arrest warrants", "Bureau"):
        assert words in texts
    lengths = sorted(len(row[3]) for row in tables["resolutions.ParagraphText"])
    assert 150 < lengths[len(lengths) // 2] < 500  # a median paragraph, as in real resolutions


@pytest.mark.django_db
def test_a_database_with_real_resolutions_is_refused(imported_seed):
    with pytest.raises(GenerationError, match="real resolutions"):
        generate(seed=1)
    assert Resolution.objects.count() == 1
    generate(seed=1, force=True)
    assert Resolution.objects.filter(symbol=imported_seed.symbol).exists()
    assert Resolution.objects.count() == 11


@pytest.mark.django_db
def test_a_second_synthetic_corpus_is_refused():
    generate(seed=1)
    with pytest.raises(GenerationError, match="already holds a synthetic corpus"):
        generate(seed=2, force=True)
