"""Draws the plan's timeline (csdesk/figures/timeline.py) with reportlab: a flowable that
splits between rows across pages, the month scale repeated on each.

Statuses differ in words (beside each name) and in fill: done solid dark, in progress
hatched, not started an outline, blocked a thick outline, dropped a dashed outline."""

from reportlab.lib import colors
from reportlab.platypus import Flowable

from ..figures.timeline import AXIS, TimelineFigure
from .styles import FONT, INK, MUTED, RULE

DARK = colors.HexColor("#2f4f6f")
LIGHT = colors.HexColor("#e9eef3")
BAND = colors.HexColor("#f4f4f4")


class TimelineFlowable(Flowable):
    def __init__(self, figure: TimelineFigure):
        super().__init__()
        self.figure = figure

    def wrap(self, avail_width, avail_height):
        return self.figure.width, self.figure.height

    def split(self, avail_width, avail_height):
        if avail_height < AXIS + 30 or self.figure.height <= avail_height:
            return []
        first = self.figure.pages(avail_height)[0]
        rest = self.figure.rows[len(first.rows):]
        if not rest:
            return []
        return [TimelineFlowable(first), TimelineFlowable(self.figure.part(list(rest)))]

    def draw(self) -> None:
        f, canv = self.figure, self.canv
        top = f.height

        def at(x, y):
            return x, top - y

        canv.saveState()
        for i, row in enumerate(f.rows):
            if i % 2:
                canv.setFillColor(BAND)
                canv.rect(*at(0, row.y + row.h), f.width, row.h, stroke=0, fill=1)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4)
        for tick in f.ticks:
            canv.line(*at(tick.x, 0), *at(tick.x, f.height))
            if tick.label:
                canv.setFillColor(MUTED)
                canv.setFont(tick.label.font, tick.label.size)
                canv.drawString(*at(tick.label.x, tick.label.y), tick.label.text)
        canv.line(*at(0, AXIS), *at(f.width, AXIS))
        for row in f.rows:
            canv.setFillColor(INK)
            for run in row.texts:
                canv.setFont(run.font, run.size)
                canv.drawString(*at(run.x, run.y), run.text)
            self._bar(row.bar, at)
        if f.today is not None:
            canv.setStrokeColor(INK)
            canv.setDash(2, 2)
            canv.line(*at(f.today, AXIS - 4), *at(f.today, f.height))
            canv.setDash()
            canv.setFont(FONT, 7)
            canv.setFillColor(INK)
            canv.drawCentredString(*at(f.today, AXIS - 15), "today")
        canv.restoreState()

    def _bar(self, bar, at) -> None:
        canv = self.canv
        x, y = at(bar.x, bar.y + bar.h)
        canv.setStrokeColor(DARK)
        canv.setLineWidth(0.8)
        if bar.status == "done":
            canv.setFillColor(DARK)
            canv.rect(x, y, bar.w, bar.h, stroke=1, fill=1)
        elif bar.status == "in progress":
            canv.setFillColor(LIGHT)
            canv.rect(x, y, bar.w, bar.h, stroke=1, fill=1)
            path = canv.beginPath()  # hatching, clipped to the bar
            path.rect(x, y, bar.w, bar.h)
            canv.saveState()
            canv.clipPath(path, stroke=0, fill=0)
            step = 4.0
            k = -bar.h
            while k < bar.w:
                canv.line(x + k, y, x + k + bar.h, y + bar.h)
                k += step
            canv.restoreState()
        else:
            canv.setFillColor(colors.white)
            if bar.status == "blocked":
                canv.setLineWidth(2)
            elif bar.status == "dropped":
                canv.setDash(2, 2)
            canv.rect(x, y, bar.w, bar.h, stroke=1, fill=1)
            canv.setDash()
