import pytest

from resolutions.models import Paragraph
from tracking.models import Actor
from tracking.services import mandate_create


@pytest.fixture
def op5(imported_seed):
    return imported_seed.paragraphs.get(kind=Paragraph.Kind.OPERATIVE, number=5, parent=None)


@pytest.fixture
def bureau(db):
    return Actor.objects.get(key="bureau")


@pytest.fixture
def mandate(op5, bureau, secretariat_user):
    """An accepted mandate: the Bureau must report before the 12th session."""
    return mandate_create(
        paragraph=op5,
        user=secretariat_user,
        addressees=[bureau],
        action="requests",
        deliverable="a report to the Assembly",
        deadline_relation="before",
        deadline_session=12,
    )
