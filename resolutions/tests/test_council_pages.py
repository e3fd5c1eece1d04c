"""A Security Council resolution's page names its meeting as the Council does (a numbered
meeting, not a plenary one) and, having no title, is headed by its symbol."""

import re
from pathlib import Path

import pytest

from resolutions.services import resolution_import

pytestmark = pytest.mark.django_db

TEXTS = Path(__file__).resolve().parent / "texts"


def heading(page: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", page, re.S).group(1).strip()


@pytest.mark.parametrize(
    ("language", "meeting"), [("en", "(meeting 5158)"), ("fr", "(5158e séance)")]
)
def test_a_council_resolution_names_its_meeting_and_is_headed_by_its_symbol(
    delegation_client, language, meeting
):
    text = (TEXTS / f"{language}_sc_referral.txt").read_text(encoding="utf-8")
    resolution = resolution_import(text=text).resolution

    page = delegation_client.get(
        resolution.get_absolute_url(), headers={"Accept-Language": language}
    ).content.decode()

    assert meeting in page
    assert "plenary" not in page and "plénière" not in page
    assert heading(page) == "S/RES/1593 (2005)"


def test_an_assembly_resolution_still_names_a_plenary_meeting_and_its_title(
    delegation_client, imported_seed
):
    page = delegation_client.get("/resolutions/ICC-ASP/11/Res.5/").content.decode()
    assert re.search(r"\(plenary meeting \d+\)", page)
    assert heading(page) == "Coopération"


def test_the_import_preview_names_the_councils_meeting(secretariat_client):
    text = (TEXTS / "en_sc_referral.txt").read_text(encoding="utf-8")
    page = secretariat_client.post("/resolutions/import/", {"text": text, "preview": "1"})
    assert page.status_code == 200
    assert "(meeting 5158)" in page.content.decode()
