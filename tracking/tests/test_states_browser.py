"""A delegation reports for its State in a real headless Chromium; staff acknowledge it."""

import pytest
from django.contrib.auth.models import Group

from config.testing.accessibility import serious_violations
from tracking import roles
from tracking.models import Mandate
from tracking.services import mandate_accept
from tracking.states.models import DelegationLink, StateProgress

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def journey(imported_seed, secretariat_user, states, django_user_model):
    for mandate in Mandate.objects.filter(paragraph__number__gte=9, review="suggested"):
        mandate_accept(mandate=mandate, user=secretariat_user)
    roles.roles_sync()
    for username, iso3 in (("francoise", "FRA"), ("gerhard", "DEU")):
        user = django_user_model.objects.create_user(username=username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=roles.DELEGATION))
        DelegationLink.objects.create(user=user, state=states[iso3])
    return Mandate.objects.get(paragraph__number=15)


def sign_in_as(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return context, page


def test_france_reports_a_focal_point_staff_accept_it_and_germany_only_reads_it(
    browser, live_server, journey
):
    op15 = journey
    context, france = sign_in_as(browser, live_server, "francoise")
    assert france.url.endswith("/states/FRA/")
    assert serious_violations(france) == []

    row = france.locator(f"#m{op15.pk}")
    assert "No information" in row.inner_text() or "no information" in row.inner_text()
    row.locator("summary").click()
    row.get_by_label("Status of the State").select_option("completed")
    row.get_by_label("Comment").fill("Focal point designated")
    row.get_by_label("Evidence link").fill("https://example.org/focal-point")
    row.get_by_role("button", name="Send the report").click()
    france.wait_for_load_state()
    assert "Report awaiting review" in france.locator(f"#m{op15.pk}").inner_text()
    assert not StateProgress.objects.exists()
    context.close()

    context, staff = sign_in_as(browser, live_server, "sofia")
    staff.goto("/states/reports/")
    assert "Focal point designated" in staff.locator("table.report-queue").inner_text()
    assert serious_violations(staff) == []
    staff.get_by_role("button", name="Accept — France").click()
    staff.wait_for_load_state()
    assert "The report of France was accepted." in staff.locator(".messages").inner_text()
    staff.goto(op15.get_absolute_url())
    assert "States: 1 of" in staff.locator(".state-rollup").inner_text()
    context.close()

    progress = StateProgress.objects.get(mandate=op15, state__iso3="FRA")
    assert (progress.status, progress.reported_by_state) == ("completed", True)
    assert progress.evidence_url == "https://example.org/focal-point"

    context, germany = sign_in_as(browser, live_server, "gerhard")
    assert germany.url.endswith("/states/DEU/")
    germany.goto("/states/FRA/")
    row = germany.locator(f"#m{op15.pk}")
    assert "reported by France" in row.inner_text()
    assert "Focal point designated" in row.inner_text()
    assert row.locator("summary").count() == 0
    assert germany.locator("form.state-report-form").count() == 0
    assert serious_violations(germany) == []
    germany.goto(f"/states/FRA/mandates/{op15.pk}/")
    assert "Focal point designated" in germany.locator(".timeline").inner_text()
    assert germany.locator("form.state-report-form").count() == 0

    # The matrix of the resolution, reached from the resolution's page.
    germany.goto(op15.resolution.get_absolute_url())
    germany.get_by_role("link", name="Progress State by State").click()
    germany.wait_for_load_state()
    matrix = germany.locator("table.matrix")
    france_row = matrix.locator("tbody tr", has=germany.get_by_role("link", name="France"))
    column = [header.get_attribute("id") for header in matrix.locator("thead th[id]").all()].index(
        f"c{op15.pk}"
    )
    cell = france_row.locator("td").nth(column)
    assert "completed" in cell.inner_text() and "reported by the State" in cell.inner_text()
    assert "1 of" in matrix.locator("tfoot td").nth(column).inner_text()
    assert serious_violations(germany) == []
    # The States' rows scroll inside the matrix. The cells' hidden text is positioned
    # absolutely: unless the scrolling box is its containing block, it escapes the box's
    # clipping and the page runs on, blank, for the height of every row.
    escaping = matrix.evaluate(
        """table => [...table.querySelectorAll("td .visually-hidden")].filter(
            hidden => !table.closest(".matrix-scroll").contains(hidden.offsetParent)
        ).length"""
    )
    assert matrix.locator("td .visually-hidden").count() > 0 and escaping == 0
    germany.get_by_label("Status in at least one column").select_option("completed")
    germany.get_by_role("button", name="Filter").click()
    germany.wait_for_load_state()
    assert matrix.locator("tbody th").all_inner_texts() == ["France FRA"]
    context.close()
