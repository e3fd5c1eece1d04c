"""User journeys in a real headless Chromium."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_imports_the_seed_through_the_form_and_reads_paragraph_25(
    page, sign_in, secretariat_user, seed_text
):
    sign_in("sofia")
    page.goto("/resolutions/import/")
    page.fill("#id_text", seed_text)
    page.click("button[name=preview]")

    assert page.locator("#preview-heading").is_visible()
    assert "4 preambular, 25 operative" in page.content()
    page.click("button[name=confirm]")

    page.wait_for_url("**/resolutions/ICC-ASP/11/Res.5/")
    paragraph = page.locator("#op25")
    assert "un rapport actualisé sur la coopération" in paragraph.inner_text()
    assert page.locator(".message.success").is_visible()


def test_a_delegation_user_sees_no_import_link(page, sign_in, delegation_user):
    sign_in("dmitri")
    page.goto("/resolutions/")
    assert page.locator("a[href='/resolutions/import/']").count() == 0
    response = page.goto("/resolutions/import/")
    assert response.status == 403
