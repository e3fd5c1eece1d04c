"""The secretariat's and a delegation's journeys in a real headless Chromium."""

import pytest

from tracking.models import Mandate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_PAGE = "/resolutions/ICC-ASP/11/Res.5/"


def test_staff_accept_a_suggestion_then_follow_its_status(
    page, sign_in, secretariat_user, imported_seed
):
    sign_in("sofia")
    page.goto(SEED_PAGE)

    op5 = page.locator("#op5")
    suggestion = op5.locator(".mandate-card.review-suggested")
    assert "Bureau" in suggestion.inner_text()
    assert "before the 12th session" in suggestion.inner_text()
    suggestion.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()

    accepted = page.locator("#op5 .mandate-card.review-accepted")
    assert "Not started" in accepted.inner_text() or "not started" in accepted.inner_text()
    accepted.get_by_role("link").first.click()

    page.select_option("#id_status", "in_progress")
    page.fill("#id_comment", "Facilitators appointed in The Hague")
    page.click("form.status-form button[type=submit]")
    page.wait_for_load_state()

    timeline = page.locator(".timeline")
    assert "Facilitators appointed in The Hague" in timeline.inner_text()
    assert Mandate.objects.get(paragraph__number=5).status == "in_progress"


def test_a_delegation_user_sees_the_same_page_without_edit_controls(
    page, sign_in, delegation_user, imported_seed, secretariat_user
):
    from tracking.services import mandate_accept

    mandate_accept(mandate=Mandate.objects.get(paragraph__number=5), user=secretariat_user)
    sign_in("dmitri")
    page.goto(SEED_PAGE)

    assert "Bureau" in page.locator("#op5 .mandates").inner_text()
    assert page.locator("form[action*='/accept/']").count() == 0
    assert page.get_by_role("button", name="Accept").count() == 0
    assert page.locator("text=Add a mandate by hand").count() == 0

    page.locator("#op5 .mandate-card a").first.click()
    assert page.locator("form.status-form").count() == 0
    assert page.locator("text=Edit addressees").count() == 0
