import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from resolutions.models import Body, Resolution, ResolutionText


class ResolutionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Symbol or title"), method="filter_text")
    body = django_filters.ModelChoiceFilter(label=_("Body"), queryset=Body.objects.all())
    session = django_filters.NumberFilter(
        label=_("Session"), field_name="session__number", min_value=1, max_value=999
    )
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="adopted_on__year", min_value=1945, max_value=2200
    )

    class Meta:
        model = Resolution
        fields = ["q", "body", "session", "year"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        titles = ResolutionText.objects.filter(resolution=OuterRef("pk"), title__icontains=value)
        return queryset.filter(Q(symbol__icontains=value) | Exists(titles))
