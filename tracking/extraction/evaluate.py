"""Precision and recall of ``extract_mandates`` on annotated paragraphs.

A case is ``{"id", "language", "text", "mandates": [gold mandate dicts], "session"?}``
(the schema of ``SuggestedMandate.to_gold_dict``). A suggested mandate matches an
expected one when addressees (and their order), action, deadline and urgency are all
equal; each expected mandate is matched at most once.

Run on JSON files: ``python -m tracking.extraction.evaluate FILE.json [...]``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable

from tracking.extraction.extract import extract_mandates


def _key(mandate: dict) -> str:
    return json.dumps(mandate, sort_keys=True, ensure_ascii=False)


def _annotates_well_before(cases: list[dict]) -> bool:
    """Whether the annotations record "well_before" (the seed gold file does not)."""
    return any(
        "well_before" in (m.get("deadline") or {}) for case in cases for m in case["mandates"]
    )


def _score(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def evaluate(cases: Iterable[dict], *, well_before: bool | None = None) -> dict:
    """Scores per language and overall, plus the cases that differ.

    ``well_before``: compare the "well_before" flag; by default, only if the
    annotations record it somewhere.
    """
    cases = list(cases)
    if well_before is None:
        well_before = _annotates_well_before(cases)
    counts: dict[str, Counter] = {}
    errors = []
    for case in cases:
        language = case.get("language", "en")
        found = extract_mandates(case["text"], language=language, session=case.get("session"))
        got = [m.to_gold_dict(well_before=well_before) for m in found]
        expected = Counter(_key(m) for m in case["mandates"])
        suggested = Counter(_key(m) for m in got)
        matched = sum((expected & suggested).values())
        tally = counts.setdefault(language, Counter())
        tally["tp"] += matched
        tally["fp"] += sum(suggested.values()) - matched
        tally["fn"] += sum(expected.values()) - matched
        tally["cases"] += 1
        if expected != suggested:
            errors.append({"id": case.get("id"), "expected": case["mandates"], "got": got})
    result: dict = {}
    total = Counter()
    for language, tally in sorted(counts.items()):
        result[language] = {
            **_score(tally["tp"], tally["fp"], tally["fn"]),
            "cases": tally["cases"],
        }
        total.update(tally)
    result["all"] = {**_score(total["tp"], total["fp"], total["fn"]), "cases": total["cases"]}
    result["errors"] = errors
    return result


def format_report(result: dict) -> str:
    lines = []
    for language, score in result.items():
        if language == "errors":
            continue
        lines.append(
            f"{language}: precision {score['precision']:.3f} recall {score['recall']:.3f} "
            f"f1 {score['f1']:.3f} (tp {score['tp']}, fp {score['fp']}, fn {score['fn']}, "
            f"{score['cases']} paragraphs)"
        )
    for error in result["errors"]:
        lines.append(f"  {error['id']}: expected {error['expected']} got {error['got']}")
    return "\n".join(lines)


def load_cases(path: str) -> list[dict]:
    """Cases from a JSON list of cases, or from a parse gold file (its operative paragraphs)."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if isinstance(data, dict) and "operative" in data:
        language = data.get("language", "en")
        session = data.get("session")
        symbol = data.get("symbol", path)
        return [
            {"id": f"{symbol} §{p['number']}", "language": language, "text": p["text"],
             "mandates": p.get("mandates", []), "session": session}
            for p in data["operative"]
        ]  # fmt: skip
    return data


def main(argv: list[str]) -> int:
    cases = [case for path in argv for case in load_cases(path)]
    print(format_report(evaluate(cases)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
