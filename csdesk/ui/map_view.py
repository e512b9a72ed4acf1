"""The journey map on screen, and its PNG and SVG export.

csdesk/figures/journey_map.py lays a journey out once, in points; csdesk/report/journey_map.py
draws that geometry with reportlab and `paint_page` here draws the same geometry with QPainter,
in the same order and the same styles (the report's colours, level tints, dash patterns and
line widths are imported from it, not copied), so the screen and the PDF never disagree. One
scene unit is one point, y downwards. Nothing is measured, wrapped or moved here.

Text: the layout measured it with the report's DejaVu Sans, so Qt is given the very same TTF
files (`load_fonts`). A Qt font's metrics are rounded to whole pixels of its own size, so each
run is drawn with a font TEXT_SCALE times too big in a painter scaled down by as much: its
advances then equal reportlab's widths to well under a hundredth of a point, at any zoom.

`MapView` shows a MapFigure (lay it out for the screen with SCREEN_PAGE: one continuous page;
a figure of several pages is shown as pages one under the other) on paper-white pages over
the palette's background, zoomable, with one stage selected at a time by mouse or keyboard.
Screen readers get the whole journey from the Outline tab; the map says what is selected."""

from collections.abc import Iterable, Sequence
from functools import lru_cache
from math import ceil
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor, QFont, QFontDatabase, QFontMetricsF, QGuiApplication, QImage, QPainter,
    QPainterPath, QPaintEngine, QPalette, QPen, QPolygonF, QTransform,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QScrollArea, QSizePolicy, QToolTip, QWidget

from .. import fonts
from ..atomic import write_atomically
from ..figures.journey_map import (
    A4_LANDSCAPE, ARROW_HEAD, ARROW_STYLE, TITLE_ROOM, MapFigure, MapPage, PageSpec, StageBox,
    TextRun, layout_journey,
)
from ..report import map_style as report
from ..report import styles
from ..services.journey_view import JourneyView

SCREEN_PAGE = PageSpec(1e6, 1e6)  # the screen's layout: one page, as wide as the journey
PAPER_MARGIN = 12.0  # white paper round the map (and its title) on screen and in exports
SCENE_MARGIN = 10.0  # the background round the paper on screen, in points
PAGE_GAP = 16.0  # between the pages of a several-page figure on screen
TEXT_SCALE = 64  # see the module's docstring
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
SELECTED_BORDER = 1.6  # the selected box's own border, heavier than report.BORDER
RING = 2.6  # the highlight ring round it, outside the border

HELP = ("Swimlane map of the journey: one lane per lead agency, stages left to right. "
        "Arrow keys move between stages (left and right along the journey, up and down "
        "between lanes), Enter opens the selected stage, plus and minus zoom. "
        "The Outline tab has the whole journey in words.")

# reportlab font name -> (bold, italic)
_FONT_STYLE = {fonts.FONT: (False, False), fonts.BOLD: (True, False),
               fonts.ITALIC: (False, True), fonts.BOLD_ITALIC: (True, True)}


# --- colours and pens, from the report's own ---------------------------------------------------

def qcolor(colour) -> QColor:
    """A reportlab colour as a QColor."""
    return QColor.fromRgbF(colour.red, colour.green, colour.blue)


INK, MUTED, RULE = qcolor(styles.INK), qcolor(styles.MUTED), qcolor(styles.RULE)
WHITE = QColor(Qt.GlobalColor.white)


def level_colour(index: int) -> QColor:
    """The band tint of a level: the report's level_fill."""
    return qcolor(report.level_fill(index))


def _pen(colour: QColor, width: float, dashes: Sequence[float] = ()) -> QPen:
    """reportlab's defaults: butt caps, mitred joins; dashes in points (Qt's are in line
    widths)."""
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    if dashes:
        pen.setDashPattern([d / width for d in dashes])
    return pen


# --- fonts ------------------------------------------------------------------------------------

_families: dict[str, str] = {}


def load_fonts() -> dict[str, str]:
    """Loads the report's TTFs into Qt (once) and returns reportlab name -> Qt family.
    Needs a QGuiApplication."""
    if not _families:
        _need_app()
        for name in _FONT_STYLE:
            font_id = QFontDatabase.addApplicationFont(str(fonts.font_file(name)))
            found = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            _families[name] = found[0] if found else ""
    return _families


@lru_cache(maxsize=64)
def qt_font(name: str, size: float) -> QFont:
    """The Qt font for a TextRun's font and size, TEXT_SCALE times too big (see the module's
    docstring): draw it in a painter scaled down by TEXT_SCALE."""
    family = load_fonts().get(name) or load_fonts()[fonts.FONT]
    bold, italic = _FONT_STYLE.get(name, _FONT_STYLE[fonts.FONT])
    font = QFont(family) if family else QFont()
    font.setBold(bold)
    font.setItalic(italic)
    font.setPixelSize(max(1, round(size * TEXT_SCALE)))
    font.setKerning(False)  # reportlab's stringWidth does not kern
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


@lru_cache(maxsize=64)
def svg_font(name: str, size: float) -> QFont:
    """The font of a TextRun for an SVG: one point a user unit (QSvgGenerator at 72 dpi)."""
    font = QFont(qt_font(name, size))
    font.setPointSizeF(size)
    return font


def run_width(run: TextRun) -> float:
    """What Qt makes of a run's width, in points (compare run.width)."""
    return QFontMetricsF(qt_font(run.font, run.size)).horizontalAdvance(run.text) / TEXT_SCALE


# --- one page ---------------------------------------------------------------------------------

def page_rect(page: MapPage, title: bool = True) -> QRectF:
    """The paper of one page in its own coordinates (points, y down): the map, its title line
    above it, and PAPER_MARGIN all round, made up to whole points (so a picture of it is a
    whole number of pixels at a whole scale, and an SVG's size is its view box)."""
    rect = QRectF(0.0, -TITLE_ROOM if title else 0.0, page.width,
                  page.height + (TITLE_ROOM if title else 0.0))
    if title and page.title:  # the screen's title is never cut, and may be the widest thing
        rect = rect.united(QRectF(page.title.x, -TITLE_ROOM, page.title.width, TITLE_ROOM))
    rect = rect.adjusted(-PAPER_MARGIN, -PAPER_MARGIN, PAPER_MARGIN, PAPER_MARGIN)
    rect.setSize(QSizeF(ceil(rect.width() - 1e-6), ceil(rect.height() - 1e-6)))
    return rect


def paint_page(painter: QPainter, page: MapPage, selected: int | None = None,
               highlight: QColor | None = None, title: bool = True) -> None:
    """Draws one map page with its top-left at the painter's (0, 0), one unit a point, y down:
    the white paper (page_rect), then what the report draws, in its order. `selected`: the
    stage to mark (a heavier border and a ring in `highlight`, the palette's highlight)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(page_rect(page, title), WHITE)
    _lanes(painter, page)
    _boxes(painter, page)
    if selected is not None and (box := page.box(selected)) is not None:
        _selection(painter, box, highlight or QColor("#1f5fbf"))
    for arrow in page.arrows:
        _arrow(painter, arrow.points, ARROW_STYLE.get(arrow.kind, "solid"))
    for stub in page.stubs:
        draw_texts(painter, stub.lines)
    draw_texts(painter, [a.label for a in page.arrows if a.label])
    draw_texts(painter, page.texts)
    draw_texts(painter, page.key, MUTED)
    if title and page.title:
        draw_texts(painter, [page.title])
    painter.restore()


def _lanes(painter: QPainter, page: MapPage) -> None:
    painter.setPen(_pen(RULE, 0.4))
    for lane in page.lanes:
        painter.setBrush(qcolor(report.LANE_FILLS[lane.shade]))
        painter.drawRect(QRectF(0.0, lane.y, page.width, lane.height))
        painter.setBrush(qcolor(report.LABEL_FILL))
        painter.drawRect(QRectF(0.0, lane.y, page.label_width, lane.height))
    for lane in page.lanes:
        draw_texts(painter, lane.label)


def paint_lane_labels(painter: QPainter, page: MapPage) -> None:
    """The lane-label column alone (the screen keeps it in view when the map scrolls right),
    with a darker right edge that says it floats over the map."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(_pen(RULE, 0.4))
    painter.setBrush(qcolor(report.LABEL_FILL))
    for lane in page.lanes:
        painter.drawRect(QRectF(0.0, lane.y, page.label_width, lane.height))
    if page.lanes:
        top, bottom = page.lanes[0].y, page.lanes[-1].y + page.lanes[-1].height
        painter.setPen(_pen(MUTED, 1.0))
        painter.drawLine(QPointF(page.label_width, top), QPointF(page.label_width, bottom))
    for lane in page.lanes:
        draw_texts(painter, lane.label)
    painter.restore()


def _boxes(painter: QPainter, page: MapPage) -> None:
    for box in page.boxes:
        painter.setPen(_pen(INK, report.BORDER, (3, 2) if box.archived else ()))
        painter.setBrush(WHITE)
        painter.drawRect(QRectF(box.x, box.y, box.w, box.h))
        if box.level_index is not None:
            painter.setBrush(level_colour(box.level_index))
            painter.drawRect(QRectF(box.x, box.y, box.band_width, box.h))
    for box in page.boxes:
        draw_texts(painter, box.lines)


def _selection(painter: QPainter, box: StageBox, highlight: QColor) -> None:
    """Not colour alone: the box's own border turns heavy, and a ring goes round it."""
    rect = QRectF(box.x, box.y, box.w, box.h)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(INK, SELECTED_BORDER, (3, 2) if box.archived else ()))
    painter.drawRect(rect)
    out = SELECTED_BORDER / 2 + RING / 2
    painter.setPen(_pen(highlight, RING))
    painter.drawRect(rect.adjusted(-out, -out, out, out))


def _arrow(painter: QPainter, points, style: str) -> None:
    painter.setPen(_pen(INK, report.LINE, report.DASHES[style]))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath(QPointF(*points[0]))
    for point in points[1:-1]:
        path.lineTo(*point)
    # the line stops where the head starts, as in the report
    (x0, y0), (x1, y1) = points[-2], points[-1]
    length = max(abs(x1 - x0), abs(y1 - y0)) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    head, half = ARROW_HEAD
    base = (x1 - ux * head, y1 - uy * head)
    path.lineTo(*base)
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(INK)
    painter.drawPolygon(QPolygonF([QPointF(x1, y1),
                                   QPointF(base[0] - uy * half, base[1] + ux * half),
                                   QPointF(base[0] + uy * half, base[1] - ux * half)]))


def draw_texts(painter: QPainter, runs: Iterable[TextRun], colour: QColor = INK) -> None:
    """Each run with its baseline at (x, y), in a font TEXT_SCALE times too big drawn in a
    painter scaled down as much. SVG keeps text as text (Qt does not lay it out), so there
    each run is written plainly, at its size in points."""
    painter.setPen(colour)
    if painter.paintEngine().type() == QPaintEngine.Type.SVG:
        for run in runs:
            painter.setFont(svg_font(run.font, run.size))
            painter.drawText(QPointF(run.x, run.y), run.text)
        return
    base = painter.worldTransform()
    shrink = 1.0 / TEXT_SCALE
    for run in runs:
        painter.setWorldTransform(QTransform(shrink, 0, 0, shrink, run.x, run.y) * base)
        painter.setFont(qt_font(run.font, run.size))
        painter.drawText(QPointF(0.0, 0.0), run.text)
    painter.setWorldTransform(base)


# --- layout helpers for screens -----------------------------------------------------------------

def layout_for_screen(journey: JourneyView, level_order: Sequence[int] = ()) -> MapFigure:
    """The journey as one continuous page (the screen's layout)."""
    return layout_journey(journey, SCREEN_PAGE, tuple(level_order))


def layout_for_paper(journey: JourneyView, level_order: Sequence[int] = (),
                     spec: PageSpec = A4_LANDSCAPE) -> MapFigure:
    """The journey cut into pages as the PDF has it."""
    return layout_journey(journey, spec, tuple(level_order))


def stage_name(box: StageBox) -> str:
    """A box's stage name, from its bold lines (the layout never cuts a name)."""
    bold = [r.text for r in box.lines if r.font == styles.BOLD]
    return " ".join(bold) if bold else "(unnamed stage)"


# --- the widget -------------------------------------------------------------------------------

class MapView(QWidget):
    """A journey map to look at and move around. Put it in a QScrollArea (`scroll_area`
    makes one). Signals carry stage ids."""

    stage_selected = Signal(int)  # the selection moved to this stage (click, keys, code)
    stage_activated = Signal(int)  # Enter or a double click on a stage: open it
    zoom_changed = Signal(float)

    def __init__(self, figure: MapFigure | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        load_fonts()
        self.setObjectName("journey_map")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # grows with its scroll area's viewport; never shrinks below the map (it scrolls)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self.setAccessibleName("Journey map")
        self.setAccessibleDescription(HELP)
        self._figure: MapFigure | None = None
        self._placed: list[tuple[MapPage, QPointF, QRectF]] = []  # page, origin, paper
        self._scene_w = self._scene_h = 0.0
        self._names: dict[int, str] = {}
        self._selected: int | None = None
        self._zoom = 1.0
        self.set_figure(figure)

    # ----- content -----

    @property
    def figure(self) -> MapFigure | None:
        return self._figure

    def set_journey(self, journey: JourneyView, level_order: Sequence[int] = ()) -> None:
        """Lays the journey out for the screen and shows it (selection kept if it can be)."""
        self.set_figure(layout_for_screen(journey, level_order),
                        {s.id: s.name for s in journey.stages})

    def set_figure(self, figure: MapFigure | None, names: dict[int, str] | None = None) -> None:
        """Shows a laid-out map. The selected stage stays selected if it is still there.
        `names`: stage id -> name for the accessible description (else read off the boxes)."""
        self._figure = figure
        self._placed = []
        y, width = SCENE_MARGIN, 0.0
        for page in figure.pages if figure else ():
            paper = page_rect(page)
            self._placed.append((page, QPointF(SCENE_MARGIN - paper.x(), y - paper.y()), paper))
            y += paper.height() + PAGE_GAP
            width = max(width, paper.width())
        self._scene_w = width + 2 * SCENE_MARGIN if self._placed else 0.0
        self._scene_h = y - PAGE_GAP + SCENE_MARGIN if self._placed else 0.0
        self._names = dict(names or {})
        for _, box in self._boxes():
            self._names.setdefault(box.stage_id, stage_name(box))
        if self._selected is not None and self._find(self._selected) is None:
            self._selected = None
        self._describe()
        self._refit()

    def stage_ids(self) -> list[int]:
        return [box.stage_id for _, box in self._boxes()]

    # ----- selection -----

    def selected_stage(self) -> int | None:
        return self._selected

    def select_stage(self, stage_id: int | None, notify: bool = True) -> bool:
        """Selects a stage (None: nothing) and scrolls it into view. Emits stage_selected if
        the selection changed and `notify`. False if the stage is not on the map."""
        if stage_id is not None and self._find(stage_id) is None:
            return False
        changed = stage_id != self._selected
        self._selected = stage_id
        self._describe()
        self.update()
        if stage_id is not None:
            self.ensure_stage_visible(stage_id)
        if changed and notify and stage_id is not None:
            self.stage_selected.emit(stage_id)
        return True

    def stage_rect(self, stage_id: int) -> QRectF | None:
        """A stage's box in this widget's coordinates (pixels)."""
        found = self._find(stage_id)
        if found is None:
            return None
        origin, box = found
        s = self.pixels_per_point()
        return QRectF((origin.x() + box.x) * s, (origin.y() + box.y) * s, box.w * s, box.h * s)

    def stage_at(self, pos: QPointF) -> int | None:
        """The stage whose box is under a point of this widget."""
        s = self.pixels_per_point()
        x, y = pos.x() / s, pos.y() / s
        for page, origin, paper in self._placed:
            local = QPointF(x - origin.x(), y - origin.y())
            sticky = self._sticky_left(page, origin)
            if sticky is not None and sticky <= local.x() <= sticky + page.label_width:
                return None  # under the lane names kept in view
            if paper.contains(local) and (box := page.box_at(local.x(), local.y())):
                return box.stage_id
        return None

    def ensure_stage_visible(self, stage_id: int) -> None:
        area, rect = self.scroll_area(), self.stage_rect(stage_id)
        if area is None or rect is None:
            return
        view = area.viewport().size()
        margin = 16
        labels = max((p.label_width for p, _, _ in self._placed), default=0.0)
        labels *= self.pixels_per_point()  # the lane names kept in view must not hide it
        xm = max(0, min(int(rect.width() / 2 + labels) + margin, view.width() // 2))
        ym = max(0, min(int(rect.height() / 2) + margin, view.height() // 2))
        area.ensureVisible(int(rect.center().x()), int(rect.center().y()), xm, ym)

    def _boxes(self) -> list[tuple[QPointF, StageBox]]:
        return [(origin, box) for page, origin, _ in self._placed for box in page.boxes]

    def _find(self, stage_id: int) -> tuple[QPointF, StageBox] | None:
        return next(((o, b) for o, b in self._boxes() if b.stage_id == stage_id), None)

    def _describe(self) -> None:
        found = self._find(self._selected) if self._selected is not None else None
        if found is None:
            title = self._figure.title.strip() if self._figure else ""
            self.setAccessibleDescription(f"{title}. {HELP}" if title else HELP)
            return
        box = found[1]
        lane = next((lane.name for page, _, _ in self._placed
                     if page.box(box.stage_id) and (lane := page.lane(box.lane))), "")
        level = box.level_name.strip() or "level not set"
        self.setAccessibleDescription(
            f"Selected: {self._names.get(box.stage_id) or stage_name(box)}, {lane}, {level}")

    def _step(self, key) -> int | None:
        """The stage the key moves to: Left / Right along the columns (the nearest lane in
        the next column), Up / Down to the next lane that has a stage (the nearest column),
        Home / End to the first / last column."""
        boxes = [b for _, b in self._boxes()]
        if not boxes:
            return None
        found = self._find(self._selected) if self._selected is not None else None
        if found is None:
            return min(boxes, key=lambda b: (b.column, b.lane)).stage_id
        cur = found[1]
        K = Qt.Key
        moves = {
            K.Key_Right: (lambda b: b.column > cur.column,
                          lambda b: (b.column, abs(b.lane - cur.lane), b.lane)),
            K.Key_Left: (lambda b: b.column < cur.column,
                         lambda b: (-b.column, abs(b.lane - cur.lane), b.lane)),
            K.Key_Down: (lambda b: b.lane > cur.lane,
                         lambda b: (b.lane, abs(b.column - cur.column), b.column)),
            K.Key_Up: (lambda b: b.lane < cur.lane,
                       lambda b: (-b.lane, abs(b.column - cur.column), b.column)),
            K.Key_Home: (lambda b: True, lambda b: (b.column, abs(b.lane - cur.lane), b.lane)),
            K.Key_End: (lambda b: True, lambda b: (-b.column, abs(b.lane - cur.lane), b.lane)),
        }
        allowed, order = moves[key]
        candidates = [b for b in boxes if allowed(b)]
        return min(candidates, key=order).stage_id if candidates else cur.stage_id

    # ----- zoom -----

    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """`anchor`: a point of this widget to keep where it is on screen (the mouse)."""
        factor = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], float(factor)))
        if abs(factor - self._zoom) < 1e-9:
            return
        area = self.scroll_area()
        keep = None
        if area is not None and anchor is not None:
            old = self.pixels_per_point()
            keep = (anchor.x() / old, anchor.y() / old,
                    anchor.x() - area.horizontalScrollBar().value(),
                    anchor.y() - area.verticalScrollBar().value())
        self._zoom = factor
        self._refit()
        if keep is not None:
            s = self.pixels_per_point()
            area.horizontalScrollBar().setValue(round(keep[0] * s - keep[2]))
            area.verticalScrollBar().setValue(round(keep[1] * s - keep[3]))
        elif self._selected is not None:
            self.ensure_stage_visible(self._selected)
        self.zoom_changed.emit(factor)

    def zoom_in(self, anchor: QPointF | None = None) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom + 1e-9), ZOOM_STEPS[-1]),
                      anchor)

    def zoom_out(self, anchor: QPointF | None = None) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self._zoom - 1e-9),
                           ZOOM_STEPS[0]), anchor)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def pixels_per_point(self) -> float:
        """Screen pixels per point: the map's zoom, at the screen's logical DPI, times
        View > Zoom's factor on the application font (so at zoom 1 the map's 10 pt names are
        as big as 10 pt text elsewhere in the app)."""
        return self._zoom * self.logicalDpiY() / 72.0 * _app_zoom()

    # ----- size -----

    def sizeHint(self) -> QSize:
        s = self.pixels_per_point()
        return QSize(ceil(self._scene_w * s), ceil(self._scene_h * s))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def scroll_area(self) -> QScrollArea | None:
        """The QScrollArea showing this map, if any."""
        viewport = self.parentWidget()
        area = viewport.parentWidget() if viewport is not None else None
        return area if isinstance(area, QScrollArea) and area.widget() is self else None

    def _refit(self) -> None:
        self.updateGeometry()
        area = self.scroll_area()
        if area is not None:  # resize now, so scroll positions can be set straight away
            size = self.sizeHint()
            if area.widgetResizable():
                size = size.expandedTo(area.viewport().size())
            self.resize(size)
        self.update()

    # ----- events -----

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Window))
        s = self.pixels_per_point()
        visible = QRectF(event.rect()).adjusted(-2, -2, 2, 2)
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        edge = QPen(self.palette().color(QPalette.ColorRole.Dark), 0)  # cosmetic: 1 pixel
        for page, origin, paper in self._placed:
            on_screen = QRectF((origin.x() + paper.x()) * s, (origin.y() + paper.y()) * s,
                               paper.width() * s, paper.height() * s)
            if not on_screen.intersects(visible):
                continue
            painter.save()
            painter.scale(s, s)
            painter.translate(origin)
            paint_page(painter, page, self._selected, highlight)
            painter.setPen(edge)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(paper)
            painter.restore()
        for page, origin, _ in self._placed:  # lane names stay in view when scrolled right
            left = self._sticky_left(page, origin)
            if left is not None:
                painter.save()
                painter.scale(s, s)
                painter.translate(origin.x() + left, origin.y())
                paint_lane_labels(painter, page)
                painter.restore()
        painter.end()

    def _sticky_left(self, page: MapPage, origin: QPointF) -> float | None:
        """Where (in the page's x) the lane-label column is drawn again, at the left of the
        visible part, once the page's own column has scrolled out of view; None if it has
        not."""
        shown = self.visibleRegion().boundingRect()
        if shown.isEmpty():
            return None
        left = shown.left() / self.pixels_per_point() - origin.x()
        if left <= 0 or left > page.width - page.label_width:
            return None
        return left

    def moveEvent(self, event) -> None:
        super().moveEvent(event)
        if any(p.lanes for p, _, _ in self._placed):
            self.update()  # scrolled: the kept lane names move with the view

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        K, M = Qt.Key, Qt.KeyboardModifier
        if mods & (M.ControlModifier | M.AltModifier | M.MetaModifier):
            super().keyPressEvent(event)
            return
        if key in (K.Key_Left, K.Key_Right, K.Key_Up, K.Key_Down, K.Key_Home, K.Key_End):
            target = self._step(key)
            if target is None:
                super().keyPressEvent(event)  # nothing to select: let the scroll area scroll
                return
            self.select_stage(target)
        elif key in (K.Key_Return, K.Key_Enter) and self._selected is not None:
            self.stage_activated.emit(self._selected)
        elif key in (K.Key_Plus, K.Key_Equal):
            self.zoom_in()
        elif key in (K.Key_Minus, K.Key_Underscore):
            self.zoom_out()
        elif key == K.Key_0:
            self.reset_zoom()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            stage = self.stage_at(event.position())
            if stage is not None:
                self.select_stage(stage)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        stage = self.stage_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and stage is not None:
            self.select_stage(stage)
            self.stage_activated.emit(stage)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y()
            if steps > 0:
                self.zoom_in(event.position())
            elif steps < 0:
                self.zoom_out(event.position())
            event.accept()
            return
        event.ignore()  # the scroll area scrolls

    def focusInEvent(self, event) -> None:
        # like an item view: arriving by keyboard puts the selection on the first stage
        if self._selected is None and event.reason() in _KEYBOARD_FOCUS:
            first = self._step(Qt.Key.Key_Home)
            if first is not None:
                self.select_stage(first)
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            stage = self.stage_at(QPointF(event.pos()))
            found = self._find(stage) if stage is not None else None
            if found is None:
                QToolTip.hideText()
                event.ignore()
                return True
            box = found[1]
            QToolTip.showText(event.globalPos(), "\n".join(
                [self._names.get(stage, stage_name(box))]
                + [r.text for r in box.lines if r.font != styles.BOLD]), self)
            return True
        return super().event(event)

    def changeEvent(self, event) -> None:
        if not hasattr(self, "_placed"):  # during QWidget.__init__
            pass
        elif event.type() in (event.Type.FontChange, event.Type.ApplicationFontChange):
            self._refit()  # View > Zoom changed the application font
        elif event.type() == event.Type.PaletteChange:
            self.update()
        super().changeEvent(event)


_KEYBOARD_FOCUS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                   Qt.FocusReason.ShortcutFocusReason, Qt.FocusReason.OtherFocusReason)


def _app_zoom() -> float:
    """View > Zoom's factor (csdesk/ui/zoom.py keeps the font size it started from)."""
    app = QApplication.instance()
    base = app.property("csdesk_base_point_size") if app is not None else None
    if not base:
        return 1.0
    return max(0.25, QApplication.font().pointSizeF() / float(base))


def scroll_area(view: MapView) -> QScrollArea:
    """A scroll area showing the map on the palette's background, the map growing with it."""
    area = QScrollArea()
    area.setObjectName("journey_map_area")
    area.setAccessibleName("Journey map, scrollable")
    area.setBackgroundRole(QPalette.ColorRole.Window)
    area.setWidgetResizable(True)
    area.setWidget(view)
    area.setFocusProxy(view)
    return area


# --- export -----------------------------------------------------------------------------------

def page_paths(path, count: int) -> list[Path]:
    """NAME.ext for one page; NAME-1.ext, NAME-2.ext... for more."""
    path = Path(path)
    if count == 1:
        return [path]
    return [path.with_name(f"{path.stem}-{n}{path.suffix}") for n in range(1, count + 1)]


def _need_app() -> None:
    if QGuiApplication.instance() is None:
        raise RuntimeError("Drawing a map needs a QGuiApplication (offscreen is fine).")


def render_page(page: MapPage, scale: float = 1.0, selected: int | None = None) -> QImage:
    """One page on white paper (page_rect), `scale` pixels per point."""
    _need_app()
    if scale <= 0:
        raise ValueError("The scale must be more than 0.")
    paper = page_rect(page)
    image = QImage(ceil(paper.width() * scale - 1e-6), ceil(paper.height() * scale - 1e-6),
                   QImage.Format.Format_RGB32)
    if image.isNull():
        raise ValueError("This map is too big for a picture at that scale: export it at a "
                         "smaller scale, or as SVG or PDF.")
    dots = round(scale * 72 / 0.0254)  # so the picture says its size on paper
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    image.fill(WHITE)
    painter = QPainter(image)
    painter.scale(scale, scale)
    painter.translate(-paper.x(), -paper.y())
    paint_page(painter, page, selected)
    painter.end()
    return image


def export_png(figure: MapFigure, path, scale: float = 2.0) -> list[Path]:
    """Every page as a PNG, `scale` pixels per point (2: 144 dpi). One page: `path`; more:
    NAME-1.png, NAME-2.png... Each file is written whole or not at all. Returns the paths."""
    written = []
    for page, dest in zip(figure.pages, page_paths(path, len(figure.pages)), strict=True):
        image = render_page(page, scale)

        def save(tmp: Path, image=image, dest=dest) -> None:
            if not image.save(str(tmp), "PNG"):
                raise OSError(0, "could not write the picture", str(dest))

        written.append(write_atomically(dest, save))
    return written


def svg_bytes(page: MapPage, title: str = "", description: str = "") -> bytes:
    """One page as SVG: shapes, and the text as <text> elements (found by search and screen
    readers, and copyable). Sized in points, so it prints at the size the PDF has."""
    _need_app()
    paper = page_rect(page)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(72)  # one user unit = one point
    generator.setSize(paper.size().toSize())
    generator.setViewBox(QRectF(0, 0, paper.width(), paper.height()))
    generator.setTitle(title or (page.title.text if page.title else "Journey map"))
    generator.setDescription(description or "Swimlane journey map, made by csdesk.")
    painter = QPainter(generator)
    painter.translate(-paper.x(), -paper.y())
    paint_page(painter, page)
    painter.end()
    buffer.close()
    data = bytes(buffer.data())
    # A viewer without the family by csdesk's name falls back to an installed DejaVu Sans.
    for family in set(load_fonts().values()) - {""}:
        data = data.replace(f'font-family="{family}"'.encode(),
                            f'font-family="\'{family}\', \'DejaVu Sans\', sans-serif"'.encode())
    return data


def export_svg(figure: MapFigure, path) -> list[Path]:
    """Every page as an SVG file (one page: `path`; more: NAME-1.svg, NAME-2.svg...), each
    written whole or not at all. Returns the paths."""
    written = []
    for page, dest in zip(figure.pages, page_paths(path, len(figure.pages)), strict=True):
        data = svg_bytes(page)
        written.append(write_atomically(dest, lambda tmp, data=data: tmp.write_bytes(data)))
    return written
