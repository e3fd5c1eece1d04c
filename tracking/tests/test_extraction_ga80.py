"""Mandate extraction on annotated General Assembly resolutions (``evaluate_extraction``).

The texts live outside the project (../shared/corpus/ga-80/, or SUIVI_CORPUS_DIR); these
tests are skipped, visibly, without them, and fail instead when SUIVI_REQUIRE_CORPUS=True.
"""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from conftest import required
from tracking.extraction import ACTIONS, DEFAULT_ACTORS
from tracking.extraction.corpus import (
    FIELDS,
    corpus_folder,
    evaluate_corpus,
    expectation_files,
    load_expectations,
    overall,
    score_paragraph,
)

GOAL = 0.95


@pytest.fixture
def corpus():
    folder = corpus_folder()
    if not folder.is_dir():
        if required("CORPUS"):
            pytest.fail(f"{folder} is missing and SUIVI_REQUIRE_CORPUS is set")
        pytest.skip(f"the General Assembly corpus is not at {folder} (see SUIVI_CORPUS_DIR)")
    return folder


def test_the_expectations_cover_ten_resolutions_with_known_actors_and_actions():
    files = expectation_files()
    assert files[0].name == "ga80.json" and len(files) >= 2
    assert len(load_expectations(files[0])["resolutions"]) >= 10
    keys = {actor["key"] for actor in DEFAULT_ACTORS}
    entries = [entry for path in files for entry in load_expectations(path)["resolutions"].values()]
    for entry in entries:
        assert entry["paragraphs"]
        for mandates in entry["paragraphs"].values():
            for mandate in mandates:
                assert mandate["action"] in ACTIONS
                assert set(mandate["addressees"]) <= keys
                assert mandate["deadline"] is None or mandate["deadline"]["relation"] in {
                    "at",
                    "before",
                    "by_end_of",
                }


def _mandate(addressees, action, session=None):
    deadline = {"relation": "at", "session": session} if session else None
    return {"addressees": addressees, "action": action, "deadline": deadline}


def test_a_paragraph_is_scored_on_addressees_actions_and_deadlines_separately():
    expected = [_mandate(["states", "civil_society"], "invites", 81)]
    got = [_mandate(["states"], "encourages", 81), _mandate(["court"], "requests")]
    tallies = score_paragraph(expected, got)
    assert (tallies["addressees"].tp, tallies["addressees"].fp, tallies["addressees"].fn) == (
        1,
        1,
        1,
    )
    assert (tallies["actions"].tp, tallies["actions"].fp, tallies["actions"].fn) == (0, 2, 1)
    assert (tallies["deadlines"].tp, tallies["deadlines"].fp, tallies["deadlines"].fn) == (1, 0, 0)
    assert tallies["deadlines"].precision == tallies["deadlines"].recall == 1.0


def test_a_missing_text_or_paragraph_counts_its_mandates_as_missed():
    expectations = {
        "resolutions": {
            "A/RES/1/1": {
                "file": "absent.txt",
                "paragraphs": {"1": [_mandate(["states"], "urges")]},
            }
        }
    }
    (score,) = evaluate_corpus(lambda name: None, expectations)
    assert score.problems == ["absent.txt is missing"]
    (score,) = evaluate_corpus(lambda name: "Not a resolution at all.", expectations)
    assert score.problems and score.tallies["actions"].fn == 1


def test_the_command_says_where_it_looked_when_the_corpus_is_absent(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("evaluate_extraction", corpus=tmp_path / "nowhere")


def test_evaluate_extraction_reaches_the_goal_on_the_annotated_resolutions(corpus):
    out = io.StringIO()
    call_command("evaluate_extraction", corpus=corpus, details=True, stdout=out)
    report = out.getvalue()
    print(report)
    assert "== ga80.json" in report and "== ga80_heldout.json" in report
    overall_line = report.splitlines()[-1]
    assert overall_line.startswith("overall")
    figures = [float(x) for x in re.findall(r"[PR] (\d\.\d{3})", overall_line)]
    assert len(figures) == 2 * len(FIELDS)
    assert "!" not in report  # every text parsed, every annotated paragraph found
    assert min(figures) >= GOAL, overall_line


def test_the_scores_are_the_same_read_through_the_functions(corpus):
    scores = [
        score
        for path in expectation_files()
        for score in evaluate_corpus(
            lambda name: (corpus / name).read_text(encoding="utf-8"), load_expectations(path)
        )
    ]
    total = overall(scores)
    assert len(scores) >= 13
    for name in FIELDS:
        assert total[name].precision >= GOAL and total[name].recall >= GOAL, name


GA_TEXT = """United Nations A/RES/79/990

General Assembly Distr.: General

Seventy-ninth session

Resolution adopted by the General Assembly on 2 December 2024

79/990. Cooperation on a test subject

The General Assembly,

Recalling its earlier resolutions on the subject,

1. Encourages the widest possible participation of States in the review;

2. Requests the Secretary-General to submit a report at its eightieth session;

3. Decides to include in the provisional agenda of its eightieth session the item.
"""


@pytest.mark.django_db
def test_importing_a_general_assembly_text_addresses_its_decisions_to_the_general_assembly():
    from resolutions.services import resolution_import
    from tracking.models import Mandate

    resolution = resolution_import(text=GA_TEXT).resolution
    found = {
        (m.paragraph.number, m.action, tuple(a.key for a in m.addressees.all()))
        for m in Mandate.objects.filter(resolution=resolution)
    }
    assert found == {
        (1, "encourages", ("states",)),
        (2, "requests", ("secretary_general",)),
        (3, "decides", ("general_assembly",)),
    }
