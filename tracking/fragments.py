"""Rendered parts of pages kept in the cache, so that a page read by many costs its frame,
not its rows (docs/performance.md, "Under load").

A fragment's key names everything its HTML depends on:

- the page and its parameters (the list's filters, the mandate's id);
- the audience: whether the reader is signed in, and the set of their permissions. What a
  reader may see (suggestions, internal mandates, internal history entries, staff links)
  follows from their permissions alone, so two readers with the same set see the same
  HTML, and a delegation never gets a fragment rendered for the secretariat;
- the language, and the day (deadlines turn overdue at midnight);
- the version of the data (`content_version`): the dashboard's data version, read from the
  database in one statement (the latest change to a mandate, the latest history entry,
  the latest change to a State's progress), which also catches changes made by bulk
  statements; and a generation kept in the cache, renewed after every committed save or
  delete of what fragments show beyond mandates (actors and their names, bodies,
  sessions and their dates, resolutions and their texts, paragraphs, States and their
  groups, per-State progress). A generation lost from the cache is a new one.

Parts that are the reader's own (the follow button, forms with their CSRF token, messages)
are rendered around the fragments at every request, never inside them.
"""

import hashlib
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# Changed whenever what a fragment holds changes shape, so that a new release does not
# read the previous one's fragments.
FRAGMENT_FORMAT = 3
FRAGMENT_SECONDS = 3600
GENERATION_KEY = "fragments:generation"


def audience(user) -> str:
    """Who a fragment was rendered for: signed in or not, and the permissions held."""
    if not user.is_authenticated:
        return "anonymous"
    permissions = sorted(user.get_all_permissions())
    described = "|".join([str(bool(user.is_staff)), *permissions])
    return hashlib.sha256(described.encode()).hexdigest()[:24]


def generation() -> str:
    """The generation of what fragments show beyond mandates (see the module's docstring)."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        fresh = uuid.uuid4().hex
        cache.add(GENERATION_KEY, fresh, None)
        current = cache.get(GENERATION_KEY) or fresh
    return current


def generation_renew() -> None:
    """Leave every fragment rendered before unread: now, and again when the current
    transaction commits (a page rendered in between read the data before the change)."""
    _new_generation()
    connection = transaction.get_connection()
    # Once at the commit is enough however many saves ask (an import saves several rows
    # watched here). A renewal still waiting is kept until the commit unless a savepoint
    # it was asked in rolls back, and then the changes asking for it are undone too.
    pending = any(
        function is _new_generation for _ids, function, _robust in connection.run_on_commit
    )
    if connection.in_atomic_block and not pending:
        transaction.on_commit(_new_generation)


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def content_version() -> str:
    from tracking.dashboard.figures import dashboard_data_version

    return f"{dashboard_data_version()}:{generation()}"


def fragment_key(name: str, *, user, parts: tuple, version: str) -> str:
    """The cache key of fragment `name` with these parameters, for this reader."""
    database = connection.settings_dict["NAME"]
    language = get_language() or settings.LANGUAGE_CODE
    described = "\x1f".join(
        map(str, (database, audience(user), language, timezone.localdate(), version, *parts))
    )
    digest = hashlib.sha256(described.encode()).hexdigest()[:32]
    return f"fragment:{FRAGMENT_FORMAT}:{name}:{digest}"


def cached(key: str, render: Callable[[], object]):
    """What is kept at key, or render() kept there; render() may return None (nothing
    to keep, such as a page that does not exist)."""
    value = cache.get(key)
    if value is None:
        value = render()
        if value is not None:
            cache.set(key, value, FRAGMENT_SECONDS)
    return value


def html(value: str) -> SafeString:
    return mark_safe(value)  # rendered by the template engine, which escaped what it must


# Renewing the generation ----------------------------------------------------------------------

# What fragments show beyond the mandates' own rows, whose changes the data version does
# not see. Imports write paragraphs, texts and footnotes in bulk (no signals): they also
# save the resolution's text (ResolutionText), which renews the generation.
WATCHED = (
    ("tracking", "Actor"),
    ("tracking", "Mandate"),  # deletions (a rejected suggestion's removal, an admin's)
    ("tracking", "State"),
    ("tracking", "GroupMembership"),
    ("tracking", "StateProgress"),
    ("resolutions", "Body"),
    ("resolutions", "Session"),
    ("resolutions", "Resolution"),
    ("resolutions", "ResolutionText"),
    ("resolutions", "Paragraph"),
)
# Saved one by one only in the admin; an import deletes a language's texts in bulk, which a
# receiver of deletions would turn into a statement per text.
SAVES_ONLY = (("resolutions", "ParagraphText"),)


def _renew(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # fixtures being loaded
        return
    generation_renew()


def connect() -> None:
    from django.apps import apps

    for app_label, name in WATCHED:
        model = apps.get_model(app_label, name)
        post_save.connect(_renew, sender=model, dispatch_uid=f"fragments-save-{name}")
        post_delete.connect(_renew, sender=model, dispatch_uid=f"fragments-delete-{name}")
    for app_label, name in SAVES_ONLY:
        model = apps.get_model(app_label, name)
        post_save.connect(_renew, sender=model, dispatch_uid=f"fragments-save-{name}")
    addressees = apps.get_model("tracking", "Mandate").addressees.through
    m2m_changed.connect(_renew, sender=addressees, dispatch_uid="fragments-addressees")
