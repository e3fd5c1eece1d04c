"""The follow-up shown on the resolution page: resolutions/ shows the text, and asks its
registered page extensions (resolutions.extensions) what to add. This is tracking's."""

from resolutions.extensions import PageExtension, register_page_extension
from tracking.selectors import is_following, mandates_by_paragraph


def annotate_resolution_page(*, request, page) -> dict:
    # The follow-up of each operative paragraph: its mandates, suggestions included.
    grouped = mandates_by_paragraph(resolution=page.resolution, user=request.user)
    for paragraph in page.operative:
        paragraph.mandate_list = grouped.get(paragraph.pk, [])
    return {"following": is_following(user=request.user, target=page.resolution)}


def register() -> None:
    register_page_extension(
        PageExtension(
            name="tracking",
            annotate=annotate_resolution_page,
            tools_template="tracking/_resolution_tools.html",
            paragraph_template="tracking/_resolution_paragraph.html",
        )
    )
