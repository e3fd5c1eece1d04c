"""The review queue's filters, from the query string: a link reproduces the view, and a
value that does not validate gives a message, not an error."""

import django_filters
from django.utils.translation import gettext_lazy as _

from tracking.models import Mandate

REVIEW_STATES = [
    (Mandate.Review.SUGGESTED, _("waiting for review")),
    (Mandate.Review.REJECTED, _("rejected suggestions")),
]


class ReviewFilter(django_filters.FilterSet):
    # Any case and any part of the symbol: "res.5", "ICC-ASP/11".
    resolution = django_filters.CharFilter(
        label=_("Resolution"),
        field_name="resolution__symbol",
        lookup_expr="icontains",
        max_length=100,
    )
    review = django_filters.ChoiceFilter(
        label=_("Show"), choices=REVIEW_STATES, empty_label=None, method="filter_review"
    )

    class Meta:
        model = Mandate
        fields = ["resolution", "review"]

    def __init__(self, data=None, *args, **kwargs):
        # Suggestions waiting for review unless asked otherwise.
        if data is not None and not data.get("review"):
            data = data.copy()
            data["review"] = Mandate.Review.SUGGESTED
        super().__init__(data, *args, **kwargs)

    def filter_review(self, queryset, name, value):
        return queryset.filter(review=value)
