"""The action plan's timeline by month or by quarter, laid out once for the screen and the PDF.

`layout_timeline(actions, page, scale)` turns ActionViews (plain data) into a TimelineFigure:
pages of plain geometry in points (origin top-left of the usable area, y downwards): a title,
the period headings (years above months or quarters), one row per action with its title and
status in words on the left and a bar from its start to its due date, a "today" line, and
"continued" notes. Renderers only draw what is here.

A long plan is never shrunk: text stays at the page's sizes (never below min_font) and the
rows continue on further pages with the headings repeated; a long span of time continues
on further pages too, with the action titles repeated. The status is always written in
words (and "overdue" too); a bar's fill only repeats it."""

from dataclasses import dataclass
from datetime import date, timedelta
from math import floor

from ..font_metrics import ascent_descent
from ..models import ActionStatus
from ..services.plan_view import ActionView, short_date
from .journey_map import A4_LANDSCAPE, LEADING, PageSpec, TextRun, _report_fonts, text_width, \
    wrap_text

SCALES = ("month", "quarter")
TITLE_LINES = 3  # an action's title: at most this many lines, then "…"
MIN_PERIOD = {"month": 2.6, "quarter": 4.4}  # the narrowest period, in ems
# A bar's fill by status (hex), for renderers; the status is also in words beside it.
STATUS_FILL = {ActionStatus.NOT_STARTED: "#d9d9d9", ActionStatus.IN_PROGRESS: "#4a7ab5",
               ActionStatus.DONE: "#1e6e35", ActionStatus.BLOCKED: "#b3261e",
               ActionStatus.DROPPED: "#f2f2f2"}
KEY = ("Bars run from an action's start to its due date; a diamond is a due date alone. "
       "The line marked Today is today's date.")


@dataclass(frozen=True)
class Period:
    label: str  # "Jan" or "Q1"
    start: date
    end: date  # the first day after it
    x: float
    w: float


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    w: float  # 0: a due date alone (a diamond at x)
    h: float
    status: ActionStatus
    fill: str
    cut_start: bool  # the action started before this page's first period
    cut_end: bool  # and is due after its last


@dataclass(frozen=True)
class Row:
    action_id: int
    y: float
    h: float
    label: tuple[TextRun, ...]  # the title (bold) and a line of status and dates
    bar: Bar | None  # None: no dates, or none within this page's periods
    shade: int  # 0 or 1, alternating, for a light band behind every other row


@dataclass(frozen=True)
class TimelinePage:
    number: int  # from 1
    count: int
    width: float
    height: float
    label_width: float
    title: TextRun
    headings: tuple[TextRun, ...]  # years and period labels
    periods: tuple[Period, ...]
    heading_top: float
    heading_bottom: float  # rows start here
    rows: tuple[Row, ...]
    today_x: float | None
    texts: tuple[TextRun, ...]  # "Today", "continued" notes, the key


@dataclass(frozen=True)
class TimelineFigure:
    title: str
    scale: str
    spec: PageSpec
    pages: tuple[TimelinePage, ...]


# --- periods ---------------------------------------------------------------------------------

def _period_start(d: date, scale: str) -> date:
    month = d.month if scale == "month" else (d.month - 1) // 3 * 3 + 1
    return date(d.year, month, 1)


def _next(d: date, scale: str) -> date:
    months = 1 if scale == "month" else 3
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def _periods(first: date, last: date, scale: str) -> list[tuple[str, date, date]]:
    out, d = [], _period_start(first, scale)
    while d <= last:
        end = _next(d, scale)
        label = f"{d:%b}" if scale == "month" else f"Q{(d.month - 1) // 3 + 1}"
        out.append((label, d, end))
        d = end
    return out


def _span(a: ActionView) -> tuple[date, date] | None:
    """An action's first and last day on the timeline, or None without dates."""
    start, due = a.start_on or a.due_on, a.due_on or a.start_on
    if start is None:
        return None
    return min(start, due), max(start, due)


# --- text ------------------------------------------------------------------------------------

def _lines(texts: list[tuple[str, str, float, int]], x: float, top: float, width: float
           ) -> tuple[list[TextRun], float]:
    """(text, font, size, max_lines) paragraphs wrapped and placed from `top` down."""
    runs, y = [], top
    for text, font, size, max_lines in texts:
        lead = size * LEADING
        ascent, descent = ascent_descent(font, size)
        baseline = (lead - (ascent - descent)) / 2 + ascent
        lines = wrap_text(text, font, size, width) or ("",)
        if max_lines and len(lines) > max_lines:
            last = lines[max_lines - 1]
            while last and text_width(last + "…", font, size) > width:
                last = last[:-1]
            lines = (*lines[:max_lines - 1], last.rstrip() + "…")
        for line in lines:
            runs.append(TextRun(line, x, y + baseline, font, size, text_width(line, font, size)))
            y += lead
    return runs, y - top


def status_words(a: ActionView) -> str:
    """ "In progress, overdue: 1 Apr 2026 to 30 Jun 2026" """
    state = a.status.value.capitalize() + (", overdue" if a.overdue else "")
    if a.start_on and a.due_on:
        when = f"{short_date(a.start_on)} to {short_date(a.due_on)}"
    elif a.due_on:
        when = f"due {short_date(a.due_on)}"
    elif a.start_on:
        when = f"from {short_date(a.start_on)}, no due date"
    else:
        when = "no dates"
    return f"{state}: {when}"


# --- the layout ------------------------------------------------------------------------------

def layout_timeline(actions: list[ActionView], page: PageSpec = A4_LANDSCAPE,
                    scale: str = "month", today: date | None = None,
                    title: str = "Action plan timeline") -> TimelineFigure:
    if scale not in SCALES:
        raise ValueError(f"A timeline is by month or by quarter, not {scale!r}.")
    today = today or date.today()
    font, bold, _ = _report_fonts()
    size = page.max_font
    small = max(page.min_font, size - 1)
    em = size
    label_w = min(max(0.3 * page.width, 14 * em), 24 * em, page.width / 2)
    inner = label_w - 0.8 * em
    pad = 0.35 * em

    spans = [s for s in map(_span, actions) if s]
    first = min((s[0] for s in spans), default=today)
    last = max((s[1] for s in spans), default=today)
    periods = _periods(first, last, scale)
    avail = page.width - label_w
    per_page = max(1, min(len(periods), floor(avail / (MIN_PERIOD[scale] * em))))
    period_w = avail / per_page
    chunks = [periods[i:i + per_page] for i in range(0, len(periods), per_page)]

    title_h = size * LEADING + pad
    head_lead = small * LEADING
    heading_h = 2 * head_lead + pad
    foot_h = 3 * small * LEADING + pad  # "Today", "continued" and the key
    room = page.height - title_h - heading_h - foot_h

    # Rows are measured once; their height does not depend on the page.
    measured = []
    for a in actions:
        runs, h = _lines([(a.title, bold, size, TITLE_LINES),
                          (status_words(a), font, small, 2)], 0.4 * em, 0, inner)
        measured.append((a, runs, h + 2 * pad))
    row_pages, current, used = [], [], 0.0
    for item in measured:
        if current and used + item[2] > room:
            row_pages.append(current)
            current, used = [], 0.0
        current.append(item)
        used += item[2]
    row_pages.append(current)

    count = len(row_pages) * len(chunks)
    pages, number = [], 0
    for r, rows in enumerate(row_pages):
        for c, chunk in enumerate(chunks):
            number += 1
            pages.append(_page(
                number, count, page, title, scale, label_w, period_w, chunk, rows, today,
                (font, bold, size, small, em, pad, title_h, head_lead),
                continued=_continued(r, c, len(row_pages), len(chunks), number)))
    return TimelineFigure(title, scale, page, tuple(pages))


def _continued(r: int, c: int, row_pages: int, chunks: int, number: int) -> str:
    notes = []
    if c + 1 < chunks:
        notes.append(f"later months continue on page {number + 1}")
    if r + 1 < row_pages:
        notes.append(f"more actions on page {(r + 1) * chunks + c + 1}")
    return ("Continued: " + "; ".join(notes) + ".") if notes else ""


def _x(d: date, periods: tuple[Period, ...]) -> float:
    """Where a date falls across the page's periods (clamped to them)."""
    if d <= periods[0].start:
        return periods[0].x
    for p in periods:
        if d < p.end:
            return p.x + p.w * (d - p.start).days / (p.end - p.start).days
    return periods[-1].x + periods[-1].w


def _page(number, count, spec, title, scale, label_w, period_w, chunk, rows, today, sizes,
          continued: str) -> TimelinePage:
    font, bold, size, small, em, pad, title_h, head_lead = sizes
    by = "month" if scale == "month" else "quarter"
    heading = f"{title}, by {by}" + (f" (page {number} of {count})" if count > 1 else "")
    title_run = _lines([(heading, bold, size, 1)], 0, 0, spec.width)[0][0]
    heading_top = title_h
    periods = tuple(Period(label, start, end, label_w + i * period_w, period_w)
                    for i, (label, start, end) in enumerate(chunk))
    headings = []
    shown_years = set()
    for p in periods:  # the year above its first period on this page
        if p.start.year not in shown_years:
            shown_years.add(p.start.year)
            headings += _lines([(str(p.start.year), bold, small, 1)], p.x + 0.2 * em,
                               heading_top, p.w * 12)[0]
        headings += _lines([(p.label, font, small, 1)], p.x + 0.2 * em,
                           heading_top + head_lead, p.w - 0.3 * em)[0]
    headings += _lines([("Action", bold, small, 1)], 0.4 * em, heading_top + head_lead,
                       label_w)[0]
    heading_bottom = heading_top + 2 * head_lead + pad

    page_start, page_end = periods[0].start, periods[-1].end
    out_rows, y = [], heading_bottom
    for i, (a, runs, h) in enumerate(rows):
        label = tuple(TextRun(r.text, r.x, r.y + y + pad, r.font, r.size, r.width)
                      for r in runs)
        bar = None
        span = _span(a)
        if span and span[0] < page_end and span[1] >= page_start:
            start, end = span[0], span[1] + timedelta(days=1)
            x0, x1 = _x(start, periods), _x(end, periods)
            bar_h = 0.9 * size
            milestone = a.start_on is None or a.due_on is None
            bar = Bar(x1 if milestone and a.due_on else x0, y + (h - bar_h) / 2,
                      0.0 if milestone else max(x1 - x0, 1.5), bar_h, a.status,
                      STATUS_FILL[a.status], start < page_start, end > page_end)
        out_rows.append(Row(a.id, y, h, label, bar, i % 2))
        y += h
    today_x = _x(today, periods) if page_start <= today < page_end else None
    texts = []
    if today_x is not None:  # under the rows, where no heading is
        texts += _lines([("Today", bold, small, 1)], today_x + 0.2 * em, y, 6 * em)[0]
    foot, _ = _lines([(t, font, small, 2) for t in (continued, KEY) if t], 0,
                     y + small * LEADING + pad, spec.width)
    texts += foot
    return TimelinePage(number, count, spec.width, spec.height, label_w, title_run,
                        tuple(headings), periods, heading_top, heading_bottom,
                        tuple(out_rows), today_x, tuple(texts))
