"""The report as plain content blocks, written once by the sections (sections.py) and drawn
by two renderers: the PDF (pdf.py, reportlab) and the accessible HTML page (html_page.py).

Text here is plain user text, never markup: each renderer escapes it its own way."""

from dataclasses import dataclass, field

from ..models import Rag


@dataclass(frozen=True)
class Heading:
    """level 1 starts a section (a new page in the PDF, a bookmark, a contents line);
    2 and 3 are sub-headings (2 is bookmarked too)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "body"  # "body" | "small" (muted, smaller) | "note" (italic aside)


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class RagText:
    """A table cell coloured by a rating; its text always says the rating too (the letter
    or the word), so the colour never carries meaning alone."""

    rag: Rag
    text: str


Cell = str | RagText


@dataclass(frozen=True)
class GroupRow:
    """A row that heads the rows below it (a journey, or "System-wide areas") across the
    whole width of its table."""

    text: str


@dataclass(frozen=True)
class Table:
    """head: the column headings (() for a two-column list of label and text, whose first
    column then heads each row). widths: fractions of the text width, adding up to 1.
    row_heads: the first column names its row (th scope=row in HTML, bold in the PDF)."""

    head: tuple[str, ...]
    rows: tuple[tuple[Cell, ...] | GroupRow, ...]
    widths: tuple[float, ...]
    caption: str = ""
    row_heads: bool = True
    total_row: bool = False  # the last row is a total (bold)
    compact: bool = False  # small type, for wide grids such as the heatmap


@dataclass(frozen=True)
class Figure:
    """A drawing with its text alternative. kind names the drawer ("map": a journey's
    swimlane map, data a figures.journey_map.MapFigure; "timeline": data a
    figures.timeline.Timeline). The PDF draws it; the HTML page gives `alt` (the same
    information in words or a table, which follows in the blocks where it is long)."""

    kind: str
    data: object
    alt: str


@dataclass(frozen=True)
class PageBreak:
    """A new page in the PDF; nothing in HTML."""


Block = Heading | Para | Bullets | Table | Figure | PageBreak


@dataclass(frozen=True)
class SectionContent:
    key: str
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
