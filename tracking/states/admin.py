from django.contrib import admin

from tracking.admin import RecordAdmin
from tracking.states.models import (
    DelegationLink,
    GroupMembership,
    State,
    StateProgress,
    StateProgressEvent,
    StateReport,
)


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    fields = ["group", "start", "end"]


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    """Staff correct names and groups here; `load_states` reports any change it makes."""

    list_display = ["iso3", "name_en", "name_fr", "un_regional_group", "un_status"]
    list_filter = ["un_regional_group", "un_status"]
    search_fields = ["iso3", "name_en", "name_fr"]
    inlines = [GroupMembershipInline]

    def has_delete_permission(self, request, obj=None):
        # Progress and reports refer to States; a State is corrected, not deleted.
        return False


@admin.register(GroupMembership)
class GroupMembershipAdmin(admin.ModelAdmin):
    list_display = ["state", "group", "start", "end"]
    list_filter = ["group"]
    search_fields = ["state__iso3", "state__name_en", "state__name_fr"]
    list_select_related = ["state", "group"]
    autocomplete_fields = ["state"]


@admin.register(DelegationLink)
class DelegationLinkAdmin(admin.ModelAdmin):
    list_display = ["user", "state", "created_at"]
    search_fields = ["user__username", "state__iso3", "state__name_en"]
    list_select_related = ["user", "state"]
    raw_id_fields = ["user"]
    autocomplete_fields = ["state"]


@admin.register(StateProgress)
class StateProgressAdmin(RecordAdmin):
    """Shown only: progress changes through the State pages, which keep the history."""

    list_display = ["state", "mandate", "status", "reported_by_state", "updated_at", "version"]
    list_filter = ["status", "reported_by_state"]
    search_fields = ["state__iso3", "state__name_en"]
    list_select_related = ["state", "mandate__paragraph__resolution"]


@admin.register(StateProgressEvent)
class StateProgressEventAdmin(RecordAdmin):
    list_display = ["at", "state", "mandate", "user", "old_status", "new_status"]
    list_filter = ["new_status"]
    list_select_related = ["state", "mandate__paragraph__resolution", "user"]


@admin.register(StateReport)
class StateReportAdmin(RecordAdmin):
    """Reports are reviewed in the queue (/states/reports/), where accepting one records it."""

    list_display = ["submitted_at", "state", "mandate", "status", "review", "submitted_by"]
    list_filter = ["review", "status"]
    search_fields = ["state__iso3", "state__name_en"]
    list_select_related = ["state", "mandate__paragraph__resolution", "submitted_by"]
