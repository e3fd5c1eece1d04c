"""axe-core, run in headless Chromium, finds no serious or critical violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tracking.models import Mandate
from tracking.services import mandate_accept, mandate_set_status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


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
