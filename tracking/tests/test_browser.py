"""The secretariat's and a delegation's journeys in a real headless Chromium."""

from pathlib import Path

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


def test_a_delegation_user_filters_shares_downloads_and_follows(
    browser, live_server, page, sign_in, delegation_user, imported_seed, secretariat_user
):
    from tracking.models import Follow
    from tracking.services import mandate_accept

    for mandate in Mandate.objects.filter(review="suggested"):
        mandate_accept(mandate=mandate, user=secretariat_user)
    sign_in("dmitri")
    page.goto("/mandates/")
    page.select_option("#id_addressee", "bureau")
    page.select_option("#id_overdue", "yes")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/mandates/?*")
    rows = page.locator("table.mandates-table tbody tr")
    assert rows.count() == 1
    assert "OP5" in rows.first.inner_text()
    shared_link = page.url
    assert "addressee=bureau" in shared_link and "overdue=yes" in shared_link

    # The link opened in a fresh browser session (after signing in) shows the same list.
    fresh = browser.new_context(base_url=live_server.url)
    other = fresh.new_page()
    other.goto(shared_link)
    other.fill("#id_username", "dmitri")
    other.fill("#id_password", "a-long-test-password")
    other.click("button[type=submit].primary")
    other.wait_for_url("**/mandates/?*")
    assert (
        other.locator("table.mandates-table tbody tr").all_inner_texts() == rows.all_inner_texts()
    )
    fresh.close()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    lines = Path(download_info.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and "ICC-ASP/11/Res.5" in lines[1] and "bureau" in lines[1]

    rows.first.locator("td:nth-child(2) a").click()
    page.get_by_role("button", name="Follow").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Following ✓ — stop").is_visible()
    assert Follow.objects.filter(user=delegation_user, mandate__paragraph__number=5).exists()
    page.goto("/follow-ups/")
    assert "OP5" in page.locator("table.mandates-table").inner_text()


def test_the_dashboard_shows_new_figures_by_itself_once_a_worker_computed_them(
    page, sign_in, delegation_user, imported_seed, secretariat_user, monkeypatch
):
    from playwright.sync_api import expect

    from tracking import tasks
    from tracking.services import mandate_accept, mandate_set_status

    asked = []
    monkeypatch.setattr(
        tasks.dashboards_refresh_all, "apply_async", lambda *args, **kwargs: asked.append(1)
    )
    for mandate in Mandate.objects.filter(review="suggested"):
        mandate_accept(mandate=mandate, user=secretariat_user)
    tasks.dashboards_refresh_all()  # what the worker asked by the import and the reviews does
    sign_in("dmitri")
    page.goto("/dashboard/")
    overdue = page.locator("#dashboard-live a.card.bad .figure")
    assert overdue.inner_text() == "3"

    op5 = Mandate.objects.get(paragraph__number=5)
    mandate_set_status(mandate=op5, status="completed", user=secretariat_user)
    assert asked, "the change asked a worker for new figures"
    page.reload()
    assert "being updated" in page.locator("#dashboard-live .as-of").inner_text()
    assert overdue.inner_text() == "3"

    tasks.dashboards_refresh_all()  # what the worker does
    expect(overdue).to_have_text("2", timeout=15_000)  # without a reload
    assert "being updated" not in page.locator("#dashboard-live .as-of").inner_text()
    assert page.locator("#dashboard-announce").inner_text() == "The figures have been updated."


def test_the_report_printed_to_pdf_has_its_date_summary_and_page_numbers(
    page, sign_in, delegation_user, imported_seed, secretariat_user, tmp_path
):
    from django.utils import timezone
    from django.utils.dateformat import format as date_format
    from pypdf import PdfReader

    from tracking.services import mandate_accept

    for mandate in Mandate.objects.filter(review="suggested"):
        mandate_accept(mandate=mandate, user=secretariat_user)
    sign_in("dmitri")
    page.goto("/reports/ICC-ASP/11/Res.5/")
    page.emulate_media(media="print")
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4")
    reader = PdfReader(pdf)
    assert len(reader.pages) > 1
    first, second = (reader.pages[n].extract_text() for n in (0, 1))
    assert "Summary" in first and "Implementation report" in first
    assert f"As at {date_format(timezone.localdate(), 'j F Y')}" in first
    # The running header and the page number on a later page too.
    assert "ICC-ASP/11/Res.5" in second and f"2 / {len(reader.pages)}" in second


def test_the_deadline_fields_show_only_when_they_apply(
    page, sign_in, secretariat_user, imported_seed
):
    paragraph = Mandate.objects.filter(paragraph__number=5).first().paragraph
    sign_in("sofia")
    page.goto(f"/paragraphs/{paragraph.pk}/mandates/new/")
    session, date = page.locator("#id_deadline_session"), page.locator("#id_deadline_date")
    page.select_option("#id_deadline_relation", "")
    assert not session.is_visible() and not date.is_visible()
    page.select_option("#id_deadline_relation", "before")
    assert session.is_visible() and not date.is_visible()
    page.select_option("#id_deadline_relation", "by_date")
    assert date.is_visible() and not session.is_visible()
    # Addressees are checkboxes: ticking one keeps the other.
    boxes = page.locator("input[name=addressees]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    assert boxes.nth(0).is_checked() and boxes.nth(1).is_checked()


def test_staff_add_a_progress_note_without_changing_the_status(
    page, sign_in, secretariat_user, imported_seed
):
    from tracking.services import mandate_accept

    op9 = Mandate.objects.get(paragraph__number=9)
    mandate_accept(mandate=op9, user=secretariat_user)
    sign_in("sofia")
    page.goto(op9.get_absolute_url())
    assert page.locator("#id_status").input_value() == ""  # keep the current status
    page.fill("#id_comment", "Questionnaire sent to the States Parties")
    page.fill("#id_evidence_url", "https://example.org/questionnaire")
    page.click("form.status-form button[type=submit]")
    page.wait_for_load_state()
    assert "The note was added." in page.locator("main").inner_text()
    assert "Questionnaire sent to the States Parties" in page.locator(".timeline").inner_text()
    op9.refresh_from_db()
    assert op9.status == "not_started"


def test_on_a_phone_the_list_shows_results_first_and_rows_keep_their_labels(
    browser, live_server, delegation_user, imported_seed, secretariat_user
):
    from tracking.services import mandate_accept

    for mandate in Mandate.objects.filter(review="suggested"):
        mandate_accept(mandate=mandate, user=secretariat_user)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="en-GB"
    )
    phone = context.new_page()
    try:
        phone.goto("/accounts/login/")
        phone.fill("#id_username", "dmitri")
        phone.fill("#id_password", "a-long-test-password")
        phone.click("button[type=submit].primary")
        phone.wait_for_url(lambda url: "/accounts/login/" not in url)
        phone.goto("/mandates/")
        panel = phone.locator("details.filters-panel")
        assert panel.get_attribute("open") is None  # folded behind its summary
        first_row = phone.locator("table.mandates-table tbody tr").first
        assert first_row.bounding_box()["y"] < 844  # a result on the first screen
        label = phone.evaluate(
            "getComputedStyle(document.querySelector('td[data-label]'), '::before').content"
        )
        assert "Paragraph" in label
        phone.click("details.filters-panel > summary")
        assert panel.get_attribute("open") is not None
    finally:
        context.close()


def test_on_a_phone_no_page_is_wider_than_the_screen(
    page, sign_in, live_server, secretariat_user, accepted
):
    # In French, whose labels are the longer ones. A select as wide as its longest option,
    # a grid column as wide as its content, a label leaving its value no room, or a
    # stacked table of figures pushed pages sideways.
    page.context.add_cookies([{"name": "django_language", "value": "fr", "url": live_server.url}])
    sign_in("sofia")
    page.set_viewport_size({"width": 390, "height": 844})
    op9 = accepted[(9, 1)]
    for path in (
        f"/mandates/{op9.pk}/",
        "/mandates/",
        "/dashboard/",
        "/reports/ICC-ASP/11/Res.5/",
        "/states/FRA/",
        "/resolutions/",
    ):
        page.goto(path)
        if page.locator("details.filters-panel").count():
            page.click("details.filters-panel > summary")  # the filters unfolded
        assert page.evaluate("document.documentElement.lang") == "fr"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    # The language switch's EN and FR side by side, not one above the other.
    english, french = page.locator(".language-switch button").all()
    assert english.bounding_box()["y"] == french.bounding_box()["y"]


def test_the_addressees_to_choose_from_scroll_down_not_sideways(
    page, sign_in, secretariat_user, accepted
):
    # In a box of limited height, CSS columns overflowed sideways: the addressees past the
    # first sixteen, a checked one among them, were out of sight.
    sign_in("sofia")
    page.goto(f"/mandates/{accepted[(9, 1)].pk}/edit/")
    box = page.locator("div.checkbox-list")
    assert box.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert box.locator("input").count() > 16
    assert box.locator("input:checked").count() == 2  # States Parties and States not Parties
