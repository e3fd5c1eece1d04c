import pytest

from resolutions.models import Paragraph
from tracking.models import Actor
from tracking.services import mandate_create


@pytest.fixture
def mandate(imported_seed, secretariat_user):
    """An accepted mandate of the seed resolution, addressed to the Bureau."""
    op5 = imported_seed.paragraphs.get(kind=Paragraph.Kind.OPERATIVE, number=5, parent=None)
    return mandate_create(
        paragraph=op5,
        user=secretariat_user,
        addressees=[Actor.objects.get(key="bureau")],
        action="requests",
        deliverable="a report to the Assembly",
        deadline_relation="before",
        deadline_session=12,
    )


@pytest.fixture
def admin_client_signed_in(django_user_model):
    """A superuser: every page is open to them, so a 404 is the path's doing."""
    from django.test import Client

    user = django_user_model.objects.create_superuser("root", "root@example.org", "a-long-pw-1")
    client = Client()
    client.force_login(user)
    return client
