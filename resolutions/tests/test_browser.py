"""User journeys in a real headless Chromium."""

import pytest

from config.testing.accessibility import serious_violations

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


def test_staff_import_a_word_file_then_a_pdf_checking_each_preview(
    page, sign_in, secretariat_user, tmp_path
):
    from resolutions.models import Resolution
    from resolutions.tests import documents_factory as factory

    word = tmp_path / "A_RES_80_77.docx"
    word.write_bytes(factory.resolution_docx(factory.sample("A/RES/80/77"), page_break_in=4))
    pdf = tmp_path / "A_RES_80_78.pdf"
    pdf.write_bytes(factory.resolution_pdf(factory.sample("A/RES/80/78")))
    sign_in("sofia")

    for path, symbol in ((word, "A/RES/80/77"), (pdf, "A/RES/80/78")):
        page.goto("/resolutions/import/")
        page.set_input_files("#id_upload", str(path))
        page.click("button[name=preview]")

        assert serious_violations(page) == []
        preview = page.locator(".preview")
        assert symbol in preview.inner_text()
        assert "3 preambular, 6 operative" in preview.inner_text()
        assert "(a) to exchange information on their activities;" in preview.inner_text()
        assert "United Nations, Treaty Series, vol. 2187, No. 38544." in preview.inner_text()
        page.click("button[name=confirm]")

        page.wait_for_url(f"**/resolutions/{symbol}/")
        assert page.locator(".message.success").is_visible()
        assert "measure 39 of the regional plan" in page.locator("#op4").inner_text()

    assert sorted(Resolution.objects.values_list("symbol", flat=True)) == [
        "A/RES/80/77",
        "A/RES/80/78",
    ]


def test_staff_upload_several_files_and_see_how_each_went(
    page, sign_in, secretariat_user, tmp_path
):
    from resolutions.tests import documents_factory as factory

    paths = []
    for name, data in (
        ("a.docx", factory.resolution_docx(factory.sample("A/RES/80/77"))),
        ("b.pdf", factory.resolution_pdf(factory.sample("A/RES/80/78"))),
        ("scan.pdf", factory.scanned_pdf()),
    ):
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    sign_in("sofia")
    page.goto("/resolutions/import/")
    page.set_input_files("#id_upload", paths)
    page.click("button[name=preview]")

    page.wait_for_url("**/resolutions/import/batches/*/")
    assert serious_violations(page) == []
    assert page.locator("[data-count=imported]").inner_text() == "2"
    assert page.locator("[data-count=refused]").inner_text() == "1"
    assert "looks scanned" in page.locator("tr.outcome-refused").inner_text()
    page.click("text=A/RES/80/78")
    page.wait_for_url("**/resolutions/A/RES/80/78/")
