from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from resolutions.access import can_read
from tracking.reminders.rules import kind_label

register = template.Library()


@register.simple_tag
def deadline(mandate) -> str:
    """The deadline in words, in the interface language, with an "Overdue" badge when it
    has passed. A tag rather than an included template: lists show it on every row."""
    text = mandate.deadline_text((get_language() or "en")[:2])
    if not mandate.is_overdue():
        return text
    return format_html('{} <span class="badge overdue">{}</span>', text, gettext("Overdue"))


@register.simple_tag(takes_context=True)
def suggestions_waiting(context):
    """How many suggested mandates wait for review: the navigation and the dashboard show
    it to those who review. One COUNT on the review index per request, however many
    places show it; None if the database cannot say (a page must not fail for a number)."""
    from tracking.review.selectors import suggestions_waiting as count

    request = context.get("request")
    if request is None:
        return count()
    if not hasattr(request, "suivi_suggestions_waiting"):
        request.suivi_suggestions_waiting = count()
    return request.suivi_suggestions_waiting


@register.simple_tag(takes_context=True)
def page_link(context, query: str, number) -> str:
    """The address of page `number` of a list whose filters are `query` (urlencoded,
    without the page): the first page carries no page parameter, so that the address of
    the list is the same whichever way one comes back to it."""
    parts = [query] if query else []
    if int(number) > 1:
        parts.append(f"page={int(number)}")
    if parts:
        return "?" + "&".join(parts)
    request = context.get("request")
    return request.path if request is not None else "?"


@register.filter
def accessible(field):
    """The field's widget tied to its hint and its error (aria-describedby) and marked
    invalid when it is (aria-invalid), as the GOV.UK Design System does."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    attrs = {"aria-describedby": " ".join(described)} if described else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def form_paragraph(context):
    """The paragraph a mandate form is about: the mandate's (review, edit) or the one a
    mandate is added to."""
    mandate = context.get("mandate")
    return mandate.paragraph if mandate else context.get("paragraph")


# Messages about one mandate card carry this tag, and are shown on the card itself rather
# than at the top of a long page the browser has scrolled down (to the card).
CARD_MESSAGE = "mandate-{}"


@register.filter
def messages_for_card(messages, mandate_pk) -> list:
    tag = CARD_MESSAGE.format(mandate_pk)
    return [message for message in messages if tag in message.extra_tags.split()]


@register.filter
def page_messages(messages) -> list:
    """The messages shown at the top of the page: those about no particular card."""
    return [message for message in messages if "mandate-" not in message.extra_tags]


@register.filter
def reminder_kind(kind: str) -> str:
    """`{{ reminder.kind|reminder_kind }}`: "60 days before the due date", not "before_60"."""
    return kind_label(kind)


@register.filter
def may_read(user) -> bool:
    """Whether Suivi's pages are open to this reader: signed in, or any visitor when the
    deployment opens read-only pages to the public (SUIVI_PUBLIC_READ)."""
    return can_read(user)
