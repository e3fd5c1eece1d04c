"""The mandate list's filters. Every value arrives in the query string, so a link
reproduces the view; a value that does not validate gives a message, not an error."""

import django_filters
from django import forms
from django.db import connection
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q, TextField
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from resolutions.models import Body
from tracking.deadlines import fold
from tracking.models import CLOSED_STATUSES, Action, Actor, Follow, Mandate, Status

# Strength of each action, from the strongest: the list filters by "at least".
STRENGTH = {
    Action.DECIDES: 5,
    Action.MANDATES: 5,
    Action.REQUESTS: 4,
    Action.URGES: 4,
    Action.AUTHORIZES: 3,
    Action.CALLS_UPON: 3,
    Action.RECOMMENDS: 2,
    Action.ENCOURAGES: 2,
    Action.INVITES: 2,
    Action.OTHER: 1,
}
STRENGTH_CHOICES = [
    ("5", _("decisions and mandates")),
    ("4", _("requests and stronger")),
    ("3", _("calls and stronger")),
    ("2", _("encouragements and stronger")),
]
# Mandates with no due date come last either way (PostgreSQL's default for ascending
# order, which its due-date index serves; SQLite would put them first).
SORTS = {
    "due": (F("due_date").asc(nulls_last=True), "pk"),
    "-due": (F("due_date").desc(nulls_last=True), "-pk"),
    "resolution": ("resolution__symbol", "paragraph__order", "position"),
    "status": ("status", F("due_date").asc(nulls_last=True), "pk"),
    "updated": ("-updated_at", "-pk"),
}
SORT_CHOICES = [
    ("due", _("due date, soonest first")),
    ("-due", _("due date, latest first")),
    ("resolution", _("resolution and paragraph")),
    ("status", _("status")),
    ("updated", _("recently updated")),
]
YES_NO = [("yes", _("yes")), ("no", _("no"))]


class MandateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search the text"), method="filter_text", max_length=200)
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
    )
    addressee = django_filters.ModelChoiceFilter(
        label=_("Addressee"),
        # Called for each request: the order of the reader's language.
        queryset=lambda request: Actor.objects.order_by(*Actor.name_order()),
        to_field_name="key",
        method="filter_addressee",
    )
    # Any case and any part of the symbol: "res.5", "ICC-ASP/11".
    resolution = django_filters.CharFilter(
        label=_("Resolution"),
        field_name="resolution__symbol",
        lookup_expr="icontains",
        max_length=64,
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Body"),
        queryset=lambda request: Body.objects.order_by(
            "name_fr" if get_language() == "fr" else "name_en"
        ),
        to_field_name="symbol_prefix",
        field_name="resolution__body",
    )
    session = django_filters.NumberFilter(
        label=_("Due at session"),
        field_name="deadline_session__number",
        min_value=1,
        max_value=999,
    )
    strength = django_filters.ChoiceFilter(
        label=_("Strength"), choices=STRENGTH_CHOICES, method="filter_strength"
    )
    due_after = django_filters.DateFilter(
        label=_("Due from"),
        field_name="due_date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    due_before = django_filters.DateFilter(
        label=_("Due until"),
        field_name="due_date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"), choices=YES_NO, method="filter_overdue"
    )
    dates_set = django_filters.ChoiceFilter(
        label=_("Session dates set"), choices=YES_NO, method="filter_dates_set"
    )
    urgent = django_filters.ChoiceFilter(label=_("Urgent"), choices=YES_NO, method="filter_urgent")
    focal_point = django_filters.CharFilter(
        label=_("Focal point (user name)"), field_name="focal_point__username", max_length=150
    )
    followed = django_filters.ChoiceFilter(
        label=_("Followed by me"), choices=[("yes", _("yes"))], method="filter_followed"
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Mandate
        fields = []

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.user = user

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if connection.vendor == "postgresql":
            # search_vector is a stored column with a GIN index (migration 0004), holding
            # the French and the English stems; the query may match either.
            matches = RawSQL(
                "tracking_mandate.search_vector @@ (websearch_to_tsquery('french', %s)"
                " || websearch_to_tsquery('english', %s))",
                [value, value],
                output_field=BooleanField(),
            )
            return queryset.filter(matches)
        # SQLite has no full-text configurations; every word must appear, whatever its case
        # and accents ("cooperation" finds "coopération"): both sides are folded, the text
        # by a function registered on each connection (tracking.apps).
        folded = queryset.annotate(
            search_folded=Func(F("search_text"), function="suivi_fold", output_field=TextField())
        )
        for word in value.split()[:10]:
            folded = folded.filter(search_folded__contains=fold(word))
        return folded

    def filter_addressee(self, queryset, name, actor):
        """An actor's mandates include those addressed to its parts."""
        if actor is None:
            return queryset
        ids = [actor.pk, *Actor.objects.filter(parent=actor).values_list("pk", flat=True)]
        addressed = Mandate.addressees.through.objects.filter(
            mandate_id=OuterRef("pk"), actor_id__in=ids
        )
        return queryset.filter(Exists(addressed))

    def filter_strength(self, queryset, name, value):
        actions = [action for action, strength in STRENGTH.items() if strength >= int(value)]
        return queryset.filter(action__in=actions)

    def filter_overdue(self, queryset, name, value):
        overdue = Q(due_date__lt=timezone.localdate()) & ~Q(status__in=CLOSED_STATUSES)
        return queryset.filter(overdue) if value == "yes" else queryset.exclude(overdue)

    def filter_dates_set(self, queryset, name, value):
        """ "no": due at a session whose dates are not known yet."""
        unknown = Q(deadline_session__isnull=False, deadline_session__start_date__isnull=True)
        return queryset.filter(unknown) if value == "no" else queryset.exclude(unknown)

    def filter_urgent(self, queryset, name, value):
        return queryset.filter(urgent=value == "yes")

    def filter_followed(self, queryset, name, value):
        if value != "yes" or self.user is None or not self.user.is_authenticated:
            return queryset
        follows = Follow.objects.filter(user=self.user)
        return queryset.filter(
            Exists(follows.filter(mandate=OuterRef("pk")))
            | Exists(follows.filter(resolution=OuterRef("resolution")))
            | Exists(
                follows.filter(
                    actor__in=Mandate.addressees.through.objects.filter(
                        mandate_id=OuterRef(OuterRef("pk"))
                    ).values("actor_id")
                )
            )
        )

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in `qs`, so that it also holds without a sort value

    @property
    def qs(self):
        queryset = super().qs
        sort = self.form.cleaned_data.get("sort") or "due" if self.is_bound else "due"
        return queryset.order_by(*SORTS.get(sort, SORTS["due"]))
