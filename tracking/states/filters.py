"""The matrix's filters. Every value arrives in the query string, so a link reproduces the
matrix (and its exports); a value that does not validate gives a message, not an error."""

import django_filters
from django.utils.translation import gettext_lazy as _

from tracking.models import Status
from tracking.states.matrix import NO_INFORMATION
from tracking.states.models import RegionalGroup, State


class MatrixFilter(django_filters.FilterSet):
    """Validates the filters of a resolution's matrix. The matrix is built in memory from
    a fixed number of queries (tracking/states/matrix.py), so the cleaned values are applied
    there rather than to a queryset."""

    region = django_filters.ChoiceFilter(
        label=_("Regional group"),
        choices=RegionalGroup.choices,
        field_name="un_regional_group",
        empty_label=_("all"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status in at least one column"),
        choices=[*Status.choices, (NO_INFORMATION, _("no information"))],
        method="filter_nothing",
        empty_label=_("any"),
    )

    class Meta:
        model = State
        fields = []

    def filter_nothing(self, queryset, name, value):
        return queryset

    def matrix_arguments(self) -> dict:
        """The cleaned values, as resolution_matrix takes them; call once valid."""
        data = self.form.cleaned_data
        return {"region": data.get("region") or "", "status": data.get("status") or ""}


def matrix_filter(data) -> MatrixFilter:
    return MatrixFilter(data, queryset=State.objects.none())
