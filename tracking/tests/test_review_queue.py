"""The review queue (/review/): every suggestion in one place, accepted, corrected,
rejected one by one or all at once for a resolution, and rejected ones reconsidered."""

import pytest
from django.urls import reverse

from tracking.models import Actor, Mandate, MandateEvent
from tracking.services import mandate_reject

pytestmark = pytest.mark.django_db

QUEUE = reverse("review:queue")
ACCEPT_ALL = reverse("review:accept_all")


def suggestions():
    return Mandate.objects.filter(review="suggested")


def test_staff_see_every_suggestion_with_its_paragraph_text(secretariat_client, imported_seed):
    response = secretariat_client.get(QUEUE)
    assert response.status_code == 200
    html = response.content.decode()
    waiting = suggestions().count()
    assert waiting > 10
    assert len(response.context["page"].object_list) == min(waiting, 50)
    assert f"{waiting} suggestions wait for review" in html
    assert "Prie le Bureau" in html  # OP5's text, as published
    assert "bien avant sa douzième session" in html


def test_the_queue_is_for_those_who_review(client, delegation_client, imported_seed):
    assert delegation_client.get(QUEUE).status_code == 403
    assert client.get(QUEUE).status_code == 302
    op5 = suggestions().filter(paragraph__number=5).first()
    for url in (
        reverse("review:accept", args=[op5.pk]),
        reverse("review:reject", args=[op5.pk]),
        reverse("review:reconsider", args=[op5.pk]),
        ACCEPT_ALL,
    ):
        assert delegation_client.post(url, {"version": op5.version}).status_code == 403
    assert not Mandate.objects.filter(review="accepted").exists()


def test_the_resolution_filter_takes_any_case_and_part_of_the_symbol(
    secretariat_client, imported_seed
):
    found = secretariat_client.get(QUEUE, {"resolution": "res.5"}).context["page"].paginator
    assert found.count == suggestions().count()
    none = secretariat_client.get(QUEUE, {"resolution": "A/RES/80"}).context["page"].paginator
    assert none.count == 0


def test_a_bad_filter_value_gives_a_message_and_no_list(secretariat_client, imported_seed):
    response = secretariat_client.get(QUEUE, {"review": "everything"})
    assert response.status_code == 400
    assert "Some filter values are not valid" in response.content.decode()
    assert list(response.context["page"].object_list) == []


def test_accepting_one_suggestion_goes_back_to_the_queue_as_it_was(
    secretariat_client, imported_seed
):
    op5 = suggestions().get(paragraph__number=5)
    back = QUEUE + "?resolution=res.5&page=1"
    response = secretariat_client.post(
        reverse("review:accept", args=[op5.pk]), {"version": op5.version, "next": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    op5.refresh_from_db()
    assert op5.review == "accepted"
    assert MandateEvent.objects.filter(mandate=op5, field="review", new_value="accepted").exists()


def test_a_stale_accept_changes_nothing_and_says_why(secretariat_client, imported_seed):
    op5 = suggestions().get(paragraph__number=5)
    stale = op5.version
    Mandate.objects.filter(pk=op5.pk).update(version=stale + 1)
    response = secretariat_client.post(
        reverse("review:accept", args=[op5.pk]), {"version": stale}, follow=True
    )
    assert "was changed by someone else meanwhile" in response.content.decode()
    assert Mandate.objects.get(pk=op5.pk).review == "suggested"


def test_a_link_elsewhere_is_not_followed_after_a_review(secretariat_client, imported_seed):
    op5 = suggestions().get(paragraph__number=5)
    response = secretariat_client.post(
        reverse("review:reject", args=[op5.pk]),
        {"version": op5.version, "next": "https://example.org/"},
    )
    assert response["Location"] == QUEUE


def test_a_rejected_suggestion_can_be_reconsidered(
    secretariat_client, secretariat_user, imported_seed
):
    op5 = suggestions().get(paragraph__number=5)
    mandate_reject(mandate=op5, user=secretariat_user)
    rejected = secretariat_client.get(QUEUE, {"review": "rejected"})
    assert [m.pk for m in rejected.context["page"].object_list] == [op5.pk]
    assert "Reconsider" in rejected.content.decode()
    # The resolution page offers it too.
    page = secretariat_client.get(op5.paragraph.resolution.get_absolute_url())
    assert reverse("review:reconsider", args=[op5.pk]) in page.content.decode()

    op5.refresh_from_db()
    secretariat_client.post(reverse("review:reconsider", args=[op5.pk]), {"version": op5.version})
    op5.refresh_from_db()
    assert op5.review == "suggested"
    history = list(
        MandateEvent.objects.filter(mandate=op5, field="review").values_list(
            "old_value", "new_value"
        )
    )
    assert ("rejected", "suggested") in history


def test_only_a_rejected_suggestion_can_be_reconsidered(secretariat_client, imported_seed):
    op5 = suggestions().get(paragraph__number=5)
    response = secretariat_client.post(
        reverse("review:reconsider", args=[op5.pk]), {"version": op5.version}, follow=True
    )
    assert "Only a rejected suggestion can be reconsidered." in response.content.decode()
    assert Mandate.objects.get(pk=op5.pk).version == op5.version


def test_accept_all_takes_the_suggestions_shown_and_leaves_later_ones(
    secretariat_client, delegation_client, imported_seed
):
    shown = secretariat_client.get(QUEUE).context["resolutions"]
    assert [row["resolution__symbol"] for row in shown] == ["ICC-ASP/11/Res.5"]
    through = shown[0]["through"]
    waiting = shown[0]["count"]
    # A suggestion that appears after the page was shown is not accepted with the others.
    later = Mandate.objects.create(
        paragraph=suggestions().first().paragraph, position=99, action="requests"
    )
    response = secretariat_client.post(
        ACCEPT_ALL, {"resolution": "ICC-ASP/11/Res.5", "through": through}, follow=True
    )
    assert f"{waiting} suggestions of ICC-ASP/11/Res.5 were accepted." in response.content.decode()
    assert list(suggestions()) == [later]
    # Accepted, they reach the delegations.
    listed = delegation_client.get(reverse("tracking:mandate_list"))
    assert listed.context["page"].object_list


def test_accept_all_signs_each_mandate_history_in_a_fixed_number_of_statements(
    secretariat_user, imported_seed
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from resolutions.models import Resolution
    from tracking.review.services import mandates_accept_all

    resolution = Resolution.objects.get(symbol="ICC-ASP/11/Res.5")
    paragraph = suggestions().first().paragraph

    def accept_all(extra: int) -> int:
        Mandate.objects.filter(resolution=resolution).update(review="suggested")
        for position in range(100, 100 + extra):
            Mandate.objects.create(paragraph=paragraph, position=position, action="requests")
        with CaptureQueriesContext(connection) as queries:
            mandates_accept_all(resolution=resolution, user=secretariat_user, through=10**9)
        return len(queries)

    assert accept_all(0) == accept_all(30)
    before = dict(Mandate.objects.values_list("pk", "version"))
    Mandate.objects.filter(resolution=resolution).update(review="suggested")
    accepted = mandates_accept_all(resolution=resolution, user=secretariat_user, through=10**9)
    assert accepted == len(before) and not suggestions().exists()
    for mandate in Mandate.objects.all():
        assert mandate.version == before[mandate.pk] + 1
        entry = mandate.events.get(version=mandate.version)
        move = (entry.field, entry.old_value, entry.new_value)
        assert move == ("review", "suggested", "accepted")
        assert entry.user == secretariat_user and entry.origin == ""


def test_accept_all_refuses_an_incomplete_form_and_accepts_nothing(
    secretariat_client, imported_seed
):
    waiting = suggestions().count()
    secretariat_client.post(ACCEPT_ALL, {"resolution": "ICC-ASP/11/Res.5", "through": "x"})
    secretariat_client.post(ACCEPT_ALL, {"through": "5"})
    assert suggestions().count() == waiting
    response = secretariat_client.post(ACCEPT_ALL, {"resolution": "NOPE", "through": "5"})
    assert response.status_code == 404


def test_a_page_past_the_end_says_so(secretariat_client, imported_seed):
    response = secretariat_client.get(QUEUE, {"page": "40"})
    html = response.content.decode()
    assert "This page is past the end of the list" in html
    assert list(response.context["page"].object_list) == []


def test_the_navigation_and_the_dashboard_count_what_waits(
    secretariat_client, delegation_client, imported_seed
):
    waiting = suggestions().count()
    staff = secretariat_client.get(reverse("tracking:dashboard")).content.decode()
    assert f'<span class="count">{waiting}' in staff
    assert f"{waiting} suggested mandates wait for review" in staff
    delegation = delegation_client.get(reverse("tracking:dashboard")).content.decode()
    assert reverse("review:queue") not in delegation


def test_the_queue_runs_the_same_queries_whatever_its_length(
    secretariat_client, imported_seed, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        secretariat_client.get(QUEUE)
    paragraph = suggestions().first().paragraph
    bureau = Actor.objects.get(key="bureau")
    for position in range(100, 140):
        Mandate.objects.create(
            paragraph=paragraph, position=position, action="requests"
        ).addressees.add(bureau)
    with django_assert_max_num_queries(len(small)):
        response = secretariat_client.get(QUEUE)
    assert len(response.context["page"].object_list) == 50


def test_accepting_on_the_resolution_page_confirms_on_the_card_it_scrolls_to(
    secretariat_client, imported_seed
):
    import re

    op5 = suggestions().get(paragraph__number=5)
    response = secretariat_client.post(
        reverse("tracking:mandate_accept", args=[op5.pk]), {"version": op5.version}
    )
    assert response["Location"].endswith(f"#mandate-{op5.pk}")
    html = secretariat_client.get(response["Location"]).content.decode()
    card = re.search(rf'<div class="mandate-card[^"]*" id="mandate-{op5.pk}">.*?</div>', html, re.S)
    assert "The mandate was accepted." in card.group(0)
    assert '<ul class="messages"' not in html  # not at the top, out of sight
