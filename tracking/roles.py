"""
The three roles of Suivi, as Django groups. The permissions of each role are
data, kept here, and written to the database after every `migrate`, so that a
new permission reaches existing deployments without a manual step.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

SECRETARIAT = "Secretariat"
DELEGATION = "Delegation"
ADMINISTRATORS = "Administrators"

# (app_label, codename) pairs; "view_*" style wildcards are spelled out so that a
# reader sees exactly what each role may do.
_READ = [
    ("resolutions", f"view_{model}")
    for model in (
        "body",
        "session",
        "resolution",
        "resolutiontext",
        "paragraph",
        "paragraphtext",
        "footnote",
        "reference",
    )
]

_READ += [
    ("tracking", f"view_{model}")
    for model in (
        "actor",
        "actoralias",
        "actorcontact",
        "mandate",
        "mandateevent",
        "state",
        "groupmembership",
        "stateprogress",
        "stateprogressevent",
    )
]

ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    # A delegation reports only for the State it is linked to (tracking.states.services).
    DELEGATION: _READ + [("tracking", "add_statereport")],
    SECRETARIAT: _READ
    + [
        ("resolutions", "add_resolution"),
        ("resolutions", "change_resolution"),
        ("resolutions", "add_session"),
        ("resolutions", "change_session"),
        ("tracking", "add_mandate"),
        ("tracking", "change_mandate"),
        ("tracking", "change_mandate_status"),
        ("tracking", "review_mandate"),
        ("tracking", "view_internal_mandate"),
        ("tracking", "add_actor"),
        ("tracking", "change_actor"),
        ("tracking", "add_actoralias"),
        ("tracking", "change_actoralias"),
        ("tracking", "delete_actoralias"),
        ("tracking", "add_actorcontact"),
        ("tracking", "change_actorcontact"),
        ("tracking", "delete_actorcontact"),
        ("tracking", "view_reminder"),
        ("tracking", "add_state"),
        ("tracking", "change_state"),
        ("tracking", "add_groupmembership"),
        ("tracking", "change_groupmembership"),
        ("tracking", "delete_groupmembership"),
        ("tracking", "change_stateprogress"),
        ("tracking", "view_statereport"),
        ("tracking", "review_statereport"),
        ("tracking", "view_delegationlink"),
        ("tracking", "add_delegationlink"),
        ("tracking", "change_delegationlink"),
        ("tracking", "delete_delegationlink"),
    ],
}


def roles_sync() -> None:
    for name, wanted in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        query = Q(pk__in=[])
        for app_label, codename in wanted:
            query |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(query))
    # Administrators hold every permission, including those added later.
    admins, _created = Group.objects.get_or_create(name=ADMINISTRATORS)
    admins.permissions.set(Permission.objects.all())


def sync_after_migrate(sender, **kwargs) -> None:
    from tracking.services import actors_add_missing

    roles_sync()
    actors_add_missing()
