"""Draws the progress chart (csdesk/figures/rag_share.py, the layout the System review's
Progress tab draws too) with reportlab. Each segment's letter and count sit on it, in the
colour's own text colour, so the chart reads in greyscale."""

from reportlab.platypus import Flowable

from ..figures.rag_share import ShareChart
from .styles import INK, RAG_FILL, RULE
from .text import visual


class ShareChartFlowable(Flowable):
    def __init__(self, chart: ShareChart):
        super().__init__()
        self.chart = chart

    def wrap(self, avail_width, avail_height):
        return self.chart.width, self.chart.height

    def draw(self) -> None:
        chart, canv = self.chart, self.canv
        top = chart.height
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        for seg in chart.segments:
            canv.setFillColor(RAG_FILL[seg.rag][0])
            canv.rect(seg.x, top - seg.y - seg.h, seg.w, seg.h, stroke=1, fill=1)
        for run in chart.texts:
            inside = next((s for s in chart.segments if s.x <= run.x <= s.x + s.w
                           and s.y <= run.y <= s.y + s.h), None)
            canv.setFillColor(RAG_FILL[inside.rag][1] if inside else INK)
            canv.setFont(run.font, run.size)
            canv.drawString(run.x, top - run.y, visual(run.text))
        canv.restoreState()
