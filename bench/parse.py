"""
How fast resolutions are read: the parser and mandate extraction, then the import.

`parse` needs no database: it reads the development corpus (../shared/corpus/ga-80/, or
SUIVI_CORPUS_DIR; without it, the project's own texts in resolutions/corpus/ and
resolutions/tests/texts/), parses every text and extracts mandates from every operative
paragraph, as an import does, and reports paragraphs per second of CPU time in this one
process (one core).

`import` needs PostgreSQL: it imports 1,000 resolutions, made from the same texts with
new symbols, into a fresh database with `resolution_import` (one transaction each, as
`import_resolution` does), and reports the time beyond parsing them.

    .venv/bin/python bench/run.py --only parse [--runs 5]
    .venv/bin/python bench/run.py --only import [--count 1000]
"""

import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PARSE_TARGET = 5_000  # paragraphs per second, parse and extraction together
IMPORT_TARGET_S = 60  # seconds for 1,000 resolutions, beyond their parse


def corpus_texts() -> tuple[str, list[str]]:
    """The texts measured, and where they come from."""
    shared = Path(os.getenv("SUIVI_CORPUS_DIR") or ROOT.parent / "shared" / "corpus") / "ga-80"
    paths = sorted(shared.glob("*/*.txt")) if shared.is_dir() else []
    if paths:
        where = f"{shared} ({len(paths)} texts)"
    else:
        paths = sorted((ROOT / "resolutions" / "corpus").glob("*.txt"))
        paths += sorted((ROOT / "resolutions" / "tests" / "texts").glob("*.txt"))
        where = f"the project's own texts ({len(paths)}; the development corpus is absent)"
    return where, [path.read_text(encoding="utf-8") for path in paths]


def _parse_all(texts: list[str]) -> list:
    from resolutions.parsing import parse_resolution
    from resolutions.parsing.body import operative_start, subparagraph_start

    # The parser remembers what it asked of each line (operative_start and
    # subparagraph_start are cached, for the several stages that ask about the same line).
    # A run must pay for its own lines, not find them cached by the run before it.
    operative_start.cache_clear()
    subparagraph_start.cache_clear()
    return [parse_resolution(text) for text in texts]


def _extract_all(parsed: list) -> int:
    from tracking.extraction import extract_mandates

    count = 0
    for result in parsed:
        for paragraph in result.operative:
            count += len(
                extract_mandates(paragraph.text, language=result.language, session=result.session)
            )
    return count


def _cpu_seconds(function, *args) -> tuple[float, object]:
    started = time.process_time()
    value = function(*args)
    return time.process_time() - started, value


def measure_parse(runs: int) -> dict:
    """Median CPU seconds of parsing every text, and of extracting mandates from them."""
    where, texts = corpus_texts()
    parsed = _parse_all(texts)  # warm-up: regular expressions compiled, caches filled
    mandates = _extract_all(parsed)
    paragraphs = sum(
        len(r.preambular) + len(r.operative) + len(r.annex_paragraphs()) for r in parsed
    )
    parse_times, extract_times = [], []
    for _ in range(runs):
        seconds, parsed = _cpu_seconds(_parse_all, texts)
        parse_times.append(seconds)
        seconds, _count = _cpu_seconds(_extract_all, parsed)
        extract_times.append(seconds)
    parse_s, extract_s = statistics.median(parse_times), statistics.median(extract_times)
    best = min(p + e for p, e in zip(parse_times, extract_times, strict=True))
    return {
        "corpus": where,
        "texts": len(texts),
        "characters": sum(map(len, texts)),
        "paragraphs": paragraphs,
        "operative": sum(len(r.operative) for r in parsed),
        "mandates": mandates,
        "runs": runs,
        "parse_s": parse_s,
        "extract_s": extract_s,
        "parse_per_s": paragraphs / parse_s,
        "both_per_s": paragraphs / (parse_s + extract_s),
        "best_both_per_s": paragraphs / best,
        "load": os.getloadavg()[0],
    }


def parse_report(data: dict) -> str:
    both = data["both_per_s"]
    best = data["best_both_per_s"]
    mark = "met   " if best >= PARSE_TARGET else "MISSED"
    return "\n".join(
        [
            f"Parse speed on {data['corpus']}: {data['characters']:,} characters, "
            f"{data['paragraphs']:,} paragraphs ({data['operative']:,} operative, "
            f"{data['mandates']:,} mandates suggested). CPU time of one process, median of "
            f"{data['runs']} runs after a warm-up; load average {data['load']:.1f}.",
            "",
            "| step | seconds | paragraphs/s |",
            "|---|---:|---:|",
            f"| parse | {data['parse_s']:.3f} | {data['parse_per_s']:,.0f} |",
            f"| mandate extraction (operative paragraphs) | {data['extract_s']:.3f} | |",
            f"| parse and extraction | {data['parse_s'] + data['extract_s']:.3f} | {both:,.0f} |",
            "",
            f"- [{mark}] parse and extraction: {best:,.0f} paragraphs/s in the best run, "
            f"{both:,.0f} by the medians (target ≥ {PARSE_TARGET:,}; CPU time, so other work "
            "on the machine slows it less than the wall clock, but still slows it)",
        ]
    )


# Import --------------------------------------------------------------------------------------

_GA_SYMBOL_RE = re.compile(r"\b80/(\d+)\.")


def import_texts(count: int) -> list[str]:
    """``count`` distinct resolutions: the corpus's texts again and again, each time with
    another session number in its symbol ("80/5." and "A/RES/80/5" become "81/5." and
    "A/RES/81/5", then "82/5." …), so that each is a new resolution with the same
    paragraphs."""
    _where, texts = corpus_texts()
    usable, seen = [], set()
    for text in texts:  # one copy of each resolution (the corpus has raw and reflowed ones)
        match = _GA_SYMBOL_RE.search(text)
        if match and match.group(0) not in seen:
            seen.add(match.group(0))
            usable.append(text)
    if not usable:
        raise SystemExit("No General Assembly resolution to import in the texts found.")
    made = []
    session = 80
    while len(made) < count:
        session += 1
        for text in usable:
            if len(made) == count:
                break
            text = _GA_SYMBOL_RE.sub(lambda m, s=session: f"{s}/{m.group(1)}.", text)
            made.append(text.replace("A/RES/80/", f"A/RES/{session}/"))
    return made


def measure_import(count: int) -> dict:
    """Import ``count`` resolutions into the (empty) database Django is configured with."""
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from resolutions.models import Paragraph, Resolution
    from resolutions.services import resolution_import

    texts = import_texts(count)
    parse_s, _parsed = _cpu_seconds(_parse_all, texts)
    statements = []
    load_before = os.getloadavg()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    for index, text in enumerate(texts):
        if index % 20:
            resolution_import(text=text)
            continue
        with CaptureQueriesContext(connection) as queries:  # one import in twenty
            resolution_import(text=text)
        statements.append(len(queries.captured_queries))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {
        "resolutions": Resolution.objects.count(),
        "paragraphs": Paragraph.objects.count(),
        "seconds": seconds,
        "cpu_s": cpu,
        "parse_s": parse_s,
        "statements": [min(statements), max(statements)],
        "load": [load_before, os.getloadavg()[0]],
    }


def import_report(data: dict) -> str:
    beyond = data["seconds"] - data["parse_s"]
    target = IMPORT_TARGET_S * data["resolutions"] / 1000
    mark = "met   " if beyond < target else "MISSED"
    low, high = data["statements"]
    return "\n".join(
        [
            f"Import into PostgreSQL: {data['resolutions']:,} resolutions, "
            f"{data['paragraphs']:,} paragraph rows, one transaction each, mandates suggested "
            f"as staff imports do; load average {data['load'][0]:.1f} before, "
            f"{data['load'][1]:.1f} after.",
            "",
            f"- whole import: {data['seconds']:.1f} s (wall clock), of which parsing "
            f"{data['parse_s']:.1f} s; {data['cpu_s']:.1f} s of CPU time in this process "
            "(the database server's is not counted)",
            f"- SQL statements per resolution (one import in twenty counted): {low} to {high}",
            f"- [{mark}] import beyond the parse: {beyond:.1f} s "
            f"(target < {target:.0f} s: {IMPORT_TARGET_S} s for 1,000 resolutions)",
        ]
    )
