"""The import shows the mandates that saving will suggest, and the message after saving
says how many wait for review (tracking's part of the resolutions import, through
resolutions.extensions)."""

import pytest
from django.urls import reverse

from resolutions.models import Resolution
from tracking.models import Mandate

pytestmark = pytest.mark.django_db

IMPORT = reverse("resolutions:import")


def test_the_preview_lists_the_mandates_that_will_be_suggested(
    secretariat_client, seed_text, sessions_csv
):
    response = secretariat_client.post(IMPORT, {"text": seed_text, "preview": "1"})
    assert response.status_code == 200
    suggested = response.context["suggested_mandates"]
    assert len(suggested) >= 14
    op5 = [row for row in suggested if row["number"] == 5]
    assert op5 and "Bureau of the Assembly" in ", ".join(op5[0]["addressees"])
    html = response.content.decode()
    assert "Mandates that will be suggested" in html
    assert f"Saving suggests {len(suggested)} mandates" in html
    assert not Resolution.objects.exists() and not Mandate.objects.exists()


def test_the_preview_escapes_what_the_text_says(secretariat_client, seed_text):
    text = seed_text.replace("Prie le Bureau", "Prie le Bureau <script>alert(1)</script>", 1)
    html = secretariat_client.post(IMPORT, {"text": text, "preview": "1"}).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_the_message_after_saving_counts_the_suggestions_waiting(secretariat_client, seed_text):
    response = secretariat_client.post(IMPORT, {"text": seed_text, "confirm": "1"}, follow=True)
    waiting = Mandate.objects.filter(review="suggested").count()
    assert waiting >= 14
    assert f"{waiting} mandates suggested from its text wait for review." in (
        response.content.decode()
    )


def test_a_french_user_reads_the_preview_in_french(secretariat_client, seed_text):
    response = secretariat_client.post(
        IMPORT, {"text": seed_text, "preview": "1"}, headers={"accept-language": "fr"}
    )
    html = response.content.decode()
    assert "Mandats qui seront suggérés" in html
    assert "Bureau de l’Assemblée" in html or "Bureau de l'Assemblée" in html
