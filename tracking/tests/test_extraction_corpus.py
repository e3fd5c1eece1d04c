"""Precision and recall of mandate extraction on our own annotated paragraphs.

tracking/tests/texts/ holds paragraphs written in the style of ICC-ASP and UN General
Assembly resolutions, with the mandates a reader would record (gold schema, plus
"well_before" where it applies). The *_heldout* files were written after the rules and
measured before any change; see the module README in tracking/tests/texts/.
"""

import json
from pathlib import Path

import pytest

from tracking.extraction.evaluate import evaluate, format_report, load_cases

TEXTS = Path(__file__).parent / "texts"
SEED_GOLD = Path(__file__).resolve().parents[2] / "resolutions/corpus/ICC-ASP_11_Res.5.fr.gold.json"
FLOOR = 0.85


def corpus_cases():
    return [case for path in sorted(TEXTS.glob("mandates_*.json")) for case in load_cases(path)]


def test_the_corpus_has_at_least_40_paragraphs_per_language():
    cases = corpus_cases()
    for language in ("en", "fr"):
        assert sum(1 for case in cases if case["language"] == language) >= 40


def test_every_annotation_uses_known_actions_and_relations():
    from tracking.extraction import ACTIONS, DEFAULT_ACTORS

    keys = {actor["key"] for actor in DEFAULT_ACTORS}
    for case in corpus_cases():
        for mandate in case["mandates"]:
            assert mandate["action"] in ACTIONS, case["id"]
            assert set(mandate["addressees"]) <= keys, case["id"]
            if mandate["deadline"]:
                assert mandate["deadline"]["relation"] in {"before", "at", "by_end_of"}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_precision_and_recall_reach_the_floor_in_each_language(language):
    result = evaluate(c for c in corpus_cases() if c["language"] == language)
    print()
    print(format_report(result))
    score = result[language]
    assert score["precision"] >= FLOOR
    assert score["recall"] >= FLOOR


def test_the_seed_scores_perfectly():
    result = evaluate(load_cases(SEED_GOLD))
    print()
    print(format_report(result))
    assert result["fr"]["precision"] == result["fr"]["recall"] == 1.0


def test_evaluate_counts_partial_matches_as_one_miss_and_one_false_suggestion():
    case = {
        "id": "x",
        "language": "en",
        "text": "Requests the Bureau to report at its twelfth session;",
        "mandates": [
            {"addressees": ["court"], "action": "requests", "deadline": None, "urgent": False}
        ],
    }
    result = evaluate([case])
    assert (result["en"]["tp"], result["en"]["fp"], result["en"]["fn"]) == (0, 1, 1)
    assert result["errors"][0]["id"] == "x"
    assert json.dumps(result)  # plain data, ready for a management command
