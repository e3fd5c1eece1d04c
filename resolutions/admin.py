from django.contrib import admin

from resolutions.models import (
    Body,
    Footnote,
    ImportBatch,
    ImportBatchFile,
    Paragraph,
    ParagraphText,
    Reference,
    Resolution,
    ResolutionText,
    Session,
)


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["symbol_prefix", "name_en", "name_fr", "short_name", "short_name_fr"]
    search_fields = ["symbol_prefix", "name_en", "name_fr"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["body", "number", "start_date", "end_date", "venue", "venue_fr"]
    list_filter = ["body"]
    ordering = ["body", "-number"]

    def save_model(self, request, obj, form, change):
        # Dates go through the service so that deadlines tied to the session follow.
        from resolutions.services import session_update

        if change and {"start_date", "end_date"} & set(form.changed_data):
            start, end = obj.start_date, obj.end_date
            stored = Session.objects.get(pk=obj.pk)
            obj.start_date, obj.end_date = stored.start_date, stored.end_date
            super().save_model(request, obj, form, change)
            session_update(session=obj, start_date=start, end_date=end)
        else:
            super().save_model(request, obj, form, change)


class ResolutionTextInline(admin.StackedInline):
    model = ResolutionText
    extra = 0
    fields = ["language", "title", "body_name", "imported_at", "imported_by", "warnings"]
    readonly_fields = ["imported_at", "imported_by", "warnings"]


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ["symbol", "body", "session", "adopted_on", "adoption_method"]
    list_filter = ["body", "adoption_method"]
    search_fields = ["symbol", "texts__title"]
    list_select_related = ["body", "session__body"]
    inlines = [ResolutionTextInline]
    date_hierarchy = "adopted_on"
    readonly_fields = ["report_committee", "report_symbol", "report_paragraph"]


class ParagraphTextInline(admin.StackedInline):
    model = ParagraphText
    extra = 0


@admin.register(Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "number", "label", "order"]
    list_filter = ["kind"]
    search_fields = ["resolution__symbol", "texts__text"]
    list_select_related = ["resolution"]
    raw_id_fields = ["resolution", "parent"]
    inlines = [ParagraphTextInline]


@admin.register(Footnote)
class FootnoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "language", "text"]
    list_select_related = ["resolution"]
    raw_id_fields = ["resolution", "paragraph"]


@admin.register(Reference)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["symbol", "paragraph", "cited_resolution"]
    search_fields = ["symbol"]
    list_select_related = ["paragraph__resolution", "cited_resolution"]
    raw_id_fields = ["paragraph", "cited_resolution"]


@admin.register(ResolutionText)
class ResolutionTextAdmin(admin.ModelAdmin):
    list_display = ["resolution", "language", "title", "imported_at", "imported_by"]
    list_filter = ["language"]
    search_fields = ["resolution__symbol", "title"]
    list_select_related = ["resolution", "imported_by"]
    raw_id_fields = ["resolution", "imported_by"]


@admin.register(ParagraphText)
class ParagraphTextAdmin(admin.ModelAdmin):
    list_display = ["paragraph", "language"]
    list_filter = ["language"]
    search_fields = ["paragraph__resolution__symbol", "text"]
    list_select_related = ["paragraph__resolution"]
    raw_id_fields = ["paragraph"]


class ImportBatchFileInline(admin.TabularInline):
    model = ImportBatchFile
    extra = 0
    fields = ["position", "name", "outcome", "symbol", "language", "messages", "processed_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Batches are written by the import only: the admin reads them."""

    list_display = ["pk", "created_at", "created_by", "total", "finished_at"]
    list_select_related = ["created_by"]
    readonly_fields = ["created_by", "created_at", "language", "replace", "total", "finished_at"]
    inlines = [ImportBatchFileInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportBatchFile)
class ImportBatchFileAdmin(admin.ModelAdmin):
    list_display = ["name", "batch", "outcome", "symbol", "processed_at"]
    list_filter = ["outcome"]
    list_select_related = ["batch"]
    readonly_fields = [
        "batch", "position", "name", "outcome", "messages", "resolution", "symbol", "language",
        "processed_at",
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
