"""Pages of the resolutions app, through the Django test client."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resolutions.models import Resolution
from resolutions.services import resolution_import

pytestmark = pytest.mark.django_db

DETAIL = reverse("resolutions:detail", kwargs={"symbol": "ICC-ASP/11/Res.5"})
IMPORT = reverse("resolutions:import")
LIST = reverse("resolutions:list")


def big_resolution(symbol: str, operative: int) -> str:
    """A resolution with many paragraphs, sub-paragraphs, footnotes and references."""
    lines = [
        f"Resolution {symbol}",
        "",
        "Adopted at the 3rd plenary meeting, on 1 December 2020, by consensus",
        "",
        symbol,
        "Cooperation",
        "",
        "The Assembly of States Parties,",
        "",
    ]
    for n in range(1, 6):
        lines += [f"Recalling resolution ICC-ASP/{n}/Res.1,", ""]
    for n in range(1, operative + 1):
        lines += [
            f"{n}. Requests the Bureau to report on ICC-ASP/19/{n}:",
            "(a) on the first matter;",
            "(b) on the second matter;",
            "",
        ]
    return "\n".join(lines)


def test_anonymous_visitors_are_sent_to_sign_in(client, imported_seed):
    for url in (LIST, DETAIL, IMPORT):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_public_read_opens_read_only_pages_but_not_the_import(client, imported_seed, settings):
    settings.SUIVI_PUBLIC_READ = True
    assert client.get(LIST).status_code == 200
    assert client.get(DETAIL).status_code == 200
    assert client.get(IMPORT).status_code == 302


def test_the_resolution_page_shows_paragraphs_with_anchors(delegation_client, imported_seed):
    response = delegation_client.get(DETAIL)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="op25"' in html and 'id="pp4"' in html
    assert "un rapport actualisé sur la coopération" in html
    assert 'href="#fn1"' in html
    assert "ICC-ASP/11/21, paragraphe 80." in html
    assert "Coopération" in html


def test_the_resolution_page_links_references_to_held_resolutions(delegation_client, imported_seed):
    resolution_import(
        text="Noting,\n\n1. Requests the Court to report at its twelfth session.",
        symbol="ICC-ASP/10/Res.2",
    )
    html = delegation_client.get(DETAIL).content.decode()
    cited_url = reverse("resolutions:detail", kwargs={"symbol": "ICC-ASP/10/Res.2"})
    assert f'href="{cited_url}"' in html
    assert '<span class="tag reference">RC/Dec.2</span>' in html


def test_the_resolution_page_escapes_text_from_documents(delegation_client):
    resolution_import(
        text="Noting,\n\n1. Requests the Court to <script>alert(1)</script> report.",
        symbol="ICC-ASP/30/Res.1",
        language="en",
    )
    html = delegation_client.get(
        reverse("resolutions:detail", kwargs={"symbol": "ICC-ASP/30/Res.1"})
    ).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_unknown_symbol_is_a_404(delegation_client, db):
    response = delegation_client.get(reverse("resolutions:detail", kwargs={"symbol": "X/1/Res.1"}))
    assert response.status_code == 404


def test_the_resolution_page_query_count_does_not_grow_with_paragraphs(delegation_client):
    resolution_import(text=big_resolution("ICC-ASP/19/Res.1", 3))
    resolution_import(text=big_resolution("ICC-ASP/19/Res.2", 60))

    def queries(symbol):
        with CaptureQueriesContext(connection) as captured:
            response = delegation_client.get(
                reverse("resolutions:detail", kwargs={"symbol": symbol})
            )
        assert response.status_code == 200
        return len(captured)

    small, large = queries("ICC-ASP/19/Res.1"), queries("ICC-ASP/19/Res.2")
    assert small == large
    assert large <= 12


def test_the_list_query_count_does_not_grow_with_resolutions(delegation_client):
    resolution_import(text=big_resolution("ICC-ASP/19/Res.1", 2))
    with CaptureQueriesContext(connection) as few:
        delegation_client.get(LIST)
    for n in range(2, 12):
        resolution_import(text=big_resolution(f"ICC-ASP/19/Res.{n}", 2))
    with CaptureQueriesContext(connection) as many:
        delegation_client.get(LIST)
    assert len(few) == len(many)


def test_the_list_filters_by_body_session_year_and_text(delegation_client, imported_seed):
    resolution_import(text=big_resolution("ICC-ASP/19/Res.1", 2))

    def symbols(**params):
        response = delegation_client.get(LIST, params)
        assert response.status_code == 200
        return [r.symbol for r in response.context["page"].object_list]

    assert symbols(session=11) == ["ICC-ASP/11/Res.5"]
    assert symbols(year=2020) == ["ICC-ASP/19/Res.1"]
    assert symbols(q="coopération") == ["ICC-ASP/11/Res.5"]
    assert symbols(q="19/Res") == ["ICC-ASP/19/Res.1"]
    assert len(symbols(body=imported_seed.body_id)) == 2


@pytest.mark.parametrize(
    "params", [{"session": "twelve"}, {"body": "999999"}, {"year": "1e9"}, {"page": "x"}]
)
def test_the_list_answers_bad_filter_values_with_a_message(
    delegation_client, imported_seed, params
):
    response = delegation_client.get(LIST, params)
    assert response.status_code == 200
    if "page" not in params:
        assert "not valid" in response.content.decode()


def test_a_delegation_user_cannot_import_even_with_a_forged_post(delegation_client, seed_text):
    assert delegation_client.get(IMPORT).status_code == 403
    response = delegation_client.post(IMPORT, {"text": seed_text, "confirm": "1"})
    assert response.status_code == 403
    assert Resolution.objects.count() == 0


def test_a_user_in_no_role_cannot_import(client, outsider_user, seed_text):
    client.force_login(outsider_user)
    assert client.post(IMPORT, {"text": seed_text, "confirm": "1"}).status_code == 403
    assert Resolution.objects.count() == 0


def test_staff_preview_saves_nothing_then_confirm_saves(secretariat_client, seed_text):
    preview = secretariat_client.post(IMPORT, {"text": seed_text, "preview": "1"})

    html = preview.content.decode()
    assert preview.status_code == 200
    assert "ICC-ASP/11/Res.5" in html and "Save this resolution" in html
    assert "4 preambular, 25 operative" in html
    assert Resolution.objects.count() == 0

    confirm = secretariat_client.post(IMPORT, {"text": seed_text, "confirm": "1"})
    assert confirm.status_code == 302
    assert confirm["Location"] == DETAIL
    assert Resolution.objects.count() == 1


def test_staff_can_upload_a_file(secretariat_client, seed_text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("res.txt", seed_text.encode("utf-8"), "text/plain")
    response = secretariat_client.post(IMPORT, {"upload": upload, "confirm": "1"})
    assert response.status_code == 302
    assert Resolution.objects.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"text": ""}, "Paste the text"),
        ({"text": "No paragraphs at all."}, "No operative paragraph"),
        ({"text": "1. Decides.\n\n3. Decides again."}, "follows paragraph"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(secretariat_client, data, message):
    response = secretariat_client.post(
        IMPORT, {**data, "symbol": "ICC-ASP/1/Res.1", "confirm": "1"}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Resolution.objects.count() == 0


def test_a_binary_or_non_utf8_upload_is_refused(secretariat_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for content, message in [(b"%PDF\x00\x01", "binary"), ("Décide".encode("latin-1"), "UTF-8")]:
        upload = SimpleUploadedFile("res.txt", content, "text/plain")
        response = secretariat_client.post(IMPORT, {"upload": upload, "confirm": "1"})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert Resolution.objects.count() == 0


def test_the_interface_speaks_french(delegation_client, imported_seed):
    delegation_client.post(reverse("set_language"), {"language": "fr", "next": DETAIL})
    html = delegation_client.get(DETAIL).content.decode()
    assert 'lang="fr"' in html
    assert "Paragraphes du dispositif" in html
