"""The body of a resolution: preambular and operative paragraphs, and their sub-paragraphs.

The input is the list of ``Line`` objects left after page furniture and footnotes were
removed. Paragraph boundaries are decided line by line:

* an operative paragraph starts at "12. Capitalised…" at the start of a line;
* a preambular paragraph starts at a capitalised line when the previous paragraph is
  complete (it ends with "," or ";"), as long as the line does not look like the wrapped
  middle of a sentence;
* a sub-paragraph starts at "(a)", "a)", "(ii)" at the start of a line;
* anything else continues the current paragraph, even across a blank line or a page break.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .cleanup import Line

# --- what starts what ---------------------------------------------------------------------

_OPERATIVE_RE = re.compile(r"^(?P<number>\d{1,4})\.(?:\s+(?P<text>.*)|(?P<tight>\S.*))?$")
_SUBPARAGRAPH_RE = re.compile(
    r"^(?:\((?P<paren>[a-z]{1,5})\)|(?P<half>[a-z]{1,5})\))(?:\s+(?P<text>.*))?$"
)
_ROMAN_RE = re.compile(r"^(?=[ivxl])l?x{0,3}(?:ix|iv|v?i{0,3})$")
_OPENING_QUOTES = "«“\"‘'(["

# Glued footnote marks at a line end do not hide its punctuation: "Statute.3", "sought”1;".
_TRAILING_MARK_RE = re.compile(r"(?<=[^\W\d_]|[»”\"’'),.;:])(?:\d{1,3}|\*{1,3})$|[¹²³⁴⁵⁶⁷⁸⁹⁰]+$")
_MARK_ENDINGS = set("0123456789*¹²³⁴⁵⁶⁷⁸⁹⁰")
_COMPLETE_END_RE = re.compile(r"[,;.:!?][»”\"’')\]]*$|[,;.:!?]\s*[»”\"’')\]]$")


_SPACED_TRAILING_MARK_RE = re.compile(r"(?<=[,;.:»”\"’')]) {1,3}\d{1,3}$")


def ends_complete(text: str) -> bool:
    """Whether the text ends a clause: with ",", ";", ".", ":" (maybe before a quote)."""
    text = text.rstrip()
    if text[-1:] in _MARK_ENDINGS:
        text = _SPACED_TRAILING_MARK_RE.sub("", text[-12:])
        text = _TRAILING_MARK_RE.sub("", text[-10:]).rstrip()
    return bool(_COMPLETE_END_RE.search(text[-5:]))


def _starts_capitalised(text: str) -> bool:
    text = text.lstrip(_OPENING_QUOTES + " ")
    return bool(text) and text[0].isupper()


# Each line is asked several times (blocks, annexes, footnotes, the end of the body).
@functools.lru_cache(maxsize=8192)
def operative_start(text: str) -> tuple[int, str] | None:
    """(number, text after the number) when the line opens an operative paragraph."""
    if not text[:1].isdigit():
        return None
    match = _OPERATIVE_RE.match(text)
    if not match:
        return None
    rest = (match.group("text") or match.group("tight") or "").strip()
    if rest and not _starts_capitalised(rest):  # "1.5 million", "2. of the Statute"
        return None
    if match.group("tight") and not rest[0].isalpha():
        return None
    return int(match.group("number")), rest


def is_roman(label: str) -> bool:
    return bool(_ROMAN_RE.match(label))


def _is_label(label: str) -> bool:
    """ "a", "aa" (after "z") or a roman numeral; not an arbitrary word like "(see)"."""
    return len(label) == 1 or is_roman(label) or (len(label) == 2 and label[0] == label[1])


@functools.lru_cache(maxsize=8192)
def subparagraph_start(text: str) -> tuple[str, str] | None:
    """(label, text after the label) when the line opens a sub-paragraph."""
    match = _SUBPARAGRAPH_RE.match(text)
    if not match:
        return None
    label = match.group("paren") or match.group("half")
    if not _is_label(label):
        return None
    return label, (match.group("text") or "").strip()


def is_paragraph_start(line: Line) -> bool:
    return bool(operative_start(line.text) or subparagraph_start(line.text))


# --- preambular paragraph openers ---------------------------------------------------------

# Participles and adjectives that open preambular paragraphs. Used to decide, when there is
# no blank line, whether a capitalised line after a "," starts a new paragraph.
_OPENER_WORDS = {
    # English
    "also", "further", "mindful", "conscious", "aware", "cognizant", "cognisant",
    "convinced", "concerned", "determined", "alarmed", "encouraged", "guided", "desirous",
    "deeply", "gravely", "seriously", "strongly", "fully", "pleased", "satisfied",
    "disturbed", "inspired", "appreciative", "grateful", "resolved", "committed",
    "reaffirming", "having", "bearing", "noting", "recalling",
    # French
    "consciente", "conscient", "convaincue", "convaincu", "résolue", "résolu",
    "satisfaite", "inquiète", "soucieuse", "désireuse", "profondément", "vivement",
    "gravement", "tout", "compte", "eu", "vu", "se", "s’", "s'", "ayant", "rappelant",
    "sensible", "attentive", "fière", "heureuse", "inquiet", "persuadée",
}  # fmt: skip

# Capitalised words that often begin a wrapped line in the middle of a sentence.
_MID_SENTENCE_WORDS = {
    "united", "states", "state", "member", "assembly", "court", "rome", "statute",
    "international", "security", "general", "secretary-general", "review", "conference",
    "kampala", "parties", "party", "prosecutor", "registrar", "registry", "presidency",
    "bureau", "office", "trust", "fund", "board", "committee", "council", "government",
    "human", "rights", "chapter", "part", "article", "rule", "rules", "agreement",
    "declaration", "convention", "charter", "resolution", "resolutions", "decision",
    "report", "the", "a", "an", "and", "or", "of", "in", "beijing", "meeting", "building",
    "assemblée", "cour", "états", "état", "statut", "nations", "conseil", "secrétaire",
    "président", "présidence", "fonds", "comité", "conférence", "accord", "charte",
    "règlement", "gouvernement", "parlement", "département", "document", "instrument",
    "amendement", "arrangement", "année", "armée", "corée", "guinée", "journée", "idée",
    "côte", "république", "procureur", "greffe", "greffier", "partie",
    "le", "la", "les", "l’", "l'", "du", "des", "de", "et", "ou", "en",
    "italy", "july", "only", "family", "supply", "moment", "élément", "segment",
    "statement", "settlement", "commitment", "development", "environment", "department",
    "treatment", "payment", "judgment", "judgement", "enforcement", "parliament", "element",
    "recrutement", "financement", "fonctionnement", "renforcement", "traitement",
    "jugement", "paiement", "développement", "environnement", "engagement", "établissement",
    "thing", "king", "ring", "string", "spring", "viking", "ming", "sterling",
}  # fmt: skip

_FIRST_WORD_RE = re.compile(r"^[«“\"‘']?([^\W\d_][\w’'-]*)")


def _first_word(text: str) -> str:
    match = _FIRST_WORD_RE.match(text)
    return match.group(1).lower() if match else ""


def is_opener(text: str) -> bool:
    """Whether a line begins like a preambular paragraph ("Recalling", "Déterminée", …)."""
    if not _starts_capitalised(text):
        return False
    word = _first_word(text)
    if not word or word in _MID_SENTENCE_WORDS:
        return False
    if word in _OPENER_WORDS:
        return True
    if word.startswith(("l’", "l'", "d’", "d'")):
        return False
    # English present participles and adverbs ("Deeply concerned"); French participles and
    # adverbs ("Fermement convaincue", "Également consciente").
    return word.endswith(("ing", "ant", "ée", "ées", "és", "ment", "ly")) or (
        word.endswith("é") and len(word) > 4
    )


def _mid_sentence_word(text: str) -> bool:
    """A capitalised line that is more likely the wrapped middle of a sentence."""
    stripped = text.lstrip(_OPENING_QUOTES)
    word = _first_word(stripped)
    if word in _MID_SENTENCE_WORDS:
        return True
    first = stripped.split(" ", 1)[0]
    # Symbols, acronyms and numbers: "ICC-ASP/9/Res.3,", "UNESCO", "1593".
    return "/" in first or (len(first) > 1 and first.isupper()) or first[:1].isdigit()


# --- blocks -------------------------------------------------------------------------------


@dataclass
class Block:
    """The lines of one paragraph, before footnote marks are removed and lines joined."""

    part: str  # "preambular" or "operative"
    number: int | None  # the written number of an operative paragraph
    lines: list[str] = field(default_factory=list)
    # Index in ``lines`` of each line that opens a sub-paragraph, with its label.
    subparagraph_starts: list[tuple[int, str]] = field(default_factory=list)
    first_line: int = 0  # index in the list of Lines
    last_line: int = 0


_SECTION_HEADING_RE = re.compile(r"^(?:[A-Z]|[IVX]{1,5})\.\s+\S")
_MAX_HEADING_WORDS = 12
# An article that an amendment inserts, or the crime whose elements are added (Review
# Conference annexes): "Article 8 bis", "Article 8 (2) (e) (xiii)", "Article 8 2) e) xiii)",
# then its title and perhaps a note in brackets, then its own paragraphs "1.", "2.", ….
_ARTICLE_HEADING_RE = re.compile(
    r"^Article\s+\d{1,3}(?:\s+(?:bis|ter|quater|quinquies|sexies|septies|octies))?"
    r"(?:\s*\(?[0-9a-z]{1,6}\))*$"
)
_MAX_ARTICLE_TITLE_LINES = 2


def is_article_heading(text: str) -> bool:
    return bool(_ARTICLE_HEADING_RE.match(text))


def _is_heading(lines: list[Line], index: int, current: Block | None) -> bool:
    """A section heading inside the body ("A. Cooperation", "Victims and affected communities").

    It stands after a complete paragraph, has no final punctuation, is short, and the next
    line opens an operative paragraph (or is a heading too).
    """
    text = lines[index].text
    if current is None or not ends_complete(current.lines[-1] if current.lines else ","):
        return False
    if ends_complete(text) or not _starts_capitalised(text):
        return False
    if len(text.split()) > _MAX_HEADING_WORDS:
        return False
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    if operative_start(following):
        return True
    if _ARTICLE_HEADING_RE.match(text):
        return _titles_then_paragraph(lines, index + 1)
    return (
        bool(_SECTION_HEADING_RE.match(text))
        and index + 2 < len(lines)
        and bool(operative_start(lines[index + 2].text))
    )


def _titles_then_paragraph(lines: list[Line], index: int) -> bool:
    """Whether a numbered paragraph follows after at most a few short title lines."""
    for position in range(index, min(index + _MAX_ARTICLE_TITLE_LINES + 1, len(lines))):
        text = lines[position].text
        if operative_start(text):
            return True
        if ends_complete(text) or len(text.split()) > _MAX_HEADING_WORDS:
            return False
    return False


# Numbers from here on are read as paragraph numbers only when they follow the previous one:
# "2025. The" at the start of a wrapped line is a year.
_LARGEST_FREE_NUMBER = 999


def _accepts_operative(number: int, line: Line, current: Block | None, last: int | None) -> bool:
    """An operative number at a line start is a new paragraph unless it is mid-sentence."""
    if number > _LARGEST_FREE_NUMBER:
        return last is not None and number == last + 1
    if current is None or line.gap is not None:
        return True
    if last is not None and number == last + 1:
        return True
    return not current.lines or ends_complete(current.lines[-1])


def _accepts_subparagraph(line: Line, current: Block | None) -> bool:
    if current is None or not current.lines:
        return False
    if line.gap is not None:
        return True
    previous = current.lines[-1]
    # "(a) To …; and" / "…; ou" / "Decides:" / "— "
    return ends_complete(previous) or bool(re.search(r"\b(?:and|or|et|ou)$|[—–-]$", previous))


def _starts_preambular(line: Line, current: Block) -> bool:
    """Whether a line in the preamble opens a new preambular paragraph."""
    if not current.lines or not ends_complete(current.lines[-1]):
        return False  # the previous paragraph is not finished: this line continues it
    if not _starts_capitalised(line.text):
        return False
    if is_opener(line.text):
        return True
    if line.gap is None:
        # Without a blank line, only a recognised opener starts a paragraph: a capitalised
        # line after "," is often a name in the middle of a sentence.
        return False
    return not _mid_sentence_word(line.text)


def split_blocks(
    lines: list[Line], warnings: list[str] | None = None
) -> tuple[list[Block], list[str]]:
    """Group lines into paragraph blocks; also return the section headings skipped.

    A line that opens like a paragraph numbered 1000 or more without following the previous
    number is kept as text, and ``warnings`` says so.
    """
    blocks: list[Block] = []
    headings: list[str] = []
    current: Block | None = None
    last_number: int | None = None
    for index, line in enumerate(lines):
        operative = operative_start(line.text)
        if operative and _accepts_operative(operative[0], line, current, last_number):
            number, rest = operative
            current = Block("operative", number, first_line=index, last_line=index)
            if rest:
                current.lines.append(rest)
            blocks.append(current)
            last_number = number
            continue
        if (
            operative
            and operative[0] > _LARGEST_FREE_NUMBER
            and line.gap is not None
            and warnings is not None
        ):
            warnings.append(
                f"Line {line.number} starts like paragraph {operative[0]} but does not follow "
                f"paragraph {last_number or 0}; it was read as text of the paragraph before it."
            )
        sub = subparagraph_start(line.text)
        if sub and _accepts_subparagraph(line, current):
            current.subparagraph_starts.append((len(current.lines), sub[0]))
            current.lines.append(line.text)
            current.last_line = index
            continue
        if _is_heading(lines, index, current):
            headings.append(line.text)
            continue
        starts_new = current is None or (
            current.part == "preambular" and _starts_preambular(line, current)
        )
        if starts_new:
            current = Block("preambular", None, first_line=index, last_line=index)
            blocks.append(current)
        current.lines.append(line.text)
        current.last_line = index
    return blocks, headings


# --- sub-paragraph trees ------------------------------------------------------------------


@dataclass
class SubNode:
    label: str
    lines: list[str]  # own lines, the first one with its label
    children: list[SubNode] = field(default_factory=list)

    def all_lines(self) -> list[str]:
        result = list(self.lines)
        for child in self.children:
            result.extend(child.all_lines())
        return result


def _letter_after(label: str) -> str:
    if label == "z":
        return "aa"
    if len(label) == 2 and label[0] == label[1]:
        following = "a" if label[0] == "z" else chr(ord(label[0]) + 1)
        return following * 2
    return chr(ord(label[-1]) + 1) if len(label) == 1 else ""


_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
           "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"]  # fmt: skip


def _roman_before(label: str) -> str | None:
    if label in _ROMANS:
        position = _ROMANS.index(label)
        return _ROMANS[position - 1] if position > 0 else None
    return None


def _is_child(label: str, top: list[SubNode]) -> bool:
    """Whether a roman-looking label nests under the last lettered sub-paragraph.

    "(i)" after "(h)" is the letter i; "(v)" after "(u)" and "(x)" after "(w)" are letters;
    otherwise "(i)", "(ii)" … after a letter are its children.
    """
    if not top or not is_roman(label):
        return False
    last_top = top[-1]
    top_is_roman_list = top[0].label == "i" and all(is_roman(n.label) for n in top)
    if top_is_roman_list:
        return False
    last_child = last_top.children[-1].label if last_top.children else None
    if label == "i":
        return not (last_top.label == "h" and last_child is None)
    if last_child is not None and _roman_before(label) == last_child:
        return True
    if _letter_after(last_top.label) == label:
        return False
    return last_child is not None and is_roman(last_child)


def build_tree(block: Block) -> tuple[list[str], list[SubNode]]:
    """The chapeau lines and the sub-paragraph tree of a block."""
    starts = block.subparagraph_starts
    if not starts:
        return block.lines, []
    chapeau = block.lines[: starts[0][0]]
    top: list[SubNode] = []
    for position, (line_index, label) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(block.lines)
        node = SubNode(label, block.lines[line_index:end])
        if _is_child(label, top):
            top[-1].children.append(node)
        else:
            top.append(node)
    return chapeau, top


def _label_after(label: str, roman: bool) -> str | None:
    if not roman:
        return _letter_after(label)
    if label in _ROMANS[:-1]:
        return _ROMANS[_ROMANS.index(label) + 1]
    return None


def sequence_warnings(nodes: list[SubNode], where: str) -> list[str]:
    """Warnings for sub-paragraph labels out of sequence: "(d) follows (b)"."""
    # A list is roman when it starts at "(i)" and holds only roman numerals; "(a) … (i)"
    # is a list of letters.
    roman = bool(nodes) and nodes[0].label == "i" and all(is_roman(n.label) for n in nodes)
    warnings = []
    for previous, node in zip(nodes, nodes[1:], strict=False):
        expected = _label_after(previous.label, roman)
        if expected and node.label != expected:
            warnings.append(f"{where}: sub-paragraph ({node.label}) follows ({previous.label}).")
    for node in nodes:
        warnings.extend(sequence_warnings(node.children, where))
    return warnings
