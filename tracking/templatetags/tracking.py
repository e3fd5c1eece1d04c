from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

register = template.Library()


@register.simple_tag
def deadline_text(mandate) -> str:
    """The deadline in words, in the interface language."""
    return mandate.deadline_text((get_language() or "en")[:2])


@register.simple_tag
def deadline(mandate) -> str:
    """The deadline in words, with an "Overdue" badge when it has passed. A tag
    rather than an included template: lists show it on every row."""
    text = deadline_text(mandate)
    if not mandate.is_overdue():
        return text
    return format_html('{} <span class="badge overdue">{}</span>', text, gettext("Overdue"))
