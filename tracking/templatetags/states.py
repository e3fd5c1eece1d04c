from django import template
from django.utils.translation import get_language

from tracking.models import STATUS_LABELS

register = template.Library()


@register.simple_tag
def deadline_words(mandate) -> str:
    """The deadline in words, without the mandate's own "Overdue" badge: on a State's
    page, whether an item is overdue depends on the State's progress."""
    return mandate.deadline_text((get_language() or "en")[:2])


@register.filter
def status_label(code) -> str:
    return STATUS_LABELS.get(code, code or "")
