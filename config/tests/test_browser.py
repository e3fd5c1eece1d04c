"""The Content-Security-Policy, in a real Chromium: the pages work under it and break none
of its rules."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Recorded by the page itself: Chromium fires this event for every blocked resource.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
window.__printed = 0;
window.print = () => { window.__printed += 1; };
"""


def test_pages_work_under_the_policy_and_break_none_of_its_rules(
    page, sign_in, secretariat_user, mandate
):
    page.add_init_script(WATCH)
    sign_in("sofia")
    for url in [
        "/dashboard/",
        f"/mandates/{mandate.pk}/",
        "/mandates/",
        "/resolutions/ICC-ASP/11/Res.5/",
        "/admin/",
        f"/admin/tracking/mandate/{mandate.pk}/change/",
    ]:
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__violations") == [], url

    # The dashboard's bars are drawn without a style attribute.
    page.goto("/dashboard/")
    bar = page.locator(".meter svg rect").first
    assert bar.get_attribute("width") == "100"
    assert page.locator(".meter svg").first.bounding_box()["width"] > 0

    # The report's "Print" link runs from a script file.
    page.goto("/reports/ICC-ASP/11/Res.5/")
    page.get_by_role("link", name="Print").click()
    assert page.evaluate("window.__printed") == 1
    assert page.evaluate("window.__violations") == []

    # The policy is enforced, and the watcher sees it: a script written into the page does
    # not run.
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true";
          document.body.appendChild(script);
        }"""
    )
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.__injected") is None
    assert page.evaluate("window.__violations")[0].startswith("script-src")
