"""Password change and sign-in throttling, as a person meets them in a real Chromium."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW = "rhubarb-custard-1947"


def test_a_delegation_changes_its_password_from_the_header(page, sign_in, delegation_user):
    sign_in("dmitri")
    page.get_by_role("link", name="Password").click()
    page.fill("#id_old_password", "a-long-test-password")
    page.fill("#id_new_password1", NEW)
    page.fill("#id_new_password2", NEW)
    page.get_by_role("button", name="Change the password").click()
    page.wait_for_url("**/accounts/password/changed/")
    assert page.locator("h1").inner_text() == "Password changed"

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")
    sign_in("dmitri", NEW)
    assert "dmitri" in page.locator(".user-name").inner_text()


def test_repeated_wrong_passwords_lock_the_account_with_a_message(page, delegation_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto("/accounts/login/")
        page.fill("#id_username", "dmitri")
        page.fill("#id_password", "wrong")
        page.click("button[type=submit].primary")
        page.wait_for_load_state()
    page.goto("/accounts/login/")
    page.fill("#id_username", "dmitri")
    page.fill("#id_password", "a-long-test-password")
    page.click("button[type=submit].primary")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Signing in is blocked for a while"
    assert "even with the right password" in page.locator("[role=alert]").inner_text()
    # The way out: a new password by email.
    page.get_by_role("link", name="Reset your password").click()
    page.wait_for_url("**/accounts/password/reset/")
