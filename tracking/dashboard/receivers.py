"""After a change that the dashboard's figures depend on is committed, ask a worker for new
ones. Model signals catch every path that saves through the models: services, the admin,
imports. Writes made around them (bulk updates) are caught by the page itself, which
computes figures older than the data when no worker was asked (figures.dashboard)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from tracking import tasks
from tracking.models import Mandate, MandateEvent
from tracking.states.models import StateProgressEvent


def data_changed(**kwargs) -> None:
    # After the commit: a worker must read the change, and a rolled-back one asks nothing.
    transaction.on_commit(tasks.dashboards_refresh_soon)


def connect() -> None:
    for model in (Mandate, MandateEvent, StateProgressEvent):
        post_save.connect(data_changed, sender=model, dispatch_uid=f"dashboard-{model.__name__}")
    post_delete.connect(data_changed, sender=Mandate, dispatch_uid="dashboard-Mandate-deleted")
