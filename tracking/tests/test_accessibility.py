"""axe-core, run in headless Chromium, finds no serious or critical violation."""

import pytest

from config.testing.accessibility import serious_violations
from tracking.models import Mandate
from tracking.services import mandate_accept, mandate_set_status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def followed_data(imported_seed, secretariat_user):
    for mandate in Mandate.objects.filter(review="suggested"):
        mandate_accept(mandate=mandate, user=secretariat_user)
    op5 = Mandate.objects.get(paragraph__number=5)
    mandate_set_status(mandate=op5, status="in_progress", user=secretariat_user, comment="Started")
    return op5


@pytest.mark.parametrize("user", ["dmitri", "sofia"])
def test_the_main_pages_have_no_serious_accessibility_violations(
    page, sign_in, delegation_user, secretariat_user, followed_data, user
):
    sign_in(user)
    for path in [
        "/dashboard/",
        "/mandates/",
        "/mandates/?addressee=bureau&overdue=yes",
        followed_data.get_absolute_url(),
        "/resolutions/ICC-ASP/11/Res.5/",
    ]:
        page.goto(path)
        assert serious_violations(page) == [], path


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_staff_pages_and_forms_with_errors_have_no_serious_violations(
    page, sign_in, secretariat_user, imported_seed, language
):
    """The review queue, the report, the review and add forms, empty and with errors, in
    both languages."""
    suggestion = Mandate.objects.filter(review="suggested").first()
    page.context.set_extra_http_headers({"Accept-Language": language})
    sign_in("sofia")
    for path in [
        "/review/",
        "/review/?review=rejected",
        "/reports/ICC-ASP/11/Res.5/",
        f"/mandates/{suggestion.pk}/review/",
        f"/paragraphs/{suggestion.paragraph_id}/mandates/new/",
    ]:
        page.goto(path)
        assert serious_violations(page) == [], path
    # The add form sent with nothing chosen: its errors, summarised and tied to the fields.
    page.goto(f"/paragraphs/{suggestion.paragraph_id}/mandates/new/")
    page.select_option("#id_deadline_relation", "before")
    page.click("form.mandate-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    assert page.evaluate("document.activeElement.className") == "error-summary"
    assert serious_violations(page) == []
