"""Draws the plan's timeline (csdesk/figures/timeline.py, the layout the Actions screen draws
too) with reportlab, one landscape page per timeline page, like the journey maps. The
layout has placed everything; this only paints it. A bar's status is written in words
beside it, so its fill only repeats it."""

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak

from ..figures.timeline import TimelineFigure, TimelinePage
from .styles import INK, MUTED, RULE
from .text import visual

BAND = colors.HexColor("#f4f4f4")


class TimelineFlowable(Flowable):
    def __init__(self, page: TimelinePage):
        super().__init__()
        self.page = page
        self.scale = 1.0

    def wrap(self, avail_width, avail_height):
        self.scale = min(1.0, avail_width / self.page.width,
                         avail_height / self.page.height)
        return self.page.width * self.scale, self.page.height * self.scale

    def draw(self) -> None:
        p, canv = self.page, self.canv
        top = p.height

        def at(x, y):
            return x, top - y

        canv.saveState()
        canv.scale(self.scale, self.scale)
        bottom = p.rows[-1].y + p.rows[-1].h if p.rows else p.heading_bottom
        for row in p.rows:
            if row.shade:
                canv.setFillColor(BAND)
                canv.rect(*at(0, row.y + row.h), p.width, row.h, stroke=0, fill=1)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4)
        for period in p.periods:
            canv.line(*at(period.x, p.heading_top), *at(period.x, bottom))
        canv.line(*at(0, p.heading_bottom), *at(p.width, p.heading_bottom))
        _texts(canv, [p.title, *p.headings], at)
        for row in p.rows:
            _texts(canv, row.label, at)
            if row.bar:
                _bar(canv, row.bar, at)
        if p.today_x is not None:
            canv.setStrokeColor(INK)
            canv.setDash(2, 2)
            canv.line(*at(p.today_x, p.heading_bottom), *at(p.today_x, bottom))
            canv.setDash()
        _texts(canv, p.texts, at, MUTED)
        canv.restoreState()


def _texts(canv, runs, at, colour=INK) -> None:
    canv.setFillColor(colour)
    for run in runs:
        canv.setFont(run.font, run.size)
        canv.drawString(*at(run.x, run.y), visual(run.text))


def _bar(canv, bar, at) -> None:
    canv.setStrokeColor(INK)
    canv.setLineWidth(0.6)
    canv.setFillColor(colors.HexColor(bar.fill))
    if bar.w == 0:  # a due date alone: a diamond
        x, y = at(bar.x, bar.y + bar.h / 2)
        half = bar.h / 2
        path = canv.beginPath()
        path.moveTo(x, y + half)
        path.lineTo(x + half, y)
        path.lineTo(x, y - half)
        path.lineTo(x - half, y)
        path.close()
        canv.drawPath(path, stroke=1, fill=1)
        return
    x, y = at(bar.x, bar.y + bar.h)
    canv.rect(x, y, bar.w, bar.h, stroke=1, fill=1)


def timeline_flowables(figure: TimelineFigure) -> list:
    story: list = []
    for page in figure.pages:
        if story:
            story.append(PageBreak())
        story.append(TimelineFlowable(page))
    return story
