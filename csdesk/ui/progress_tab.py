"""Progress over time: any two rounds side by side, cell by cell (better, same, worse) with
counts per domain, and the Red / Amber / Green share per domain across every round (the
chart, with the same numbers as a table beside it for screen readers)."""

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontInfo, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QGridLayout, QHeaderView, QLabel, QScrollArea,
    QSizePolicy, QSplitter, QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ..colours import RAG_HEX
from ..figures.heatmap import SCOPES, Show, totals_text
from ..figures.rag_share import ShareChart, rag_share_chart, share_table
from ..services import review_view as rv
from ..services.project import OpenProject
from .in_sight import RefreshInSight, when_in_sight
from .map_view import draw_texts
from .rows_model import Column, RowsModel
from .widgets import grid_choice, paragraph

CHANGE_WORDS = {"better": "Better", "worse": "Worse", "same": "Same", "": "Not comparable"}


@dataclass(frozen=True)
class ChangeRow:
    id: tuple
    item: str
    group: str
    domain: str
    before: str
    after: str
    change: str


class ProgressTab(RefreshInSight, QWidget):
    """Computes every round's heatmap, so it refreshes only while its tab is shown."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._project: OpenProject | None = None
        layout = QVBoxLayout(self)
        pick = QGridLayout()  # two rows, so the window can stay narrow
        self.before_box = grid_choice(pick, 0, "Fro&m round", self._compare)
        self.after_box = grid_choice(pick, 1, "&To round", self._compare)
        self.scope_box = grid_choice(pick, 2, "Sho&w", self._compare)
        self.scope_box.addItems(list(SCOPES.values()))
        self.only_changed = QCheckBox("Only cells that &changed")
        self.only_changed.setChecked(True)
        self.only_changed.toggled.connect(lambda _: self._compare())
        pick.addWidget(self.only_changed, 1, 2, 1, 2)
        pick.setColumnStretch(1, 1)
        pick.setColumnStretch(3, 1)
        layout.addLayout(pick)
        self.summary = paragraph("")
        layout.addWidget(self.summary)

        self.counts = QTableWidget()
        self.counts.setAccessibleName("Counts per domain in the two rounds")
        self.counts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts.verticalHeader().hide()
        self.counts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.changes = RowsModel([
            Column("Stage or area", lambda r: r.item, lambda r: f"{r.item}, {r.group}"),
            Column("Domain", lambda r: r.domain),
            Column("From", lambda r: r.before), Column("To", lambda r: r.after),
            Column("Change", lambda r: r.change,
                   lambda r: f"{r.item}, {r.domain}: {r.before} to {r.after}, {r.change}")])
        self.change_table = QTableView()
        self.change_table.setModel(self.changes)
        self.change_table.setAccessibleName("Cell by cell change")
        self.change_table.verticalHeader().hide()
        self.change_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.change_table.setTabKeyNavigation(False)
        self.change_table.setSortingEnabled(False)

        self.chart = ShareChartView()
        self.chart_table = QTableWidget()
        self.chart_table.setAccessibleName("Red, Amber and Green per domain in every round")
        self.chart_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.chart_table.verticalHeader().hide()
        self.chart_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.addWidget(QLabel("Red, Amber and Green in every round, per domain"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        chart_layout.addWidget(scroll, 2)
        chart_layout.addWidget(self.chart_table, 1)

        split = QSplitter(Qt.Orientation.Vertical)
        top = QSplitter()
        top.addWidget(self.counts)
        top.addWidget(self.change_table)
        split.addWidget(top)
        split.addWidget(chart_box)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)

    # -- the project --

    def attach(self, project: OpenProject) -> None:
        self._project = project

    def detach(self) -> None:
        self._project = None

    @when_in_sight
    def refresh(self, changes=None) -> None:
        if self._project is None:
            return
        rounds = rv.rounds(self._project)
        entries = [(r.label, r.id) for r in rounds]
        for box, default in ((self.before_box, 0), (self.after_box, len(rounds) - 1)):
            current = box.currentData()
            if [(box.itemText(i), box.itemData(i)) for i in range(box.count())] != entries:
                box.clear()
                for text, data in entries:
                    box.addItem(text, data)
            i = box.findData(current)
            box.setCurrentIndex(i if current is not None and i >= 0 else default)
        domains, shares = rv.shares(self._project)
        self.chart.set_chart(domains, shares)
        header, rows = share_table(domains, shares)
        _fill_table(self.chart_table, header, rows)
        self._compare()

    def _compare(self) -> None:
        if self._project is None:
            return
        before, after = self.before_box.currentData(), self.after_box.currentData()
        if before is None or after is None:
            self.summary.setText("Progress needs review rounds: start one in the heatmap.")
            self.changes.set_rows([])
            _fill_table(self.counts, ("Domain",), [])
            return
        progress = rv.progress(self._project, before, after)
        show = Show(scope=list(SCOPES)[max(self.scope_box.currentIndex(), 0)])
        changes = [c for c in progress.changes if show.keeps(c.item)]
        moved = Counter(c.direction for c in changes)
        b, a = progress.before.round.label, progress.after.round.label
        self.summary.setText(
            f"From {b} to {a}: {moved['better']} cells better, {moved['worse']} worse, "
            f"{moved['same']} the same, {moved['']} not comparable (not rated or not "
            "applicable in either round).")
        rows = []
        for d in progress.after.domains:
            mine = [c for c in changes if c.domain.id == d.id]
            per = Counter(c.direction for c in mine)
            rows.append((d.short_name, totals_text(Counter(c.before for c in mine)),
                         totals_text(Counter(c.after for c in mine)),
                         str(per["better"]), str(per["same"]), str(per["worse"])))
        _fill_table(self.counts, ("Domain", b, a, "Better", "Same", "Worse"), rows)
        self.changes.set_rows([
            ChangeRow((c.item.ref, c.domain.id), c.item.label, c.item.group,
                      c.domain.short_name, c.before.label, c.after.label,
                      CHANGE_WORDS[c.direction])
            for c in changes if not self.only_changed.isChecked() or c.before != c.after])


def _fill_table(table: QTableWidget, header, rows) -> None:
    table.setColumnCount(len(header))
    table.setHorizontalHeaderLabels(list(header))
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{header[c]}: {text}")
            table.setItem(r, c, item)
    table.resizeRowsToContents()


class ShareChartView(QWidget):
    """Draws the Qt-free chart geometry (csdesk/figures/rag_share.py), scaled to the font."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Chart of Red, Amber and Green per domain; the table below "
                               "gives the same numbers")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._chart: ShareChart | None = None
        self._data = ((), ())

    def set_chart(self, domains, shares) -> None:
        self._data = (domains, shares)
        self._layout()

    def _layout(self) -> None:
        # The geometry's unit is one pixel here: text at the screen font's pixel size.
        size = float(QFontInfo(self.font()).pixelSize())
        width = max(self.width(), self.fontMetrics().horizontalAdvance("M") * 30)
        self._chart = rag_share_chart(*self._data, width=width, size=size)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, int(self._chart.height) if self._chart else 100)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event) -> None:
        if event.oldSize().width() != event.size().width():
            self._layout()
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:
        if self._chart is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = QPen(self.palette().windowText().color())
        outline.setWidthF(1)
        for seg in self._chart.segments:
            p.setPen(outline)
            p.setBrush(QColor(RAG_HEX[seg.rag][0]))
            p.drawRect(QRectF(seg.x, seg.y, seg.w, seg.h))
        ink = self.palette().windowText().color()
        for run in self._chart.texts:
            inside = next((s for s in self._chart.segments
                           if s.x <= run.x <= s.x + s.w and s.y <= run.y <= s.y + s.h), None)
            draw_texts(p, [run], QColor(RAG_HEX[inside.rag][1]) if inside else ink)
        p.end()
