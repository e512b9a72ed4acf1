"""The Red / Amber / Green share per domain across every round, laid out once as geometry in
points for the screen (QPainter) and the PDF (reportlab).

One block per domain; in it one bar per round, 100 % wide, split by colour. Every segment
wide enough carries its letter and count, so the chart reads in greyscale; the same numbers
are given as a table (share_table) for screen readers and the report."""

from collections import Counter
from dataclasses import dataclass

from .. import fonts
from ..models import Rag
from ..services.review_view import DomainHead, RoundShare
from .heatmap import totals_text
from .journey_map import TextRun, text_width

ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.NOT_APPLICABLE, Rag.NOT_RATED)


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    w: float
    h: float
    rag: Rag
    count: int


@dataclass(frozen=True)
class ShareChart:
    width: float
    height: float
    texts: tuple[TextRun, ...]
    segments: tuple[Segment, ...]


def _run(text: str, x: float, y: float, size: float, bold: bool = False) -> TextRun:
    font = fonts.BOLD if bold else fonts.FONT
    return TextRun(text, x, y, font, size, text_width(text, font, size))


def rag_share_chart(domains: tuple[DomainHead, ...], rounds: tuple[RoundShare, ...],
                    width: float, size: float = 11.0) -> ShareChart:
    """Lay the chart out `width` points wide; y grows downwards from 0."""
    line = size * 1.3
    bar_h = size * 1.8
    label_w = max((text_width(r.round.label, fonts.FONT, size) for r in rounds),
                  default=0) + size
    bar_w = max(width - label_w, size * 10)
    texts, segments = [], []
    y = 0.0
    for d in domains:
        y += line
        texts.append(_run(d.short_name, 0, y, size * 1.1, bold=True))
        y += size * 0.6
        for r in rounds:
            counts = r.by_domain.get(d.id, Counter())
            total = sum(counts.values())
            texts.append(_run(r.round.label, 0, y + bar_h / 2 + size * 0.35, size))
            x = label_w
            for rag in ORDER:
                n = counts.get(rag, 0)
                if not n or not total:
                    continue
                w = bar_w * n / total
                segments.append(Segment(x, y, w, bar_h, rag, n))
                text = f"{rag.letter} {n}"
                if text_width(text, fonts.FONT, size) + size * 0.5 <= w:
                    texts.append(_run(text, x + size * 0.25, y + bar_h / 2 + size * 0.35, size))
                x += w
            y += bar_h + size * 0.4
    return ShareChart(label_w + bar_w, y + size * 0.5, tuple(texts), tuple(segments))


def share_table(domains: tuple[DomainHead, ...], rounds: tuple[RoundShare, ...]
                ) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The chart's numbers as a table: a header row (Domain, then each round) and one row per
    domain with each round's totals, e.g. "R 3 · A 5 · G 2"."""
    header = ("Domain", *(r.round.label for r in rounds))
    rows = [(d.short_name, *(totals_text(r.by_domain.get(d.id, Counter())) for r in rounds))
            for d in domains]
    return header, rows
