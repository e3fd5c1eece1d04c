from django.contrib import admin

from tracking.models import (
    Actor,
    ActorAlias,
    ActorContact,
    CalendarFeed,
    Follow,
    Mandate,
    MandateEvent,
    Recipient,
    Reminder,
)


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1


class ActorContactInline(admin.TabularInline):
    model = ActorContact
    extra = 1


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["key", "name_en", "name_fr", "parent"]
    search_fields = ["key", "name_en", "name_fr", "aliases__text"]
    list_select_related = ["parent"]
    inlines = [ActorAliasInline, ActorContactInline]


class MandateEventInline(admin.TabularInline):
    """History, shown read-only: it is never edited or deleted."""

    model = MandateEvent
    extra = 0
    can_delete = False
    fields = ["at", "user", "field", "old_value", "new_value", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Mandate)
class MandateAdmin(admin.ModelAdmin):
    """Read-mostly: changes go through the mandate pages, which keep the history."""

    list_display = ["__str__", "review", "status", "due_date", "focal_point"]
    list_filter = ["review", "status", "action", "urgent"]
    search_fields = ["resolution__symbol", "deliverable"]
    list_select_related = ["paragraph__resolution", "focal_point"]
    raw_id_fields = ["paragraph", "recalls", "deadline_session", "focal_point"]
    inlines = [MandateEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordAdmin(admin.ModelAdmin):
    """A record kept by Suivi itself (history, reminders sent): shown, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MandateEvent)
class MandateEventAdmin(RecordAdmin):
    list_display = ["at", "mandate", "user", "field", "old_value", "new_value"]
    list_filter = ["field"]
    list_select_related = ["mandate__paragraph__resolution", "user"]


@admin.register(Recipient)
class RecipientAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "reminders_enabled", "changes_enabled", "created_at"]
    list_filter = ["language", "reminders_enabled", "changes_enabled"]
    search_fields = ["email"]
    exclude = ["token"]


@admin.register(Reminder)
class ReminderAdmin(RecordAdmin):
    """The record of what was sent: read-only, it is what keeps reminders from going twice."""

    list_display = ["created_at", "recipient", "mandate", "kind", "due_date", "state", "attempts"]
    list_filter = ["state", "kind"]
    search_fields = ["recipient__email"]
    list_select_related = ["recipient", "mandate__paragraph__resolution"]


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "mandate", "actor", "resolution", "created_at"]
    list_select_related = ["user", "mandate__paragraph__resolution", "actor", "resolution"]
    raw_id_fields = ["user", "mandate", "actor", "resolution"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Deleting a feed revokes its address; the token itself is never shown here."""

    list_display = ["user", "created_at"]
    list_select_related = ["user"]
    exclude = ["token"]

    def has_add_permission(self, request):
        return False


@admin.register(ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ["text", "actor"]
    search_fields = ["text", "actor__key", "actor__name_en"]
    list_select_related = ["actor"]


@admin.register(ActorContact)
class ActorContactAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "language", "actor"]
    search_fields = ["email", "name", "actor__key"]
    list_select_related = ["actor"]


# The per-State models' admin lives with them.
from tracking.states import admin as states_admin  # noqa: E402, F401
