"""Geometry for the dashboard's server-rendered SVG bar charts. Pure Python: the
templates draw what these functions compute, and a table says the same in words."""

from dataclasses import dataclass, field


@dataclass
class Segment:
    key: str
    label: str
    value: int
    x: float
    width: float


@dataclass
class Bar:
    label: str
    total: int
    y: float
    segments: list[Segment] = field(default_factory=list)
    url: str = ""


def stacked_bars(
    rows: list[dict],
    *,
    label_key: str,
    parts: list[tuple[str, str]],
    width: float = 480.0,
    bar_height: float = 22.0,
    gap: float = 8.0,
    url=None,
) -> tuple[list[Bar], float]:
    """Horizontal stacked bars scaled to the largest total; returns bars and the chart height.

    `parts` are (key, label) pairs read from each row; what a row's total has beyond
    the parts is drawn as a last grey "other" segment, so bars stay comparable.
    """
    largest = max((row["total"] for row in rows), default=0) or 1
    bars = []
    for index, row in enumerate(rows):
        bar = Bar(
            label=str(row[label_key]),
            total=row["total"],
            y=index * (bar_height + gap),
            url=url(row) if url else "",
        )
        x = 0.0
        counted = 0
        for key, label in parts:
            value = row.get(key, 0) or 0
            counted += value
            segment_width = width * value / largest
            bar.segments.append(Segment(key, label, value, round(x, 2), round(segment_width, 2)))
            x += segment_width
        rest = max(row["total"] - counted, 0)
        bar.segments.append(
            Segment("other", "other", rest, round(x, 2), round(width * rest / largest, 2))
        )
        bars.append(bar)
    height = len(rows) * (bar_height + gap)
    return bars, height
