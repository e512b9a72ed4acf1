"""The heatmap as a Qt table model over the Qt-free grid (csdesk/figures/heatmap.py).

Column 0 names the stage or area; one column per domain. Cells show their letter and marks
on their colour; a screen reader hears each cell in words. A new grid of the same shape
(a cell re-rated) only repaints, so the view keeps its current cell and scroll position; a
new shape (a stage added, a filter changed) resets, and the owner puts the current cell back
by its item and domain."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..colours import RAG_HEX
from ..figures.heatmap import GridCell, GridRow, HeatmapGrid

ITEM_COLUMN = "Stage or area"


class HeatmapModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = HeatmapGrid((), ())

    def set_grid(self, grid: HeatmapGrid) -> None:
        if _shape(grid) == _shape(self.grid):
            self.grid = grid
            if self.rowCount():
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(self.rowCount() - 1, self.columnCount() - 1))
        else:
            self.beginResetModel()
            self.grid = grid
            self.endResetModel()

    # -- reading --

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.grid.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.grid.columns) + 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        name = ITEM_COLUMN if section == 0 else self.grid.columns[section - 1].short_name
        if role == Qt.ItemDataRole.DisplayRole:
            # headers do not wrap by themselves; a domain's name goes one word a line
            return name if section == 0 else name.replace(" ", "\n")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return name
        if role == Qt.ItemDataRole.ToolTipRole and section > 0:
            return self.grid.columns[section - 1].question
        return None

    def row_at(self, index: QModelIndex) -> GridRow | None:
        return self.grid.rows[index.row()] if index.isValid() else None

    def cell_at(self, index: QModelIndex) -> GridCell | None:
        row = self.row_at(index)
        return row.cells[index.column() - 1] if row and index.column() > 0 and row.cells \
            else None

    def index_of(self, item, domain_id: int) -> QModelIndex:
        for r, row in enumerate(self.grid.rows):
            if row.kind == "item" and row.item.ref == item:
                for c, cell in enumerate(row.cells, start=1):
                    if cell.domain_id == domain_id:
                        return self.index(r, c)
        return QModelIndex()

    def flags(self, index):
        row = self.row_at(index)
        if row is None or row.kind == "group":
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        cell = self.cell_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return row.label if index.column() == 0 else (cell.text if cell else "")
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            if cell is not None:
                return cell.words
            if row.kind == "group" and index.column() > 0:
                return None  # spanned by the heading in column 0
            return {"group": f"{row.label} (heading)", "total": row.label}.get(
                row.kind, f"{row.label}, {row.item.group}" if row.item else row.label)
        if role == Qt.ItemDataRole.FontRole and (row.kind != "item" or index.column() > 0):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return Qt.AlignmentFlag.AlignCenter
        if cell is not None and cell.rag is not None and row.kind == "item":
            back, fore = RAG_HEX[cell.rag]
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(back)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(fore)
        return None


def _shape(grid: HeatmapGrid) -> tuple:
    return (tuple(d.id for d in grid.columns),
            tuple((r.kind, r.label, r.item.ref if r.item else None) for r in grid.rows))


class HeatmapDelegate(QStyledItemDelegate):
    """Keeps a cell's colour when it is the current one, and rings it instead, so the colour
    (and letter) under the cursor is never hidden by the selection colour."""

    def paint(self, painter: QPainter, option, index) -> None:
        back = index.data(Qt.ItemDataRole.BackgroundRole)
        selected = option.state & QStyle.StateFlag.State_Selected
        if back is None or not selected:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        opt.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, opt, index)
        pen = QPen(option.palette.highlight().color())
        width = max(3, option.fontMetrics.height() // 5)
        pen.setWidth(width)
        painter.save()
        painter.setPen(pen)
        painter.drawRect(option.rect.adjusted(width // 2, width // 2, -(width + 1) // 2,
                                              -(width + 1) // 2))
        painter.restore()
