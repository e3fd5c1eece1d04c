"""Exports of the mandate list (CSV, XLSX, JSON) and the iCalendar feed of deadlines."""

import csv
import datetime
import io
import json

import icalendar
import openpyxl
import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tracking.exports import formats
from tracking.models import Actor, CalendarFeed, Mandate
from tracking.selectors import mandate_list
from tracking.services import mandate_create, mandate_set_status, mandate_update

pytestmark = pytest.mark.django_db

# Written out rather than imported: a header or key that changes must fail a test,
# since people's spreadsheets and scripts depend on them.
STABLE_KEYS = [
    "id",
    "resolution",
    "paragraph",
    "action_label",
    "addressee_names",
    "deliverable",
    "deadline",
    "due_date",
    "status_label",
    "focal_point",
    "urgent",
    "latest_note",
    "latest_note_at",
    "comment",
    "version",
    "updated_at",
    "url",
    "status",
    "action",
    "addressees",
]
ENGLISH_HEADERS = [
    "Id",
    "Resolution",
    "Paragraph",
    "Action",
    "Addressees",
    "What is asked",
    "Deadline",
    "Due date",
    "Status",
    "Focal point",
    "Urgent",
    "Latest public note",
    "Date of the latest note",
    "Comment for the history",
    "Version",
    "Last changed",
    "Address",
    "Status code",
    "Action code",
    "Addressee keys",
]
FRENCH_HEADERS = [
    "Id",
    "Résolution",
    "Paragraphe",
    "Action",
    "Destinataires",
    "Objet de la demande",
    "Échéance",
    "Date d’échéance",
    "État d’avancement",
    "Point focal",
    "Urgent",
    "Dernière note publique",
    "Date de la dernière note",
    "Commentaire pour l’historique",
    "Version",
    "Dernière modification",
    "Adresse",
    "Code de l’état",
    "Code de l’action",
    "Clés des destinataires",
]
HEADERS = {"en": ENGLISH_HEADERS, "fr": FRENCH_HEADERS}
FORMATS = ["csv", "xlsx", "json"]


def download(client, fmt: str, query: str = "", language: str = "en"):
    return client.get(
        reverse(f"exports:{fmt}") + (f"?{query}" if query else ""),
        headers={"accept-language": language},
    )


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def records(response, fmt: str) -> tuple[list[str], list[dict]]:
    """The headers and the rows of an export, the rows as strings keyed by the columns'
    keys (the JSON's; the CSV and XLSX have the same columns in the same order)."""
    content = body(response)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        return rows[0], [dict(zip(STABLE_KEYS, row, strict=True)) for row in rows[1:]]
    if fmt == "json":
        data = json.loads(content)
        headers = list(data[0]) if data else STABLE_KEYS
        return headers, [{key: _str(value) for key, value in row.items()} for row in data]
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    headers = list(rows[0])
    return headers, [
        {key: _str(value) for key, value in zip(STABLE_KEYS, row, strict=True)} for row in rows[1:]
    ]


def _str(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()  # openpyxl reads a date cell back as a datetime
    return str(value)


def ids(rows: list[dict]) -> list[int]:
    return [int(row["id"]) for row in rows]


def listed_ids(user, query: str) -> list[int]:
    """What the mandate list shows for the same query string, every page."""
    _filterset, queryset = mandate_list(filters=QueryDict(query), user=user)
    return list(queryset.values_list("pk", flat=True))


@pytest.fixture(autouse=True)
def site_root(settings):
    """Calendar UIDs are made with the site's domain."""
    settings.SITE_ROOT = "https://suivi.example.org"


@pytest.fixture
def court():
    return Actor.objects.get(key="court")


@pytest.fixture
def several(mandate, op5, court, bureau, secretariat_user):
    """The Bureau's overdue report (fixture `mandate`), the Court's work in progress
    due in the future, a completed request past its date, and an internal one."""
    in_progress = mandate_create(
        paragraph=op5,
        user=secretariat_user,
        addressees=[court, bureau],
        action="urges",
        deliverable='=HYPERLINK("http://evil.example")\x0c and more',
        deadline_relation="by_date",
        deadline_date=datetime.date.today() + datetime.timedelta(days=40),
        urgent=True,
        focal_point=secretariat_user,
    )
    mandate_set_status(mandate=in_progress, status="in_progress", user=secretariat_user)
    completed = mandate_create(
        paragraph=op5,
        user=secretariat_user,
        addressees=[court],
        action="invites",
        deadline_relation="by_date",
        deadline_date=datetime.date(2014, 1, 1),
    )
    mandate_set_status(mandate=completed, status="completed", user=secretariat_user)
    internal = mandate_create(
        paragraph=op5, user=secretariat_user, addressees=[court], action="decides"
    )
    mandate_update(mandate=internal, user=secretariat_user, is_internal=True)
    return {
        "overdue": mandate,
        "in_progress": in_progress,
        "completed": completed,
        "internal": internal,
    }


# Formats -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_files_have_headers_in_the_readers_language_and_the_json_stable_keys(
    secretariat_client, several, fmt, language
):
    response = download(secretariat_client, fmt, language=language)
    assert response.status_code == 200
    headers, _rows = records(response, fmt)
    assert headers == (STABLE_KEYS if fmt == "json" else HEADERS[language])
    assert STABLE_KEYS == formats.KEYS
    assert formats.headers(language) == HEADERS[language]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_row_holds_the_mandate_as_the_list_shows_it(secretariat_client, several, fmt):
    _headers, rows = records(download(secretariat_client, fmt), fmt)
    by_id = {int(row["id"]): row for row in rows}
    row = by_id[several["overdue"].pk]
    assert row == {
        "id": str(several["overdue"].pk),
        "resolution": "ICC-ASP/11/Res.5",
        "paragraph": "OP5",
        "action_label": "Requests",
        "addressee_names": "Bureau of the Assembly",
        "deliverable": "a report to the Assembly",
        "deadline": "before the 12th session (20 November 2013)",
        "due_date": "2013-11-20",
        "status_label": "Not started",
        "focal_point": "",
        "urgent": "false" if fmt == "json" else "no",
        "latest_note": "",
        "latest_note_at": "",
        "comment": "",
        "version": "1",
        "updated_at": row["updated_at"],
        "url": f"http://testserver/mandates/{several['overdue'].pk}/",
        "status": "not_started",
        "action": "requests",
        "addressees": "bureau",
    }
    assert row["updated_at"].startswith(str(datetime.date.today().year))
    other = by_id[several["in_progress"].pk]
    # Addressee keys in the list's order (by name), joined with ";", and their names in
    # the same order.
    assert other["addressees"] == "bureau;court"
    assert other["addressee_names"] == "Bureau of the Assembly; International Criminal Court"
    assert other["focal_point"] == "sofia"
    assert other["urgent"] == ("true" if fmt == "json" else "yes")
    assert other["version"] == "2"
    assert (other["status"], other["status_label"]) == ("in_progress", "In progress")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", {"overdue", "in_progress", "completed", "internal"}),
        ("status=in_progress", {"in_progress"}),
        ("status=in_progress&status=completed", {"in_progress", "completed"}),
        ("addressee=bureau", {"overdue", "in_progress"}),
        ("overdue=yes", {"overdue"}),
        ("addressee=court&sort=updated", {"in_progress", "completed", "internal"}),
    ],
)
def test_every_format_holds_exactly_the_filtered_list(
    secretariat_client, secretariat_user, several, query, expected
):
    for fmt in FORMATS:
        _headers, rows = records(download(secretariat_client, fmt, query), fmt)
        assert ids(rows) == listed_ids(secretariat_user, query), fmt
        assert set(ids(rows)) == {several[name].pk for name in expected}, fmt


@pytest.mark.parametrize("fmt", FORMATS)
def test_delegations_export_only_what_they_may_see(
    delegation_client, delegation_user, several, imported_seed, fmt
):
    _headers, rows = records(download(delegation_client, fmt), fmt)
    assert several["internal"].pk not in ids(rows)
    assert ids(rows) == listed_ids(delegation_user, "")
    # Suggestions not yet reviewed are never exported.
    suggestions = Mandate.objects.filter(review=Mandate.Review.SUGGESTED)
    assert suggestions.exists()
    assert not set(ids(rows)) & set(suggestions.values_list("pk", flat=True))


def test_a_deliverable_that_looks_like_a_formula_stays_text(secretariat_client, several):
    pk = several["in_progress"].pk
    _headers, rows = records(download(secretariat_client, "csv"), "csv")
    row = next(row for row in rows if int(row["id"]) == pk)
    assert row["deliverable"].startswith("'=HYPERLINK(")

    workbook = openpyxl.load_workbook(io.BytesIO(body(download(secretariat_client, "xlsx"))))
    sheet = workbook["Mandates"]
    deliverable = formats.KEYS.index("deliverable")
    cell = next(row[deliverable] for row in sheet.iter_rows(min_row=2) if row[0].value == pk)
    assert cell.data_type == "s"
    # The form feed a PDF leaves behind is dropped, not a reason to fail.
    assert cell.value == '=HYPERLINK("http://evil.example") and more'


def test_exports_are_attachments_of_the_right_type(secretariat_client, several):
    types = {
        "csv": "text/csv; charset=utf-8",
        "json": "application/json",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    for fmt, content_type in types.items():
        response = download(secretariat_client, fmt)
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith("attachment;")
        assert f".{fmt}" in response["Content-Disposition"]
        body(response)


def test_the_csv_starts_with_a_byte_order_mark_and_still_streams(secretariat_client, several):
    # Without the mark, Excel on Windows reads the UTF-8 file as Windows-1252:
    # "Objet de la demande" survives, "Dernière note publique" does not.
    response = download(secretariat_client, "csv", language="fr")
    assert response.streaming
    chunks = iter(response.streaming_content)
    first = next(chunks)
    assert first.startswith(b"\xef\xbb\xbf")
    # The mark comes with the header row, not with the whole file read first.
    assert next(csv.reader([first[3:].decode()])) == FRENCH_HEADERS
    rest = b"".join(chunks)
    assert rest and b"\xef\xbb\xbf" not in rest
    rows = list(csv.reader(io.StringIO((first + rest).decode("utf-8-sig"))))
    assert rows[0] == FRENCH_HEADERS
    exported = [record["id"] for record in json.loads(body(download(secretariat_client, "json")))]
    assert [int(row[0]) for row in rows[1:]] == exported


def test_an_empty_list_exports_headers_only(secretariat_client, several):
    query = "status=superseded"
    assert records(download(secretariat_client, "csv", query), "csv") == (ENGLISH_HEADERS, [])
    assert json.loads(body(download(secretariat_client, "json", query))) == []
    headers, rows = records(download(secretariat_client, "xlsx", query), "xlsx")
    assert (headers, rows) == (ENGLISH_HEADERS, [])


# Refusals and permissions ------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, label, french",
    [
        ("status=finished", "Status", "État d’avancement"),
        ("due_after=soon", "Due from", "Échéance à partir du"),
        ("addressee=nobody", "Addressee", "Destinataire"),
        ("session=0", "Due at session", "Échéance à la session"),
        ("sort=random", "Sort by", "Trier par"),
    ],
)
def test_invalid_filter_values_get_400_naming_the_field_as_the_form_does(
    secretariat_client, query, label, french
):
    for fmt in FORMATS:
        response = download(secretariat_client, fmt, query)
        assert response.status_code == 400, fmt
        html = response.content.decode()
        assert "not valid" in html and f"<li>{label}: " in html
    html = download(secretariat_client, "csv", query, language="fr").content.decode()
    assert f"<li>{french}\u00a0: " in html


@pytest.mark.parametrize("fmt", FORMATS)
def test_anonymous_visitors_are_sent_to_sign_in(client, mandate, fmt):
    response = download(client, fmt)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_public_deployment_exports_to_anonymous_visitors(client, several, settings, fmt):
    settings.SUIVI_PUBLIC_READ = True
    _headers, rows = records(download(client, fmt), fmt)
    assert several["overdue"].pk in ids(rows)
    assert several["internal"].pk not in ids(rows)


# Streaming and queries ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_are_streamed(secretariat_client, several, fmt):
    response = download(secretariat_client, fmt)
    assert response.streaming
    body(response)


def add_mandates(op5, user, count: int) -> None:
    actors = list(Actor.objects.order_by("key")[:3])
    for index in range(count):
        mandate_create(
            paragraph=op5,
            user=user,
            addressees=actors[: 1 + index % 3],
            action="requests",
            deliverable=f"report {index}",
            deadline_relation="at",
            deadline_session=12,
            focal_point=user if index % 2 else None,
        )


def count_queries(client, fmt: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = download(client, fmt)
        rows = len(records(response, fmt)[1])
    return len(queries), rows


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_number_of_queries_does_not_grow_with_the_rows(
    secretariat_client, secretariat_user, op5, fmt, monkeypatch
):
    add_mandates(op5, secretariat_user, 5)
    small, rows = count_queries(secretariat_client, fmt)
    assert rows == 5
    add_mandates(op5, secretariat_user, 55)
    large, rows = count_queries(secretariat_client, fmt)
    assert rows == 60
    assert large == small

    # Chunked reading: one more query (the addressees) per chunk, never per row.
    monkeypatch.setattr(formats, "CHUNK_SIZE", 20)
    chunked, rows = count_queries(secretariat_client, fmt)
    assert rows == 60
    assert chunked - small <= 2 * (60 // 20)


# Calendar feed -----------------------------------------------------------------------------


def feed_url(feed: CalendarFeed, query: str = "") -> str:
    return reverse("exports:calendar_feed", args=[feed.token]) + (f"?{query}" if query else "")


def calendar_events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(body(response))
    return calendar.walk("VEVENT")


def test_a_user_creates_a_feed_and_sees_its_address(secretariat_client, secretariat_user):
    page = secretariat_client.get(reverse("exports:calendar"))
    assert page.status_code == 200
    assert "You have no calendar address." in page.content.decode()
    response = secretariat_client.post(reverse("exports:calendar"), {"action": "issue"})
    assert response.status_code == 302
    feed = CalendarFeed.objects.get(user=secretariat_user)
    html = secretariat_client.get(reverse("exports:calendar")).content.decode()
    assert f"http://testserver/calendar/{feed.token}.ics" in html


def test_the_feed_lists_open_mandates_with_a_due_date_as_all_day_events(
    secretariat_user, several, op5, court
):
    undated = mandate_create(
        paragraph=op5, user=secretariat_user, addressees=[court], action="requests"
    )
    feed = formats.calendar_feed_issue(user=secretariat_user)
    # No sign-in: a calendar program only has the address.
    events = calendar_events(Client().get(feed_url(feed)))
    by_uid = {str(event["uid"]): event for event in events}
    overdue = several["overdue"]
    event = by_uid[f"mandate-{overdue.pk}@suivi.example.org"]
    assert str(event["summary"]) == "ICC-ASP/11/Res.5 OP5 — Bureau of the Assembly: requests"
    assert event.decoded("dtstart") == datetime.date(2013, 11, 20)
    assert event.decoded("dtend") == datetime.date(2013, 11, 21)
    assert event.decoded("dtstamp").tzinfo is not None
    description = str(event["description"])
    assert "before the 12th session (20 November 2013)" in description
    assert f"http://testserver/mandates/{overdue.pk}/" in description
    listed = {uid.split("@")[0] for uid in by_uid}
    assert listed == {
        f"mandate-{several['overdue'].pk}",
        f"mandate-{several['in_progress'].pk}",
    }  # not the completed one, nor those without a due date
    assert undated.due_date is None and several["internal"].due_date is None


def test_the_feed_keeps_each_events_uid(secretariat_user, mandate):
    feed = formats.calendar_feed_issue(user=secretariat_user)
    first = [str(e["uid"]) for e in calendar_events(Client().get(feed_url(feed)))]
    mandate_update(mandate=mandate, user=secretariat_user, deliverable="a longer report")
    again = [str(e["uid"]) for e in calendar_events(Client().get(feed_url(feed)))]
    assert first == again == [f"mandate-{mandate.pk}@suivi.example.org"]


def test_the_feed_shows_what_its_user_may_see_and_takes_the_lists_filters(
    delegation_user, secretariat_user, several
):
    mandate_update(mandate=several["in_progress"], user=secretariat_user, is_internal=True)
    feed = formats.calendar_feed_issue(user=delegation_user)
    uids = [str(e["uid"]) for e in calendar_events(Client().get(feed_url(feed)))]
    assert uids == [f"mandate-{several['overdue'].pk}@suivi.example.org"]

    staff_feed = formats.calendar_feed_issue(user=secretariat_user)
    court_only = calendar_events(Client().get(feed_url(staff_feed, "addressee=court")))
    assert [str(e["uid"]) for e in court_only] == [
        f"mandate-{several['in_progress'].pk}@suivi.example.org"
    ]
    assert Client().get(feed_url(staff_feed, "status=finished")).status_code == 400


def test_a_revoked_or_regenerated_address_answers_404(
    secretariat_client, secretariat_user, mandate
):
    secretariat_client.post(reverse("exports:calendar"), {"action": "issue"})
    old = CalendarFeed.objects.get(user=secretariat_user)
    assert Client().get(feed_url(old)).status_code == 200

    secretariat_client.post(reverse("exports:calendar"), {"action": "issue"})
    new = CalendarFeed.objects.get(user=secretariat_user)
    assert new.token != old.token
    assert Client().get(feed_url(old)).status_code == 404
    assert Client().get(feed_url(new)).status_code == 200

    secretariat_client.post(reverse("exports:calendar"), {"action": "revoke"})
    assert not CalendarFeed.objects.filter(user=secretariat_user).exists()
    assert Client().get(feed_url(new)).status_code == 404


def test_unknown_tokens_and_inactive_users_get_404(client, secretariat_user, mandate):
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    feed = formats.calendar_feed_issue(user=secretariat_user)
    secretariat_user.is_active = False
    secretariat_user.save()
    assert client.get(feed_url(feed)).status_code == 404


def test_the_calendar_page_needs_a_signed_in_user_and_a_csrf_token(client, secretariat_user):
    assert client.get(reverse("exports:calendar")).status_code == 302
    assert client.post(reverse("exports:calendar"), {"action": "issue"}).status_code == 302
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(secretariat_user)
    assert forged.post(reverse("exports:calendar"), {"action": "issue"}).status_code == 403
    assert not CalendarFeed.objects.exists()
