"""Exports read plain values, not Mandate instances (tracking.exports.formats.read_rows).

These tests hold the values to what the model instances say, so that the export's
copies of Paragraph.reference, Mandate.deadline_text and the addressees' order cannot
drift from them, and hold the calendar feed to a fixed number of queries.
"""

import datetime

import icalendar
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, set_script_prefix
from django.utils import timezone, translation
from django.utils.text import capfirst

from resolutions.models import Paragraph, Session
from tracking.exports import formats
from tracking.models import Actor, Mandate, mandate_url
from tracking.services import mandate_comment, mandate_create, mandate_set_status
from tracking.tests.test_exports import add_mandates

pytestmark = pytest.mark.django_db


def expected_row(mandate: Mandate, context: formats.ExportContext) -> list:
    """A row as the exports wrote it when they read model instances."""
    addressees = mandate.addressees.order_by("name_en")
    note = next((event for event in mandate.events.all() if event.is_public_note), None)
    with translation.override(context.language):
        labels = (
            capfirst(str(mandate.get_action_display())),
            "; ".join(actor.name for actor in addressees),
            capfirst(str(mandate.get_status_display())),
        )
    return [
        mandate.pk,
        mandate.paragraph.resolution.symbol,
        mandate.paragraph.reference,
        labels[0],
        labels[1],
        mandate.deliverable,
        mandate.deadline_text(context.language),
        mandate.due_date,
        labels[2],
        mandate.focal_point.get_username() if mandate.focal_point else "",
        mandate.urgent,
        note.comment if note else "",
        timezone.localdate(note.at) if note else None,
        "",
        mandate.version,
        timezone.localtime(mandate.updated_at).replace(microsecond=0),
        context.base_url + mandate.get_absolute_url(),
        mandate.status,
        mandate.action,
        ";".join(actor.key for actor in addressees),
    ]


@pytest.fixture
def varied(imported_seed, op5, secretariat_user):
    """Mandates with every kind of deadline, several addressees and a focal point,
    besides the suggestions the seed's import made."""
    actors = list(Actor.objects.order_by("key")[:3])
    undated = Session.objects.create(body=imported_seed.body, number=40)
    cases = [
        {"deadline_relation": "before", "deadline_session": 12, "well_before": True},
        {"deadline_relation": "at", "deadline_session": 12},
        {"deadline_relation": "by_end_of", "deadline_session": 12},
        {"deadline_relation": "at", "deadline_session": undated},
        {"deadline_relation": "by_date", "deadline_date": datetime.date(2030, 3, 31)},
        {},
    ]
    last = Paragraph.objects.filter(resolution=imported_seed).order_by("-order").first()
    subparagraph = Paragraph.objects.create(
        resolution=imported_seed,
        parent=op5,
        kind=op5.kind,
        number=op5.number,
        label="b",
        order=last.order + 1,
    )
    for index, deadline in enumerate(cases):
        made = mandate_create(
            paragraph=subparagraph if index % 2 else op5,
            user=secretariat_user,
            addressees=actors[: 1 + index % 3],
            action="requests",
            deliverable=f"report {index}",
            focal_point=secretariat_user if index % 2 else None,
            **deadline,
        )
        # Public notes, a status change with its note, and internal notes after them,
        # which are never a row's note.
        if index % 3 == 0:
            mandate_comment(mandate=made, user=secretariat_user, comment=f"note {index}")
        if index % 3 == 1:
            mandate_set_status(
                mandate=made, status="in_progress", user=secretariat_user, comment="underway"
            )
        if index < 2:
            mandate_comment(mandate=made, user=secretariat_user, comment="aside", internal=True)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_rows_hold_what_the_mandates_say(varied, language):
    context = formats.ExportContext(base_url="https://suivi.example.org", language=language)
    # Every mandate, suggestions included: more paragraphs and deadlines than the list.
    queryset = Mandate.objects.order_by("pk")
    rows = list(formats.export_rows(queryset, context))
    expected = [expected_row(mandate, context) for mandate in queryset]
    assert len(rows) == len(expected) > 10
    assert rows == expected
    # The cases the fixture means to cover are there.
    assert any("(" in row[2] for row in rows)  # a sub-paragraph's reference
    assert any(";" in row[4] for row in rows)  # several addressees
    assert any(row[11] for row in rows)  # a public note
    assert len({row[6] for row in rows}) >= 6  # deadlines of every kind


def test_rows_are_read_a_chunk_at_a_time(varied, monkeypatch):
    """Chunks split at any row give the same rows, each with its own addressees."""
    context = formats.ExportContext(base_url="")
    queryset = Mandate.objects.order_by("-due_date", "pk")
    whole = list(formats.export_rows(queryset, context))
    monkeypatch.setattr(formats, "CHUNK_SIZE", 3)
    assert list(formats.export_rows(queryset, context)) == whole


def test_the_url_is_the_mandates_address(mandate):
    context = formats.ExportContext(base_url="http://testserver")
    assert context.mandate_url(mandate.pk) == "http://testserver" + mandate.get_absolute_url()
    assert context.mandate_url(7) == "http://testserver" + reverse(
        "tracking:mandate", kwargs={"pk": 7}
    )


def test_mandate_addresses_follow_the_prefix_the_site_is_served_under():
    try:
        set_script_prefix("/suivi/")
        assert mandate_url(12) == reverse("tracking:mandate", kwargs={"pk": 12})
        assert mandate_url(12) == "/suivi/mandates/12/"
    finally:
        set_script_prefix("/")
    assert mandate_url(12) == "/mandates/12/"


# Calendar ----------------------------------------------------------------------------------


def feed_events(feed, language: str = "en") -> list:
    url = reverse("exports:calendar_feed", args=[feed.token])
    response = Client(headers={"accept-language": language}).get(url)
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(b"".join(response.streaming_content)).walk("VEVENT")


def expected_event(mandate: Mandate, context: formats.ExportContext) -> bytes:
    """An event as the feed wrote it when it read model instances."""
    addressees = ", ".join(actor.name for actor in mandate.addressees.order_by("name_en"))
    paragraph = mandate.paragraph
    url = context.base_url + mandate.get_absolute_url()
    event = icalendar.Event()
    event.add("uid", f"mandate-{mandate.pk}@suivi.example.org")
    event.add("dtstamp", mandate.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", mandate.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", mandate.due_date)
    event.add("dtend", mandate.due_date + datetime.timedelta(days=1))
    event.add(
        "summary",
        f"{paragraph.resolution.symbol} {paragraph.reference} — "
        f"{addressees}: {mandate.get_action_display()}",
    )
    description = [mandate.deadline_text(context.language), mandate.deliverable, url]
    event.add("description", "\n".join(line for line in description if line))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event.to_ical()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_feed_writes_what_the_mandates_say_in_its_language(varied, settings, language):
    settings.SITE_ROOT = "https://suivi.example.org"
    context = formats.ExportContext(base_url="https://suivi.example.org", language=language)
    queryset = formats.calendar_mandates(Mandate.objects.order_by("pk"))
    chunks = list(formats.ical_chunks(queryset, context, "Deadlines"))
    events = chunks[1:-1]
    with translation.override(language):
        expected = [expected_event(mandate, context) for mandate in queryset]
    assert len(events) == len(expected) >= 4
    assert events == expected
    # The actors' names are the feed's language's.
    bureau = Actor.objects.get(key="bureau")
    name = bureau.name_fr if language == "fr" else bureau.name_en
    assert any(name.encode() in event.replace(b"\r\n ", b"") for event in events)


def calendar_queries(feed) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        events = feed_events(feed)
    return len(queries), len(events)


def test_the_feed_reads_a_fixed_number_of_queries(op5, secretariat_user, monkeypatch):
    def add(count: int) -> None:
        add_mandates(op5, secretariat_user, count)

    feed = formats.calendar_feed_issue(user=secretariat_user)
    add(3)
    small, events = calendar_queries(feed)
    assert events == 3
    add(27)
    large, events = calendar_queries(feed)
    assert (large, events) == (small, 30)
    # One more query (the addressees) per chunk, never per row.
    monkeypatch.setattr(formats, "CHUNK_SIZE", 10)
    chunked, events = calendar_queries(feed)
    assert events == 30
    assert chunked - small <= 2 * (30 // 10)
