"""The resolution copied onto each mandate: set however a mandate is made, filled in for
mandates that existed before the column, and what the reads by resolution rely on."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import F

from resolutions.models import Paragraph, Resolution
from resolutions.services import body_for_prefix
from tracking.dashboard.figures import dashboard
from tracking.models import Follow, Mandate
from tracking.selectors import mandate_list
from tracking.services import mandate_create

BEFORE = [("tracking", "0004_mandate_search_vector")]
AFTER = [("tracking", "0005_mandate_resolution")]


@pytest.fixture
def other_resolution(db):
    """A General Assembly resolution with one operative paragraph, beside the seed."""
    resolution = Resolution.objects.create(
        symbol="A/RES/70/1", body=body_for_prefix("A/RES"), adopted_on=datetime.date(2015, 9, 25)
    )
    Paragraph.objects.create(resolution=resolution, kind="operative", number=1, order=1)
    return resolution


@pytest.mark.django_db
def test_it_sets_the_resolution_of_mandates_made_by_the_services(mandate, imported_seed):
    assert mandate.resolution_id == imported_seed.pk
    suggested = Mandate.objects.filter(review=Mandate.Review.SUGGESTED)
    assert suggested.exists()
    assert not Mandate.objects.exclude(resolution_id=F("paragraph__resolution_id")).exists()


@pytest.mark.django_db
def test_it_sets_the_resolution_of_mandates_created_directly(
    op5, other_resolution, django_assert_num_queries
):
    # The paragraph in hand already knows its resolution: the INSERT is the only query.
    with django_assert_num_queries(1):
        with_paragraph = Mandate.objects.create(paragraph=op5, action="requests")
    assert with_paragraph.resolution_id == op5.resolution_id
    # Given only the paragraph's id, save() reads the resolution from the database.
    paragraph = other_resolution.paragraphs.get()
    with_id = Mandate.objects.create(paragraph_id=paragraph.pk, action="requests")
    with_id.refresh_from_db()
    assert with_id.resolution == other_resolution


@pytest.mark.django_db
def test_the_list_and_dashboard_read_the_mandates_resolution(
    mandate, other_resolution, secretariat_user, delegation_user, bureau
):
    theirs = mandate_create(
        paragraph=other_resolution.paragraphs.get(),
        user=secretariat_user,
        addressees=[bureau],
        action="requests",
    )

    def listed(**filters) -> list[int]:
        filterset, mandates = mandate_list(filters=filters, user=delegation_user)
        assert filterset.is_valid(), filterset.errors
        return [m.pk for m in mandates]

    assert listed(body="A/RES") == [theirs.pk]
    assert listed(body="ICC-ASP") == [mandate.pk]
    assert listed(resolution="A/RES/70/1") == [theirs.pk]
    assert listed(sort="resolution") == [theirs.pk, mandate.pk]  # "A/RES" < "ICC-ASP"
    Follow.objects.create(user=delegation_user, resolution=other_resolution)
    assert listed(followed="yes") == [theirs.pk]
    by_year = dashboard(user=delegation_user, today=datetime.date(2014, 1, 1)).by_year
    assert {row["year"]: row["total"] for row in by_year} == {2015: 1, 2012: 1}


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_in_the_resolution_of_existing_mandates():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        body = old.get_model("resolutions", "Body").objects.create(
            symbol_prefix="ICC-ASP", name_en="Assembly"
        )
        resolutions = old.get_model("resolutions", "Resolution").objects
        paragraphs = old.get_model("resolutions", "Paragraph").objects
        mandates = old.get_model("tracking", "Mandate").objects
        expected = {}
        for number in (1, 2):
            resolution = resolutions.create(symbol=f"ICC-ASP/1/Res.{number}", body=body)
            for order in (1, 2):
                paragraph = paragraphs.create(
                    resolution=resolution, kind="operative", number=order, order=order
                )
                made = mandates.create(paragraph=paragraph, action="requests")
                expected[made.pk] = resolution.pk

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        filled = new.get_model("tracking", "Mandate").objects.values_list("pk", "resolution_id")
        assert dict(filled) == expected
    finally:
        # Leave the schema as every other test expects it, whatever happened above.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
