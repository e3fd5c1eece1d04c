"""Dataclasses returned by the parser, and their JSON form (docs/parse-schema.md)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ParsedSubparagraph:
    """A lettered "(a)" or roman "(i)" sub-paragraph.

    ``text`` is everything under the label as written (its own words and, when it has
    children, the children with their labels), without the label itself.
    """

    label: str
    text: str
    children: list[ParsedSubparagraph] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"label": self.label, "text": self.text}
        if self.children:
            data["children"] = [child.to_dict() for child in self.children]
        return data


@dataclass
class ParsedParagraph:
    """A preambular (numbered 1, 2, … by the parser) or operative paragraph."""

    number: int
    text: str
    subparagraphs: list[ParsedSubparagraph] = field(default_factory=list)
    footnote_marks: list[str] = field(default_factory=list)
    # Symbols cited in the paragraph then in its footnotes; in order, without repeats.
    references: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"number": self.number, "text": self.text}
        if self.subparagraphs:
            data["subparagraphs"] = [sub.to_dict() for sub in self.subparagraphs]
        return data


@dataclass
class ParsedFootnote:
    mark: str
    part: str  # "preambular", "operative" or "annex"
    paragraph: int
    text: str
    annex: int | None = None  # the annex's position (1, 2, …) for a footnote in an annex

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"mark": self.mark, "paragraph": self.paragraph, "text": self.text}
        # The gold schema only knows operative footnotes; say so only when it is not one.
        if self.part != "operative":
            data["part"] = self.part
        if self.annex is not None:
            data["annex"] = self.annex
        return data


@dataclass
class ParsedAnnex:
    """An annex: "Annex", "Annex II", its title and its own numbered paragraphs.

    ``text`` is the annex as written (page furniture and footnotes removed), from its
    heading to the next annex or the end; ``paragraphs`` are its numbered paragraphs, with
    their numbers as written (an annex numbers its paragraphs from 1 on its own). An article
    that an amendment in an annex inserts, numbering its paragraphs from 1 again, is a part
    of its own: the annex's heading again, the article's heading and title as ``title``.
    """

    number: int
    heading: str
    title: str = ""
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "heading": self.heading,
            "title": self.title,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "text": self.text,
        }


@dataclass
class ParsedResolution:
    symbol: str | None
    language: str
    title: str = ""
    body: str = ""
    body_prefix: str | None = None
    session: int | None = None
    adopted_on: datetime.date | None = None
    adoption_method: str | None = None
    votes: dict[str, int] | None = None
    meeting: int | None = None
    preambular: list[ParsedParagraph] = field(default_factory=list)
    operative: list[ParsedParagraph] = field(default_factory=list)
    footnotes: list[ParsedFootnote] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    annexes: list[ParsedAnnex] = field(default_factory=list)
    # The report the resolution was adopted on: "[on the report of the Fifth Committee
    # (A/80/401, para. 6)]" → {"committee": "Fifth Committee", "symbol": "A/80/401",
    # "paragraph": 6}.
    report: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)

    def annex_paragraphs(self) -> list[ParsedParagraph]:
        return [paragraph for annex in self.annexes for paragraph in annex.paragraphs]

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form; optional keys appear only when they have content."""
        data: dict[str, Any] = {
            "symbol": self.symbol,
            "language": self.language,
            "title": self.title,
            "body": self.body,
            "session": self.session,
            "adopted_on": self.adopted_on.isoformat() if self.adopted_on else None,
            "adoption_method": self.adoption_method,
        }
        if self.votes is not None:
            data["votes"] = dict(self.votes)
        data["meeting"] = self.meeting
        data["preambular"] = [p.to_dict() for p in self.preambular]
        data["operative"] = [p.to_dict() for p in self.operative]
        data["footnotes"] = [f.to_dict() for f in self.footnotes]
        data["references"] = list(self.references)
        if self.report:
            data["report"] = dict(self.report)
        if self.annexes:
            data["annexes"] = [annex.to_dict() for annex in self.annexes]
        if self.warnings:
            data["warnings"] = list(self.warnings)
        return data
