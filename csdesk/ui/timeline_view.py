"""The action plan's timeline on screen: the pages figures/timeline.py lays out (the same ones
the PDF prints), drawn with QPainter one under the other, fitted to the width. By month or by
quarter. The table on the Plan tab has the same actions in words for screen readers."""

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPolygonF
from PySide6.QtWidgets import QComboBox, QFormLayout, QScrollArea, QVBoxLayout, QWidget

from ..figures.timeline import TimelineFigure, TimelinePage, layout_timeline
from ..models import ActionStatus
from ..services import plan_view
from ..services.project import OpenProject
from .map_view import INK, MUTED, RULE, WHITE, _pen, draw_texts
from .widgets import paragraph

GAP = 16.0  # points between pages
SHADE = QColor("#f3f3f3")


def paint_page(painter: QPainter, page: TimelinePage) -> None:
    """One page, in points, origin at its top-left."""
    painter.fillRect(QRectF(0, 0, page.width, page.height), WHITE)
    draw_texts(painter, [page.title])
    top, bottom = page.heading_top, page.rows[-1].y + page.rows[-1].h if page.rows \
        else page.heading_bottom
    for row in page.rows:
        if row.shade:
            painter.fillRect(QRectF(0, row.y, page.width, row.h), SHADE)
    painter.setPen(_pen(RULE, 0.5))
    for p in page.periods:
        painter.drawLine(QPointF(p.x, top), QPointF(p.x, bottom))
    painter.drawLine(QPointF(page.width, top), QPointF(page.width, bottom))
    painter.drawLine(QPointF(0, page.heading_bottom), QPointF(page.width, page.heading_bottom))
    draw_texts(painter, page.headings)
    for row in page.rows:
        draw_texts(painter, row.label)
        bar = row.bar
        if bar is None:
            continue
        fill = QColor(bar.fill)
        dashed = bar.status == ActionStatus.DROPPED
        painter.setPen(_pen(INK, 0.6, (2.0, 1.5) if dashed else ()))
        painter.setBrush(fill)
        if bar.w == 0:  # a due date alone: a diamond
            r = bar.h / 2
            cx, cy = bar.x, bar.y + r
            painter.drawPolygon(QPolygonF([QPointF(cx, cy - r), QPointF(cx + r, cy),
                                           QPointF(cx, cy + r), QPointF(cx - r, cy)]))
        else:
            painter.drawRect(QRectF(bar.x, bar.y, bar.w, bar.h))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if page.today_x is not None:
        painter.setPen(_pen(INK, 1.0, (3.0, 2.0)))
        painter.drawLine(QPointF(page.today_x, page.heading_bottom),
                         QPointF(page.today_x, bottom + page.rows[0].label[0].size
                                 if page.rows else bottom))
    draw_texts(painter, page.texts, MUTED)


class TimelineCanvas(QWidget):
    """The pages, scaled to fit the width (never below actual size)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.figure: TimelineFigure | None = None
        self.scale = 1.0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Timeline of the action plan")

    def show_figure(self, figure: TimelineFigure, width: float) -> None:
        self.figure = figure
        self.fit(width)

    def fit(self, width: float) -> None:
        if self.figure is None:
            return
        self.scale = max(1.0, (width - 2 * GAP) / self.figure.spec.width)
        self.setMinimumSize(self.sizeHint())
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        if self.figure is None:
            return QSize(100, 100)
        pages = self.figure.pages
        w = (self.figure.spec.width + 2 * GAP) * self.scale
        h = (sum(p.height for p in pages) + GAP * (len(pages) + 1)) * self.scale
        return QSize(int(w), int(h))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().window())
        if self.figure is None:
            return
        painter.scale(self.scale, self.scale)
        y = GAP
        for page in self.figure.pages:
            painter.save()
            painter.translate(GAP, y)
            paint_page(painter, page)
            painter.restore()
            y += page.height + GAP
        painter.end()


class TimelineView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._project: OpenProject | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(
            "The plan by month or by quarter, laid out as the PDF prints it: a long plan "
            "continues on further pages with the headings repeated, never shrunk."))
        form = QFormLayout()
        self.scale_box = QComboBox()
        self.scale_box.setAccessibleName("Timeline by month or by quarter")
        self.scale_box.addItem("By month", "month")
        self.scale_box.addItem("By quarter", "quarter")
        self.scale_box.currentIndexChanged.connect(lambda _: self.refresh())
        form.addRow("Show by", self.scale_box)
        layout.addLayout(form)
        self.canvas = TimelineCanvas()
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(False)
        layout.addWidget(self.scroll, 1)
        self.scroll.viewport().installEventFilter(self)

    def set_project(self, project: OpenProject | None) -> None:
        """Shows nothing until refresh() (the Actions screen calls it when the tab shows)."""
        self._project = project

    def refresh(self) -> None:
        if self._project is None:
            return
        figure = layout_timeline(plan_view.actions(self._project),
                                 scale=self.scale_box.currentData())
        self.canvas.show_figure(figure, self.scroll.viewport().width())
        self.canvas.resize(self.canvas.sizeHint())
        self.canvas.setAccessibleDescription(
            f"{len(figure.pages)} page(s); every action is also in the table on the Plan tab.")

    def eventFilter(self, watched, event) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            # Fit the pages to the room they have, leaving room for the scroll bar.
            self.canvas.fit(event.size().width()
                            - self.scroll.verticalScrollBar().sizeHint().width())
            self.canvas.resize(self.canvas.sizeHint())
        return False
