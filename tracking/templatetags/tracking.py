from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def deadline_text(mandate) -> str:
    """The deadline in words, in the interface language."""
    return mandate.deadline_text((get_language() or "en")[:2])
