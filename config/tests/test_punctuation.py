"""Punctuation as each language writes it: French puts a no-break space before : ; ! ?
and inside « guillemets »; English writes "Requests:" and “text”. Checked on the
catalogue, on the templates, and on a rendered page."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from config.typography import one_line
from tracking.models import Mandate

NBSP = "\u00a0"
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"
TEMPLATES = Path(settings.BASE_DIR) / "templates"


def french_strings() -> list[str]:
    """Every msgstr of the French catalogue, its continuation lines joined."""
    strings, current = [], None
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgstr"):
            current = [line.partition(" ")[2].strip('"')]
            strings.append(current)
        elif line.startswith('"') and current is not None:
            current.append(line.strip('"'))
        else:
            current = None
    # The first entry is the catalogue's header ("Content-Type: text/plain…"), not French.
    return ["".join(parts) for parts in strings[1:]]


def test_the_french_catalogue_puts_no_break_spaces_where_french_needs_them():
    def prose(text: str) -> str:
        # Code shown as code (an HTTP header, an address) keeps its own punctuation.
        return re.sub(r"<code>.*?</code>", "", text).replace("://", "")

    # One no-break space, U+00A0, everywhere, as in figures (config/formats/fr/formats.py):
    # the narrower U+202F is missing from some fonts, where it shows as a box or a gap.
    wrong = [
        text
        for text in map(prose, french_strings())
        if re.search(r"(^|[^\u00a0])[:;!?](\s|$|<)", text)
        or re.search(r"« |«[^\u00a0]| »|[^\u00a0]»", text)
        or "{N}" in text
        or "\u202f" in text
    ]
    assert wrong == []


def test_templates_write_colons_with_the_colon_tag_outside_translated_blocks():
    block = re.compile(r"\{%\s*blocktrans(?:late)?\b.*?\{%\s*endblocktrans(?:late)?\s*%\}", re.S)
    bare = re.compile(r"(\}\}|%\}|</strong>|</a>|</b>|</dt>):\s")
    found = []
    for path in TEMPLATES.rglob("*"):
        if path.suffix in (".html", ".txt"):
            outside = block.sub("", path.read_text(encoding="utf-8"))
            name = path.relative_to(TEMPLATES)
            found += [f"{name}: {match.group(0)}" for match in bare.finditer(outside)]
    assert found == []


@pytest.mark.parametrize(
    ("language", "colon", "quoted"),
    [("fr", f"{NBSP}:", f"«{NBSP}x &lt; y{NBSP}»"), ("en", ":", "“x &lt; y”")],
)
def test_the_colon_tag_and_the_quoted_filter_follow_the_language(language, colon, quoted):
    template = Template("a{% colon %} b {{ value|quoted }}")
    with translation.override(language):
        assert template.render(Context({"value": "x < y"})) == f"a{colon} b {quoted}"


@pytest.mark.django_db
def test_a_french_mandate_page_writes_its_heading_and_history_the_french_way(
    secretariat_client, imported_seed
):
    mandate = Mandate.objects.filter(review="suggested").first()
    secretariat_client.cookies["django_language"] = "fr"
    html = secretariat_client.get(reverse("tracking:mandate", args=[mandate.pk])).content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert f"{NBSP}: " in heading and not re.search(r"[^\u00a0]: ", heading)
    assert f"<strong>Création</strong>{NBSP}: " in html


def test_an_email_subject_is_folded_into_one_line_with_its_no_break_spaces_kept():
    assert one_line(f"  Suivi{NBSP}: 3 mandats\n à suivre \n") == f"Suivi{NBSP}: 3 mandats à suivre"
