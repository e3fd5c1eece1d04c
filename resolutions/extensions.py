"""What other apps add to the resolution page and to the import, without resolutions/
knowing them.

resolutions/ is the lower layer: it stores and shows the text. The follow-up of each
paragraph (mandates, the follow button, the report) belongs to tracking/, which builds on
resolutions/ and never the other way round. So the page asks the extensions registered
here, typically from an app's ``AppConfig.ready()``, what they add: each one annotates the
page (for instance sets ``paragraph.mandate_list`` on the operative paragraphs) and names
the templates to include in the page's tools and under each paragraph. The import
preview and the message after an import ask them too (the mandates that will be
suggested, and how many wait for review).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageExtension:
    name: str
    # Called once a request with the request and the ResolutionPage; returns extra
    # template context. It may annotate the page's paragraphs in place. It must run a
    # constant number of queries: the page's speed depends on it.
    annotate: Callable[..., dict]
    # Included in the header's tools line and under each paragraph's text (with
    # ``paragraph`` in the context); empty for none.
    tools_template: str = ""
    paragraph_template: str = ""
    # The import preview: called with the ParsedResolution, returns extra context for
    # preview_template, included after the paragraphs.
    annotate_preview: Callable[..., dict] | None = None
    preview_template: str = ""
    # After an import is saved: called with the ImportResult, returns sentences to add
    # to the confirmation message.
    imported_messages: Callable[..., list[str]] | None = None


_page_extensions: dict[str, PageExtension] = {}


def register_page_extension(extension: PageExtension) -> None:
    """Register, or replace (``ready()`` may run twice in tests), an extension by name."""
    _page_extensions[extension.name] = extension


def page_extensions() -> list[PageExtension]:
    return list(_page_extensions.values())


def page_extension_context(*, request, page) -> dict:
    """The context that every registered extension adds to the page."""
    context = {"extensions": page_extensions()}
    for extension in context["extensions"]:
        context.update(extension.annotate(request=request, page=page))
    return context


def preview_extension_context(*, parsed) -> dict:
    """The context that every registered extension adds to the import preview."""
    context = {"extensions": page_extensions()}
    for extension in context["extensions"]:
        if extension.annotate_preview is not None:
            context.update(extension.annotate_preview(parsed=parsed))
    return context


def imported_extension_messages(*, result) -> list[str]:
    """What the registered extensions say about a saved import."""
    return [
        sentence
        for extension in page_extensions()
        if extension.imported_messages is not None
        for sentence in extension.imported_messages(result=result)
    ]
