"""Draws journey map pages (csdesk/figures/journey_map.py) with reportlab.

The layout has already placed and wrapped everything; this only paints it, with the report's
embedded fonts. Colour is never the only signal: every box says its level in words beside the
tinted band, lanes carry their names, and arrow kinds differ by dash pattern."""

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable, Frame, PageBreak, PageTemplate

from ..figures.journey_map import (
    ARROW_HEAD, ARROW_STYLE, BOTTOM_MARGIN, MARGIN, TITLE_ROOM, MapFigure, MapPage,
)
from .map_style import BORDER, DASHES, LABEL_FILL, LANE_FILLS, LINE, level_fill
from .styles import INK, MUTED, RULE, register_fonts
from .text import visual

def draw_map_page(canvas, page: MapPage, origin_x: float, origin_y: float) -> None:
    """Draw one map page with its top-left corner at (origin_x, origin_y) in the canvas's
    own coordinates (y up). The title (page.title) sits above the map: callers that want it
    draw it, as JourneyMapFlowable does."""
    register_fonts()

    def at(x: float, y: float) -> tuple[float, float]:
        return origin_x + x, origin_y - y

    canvas.saveState()
    _lanes(canvas, page, at)
    _boxes(canvas, page, at)
    for arrow in page.arrows:
        _arrow(canvas, arrow.points, ARROW_STYLE.get(arrow.kind, "solid"), at)
    for stub in page.stubs:
        _texts(canvas, stub.lines, at)
    _texts(canvas, [a.label for a in page.arrows if a.label], at)
    _texts(canvas, page.texts, at)
    _texts(canvas, page.key, at, MUTED)
    canvas.restoreState()


def _lanes(canvas, page: MapPage, at) -> None:
    canvas.setLineWidth(0.4)
    canvas.setStrokeColor(RULE)
    for lane in page.lanes:
        x, y = at(0, lane.y + lane.height)
        canvas.setFillColor(LANE_FILLS[lane.shade])
        canvas.rect(x, y, page.width, lane.height, stroke=1, fill=1)
        canvas.setFillColor(LABEL_FILL)
        canvas.rect(x, y, page.label_width, lane.height, stroke=1, fill=1)
    for lane in page.lanes:
        _texts(canvas, lane.label, at)


def _boxes(canvas, page: MapPage, at) -> None:
    canvas.setLineWidth(BORDER)
    canvas.setStrokeColor(INK)
    for box in page.boxes:
        x, y = at(box.x, box.y + box.h)
        canvas.setDash(*((3, 2) if box.archived else ()))  # an archived stage: dashed
        canvas.setFillColor(colors.white)
        canvas.rect(x, y, box.w, box.h, stroke=1, fill=1)
        if box.level_index is not None:
            canvas.setFillColor(level_fill(box.level_index))
            canvas.rect(x, y, box.band_width, box.h, stroke=1, fill=1)
    canvas.setDash()
    for box in page.boxes:
        _texts(canvas, box.lines, at)


def _arrow(canvas, points, style: str, at) -> None:
    canvas.setStrokeColor(INK)
    canvas.setFillColor(INK)
    canvas.setLineWidth(LINE)
    canvas.setDash(*DASHES[style])
    path = canvas.beginPath()
    path.moveTo(*at(*points[0]))
    for point in points[1:-1]:
        path.lineTo(*at(*point))
    # stop the line where the head starts, so its end does not poke through the point
    (x0, y0), (x1, y1) = points[-2], points[-1]
    length = max(abs(x1 - x0), abs(y1 - y0)) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    head, half = ARROW_HEAD
    base = (x1 - ux * head, y1 - uy * head)
    path.lineTo(*at(*base))
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.setDash()
    tip = canvas.beginPath()
    tip.moveTo(*at(x1, y1))
    tip.lineTo(*at(base[0] - uy * half, base[1] + ux * half))
    tip.lineTo(*at(base[0] + uy * half, base[1] - ux * half))
    tip.close()
    canvas.drawPath(tip, stroke=0, fill=1)


def printed(text: str) -> str:
    """The one call point every map text passes through on its way into the PDF. reportlab
    draws characters as they come, so right-to-left text is joined and put in display order
    here (report/text.py). The layout measured the unjoined letters, which are at least as
    wide as the joined ones, so shaped text still fits where it was placed."""
    return visual(text)


def _texts(canvas, runs, at, colour=INK) -> None:
    canvas.setFillColor(colour)
    for run in runs:
        canvas.setFont(run.font, run.size)
        canvas.drawString(*at(run.x, run.y), printed(run.text))


class JourneyMapFlowable(Flowable):
    """One map page, with its title line above it, for a platypus story. It is as big as the
    layout made it; in a frame smaller than that it scales down rather than fail (text then
    falls below the layout's minimum size, so give it a frame of the PageSpec's size: see
    map_page_template)."""

    def __init__(self, page: MapPage, title: bool = True):
        super().__init__()
        self.page = page
        self.title = title
        self.scale = 1.0

    def _natural(self) -> tuple[float, float]:
        return self.page.width, self.page.height + (TITLE_ROOM if self.title else 0.0)

    def wrap(self, avail_width, avail_height):
        width, height = self._natural()
        self.scale = min(1.0, avail_width / width, avail_height / height)
        return width * self.scale, height * self.scale

    def draw(self) -> None:
        _, height = self._natural()
        canvas = self.canv
        canvas.saveState()
        canvas.scale(self.scale, self.scale)
        top = height - (TITLE_ROOM if self.title else 0.0)
        if self.title and self.page.title:
            _texts(canvas, [self.page.title], lambda x, y: (x, top - y))
        draw_map_page(canvas, self.page, 0.0, top)
        canvas.restoreState()


def map_flowables(figure: MapFigure, title: bool = True) -> list:
    """Every page of a map, a page break between them."""
    story: list = []
    for page in figure.pages:
        if story:
            story.append(PageBreak())
        story.append(JourneyMapFlowable(page, title))
    return story


def map_page_template(template_id: str = "map", paper=None, on_page=None) -> PageTemplate:
    """A landscape page whose frame is exactly the map's usable area plus its title line
    (A4_LANDSCAPE / A3_LANDSCAPE with paper=landscape(A4) / landscape(A3)), with no frame
    padding, so maps are drawn at their laid-out size."""
    width, height = paper or landscape(A4)
    frame = Frame(MARGIN, BOTTOM_MARGIN, width - 2 * MARGIN, height - MARGIN - BOTTOM_MARGIN,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                  id=f"{template_id}-frame")
    kwargs = {"onPage": on_page} if on_page else {}
    return PageTemplate(id=template_id, frames=[frame], pagesize=(width, height), **kwargs)
