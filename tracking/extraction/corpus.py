"""Precision and recall of the parser and the extractor together on annotated resolutions.

The expectations (``expectations/ga80.json``) record, for each operative paragraph of a
few resolutions kept outside the project, the mandates a reader finds: addressees,
action, deadline. The texts are parsed by the real parser and each operative paragraph
goes through ``extract_mandates``, as an import does.

Scores are counted per paragraph on three multisets, so that one wrong addressee does
not hide a right action: the addressees of all the paragraph's mandates, their actions,
and their deadlines (mandates without a deadline add nothing to the last). Pure Python.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from resolutions.parsing import ParseError, parse_resolution
from tracking.extraction.actors import ActorAliases, default_aliases
from tracking.extraction.extract import deciding_actor, extract_mandates

EXPECTATIONS_DIR = Path(__file__).parent / "expectations"
EXPECTATIONS = EXPECTATIONS_DIR / "ga80.json"
REPOSITORY = Path(__file__).resolve().parents[2]


def corpus_folder() -> Path:
    """The reflowed texts: ``$SUIVI_CORPUS_DIR/ga-80/reflowed``, by default under
    ../shared/corpus next to the repository."""
    root = os.getenv("SUIVI_CORPUS_DIR") or REPOSITORY.parent / "shared" / "corpus"
    return Path(root) / "ga-80" / "reflowed"


FIELDS = ("addressees", "actions", "deadlines")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Tally) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass
class Difference:
    paragraph: int
    expected: list[dict]
    got: list[dict]


@dataclass
class ResolutionScore:
    symbol: str
    paragraphs: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    differences: list[Difference] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _items(mandates: list[dict]) -> dict[str, Counter]:
    return {
        "addressees": Counter(key for m in mandates for key in m["addressees"]),
        "actions": Counter(m["action"] for m in mandates),
        "deadlines": Counter(
            json.dumps(m["deadline"], sort_keys=True) for m in mandates if m.get("deadline")
        ),
    }


def score_paragraph(expected: list[dict], got: list[dict]) -> dict[str, Tally]:
    """True and false suggestions of one paragraph, for each of the three fields."""
    wanted, found = _items(expected), _items(got)
    tallies = {}
    for name in FIELDS:
        matched = sum((wanted[name] & found[name]).values())
        tallies[name] = Tally(
            tp=matched,
            fp=sum(found[name].values()) - matched,
            fn=sum(wanted[name].values()) - matched,
        )
    return tallies


def _plain(mandate: dict) -> dict:
    return {
        "addressees": sorted(mandate["addressees"]),
        "action": mandate["action"],
        "deadline": mandate.get("deadline"),
    }


def load_expectations(path: Path = EXPECTATIONS) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def expectation_files() -> list[Path]:
    """ga80.json (the texts the rules were written on), then the held-out ones."""
    return sorted(EXPECTATIONS_DIR.glob("*.json"), key=lambda p: (p != EXPECTATIONS, p.name))


def evaluate_resolution(
    symbol: str,
    text: str,
    expected: dict[str, list[dict]],
    *,
    actors: list[ActorAliases] | None = None,
    max_chars: int | None = None,
) -> ResolutionScore:
    """Parse one text and score the mandates suggested for its annotated paragraphs."""
    score = ResolutionScore(symbol)
    registry = default_aliases() if actors is None else actors
    try:
        options = {} if max_chars is None else {"max_chars": max_chars}
        parsed = parse_resolution(text, **options)
    except ParseError as error:
        parsed = None
        score.problems.append(f"not parsed: {error}")
    by_number = {p.number: p for p in parsed.operative} if parsed else {}
    decider = deciding_actor(parsed.body if parsed else "", registry)
    for number_text, mandates in expected.items():
        number = int(number_text)
        paragraph = by_number.get(number)
        got: list[dict] = []
        if paragraph is None:
            if parsed is not None:
                score.problems.append(f"operative paragraph {number} not found by the parser")
        else:
            got = [
                m.to_gold_dict()
                for m in extract_mandates(
                    paragraph.text,
                    language=parsed.language,
                    actors=registry,
                    session=parsed.session,
                    decider=decider,
                )
            ]
        score.paragraphs += 1
        for name, tally in score_paragraph(mandates, got).items():
            score.tallies[name].add(tally)
        expected_plain = sorted(map(_plain, mandates), key=json.dumps)
        got_plain = sorted(map(_plain, got), key=json.dumps)
        if expected_plain != got_plain:
            score.differences.append(Difference(number, expected_plain, got_plain))
    extra = sorted(set(by_number) - {int(n) for n in expected})
    if extra:
        score.problems.append(f"operative paragraphs not annotated: {extra}")
    return score


def evaluate_corpus(
    read: Callable[[str], str | None],
    expectations: dict | None = None,
    *,
    actors: list[ActorAliases] | None = None,
    max_chars: int | None = None,
) -> list[ResolutionScore]:
    """Scores of every annotated resolution; ``read(file_name)`` gives its text or None."""
    expectations = load_expectations() if expectations is None else expectations
    scores = []
    for symbol, entry in expectations["resolutions"].items():
        text = read(entry["file"])
        if text is None:
            score = ResolutionScore(symbol)
            score.problems.append(f"{entry['file']} is missing")
            scores.append(score)
            continue
        scores.append(
            evaluate_resolution(
                symbol, text, entry["paragraphs"], actors=actors, max_chars=max_chars
            )
        )
    return scores


def overall(scores: list[ResolutionScore]) -> dict[str, Tally]:
    total = {name: Tally() for name in FIELDS}
    for score in scores:
        for name in FIELDS:
            total[name].add(score.tallies[name])
    return total


def _line(label: str, paragraphs: int, tallies: dict[str, Tally]) -> str:
    cells = "  ".join(
        f"{name} P {tallies[name].precision:.3f} R {tallies[name].recall:.3f}" for name in FIELDS
    )
    return f"{label:<12} {paragraphs:>3} ¶  {cells}"


def format_scores(
    scores: list[ResolutionScore], *, details: bool = False, totals_only: bool = False
) -> str:
    """One line per resolution and one overall; with ``details``, what differs."""
    lines = []
    for score in [] if totals_only else scores:
        lines.append(_line(score.symbol, score.paragraphs, score.tallies))
        for problem in score.problems:
            lines.append(f"    ! {problem}")
        if details:
            for difference in score.differences:
                lines.append(f"    §{difference.paragraph} expected {difference.expected}")
                lines.append(
                    f"    {' ' * len(str(difference.paragraph))} got      {difference.got}"
                )
    lines.append(_line("overall", sum(s.paragraphs for s in scores), overall(scores)))
    return "\n".join(lines)
