"""The mandate forms as the GOV.UK Design System lays them out: breadcrumbs and Cancel that
lead somewhere, checkboxes for addressees, an error summary linked to each field, and
errors tied to their fields."""

import re

import pytest
from django.urls import reverse

from tracking.models import Mandate

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggestion(imported_seed):
    return Mandate.objects.filter(review="suggested", paragraph__number=5).first()


def form_pages(suggestion):
    return {
        "review": reverse("tracking:mandate_review", args=[suggestion.pk]),
        "add": reverse("tracking:mandate_add", args=[suggestion.paragraph_id]),
    }


def test_breadcrumbs_and_cancel_lead_to_the_resolution_and_the_paragraph(
    secretariat_client, suggestion
):
    paragraph = suggestion.paragraph.get_absolute_url()
    for name, url in form_pages(suggestion).items():
        html = secretariat_client.get(url).content.decode()
        crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, flags=re.S).group(0)
        assert 'href="/resolutions/ICC-ASP/11/Res.5/"' in crumbs, name
        assert f'href="{paragraph}"' in crumbs, name
        cancel = re.search(r'<a href="([^"]*)">Cancel</a>', html).group(1)
        assert cancel == paragraph, name


def test_addressees_are_checkboxes(secretariat_client, suggestion):
    html = secretariat_client.get(form_pages(suggestion)["add"]).content.decode()
    assert "<legend>Addressees</legend>" in html
    assert html.count('type="checkbox" name="addressees"') > 5
    assert '<select name="addressees"' not in html


def test_deadline_details_say_when_they_apply(secretariat_client, suggestion):
    html = secretariat_client.get(form_pages(suggestion)["add"]).content.decode()
    assert re.search(r'name="deadline_session"[^>]*data-shown-when="at before by_end_of"', html)
    assert re.search(r'name="deadline_date"[^>]*data-shown-when="by_date"', html)


def test_errors_are_summarised_and_tied_to_their_fields(secretariat_client, suggestion):
    response = secretariat_client.post(
        form_pages(suggestion)["add"], {"action": "requests", "deadline_relation": "before"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, flags=re.S).group(0)
    assert 'href="#id_addressees"' in summary
    assert 'href="#id_deadline_session"' in summary
    assert "Give the number of the session." in summary
    session_input = re.search(r"<input[^>]*name=\"deadline_session\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in session_input
    assert 'aria-describedby="id_deadline_session_error"' in session_input
    assert 'id="id_deadline_session_error"' in html
    assert Mandate.objects.filter(paragraph=suggestion.paragraph).count() == 1
