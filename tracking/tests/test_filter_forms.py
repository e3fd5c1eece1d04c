"""A filter left open says so in the reader's language."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, label", [("en", "any"), ("fr", "tous")])
def test_an_open_filter_reads_any_in_the_readers_language(
    delegation_client, imported_seed, language, label
):
    delegation_client.cookies["django_language"] = language
    html = delegation_client.get(reverse("tracking:mandate_list")).content.decode()
    assert "---------" not in html
    empty_options = re.findall(r'<option value=""[^>]*>([^<]*)</option>', html)
    assert len(empty_options) >= 5 and set(empty_options) == {label}
