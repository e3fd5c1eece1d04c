"""An import writes a resolution in the same few SQL statements whatever its size: its
paragraphs, texts, footnotes and references, and the mandates suggested from it with
their addressees and history, each in one statement (docs/performance.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resolutions.models import Footnote, Paragraph, Reference
from resolutions.services import resolution_import
from tracking.models import Mandate, MandateEvent

pytestmark = pytest.mark.django_db

SHAPE = """Resolution {symbol}

Adopted at the 8th plenary meeting, on 21 November 2012, by consensus

{symbol}
Cooperation

The Assembly of States Parties,

{preamble}

{operative}
"""


def resolution_text(symbol: str, operative: int, cited: list[str]) -> str:
    """A resolution citing ``cited``, whose operative paragraphs each ask the Bureau and the
    Court for a report by the twelfth session, the first with a footnote and
    sub-paragraphs."""
    preamble = "\n\n".join(f"Recalling its resolution {symbol}," for symbol in cited)
    paragraphs = [
        "1. Requests the Bureau to report to the Assembly at its twelfth session on the "
        "Statute1 and:\n\n(a) Its cooperation;\n\n(b) Its budget;\n\n"
        + " " * 40
        + "\n1 ICC-ASP/10/20, para. 3."
    ]
    paragraphs += [
        f"{n}. Requests the Court and the Bureau to report to the Assembly at its twelfth "
        f"session on matter {n};"
        for n in range(2, operative + 1)
    ]
    return SHAPE.format(symbol=symbol, preamble=preamble, operative="\n\n".join(paragraphs))


def statements_to_import(text: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        resolution_import(text=text)
    return len(queries.captured_queries)


def test_an_import_runs_the_same_statements_for_3_or_40_paragraphs_and_their_mandates():
    # The body, the sessions and two resolutions to cite are there before either is measured.
    resolution_import(text=resolution_text("ICC-ASP/11/Res.1", 2, []))
    resolution_import(text=resolution_text("ICC-ASP/11/Res.2", 2, []))

    small = statements_to_import(resolution_text("ICC-ASP/11/Res.3", 3, ["ICC-ASP/11/Res.1"]))
    large = statements_to_import(
        resolution_text("ICC-ASP/11/Res.4", 40, ["ICC-ASP/11/Res.1", "ICC-ASP/11/Res.2"])
    )

    def made(symbol):
        mandates = Mandate.objects.filter(resolution__symbol=symbol)
        return (
            Paragraph.objects.filter(resolution__symbol=symbol).count(),
            Footnote.objects.filter(resolution__symbol=symbol).count(),
            Reference.objects.filter(
                paragraph__resolution__symbol=symbol, cited_resolution__isnull=False
            ).count(),
            mandates.count(),
            Mandate.addressees.through.objects.filter(mandate__in=mandates).count(),
            MandateEvent.objects.filter(mandate__in=mandates).count(),
        )

    assert made("ICC-ASP/11/Res.3") == (6, 1, 1, 3, 5, 3)
    assert made("ICC-ASP/11/Res.4") == (44, 1, 2, 40, 79, 40)
    assert small == large
    assert large <= 30


def test_suggested_mandates_have_their_deadline_search_text_and_history():
    resolution_import(text=resolution_text("ICC-ASP/11/Res.1", 2, []))

    mandate = Mandate.objects.get(paragraph__number=2)
    assert mandate.resolution.symbol == "ICC-ASP/11/Res.1"
    assert mandate.deadline_session.number == 12
    assert mandate.deadline_relation == "at"
    assert sorted(mandate.addressees.values_list("key", flat=True)) == ["bureau", "court"]
    assert mandate.search_text.startswith("ICC-ASP/11/Res.1\nCooperation\nRequests the Court")
    assert list(mandate.events.values_list("field", "new_value")) == [("created", "suggested")]
