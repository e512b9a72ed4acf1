"""The swimlane journey map, laid out once for the screen and the PDF.

`layout_journey(journey, page)` turns a JourneyView (plain data) into a MapFigure: one MapPage
per printed page, each holding lane bands, stage boxes with their text already wrapped, arrows
as orthogonal polylines, stubs for links that leave the page or the journey, and "continued"
markers. Everything is in points, origin at the top-left of the page's usable area, y
downwards. Renderers only draw what is here (see csdesk/report/journey_map.py); they never
measure or move anything, so the screen and the PDF cannot disagree.

Text is measured with reportlab's metrics for the report's embedded font: deterministic, no
Qt, no display.

How it is laid out (and why it cannot hang): stages go left to right in their order, one
column each, except that the alternative next steps out of one decision share a column (a fork
reads as a fork). A stage sits in its lead agency's lane. Every link is then routed once, by
comparing its two columns: no graph walk, so a loop back to an earlier stage or a stage linked
to itself costs one arrow like any other. Columns are cut into pages by width first (as many as
fit at the smallest readable box), then by height. On a map of several pages each lane is as
tall on every page as on its tallest, so pages laid side by side line up (unless that costs
more than EVEN_COST times the pages).

Finding the cut tries many (text sizes, columns a page, rounds of lane heights): a trial
cut is only measured (text wrapped once per size and width, placed with the same
arithmetic), stops at its first page that overflows, and sizes that cannot need fewer pages
than the best so far are skipped; only the chosen cut's pages are drawn. The result is the
same as drawing every trial (tests/test_journey_map_pins.py holds it to the last bit)."""

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from math import ceil, floor
from typing import NamedTuple

from .. import font_metrics, fonts
from ..models import LinkKind
from ..services.journey_outline import takes_line, waits_label
from ..services.journey_view import NO_LEAD, JourneyView, Lane, LinkView, StageView

# --- paper ------------------------------------------------------------------------------------

MM = 72 / 25.4
MARGIN = 15 * MM  # left, right and top of a map page
BOTTOM_MARGIN = 18 * MM  # leaves the report's "Page n of N" footer (14 mm up) clear of the map
TITLE_ROOM = 22.0  # a title line above the map, inside the margins
TITLE_SIZE = 11.0


@dataclass(frozen=True)
class PageSpec:
    """The usable area of one page for the map itself (title room already taken off), in
    points, and the text sizes allowed: text shrinks towards min_font to save a page, never
    below it; a journey that still does not fit continues on more pages."""

    width: float
    height: float
    min_font: float = 8.0
    max_font: float = 10.0

    @classmethod
    def for_paper(cls, paper_width: float, paper_height: float, **fonts) -> "PageSpec":
        return cls(paper_width - 2 * MARGIN,
                   paper_height - MARGIN - BOTTOM_MARGIN - TITLE_ROOM, **fonts)


A4_LANDSCAPE = PageSpec.for_paper(297 * MM, 210 * MM)
A3_LANDSCAPE = PageSpec.for_paper(420 * MM, 297 * MM)

# How renderers draw each kind of link (the key on every page says so in words).
ARROW_STYLE = {LinkKind.NEXT: "solid", LinkKind.BRANCH: "dashed",
               LinkKind.TRIGGERS_CONTEXT: "dotted"}
ARROW_HEAD = (5.0, 2.2)  # arrowhead length and half-width: the layout leaves room for it
LEADING = 1.2
BOX_NOTE_LINES = 2  # a box's time line: at most this many lines
STUB_LINES = 4  # a stub naming another journey's stage: at most this many lines
PAGE_STUB_LINES = 2  # one naming a stage on another page of this map (whole there)
KEY = ("Key: solid arrow = next stage; dashed = branch; dotted = triggers a context journey. "
       "The band at the left of a box shows its level, also written in words.")
# A stub naming a stage on another page starts with the link's kind: (forwards, back).
PAGE_STUB_TO = {LinkKind.NEXT: ("Next on", "Next, back on"),
                LinkKind.BRANCH: ("Branch to", "Branch back to"),
                LinkKind.TRIGGERS_CONTEXT: ("Triggers, on", "Triggers, back on")}
PAGE_STUB_FROM = {LinkKind.NEXT: "Next from", LinkKind.BRANCH: "Branch from",
                  LinkKind.TRIGGERS_CONTEXT: "Triggered from"}
COMPACT_SAVING = 2  # leave a page's empty lanes out only if that halves the pages
# Each lane is as tall on every page as it needs on any, so pages laid side by side line up,
# unless that takes more than this many times the pages (then each page fits its own).
EVEN_COST = 1.5
HIDDEN_LANES = " Lanes with no stage on this page are left out."

Point = tuple[float, float]


# --- the geometry renderers draw ----------------------------------------------------------------

@dataclass(frozen=True)
class TextRun:
    """One line of text, already wrapped: x is its left end, y its baseline."""

    text: str
    x: float
    y: float
    font: str
    size: float
    width: float


@dataclass(frozen=True)
class LaneBand:
    """A swimlane across the whole page; its label sits in the left column of every page."""

    index: int  # in the journey's lane order (StageBox.lane)
    agency_id: int | None
    name: str
    y: float
    height: float
    label: tuple[TextRun, ...]
    shade: int  # 0 or 1, alternating down the page: renderers pick a light or lighter grey


@dataclass(frozen=True)
class StageBox:
    stage_id: int
    x: float
    y: float
    w: float
    h: float
    lines: tuple[TextRun, ...]  # name (bold), "Level: ...", time
    level_index: int | None  # picks the band's tint; None: no level, no band fill
    level_name: str
    band_width: float  # the level band is the strip x .. x + band_width, full height
    lane: int
    column: int  # in the whole journey, from 0
    archived: bool = False

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Arrow:
    """A polyline; the arrowhead goes at the last point. Stub arrows are the short arrows
    beside a stub's text (a link leaving the page or the journey)."""

    points: tuple[Point, ...]
    kind: LinkKind
    from_stage_id: int
    to_stage_id: int
    link_id: int | None = None
    loop_back: bool = False  # to a stage at or before the source's column
    stub: bool = False
    label: TextRun | None = None  # e.g. "waits 5 days", placed above the target box


@dataclass(frozen=True)
class Stub:
    """A link whose far end is not on this page: on another page, or in another journey.
    Drawn as text under its stage's box, with a short arrow (in MapPage.arrows)."""

    stage_id: int
    link_id: int
    kind: LinkKind
    outgoing: bool
    other_page: int | None  # None: the far end is in another journey
    text: str
    x: float
    y: float
    w: float
    h: float
    lines: tuple[TextRun, ...]


@dataclass(frozen=True)
class MapPage:
    number: int  # from 1
    count: int
    width: float  # what the map uses, within PageSpec.width / height
    height: float
    label_width: float  # the left column holding lane labels
    title: TextRun | None  # above the map: baseline at a negative y, inside TITLE_ROOM
    lanes: tuple[LaneBand, ...]
    boxes: tuple[StageBox, ...]
    arrows: tuple[Arrow, ...]
    stubs: tuple[Stub, ...]
    texts: tuple[TextRun, ...]  # "continued" markers and any other free text
    key: tuple[TextRun, ...]  # what the arrows and bands mean (renderers may mute it)
    continued_from: int | None = None
    continued_on: int | None = None
    overflows: bool = False  # one column alone is taller than the page (very many lanes)

    def box(self, stage_id: int) -> StageBox | None:
        return next((b for b in self.boxes if b.stage_id == stage_id), None)

    def lane(self, index: int) -> LaneBand | None:
        return next((lane for lane in self.lanes if lane.index == index), None)

    def box_at(self, x: float, y: float) -> StageBox | None:
        """The box under a point, for the screen's clicks and tooltips."""
        return next((b for b in self.boxes if b.x <= x <= b.right and b.y <= y <= b.bottom),
                    None)


@dataclass(frozen=True)
class MapFigure:
    journey_id: int
    title: str
    spec: PageSpec
    font_size: float  # the stage names' size; other text is one point smaller, >= min_font
    levels: tuple[tuple[int, str], ...]  # (level_index, name) of the levels on this map
    pages: tuple[MapPage, ...]

    def page_of(self, stage_id: int) -> int | None:
        return next((p.number for p in self.pages if p.box(stage_id)), None)


# --- text ---------------------------------------------------------------------------------------

@lru_cache(maxsize=32768)
def text_width(text: str, font: str, size: float) -> float:
    return font_metrics.string_width(text, font, size)


@lru_cache(maxsize=8192)  # pagination lays the same boxes out many times
def wrap_text(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """Greedy word wrap; a word wider than the line is broken between characters. The font
    is one of the bundled faces (font_metrics)."""
    # A line's advances are added up as it grows, in the order string_width adds them, so
    # each width is string_width's to the last bit without measuring the line again.
    face = font_metrics.face(font)
    get, default = face.widths.get, face.default_width
    space = get(ord(" "), default)
    lines: list[str] = []
    line, advance = "", 0  # advance: the line's, in thousandths of the size
    for word in text.split():
        grown = advance + space if line else 0
        for char in word:
            grown += get(ord(char), default)
        if grown * 0.001 * size <= width:
            line, advance = f"{line} {word}" if line else word, grown
            continue
        if line:
            lines.append(line)
        line, advance = "", 0
        for char in word:  # only a word too long for a whole line gets here with chars left
            char_advance = get(ord(char), default)
            if line and (advance + char_advance) * 0.001 * size > width:
                lines.append(line)
                line, advance = "", 0
            line, advance = line + char, advance + char_advance
    if line:
        lines.append(line)
    return tuple(lines)


# A face that lacks a script sets it in its upright face: DejaVu's oblique faces have no Arabic.
UPRIGHT = {fonts.ITALIC: fonts.FONT, fonts.BOLD_ITALIC: fonts.BOLD}


@lru_cache(maxsize=4096)
def face_for(text: str, font: str) -> str:
    """The face to set `text` in: `font`, or its upright face if `font` lacks a letter of it
    that the upright face has, so no letter prints as an empty box (on screen, in the PNG,
    SVG and PDF alike: they all draw the face the layout chose and measured)."""
    upright = UPRIGHT.get(font)
    if upright is None:
        return font
    have = font_metrics.face(font)
    if all(have.has(c) for c in text if not c.isspace()):
        return font
    return upright


class _Para(NamedTuple):
    """A paragraph to wrap: max_lines > 0 cuts it to that many lines, ending in "…"."""

    text: str
    font: str
    size: float
    space: float = 0.0  # above it
    max_lines: int = 0


class _Wrapped(NamedTuple):
    """A paragraph wrapped and measured, not yet placed."""

    space: float
    lead: float
    baseline: float  # below the top of a line
    font: str
    size: float
    lines: tuple[tuple[str, float], ...]  # (text, width)


class _Text(NamedTuple):
    """Paragraphs wrapped once, to be placed anywhere: pagination tries many cuts of the
    same text. Placing adds up the lengths exactly as wrapping in place would."""

    paras: tuple[_Wrapped, ...]

    def height(self, top: float) -> float:
        y = top
        for para in self.paras:
            y += para.space
            for _ in para.lines:
                y += para.lead
        return y - top

    def place(self, x: float, top: float) -> tuple[list[TextRun], float]:
        runs, y = [], top
        for space, lead, baseline, font, size, lines in self.paras:
            y += space
            for line, width in lines:
                runs.append(TextRun(line, x, y + baseline, font, size, width))
                y += lead
        return runs, y - top


def _wrap(paras, width: float) -> _Text:
    wrapped = []
    for text, font, size, space, max_lines in paras:
        font = face_for(text, font)
        lead = size * LEADING
        ascent, descent = font_metrics.ascent_descent(font, size)
        baseline = (lead - (ascent - descent)) / 2 + ascent  # centre the glyphs in the line
        lines = wrap_text(text, font, size, width)
        if max_lines and len(lines) > max_lines:
            lines = (*lines[:max_lines - 1], _ellipsis(lines[max_lines - 1], font, size, width))
        wrapped.append(_Wrapped(space, lead, baseline, font, size,
                                tuple((line, text_width(line, font, size)) for line in lines)))
    return _Text(tuple(wrapped))


def _block(paras: list[_Para], x: float, top: float, width: float
           ) -> tuple[list[TextRun], float]:
    """Wrap and place paragraphs from `top` down; returns the lines and the height used."""
    return _wrap(paras, width).place(x, top)


def _ellipsis(line: str, font: str, size: float, width: float) -> str:
    """The longest start of `line` that fits `width` with an ellipsis after it."""
    fits, too_long = 0, len(line) + 1  # binary search: titles can be long
    while too_long - fits > 1:
        mid = (fits + too_long) // 2
        if text_width(line[:mid] + "…", font, size) <= width:
            fits = mid
        else:
            too_long = mid
    return line[:fits].rstrip() + "…"


def _shift(runs, dx: float, dy: float) -> tuple[TextRun, ...]:
    return tuple(TextRun(r.text, r.x + dx, r.y + dy, r.font, r.size, r.width) for r in runs)


def _time_text(s: "_Sizes", stage: StageView, width: float) -> str:
    """The outline's wording of the time ("Takes 5 days (note)"); the note is left out if it
    would need more than BOX_NOTE_LINES lines (the report's outline has it whole)."""
    full = takes_line(stage.days, stage.time_note)
    if stage.days is None or len(wrap_text(full, s.font, s.text, width)) <= BOX_NOTE_LINES:
        return full
    return takes_line(stage.days)


# --- sizes ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Sizes:
    """Every length, derived from one font size so the map scales as a whole."""

    name: float  # stage names, bold
    text: float  # every other line
    pad: float
    band: float
    box_min: float  # the smallest readable box
    box_max: float  # wider than this reads badly on a short journey
    box_wide: float  # the widest on a map cut into pages with even lanes
    gutter: float  # between columns: arrows' vertical runs
    label_w: float
    lane_pad: float
    x_track: float  # the widest spacing of parallel vertical runs in a gutter
    y_track: float  # spacing of parallel horizontal runs in a channel
    port_gap: float  # the widest spacing of arrows' ends along a box's side
    out_base: float  # a gutter's runs keep this far right of the box on its left
    in_base: float  # and this far left of the box on its right (room for the arrowhead)
    icon: float  # room for a stub's arrow
    font: str  # the report's embedded fonts: regular, bold, italic
    bold: str
    italic: str


def _report_fonts() -> tuple[str, str, str]:
    """The report's embedded fonts (measured by font_metrics: the window registers none)."""
    return fonts.FONT, fonts.BOLD, fonts.ITALIC


def _sizes(size: float, min_font: float) -> _Sizes:
    em = size
    font, bold, italic = _report_fonts()
    return _Sizes(name=size, text=max(min_font, size - 1), pad=0.45 * em, band=5.0,
                  box_min=10 * em, box_max=18 * em, box_wide=24 * em, gutter=2.5 * em,
                  label_w=8.5 * em,
                  lane_pad=0.6 * em, x_track=0.5 * em, y_track=max(3.5, 0.45 * em),
                  port_gap=0.7 * em, out_base=0.35 * em,
                  in_base=max(0.75 * em, ARROW_HEAD[0] + 1),
                  icon=1.4 * em, font=font, bold=bold, italic=italic)


# --- what is fixed before any page is cut ------------------------------------------------------

@dataclass(frozen=True)
class _Journey:
    """The journey sorted and indexed: independent of sizes and pages."""

    view: JourneyView
    stages: tuple[StageView, ...]
    by_id: dict[int, StageView]
    lanes: tuple[Lane, ...]
    lane_of: dict[int, int]  # stage id -> lane index
    level_of: dict[int, int | None]  # stage id -> level index
    levels: tuple[tuple[int, str], ...]
    inner: tuple[LinkView, ...]  # both ends in this journey (one per pair of stages)
    outer: tuple[LinkView, ...]  # one end in another journey
    columns: tuple[tuple[StageView, ...], ...]  # each sorted by lane
    col_of: dict[int, int]
    row_of: dict[int, int]  # a stage's place within its column


def _index(view: JourneyView, level_order) -> _Journey:
    # Stable sort on position: ties keep the order the view gave.
    stages = tuple(sorted(view.stages, key=lambda s: s.position))
    by_id = {s.id: s for s in stages}
    lanes, lane_of = _lanes(view, stages)
    level_of, levels = _levels(stages, level_order)
    inner, outer = _split_links(view.links, by_id)
    columns = _columns(stages, lane_of, inner)
    col_of = {s.id: c for c, col in enumerate(columns) for s in col}
    row_of = {s.id: r for col in columns for r, s in enumerate(col)}
    return _Journey(view, stages, by_id, lanes, lane_of, level_of, levels, inner, outer,
                    columns, col_of, row_of)


def _lanes(view: JourneyView, stages) -> tuple[tuple[Lane, ...], dict[int, int]]:
    """The view's lanes in order; a stage whose lead agency has no lane goes in the
    "No lead agency" lane, made if the view has none (the map must never lose a stage)."""
    lanes = list(view.lanes)
    index: dict[int | None, int] = {}
    for i, lane in enumerate(lanes):
        index.setdefault(lane.agency_id, i)
    lane_of = {}
    for s in stages:
        key = s.lead_agency_id if s.lead_agency_id in index else None
        if key not in index:
            index[None] = len(lanes)
            lanes.append(Lane(None, NO_LEAD))
        lane_of[s.id] = index[key]
    return tuple(lanes), lane_of


def _levels(stages, level_order) -> tuple[dict[int, int | None], tuple[tuple[int, str], ...]]:
    """A level's index picks its tint. With the project's level order (level ids) the index
    is the level's place in it, the same on every map; otherwise the order of level ids."""
    order = {lid: i for i, lid in enumerate(level_order)}
    keys = {s.id: (s.level_id if s.level_id is not None else s.level_name or None)
            for s in stages}
    unknown = sorted({k for k in keys.values() if k is not None and k not in order},
                     key=lambda k: (isinstance(k, str), k))
    for k in unknown:
        order[k] = len(order)
    level_of = {sid: (order[k] if k is not None else None) for sid, k in keys.items()}
    names = {level_of[s.id]: s.level_name for s in stages if level_of[s.id] is not None}
    return level_of, tuple(sorted(names.items()))


def _split_links(links, by_id) -> tuple[tuple[LinkView, ...], tuple[LinkView, ...]]:
    inner, outer, seen = [], [], set()
    for link in links:
        ends = (link.from_stage_id in by_id, link.to_stage_id in by_id)
        if all(ends):
            pair = (link.from_stage_id, link.to_stage_id)
            if pair not in seen:  # a NEXT and a BRANCH between the same stages: one arrow
                seen.add(pair)
                inner.append(link)
        elif any(ends):
            outer.append(link)
    return tuple(inner), tuple(outer)


def _columns(stages, lane_of, inner) -> tuple[tuple[StageView, ...], ...]:
    """One column per stage, in order, except that a stage joins the column before it when
    it is another way out of the same decision: it shares a predecessor with a stage there,
    sits in a free lane, and is not linked to anything in that column."""
    preds: dict[int, set[int]] = {}
    linked = set()
    for link in inner:
        linked.add(frozenset((link.from_stage_id, link.to_stage_id)))
        if link.kind in (LinkKind.NEXT, LinkKind.BRANCH):
            preds.setdefault(link.to_stage_id, set()).add(link.from_stage_id)
    columns: list[list[StageView]] = []
    for s in stages:
        col = columns[-1] if columns else []
        mine = preds.get(s.id, set())
        if (col and mine
                and all(lane_of[m.id] != lane_of[s.id] for m in col)
                and all(frozenset((m.id, s.id)) not in linked for m in col)
                and any(mine & preds.get(m.id, set()) for m in col)):
            col.append(s)
        else:
            columns.append([s])
    return tuple(tuple(sorted(col, key=lambda s: lane_of[s.id])) for col in columns)


# --- one size, and one page ---------------------------------------------------------------------

@dataclass(frozen=True)
class _Plan:
    j: _Journey
    spec: PageSpec
    s: _Sizes
    per_page: int  # columns per page, by width
    compact: bool  # a page shows only the lanes with a stage on it (too many lanes to fit)
    texts: dict  # (stage id, box width) -> box lines at (0, 0) and height: a cache
    blocks: dict  # (paragraphs, width) -> their _Text: a cache

    def box_width(self, columns: int, even: bool = False) -> float:
        """Boxes share the page's width: a page that height cut short gets wider boxes,
        whose names wrap onto fewer lines; wider still (box_wide) when lanes are kept one
        height over the pages, because then every line saved is saved on every page."""
        s = self.s
        room = self.spec.width - s.label_w - s.gutter
        most = s.box_wide if even else s.box_max
        return max(4 * s.name, min(most, room / max(1, columns) - s.gutter))

    def box_text(self, st: StageView, width: float):
        key = (st.id, width)
        if key not in self.texts:
            self.texts[key] = _box_text(self.s, st, width)
        return self.texts[key]

    def text(self, paras: tuple["_Para", ...], width: float) -> "_Text":
        """Paragraphs wrapped once: the same labels, waits and stubs come back in every
        trial cut of the pages."""
        key = (paras, width)
        if key not in self.blocks:
            self.blocks[key] = _wrap(paras, width)
        return self.blocks[key]


def _plan(j: _Journey, spec: PageSpec, size: float, compact: bool = False,
          caches: dict | None = None) -> _Plan:
    """`caches`: text size -> the text caches of the plans at that size (their text is the
    same, whatever the pages), shared by the plans of one layout."""
    s = _sizes(size, spec.min_font)
    room = spec.width - s.label_w - s.gutter
    n = max(1, len(j.columns))
    fit = max(1, floor(room / (s.box_min + s.gutter)))
    per = ceil(n / ceil(n / fit))  # balance the pages rather than leave a stub of a page
    texts, blocks = ({}, {}) if caches is None else caches.setdefault(size, ({}, {}))
    return _Plan(j, spec, s, per, compact, texts, blocks)


def _box_text(s: _Sizes, st: StageView, box_w: float):
    level = st.level_name.strip() or "not set"
    inner_w = box_w - s.band - 2 * s.pad
    # The name and level are never cut; a long time note is (the outline has it whole).
    paras = [_Para(st.name.strip() or "(unnamed stage)", s.bold, s.name),
             _Para(f"Level: {level}", s.font, s.text, 0.2 * s.name)]
    if time := _time_text(s, st, inner_w):
        paras.append(_Para(time, s.font, s.text, 0.0, BOX_NOTE_LINES))
    if st.archived:
        paras.append(_Para("Archived stage", s.italic, s.text))
    runs, height = _block(paras, s.band + s.pad, s.pad, inner_w)
    return tuple(runs), height + 2 * s.pad


@dataclass(frozen=True)
class _StubSpec:
    link: LinkView
    outgoing: bool
    other_page: int | None
    text: str


def _stub_text(j: _Journey, link: LinkView, outgoing: bool, other_page: int | None) -> str:
    if other_page is None:  # the far end is in another journey
        # The stage first: if a long journey title must be cut, the stage is still named.
        stage = link.other_stage_name.strip() or "a stage"
        title = link.other_journey_title.strip() or "another journey"
        where = f"{stage} ({title})"
        if link.kind == LinkKind.TRIGGERS_CONTEXT:
            return f"Triggers {where}" if outgoing else f"Triggered by {where}"
        return f"To {where}" if outgoing else f"From {where}"
    # The page comes first: a long name may be cut short here, it is whole on its own page.
    # The kind is said in words: a stub's arrow is too short to show a dash pattern.
    other = j.by_id[link.to_stage_id if outgoing else link.from_stage_id]
    name = other.name.strip() or "(unnamed stage)"
    if not outgoing:
        return f"{PAGE_STUB_FROM[link.kind]} page {other_page}: {name}"
    back = j.col_of[link.to_stage_id] <= j.col_of[link.from_stage_id]
    return f"{PAGE_STUB_TO[link.kind][back]} page {other_page}: {name}"


def _stubs(j: _Journey, on_page: set[int], page_of) -> dict[int, list[_StubSpec]]:
    """Links with one end on this page: to another page, or to another journey."""
    out: dict[int, list[_StubSpec]] = {}
    for link in j.inner:
        a, b = link.from_stage_id, link.to_stage_id
        if (a in on_page) != (b in on_page):
            here, outgoing = (a, True) if a in on_page else (b, False)
            other = page_of(b if outgoing else a)
            out.setdefault(here, []).append(
                _StubSpec(link, outgoing, other, _stub_text(j, link, outgoing, other)))
    for link in j.outer:
        outgoing = link.from_stage_id in j.by_id
        here = link.from_stage_id if outgoing else link.to_stage_id
        if here in on_page:
            out.setdefault(here, []).append(
                _StubSpec(link, outgoing, None, _stub_text(j, link, outgoing, None)))
    for specs in out.values():
        specs.sort(key=lambda sp: not sp.outgoing)  # what leaves first, then what arrives
    return out


def _route_kind(j: _Journey, link: LinkView) -> str:
    ca, cb = j.col_of[link.from_stage_id], j.col_of[link.to_stage_id]
    if cb <= ca:
        return "loop"  # below every lane, in the corridor
    return "adjacent" if cb == ca + 1 else "channel"  # channel: under the target's lane


def _wait_text(st: StageView) -> str:
    return waits_label(st.waiting_days)


class _LaneFit(NamedTuple):
    """What one lane takes on every page of a map, so pages laid side by side line up."""

    wait: float  # the row for wait labels above its boxes
    height: float


def _build_page(p: _Plan, c0: int, c1: int, number: int, count: int, page_of,
                fit: dict[int, _LaneFit], box_w: float, needs: dict | None = None,
                draw: bool = True) -> MapPage | bool:
    """Lay out columns c0..c1-1 as one page, with boxes box_w wide. `page_of(stage_id)`
    names the page of a stage that is not on this one. `fit`:
    each lane's least wait row and height; `needs`, if given, gathers what this page's lanes
    need without it (see _paginate). With draw=False only measure it (the lengths are the
    same): returns whether it overflows, for trying cuts; no box, line or arrow is made."""
    j, s = p.j, p.s
    cols = j.columns[c0:c1]
    on_page = {st.id for col in cols for st in col}
    stubs = _stubs(j, on_page, page_of)
    links = [lk for lk in j.inner if lk.from_stage_id in on_page and lk.to_stage_id in on_page]
    kinds = {lk.id: _route_kind(j, lk) for lk in links}
    channel_need = Counter(j.lane_of[lk.to_stage_id] for lk in links if kinds[lk.id] == "channel")
    col_x = {c0 + k: s.label_w + s.gutter + k * (box_w + s.gutter) for k in range(len(cols))}
    width = s.label_w + s.gutter + max(1, len(cols)) * (box_w + s.gutter)  # empty: one column

    lanes, boxes, stub_geo, waits, channel_y, y = _lay_lanes(
        p, cols, col_x, box_w, stubs, channel_need, fit, needs, draw)

    # The corridor under the last lane: loop-backs run here, clear of the lane's border.
    loops = [lk for lk in links if kinds[lk.id] == "loop"]
    corridor = [y + (k + 1.5) * s.y_track for k in range(len(loops))]
    if loops:
        y += (len(loops) + 2) * s.y_track

    note = HIDDEN_LANES if len(lanes) < len(j.lanes) else ""
    markers, key, y = _footer(p, number, count, width, y + s.lane_pad, note)
    overflows = y > p.spec.height + 1e-6 or width > p.spec.width + 1e-6
    if not draw:
        return overflows
    arrows = _route(p, links, kinds, boxes, channel_y, corridor, col_x, box_w)
    arrows += [a for _, a in stub_geo]
    texts = _attach_waits(arrows, waits)
    if not on_page:
        texts += _block([_Para("No stages in this journey yet.", s.italic, s.text)],
                        s.label_w + s.gutter, s.lane_pad, box_w)[0]
    return MapPage(
        number=number, count=count, width=width, height=y, label_width=s.label_w,
        title=_title(s, j.view.title, number, count, p.spec.width),
        lanes=tuple(lanes), boxes=tuple(boxes.values()), arrows=tuple(arrows),
        stubs=tuple(st for st, _ in stub_geo), texts=tuple(texts + markers), key=tuple(key),
        continued_from=number - 1 if number > 1 else None,
        continued_on=number + 1 if number < count else None, overflows=overflows)


def _lay_lanes(p: _Plan, cols, col_x, box_w: float, stubs, channel_need, fit, needs,
               draw: bool = True):
    """Each lane: label, then (a row for wait labels,) boxes top-aligned so same-lane arrows
    run straight, the stubs under each box, then a channel for arrows that skip columns.
    A lane is at least as tall as `fit` says, its boxes at least as low. Returns the lanes,
    boxes, stubs, wait labels, channels and the lanes' bottom; with draw=False only the
    lanes (as their indices) and the bottom, measured the same way."""
    j, s = p.j, p.s
    lanes, boxes, stub_geo, waits, channel_y = [], {}, [], {}, {}
    y = 0.0
    for li, lane in enumerate(j.lanes):
        members = [st for col in cols for st in col if j.lane_of[st.id] == li]
        if p.compact and cols and not members:
            continue
        label = p.text((_Para(lane.name.strip() or NO_LEAD, s.bold, s.text),),
                       s.label_w - 2 * s.pad)
        label_h = label.height(y + s.lane_pad)
        wait_texts = {st.id: p.text((_Para(w, s.italic, s.text),), box_w)
                      for st in members if (w := _wait_text(st))}
        wait_h = max((text.height(0) for text in wait_texts.values()), default=0.0)
        wait_h += 0.15 * s.name if wait_h else 0.0
        least = fit.get(li, _LaneFit(0.0, 0.0))
        wait_need, wait_h = wait_h, max(wait_h, least.wait)
        top = y + s.lane_pad + wait_h
        bottom = y + s.lane_pad + label_h
        for st in members:
            x = col_x[j.col_of[st.id]]
            runs, h = p.box_text(st, box_w)
            if draw:
                boxes[st.id] = box = StageBox(
                    st.id, x, top, box_w, h, _shift(runs, x, top), j.level_of[st.id],
                    st.level_name, s.band, li, j.col_of[st.id], st.archived)
                if st.id in wait_texts:
                    runs, wh = wait_texts[st.id].place(x, 0)
                    waits[st.id] = _shift(runs, 0, top - 0.15 * s.name - wh)
            below = top + h  # the box's bottom
            for spec in stubs.get(st.id, ()):
                if draw:
                    stub, arrow = _stub(p, box, spec, below + 0.4 * s.name)
                    stub_geo.append((stub, arrow))
                    below = stub.y + stub.h
                else:
                    stub_top = below + 0.4 * s.name
                    below = stub_top + _stub_lines(p, spec, box_w).height(stub_top)
            bottom = max(bottom, below)
        tracks = channel_need.get(li, 0)
        channel_y[li] = [bottom + 0.75 * s.lane_pad + k * s.y_track for k in range(tracks)]
        height = bottom - y + s.lane_pad + tracks * s.y_track
        if needs is not None:
            had = needs.get(li, _LaneFit(0.0, 0.0))
            needs[li] = _LaneFit(max(had.wait, wait_need), max(had.height, height))
        height = max(height, least.height)
        lanes.append(LaneBand(li, lane.agency_id, lane.name, y, height,
                              tuple(label.place(s.pad, y + s.lane_pad)[0]), len(lanes) % 2)
                     if draw else li)
        y += height
    return lanes, boxes, stub_geo, waits, channel_y, y


def _stub_lines(p: _Plan, spec: _StubSpec, box_w: float) -> _Text:
    s = p.s
    lines = STUB_LINES if spec.other_page is None else PAGE_STUB_LINES
    return p.text((_Para(spec.text, s.italic, s.text, 0.0, lines),), box_w - s.band - s.icon)


def _stub(p: _Plan, box: StageBox, spec: _StubSpec, top: float) -> tuple[Stub, Arrow]:
    s = p.s
    x = box.x + s.band
    runs, h = _stub_lines(p, spec, box.w).place(x + s.icon, top)
    mid = top + s.text * LEADING / 2
    length = s.icon - 0.3 * s.name
    if spec.outgoing:  # points away, along the text
        points = ((x, mid), (x + length, mid))
    else:  # points up, into the box
        cx = x + length / 2
        points = ((cx, top + s.text * LEADING), (cx, top))
    link = spec.link
    arrow = Arrow(points, link.kind, link.from_stage_id, link.to_stage_id, link.id,
                  stub=True)
    stub = Stub(box.stage_id, link.id, link.kind, spec.outgoing, spec.other_page, spec.text,
                x, top, box.w - s.band, h, tuple(runs))
    return stub, arrow


def _route(p: _Plan, links, kinds, boxes, channel_y, corridor, col_x, box_w) -> list[Arrow]:
    """Orthogonal routes that keep to the gutters, the channels under lanes and the corridor
    under the last lane, so no arrow crosses a box. Every arrow has its own exit point on its
    source's right edge, its own entry point on its target's left edge and its own vertical
    runs in the gutters, so no two arrows share a stretch of line.

    Nothing here walks the link graph: the links are sorted by plain keys (the y they run
    to or come from), then each gets its ports and its tracks."""
    j, s = p.j, p.s
    order = {lk.id: n for n, lk in enumerate(links)}

    # The middle of a route that skips columns: a channel track or a corridor track.
    used, loop, mid = Counter(), 0, {}
    for lk in links:
        if kinds[lk.id] == "channel":
            lane = j.lane_of[lk.to_stage_id]
            mid[lk.id] = channel_y[lane][used[lane]]
            used[lane] += 1
        elif kinds[lk.id] == "loop":
            mid[lk.id] = corridor[loop]
            loop += 1

    # Ports: exits sorted by where the arrow heads (upwards first), entries by where it
    # comes from (from above first), so that arrows of one box do not cross each other.
    def exit_key(lk):
        far = boxes[lk.to_stage_id].y if kinds[lk.id] == "adjacent" else mid[lk.id]
        return far, order[lk.id]

    def entry_key(lk):
        near = boxes[lk.from_stage_id].y if kinds[lk.id] == "adjacent" else mid[lk.id]
        return near, order[lk.id]

    exit_y, entry_y = {}, {}
    for ports, end, key in ((exit_y, "from_stage_id", exit_key),
                            (entry_y, "to_stage_id", entry_key)):
        by_box: dict[int, list] = {}
        for lk in links:
            by_box.setdefault(getattr(lk, end), []).append(lk)
        for sid, lks in by_box.items():
            lks.sort(key=key)
            ports.update(zip((lk.id for lk in lks), _ports(s, boxes[sid], len(lks)),
                             strict=True))

    # Vertical runs, by gutter (gutter g lies left of column g). Each run has its
    # horizontals at y1 (towards the left) and y2 (towards the right), except a loop's: its
    # runs' horizontals both go the same way.
    runs: dict[int, list] = {}
    for lk in links:
        a, b, kind = lk.from_stage_id, lk.to_stage_id, kinds[lk.id]
        ya, yb = exit_y[lk.id], entry_y[lk.id]
        far = yb if kind == "adjacent" else mid[lk.id]
        if kind == "loop":
            runs.setdefault(j.col_of[a] + 1, []).append(((0, far), lk.id, "out"))
            runs.setdefault(j.col_of[b], []).append(((3, -far), lk.id, "in"))
            continue
        if abs(far - ya) > 1e-9:
            key = (1, far) if far < ya else (2, -far)
            runs.setdefault(j.col_of[a] + 1, []).append((key, lk.id, "out"))
        if kind == "channel" and abs(far - yb) > 1e-9:
            key = (1, yb) if yb < far else (2, -yb)
            runs.setdefault(j.col_of[b], []).append((key, lk.id, "in"))

    xs: dict[tuple[int, str], float] = {}
    for g, group in runs.items():
        left = col_x[g - 1] + box_w if g - 1 in col_x else s.label_w
        right = col_x[g] if g in col_x else left + s.gutter
        lo, hi = left + s.out_base, right - s.in_base
        group.sort(key=lambda run: (run[0], order[run[1]], run[2]))
        step = min(s.x_track, (hi - lo) / (len(group) - 1)) if len(group) > 1 else 0.0
        x0 = (lo + hi) / 2 - step * (len(group) - 1) / 2
        for k, (_, link_id, end) in enumerate(group):
            xs[link_id, end] = x0 + k * step

    arrows = []
    for lk in links:
        a, b, kind = boxes[lk.from_stage_id], boxes[lk.to_stage_id], kinds[lk.id]
        ya, yb = exit_y[lk.id], entry_y[lk.id]
        x_out = xs.get((lk.id, "out"), a.right + s.out_base)
        if kind == "adjacent":
            pts = [(a.right, ya), (x_out, ya), (x_out, yb), (b.x, yb)]
        else:
            x_in = xs.get((lk.id, "in"), b.x - s.in_base)
            ym = mid[lk.id]
            pts = [(a.right, ya), (x_out, ya), (x_out, ym), (x_in, ym), (x_in, yb), (b.x, yb)]
        arrows.append(Arrow(_tidy(pts), lk.kind, lk.from_stage_id, lk.to_stage_id, lk.id,
                            loop_back=kind == "loop"))
    return arrows


def _ports(s: _Sizes, box: StageBox, n: int) -> list[float]:
    """n points down a box's side, from the middle of the name's first line, evenly spaced
    and closer together if the box is short."""
    top = box.y + min(s.pad + s.name * LEADING / 2, box.h / 2)
    if n <= 1:
        return [top] * n
    bottom = box.y + box.h - max(s.pad, 3.0)
    step = min(s.port_gap, max(0.0, bottom - top) / (n - 1))
    return [top + k * step for k in range(n)]


def _tidy(points) -> tuple[Point, ...]:
    """Drop repeated points and the middle of three in a straight line."""
    out: list[Point] = []
    for pt in points:
        if out and abs(pt[0] - out[-1][0]) < 1e-9 and abs(pt[1] - out[-1][1]) < 1e-9:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (abs(x0 - x1) < 1e-9 and abs(x1 - pt[0]) < 1e-9) or \
               (abs(y0 - y1) < 1e-9 and abs(y1 - pt[1]) < 1e-9):
                out[-1] = pt
                continue
        out.append(pt)
    return tuple(out)


def _attach_waits(arrows: list[Arrow], waits) -> list[TextRun]:
    """A wait is a hand-off: its label goes on the first arrow into the stage (it sits just
    above the box, by the arrowhead). A stage with no arrow in on this page keeps it as text."""
    left = dict(waits)
    for i, arrow in enumerate(arrows):
        runs = left.get(arrow.to_stage_id)
        if runs is not None and len(runs) == 1:
            arrows[i] = replace(arrow, label=runs[0])
            del left[arrow.to_stage_id]
    return [run for runs in left.values() for run in runs]


def _line(text: str, font: str, size: float, x: float, top: float) -> TextRun:
    return _block([_Para(text, font, size)], x, top, float("inf"))[0][0]


def _footer(p: _Plan, number: int, count: int, width: float, top: float, note: str):
    """'Continued' markers (from: left, on: right, on one row if they fit), then the key."""
    s = p.s
    lead = s.text * LEADING
    runs: list[TextRun] = []
    rows = 0
    if number > 1:
        runs.append(_line(f"Continued from page {number - 1}", s.bold, s.text, 0, top))
        rows = 1
    if number < count:
        on = _line(f"Continued on page {number + 1}", s.bold, s.text, 0, top)
        row = 1 if runs and runs[0].width + on.width + 2 * s.name > width else 0
        runs.append(_shift([on], width - on.width, row * lead)[0])
        rows = row + 1
    y = top + rows * lead
    key, h = p.text((_Para(KEY + note, s.font, s.text, 0.1 * s.name),), width).place(0, y)
    return runs, key, y + h


def _title(s: _Sizes, title: str, number: int, count: int, width: float) -> TextRun:
    suffix = f" (map page {number} of {count})" if count > 1 else ""
    base = title.strip() or "Journey"
    room = width - text_width(suffix, s.bold, TITLE_SIZE)
    if text_width(base, s.bold, TITLE_SIZE) > room:
        base = _ellipsis(base, s.bold, TITLE_SIZE, room)
    text = base + suffix
    return TextRun(text, 0.0, -7.0, s.bold, TITLE_SIZE, text_width(text, s.bold, TITLE_SIZE))


# --- pages ----------------------------------------------------------------------------------------

def _split(n: int, per_page: int) -> list[tuple[int, int]]:
    """n columns cut into as few pages of at most per_page as will do, balanced (a page
    holds at most one column more than another), fuller pages first."""
    count = max(1, ceil(n / per_page))
    base, extra = divmod(n, count)
    ranges, c0 = [], 0
    for k in range(count):
        c1 = c0 + base + (1 if k < extra else 0)
        ranges.append((c0, c1))
        c0 = c1
    return ranges


@dataclass(frozen=True)
class _Cut:
    """Columns cut into pages, measured: the pages themselves are made only for the cut
    chosen (trying cuts measures lanes and text, and makes no boxes, lines or arrows)."""

    plan: _Plan
    ranges: tuple[tuple[int, int], ...]
    fit: dict  # each lane's least wait row and height, as the pages were measured with
    box_w: float
    overflows: tuple[bool, ...]

    @property
    def overflow(self) -> bool:  # even one column is too tall for a page
        return any(self.overflows)

    @property
    def count(self) -> int:
        return len(self.ranges)

    def pages(self) -> tuple[MapPage, ...]:
        known = _page_of(self.plan, self.ranges)
        return tuple(_build_page(self.plan, c0, c1, number, self.count, known.get, self.fit,
                                 self.box_w)
                     for number, (c0, c1) in enumerate(self.ranges, start=1))


def _page_of(p: _Plan, ranges) -> dict[int, int]:
    return {st.id: number for number, (c0, c1) in enumerate(ranges, start=1)
            for col in p.j.columns[c0:c1] for st in col}


def _cut(p: _Plan, per_page: int, even: bool, give_up: bool = False) -> _Cut | None:
    """The pages of one cut. `even`: each lane as tall on every page as on the page where it
    needs most (and its boxes as low), so a reader can lay the pages side by side. Raising
    a wait row can raise its lane, so this measures again until nothing grows: the cut is
    fixed, so heights only rise towards a bound, and it ends (in two or three rounds).
    `give_up`: None as soon as a page overflows (it would in the last round too, since
    heights only rise), for a cut that is no use if it overflows."""
    ranges = tuple(_split(len(p.j.columns), per_page))
    known = _page_of(p, ranges)
    box_w = p.box_width(per_page, even)
    fit: dict[int, _LaneFit] = {}
    while True:
        needs: dict[int, _LaneFit] = {}
        overflows = []
        for number, (c0, c1) in enumerate(ranges, start=1):
            overflows.append(_build_page(p, c0, c1, number, len(ranges), known.get, fit,
                                         box_w, needs, draw=False))
            if give_up and overflows[-1]:
                return None
        overflows = tuple(overflows)
        grown = {li: _LaneFit(max(need.wait, fit[li].wait), max(need.height, fit[li].height))
                 if li in fit else need for li, need in needs.items()}
        if not even or len(ranges) == 1 or grown == fit:
            return _Cut(p, ranges, fit, box_w, overflows)
        fit = grown


def _paginate(p: _Plan, even: bool, most: int | None = None) -> _Cut | None:
    """As many columns a page as fit the width (in balanced pages), fewer while the lanes
    do not fit the height. With one column a page a page may still overflow (very many
    lanes: MapPage.overflows says so). None if that takes more than `most` pages."""
    n = len(p.j.columns)
    if not n:
        box_w = p.box_width(1)
        return _Cut(p, ((0, 0),), {}, box_w,
                    (_build_page(p, 0, 0, 1, 1, {}.get, {}, box_w, draw=False),))
    per_page = p.per_page
    while True:
        count = ceil(n / per_page)
        if most is not None and count > most:
            return None
        cut = _cut(p, per_page, even, give_up=per_page > 1)
        if cut is not None:  # fits (or has one column a page and cannot fit)
            return cut
        per_page = min(per_page - 1, ceil(n / (count + 1)))  # one page more at least


def _font_sizes(spec: PageSpec) -> list[float]:
    sizes, size = [], max(spec.max_font, spec.min_font)
    while size > spec.min_font + 1e-9:
        sizes.append(size)
        size -= 0.5
    return sizes + [spec.min_font]


def _best(j: _Journey, page: PageSpec, compact: bool, even: bool = False,
          most: int | None = None, caches: dict | None = None) -> _Cut | None:
    """The text size that needs the fewest pages (and does not overflow), the largest of
    those; None if every size takes more than `most` pages."""
    best = None
    for size in _font_sizes(page):  # largest first
        plan = _plan(j, page, size, compact, caches)
        fewer = most
        if best is not None and not best.overflow:  # only fewer pages would do better
            fewer = best.count - 1 if most is None else min(most, best.count - 1)
        cut = _paginate(plan, even, fewer)
        if cut is None:
            continue
        if best is None or (cut.overflow, cut.count) < (best.overflow, best.count):
            best = cut
    return best


def layout_journey(journey: JourneyView, page: PageSpec = A4_LANDSCAPE,
                   level_order=()) -> MapFigure:
    """Lay a journey out on as few pages as its text allows at min_font or more, at the
    largest text size that needs no more pages. Every lane is on every page, unless there
    are so many lanes that they cannot fit, or would take twice the pages: then each page
    shows the lanes of its own stages, and says so. `level_order`: the project's level ids
    in order, so that a level has the same band on every map."""
    if page.width < 200 or page.height < 150 or page.min_font <= 0:
        raise ValueError("The page is too small for a journey map.")
    j = _index(journey, level_order)
    caches: dict = {}
    choice = natural = _best(j, page, compact=False, caches=caches)
    if natural.count > 1 and not natural.overflow:
        even = _best(j, page, compact=False, even=True, most=floor(EVEN_COST * natural.count),
                     caches=caches)
        if even is not None and not even.overflow:
            choice = even
    if natural.overflow or natural.count > 1:
        compact = _best(j, page, compact=True, caches=caches)
        if not compact.overflow and (
                natural.overflow or natural.count >= COMPACT_SAVING * compact.count):
            choice = compact
    return MapFigure(journey.id, journey.title, page, choice.plan.s.name, j.levels,
                     choice.pages())
