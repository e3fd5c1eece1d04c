"""The follow-up shown on the resolution page and in its import: resolutions/ shows the
text, and asks its registered extensions (resolutions.extensions) what to add. This is
tracking's."""

from django.utils.translation import ngettext

from resolutions.extensions import PageExtension, register_page_extension
from tracking.models import Action, Actor, Mandate
from tracking.selectors import is_following, mandates_by_paragraph, suggestions_for_parse


def annotate_resolution_page(*, request, page) -> dict:
    # The follow-up of each operative paragraph: its mandates, suggestions included.
    grouped = mandates_by_paragraph(resolution=page.resolution, user=request.user)
    for paragraph in page.operative:
        paragraph.mandate_list = grouped.get(paragraph.pk, [])
    return {"following": is_following(user=request.user, target=page.resolution)}


def annotate_import_preview(*, parsed) -> dict:
    """The mandates that saving will suggest, paragraph by paragraph, named as the
    registry names their addressees (two queries: the aliases, the names)."""
    suggested = [
        (number, mandate)
        for number, mandates in suggestions_for_parse(parsed)
        for mandate in mandates
    ]
    keys = {key for _number, mandate in suggested for key in mandate.addressees}
    names = {actor.key: actor.name for actor in Actor.objects.filter(key__in=keys)}
    labels = dict(Action.choices)
    return {
        "suggested_mandates": [
            {
                "number": number,
                "action": labels.get(mandate.action, mandate.action),
                "addressees": [names.get(key, key) for key in mandate.addressees],
                "asked": mandate.deliverable or mandate.clause,
            }
            for number, mandate in suggested
        ]
    }


def imported_messages(*, result) -> list[str]:
    waiting = Mandate.objects.filter(
        resolution=result.resolution, review=Mandate.Review.SUGGESTED
    ).count()
    if not waiting:
        return []
    return [
        ngettext(
            "%(count)d mandate suggested from its text waits for review.",
            "%(count)d mandates suggested from its text wait for review.",
            waiting,
        )
        % {"count": waiting}
    ]


def register() -> None:
    register_page_extension(
        PageExtension(
            name="tracking",
            annotate=annotate_resolution_page,
            tools_template="tracking/_resolution_tools.html",
            paragraph_template="tracking/_resolution_paragraph.html",
            annotate_preview=annotate_import_preview,
            preview_template="tracking/_import_suggestions.html",
            imported_messages=imported_messages,
        )
    )
