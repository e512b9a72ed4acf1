"""The plan's timeline, a Gantt-like chart, laid out once as plain geometry in points (y
downwards, like the journey map): one row per dated action, its name and status in words
on the left, a bar from its start to its due date on a month scale. report/timeline.py draws
it with reportlab; the HTML report gives the same rows as a table.

Colour is never the only signal: each bar's status is written beside its name, and the
statuses also differ in fill (solid, hatched, outline) so a black-and-white print keeps
them apart."""

from calendar import monthrange
from dataclasses import dataclass, replace
from datetime import date

from .. import fonts
from .journey_map import TextRun, text_width, wrap_text

SIZE = 8.0  # text, points
LEADING = 10.0
ROW_PAD = 3.0
AXIS = 22.0  # the month scale's height
LABEL_SHARE = 0.38  # of the width, for the names


@dataclass(frozen=True)
class Bar:
    """One action as the timeline needs it. An action without both dates is not drawn."""

    label: str
    status: str  # "not started", "in progress", "done", "blocked", "dropped"
    start: date | None
    end: date | None


@dataclass(frozen=True)
class BarBox:
    x: float
    y: float
    w: float
    h: float
    status: str
    open_start: bool = False  # the start date was not known: drawn from the scale's start


@dataclass(frozen=True)
class Tick:
    x: float
    label: TextRun | None  # every month gets a line; labels where there is room


@dataclass(frozen=True)
class Row:
    y: float
    h: float
    texts: tuple[TextRun, ...]  # the action's name and status, wrapped
    bar: BarBox


@dataclass(frozen=True)
class TimelineFigure:
    width: float
    height: float
    label_width: float
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]  # the month scale, at the top (y 0 to AXIS)
    today: float | None  # the x of today's date, if on the scale

    def pages(self, max_height: float) -> list["TimelineFigure"]:
        """The figure cut between rows into parts no taller than max_height (a row taller
        than that gets a part of its own), each with the month scale on top."""
        parts, chunk = [], []
        for row in self.rows:
            if chunk and row.y + row.h - chunk[0].y + AXIS > max_height:
                parts.append(chunk)
                chunk = []
            chunk.append(row)
        if chunk:
            parts.append(chunk)
        return [self.part(rows) for rows in parts]

    def part(self, rows: list[Row]) -> "TimelineFigure":
        """These rows alone, moved up under the month scale."""
        dy = rows[0].y - AXIS
        moved = tuple(Row(r.y - dy, r.h, tuple(replace(t, y=t.y - dy) for t in r.texts),
                          replace(r.bar, y=r.bar.y - dy)) for r in rows)
        return replace(self, rows=moved, height=moved[-1].y + moved[-1].h)


def _month(d: date) -> int:
    return d.year * 12 + d.month - 1


def _x(d: date, first: int, x0: float, per_month: float) -> float:
    days = monthrange(d.year, d.month)[1]
    return x0 + (_month(d) - first + (d.day - 1) / days) * per_month


def layout_timeline(bars: list[Bar], width: float, today: date | None = None,
                    ) -> TimelineFigure | None:
    """Rows for the actions with a due date, in the order given. None if none has one."""
    dated = [b for b in bars if b.end is not None]
    if not dated:
        return None
    fonts.register_fonts()
    starts = [b.start or b.end for b in dated]
    first = _month(min(starts))
    last = _month(max(b.end for b in dated)) + 1
    scale_start = date(first // 12, first % 12 + 1, 1)
    label_width = width * LABEL_SHARE
    x0 = label_width + 6
    per_month = (width - x0) / max(1, last - first)

    ticks = []
    step = 1 if per_month >= 28 else 2 if per_month >= 14 else 3 if per_month >= 9 else 6
    for m in range(first, last + 1):
        x = x0 + (m - first) * per_month
        label = None
        if (m - first) % step == 0 and m < last:
            y, month = divmod(m, 12)
            words = date(y, month + 1, 1).strftime("%b %Y" if month == 0 or m == first
                                                   else "%b")
            label = TextRun(words, x + 2, AXIS - 8, fonts.FONT, SIZE, _width(words))
        ticks.append(Tick(x, label))

    rows = []
    y = AXIS
    for bar in dated:
        words = f"{bar.label} ({bar.status})"
        lines = wrap_text(words, fonts.FONT, SIZE, label_width - 4)
        h = max(len(lines) * LEADING, LEADING) + 2 * ROW_PAD
        runs = tuple(TextRun(line, 2, y + ROW_PAD + (i + 1) * LEADING - 2.5, fonts.FONT, SIZE,
                             _width(line)) for i, line in enumerate(lines))
        start = bar.start or scale_start
        bx = _x(start, first, x0, per_month)
        bw = max(2.0, _x(bar.end, first, x0, per_month) - bx)
        rows.append(Row(y, h, runs, BarBox(bx, y + ROW_PAD + 1, bw, h - 2 * ROW_PAD - 2,
                                           bar.status, bar.start is None)))
        y += h
    marker = None
    if today is not None and first <= _month(today) < last:
        marker = _x(today, first, x0, per_month)
    return TimelineFigure(width, y, label_width, tuple(rows), tuple(ticks), marker)


def _width(text: str) -> float:
    return text_width(text, fonts.FONT, SIZE)
