"""A Qt table model over plain rows that changes only the rows that changed.

Screens hand it a fresh list of plain rows (frozen dataclasses with an `id`) after a change
notice; it works out which rows were removed, inserted, moved or edited and tells the view
exactly that. So a view keeps its current cell, its selection and its scroll position while
other rows change, instead of jumping back to the top as a model reset would make it."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, Qt, Signal

ROW_MIME = "application/x-csdesk-row-id"


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[object], str]  # what the cell shows
    spoken: Callable[[object], str] | None = None  # what a screen reader says, if different


class RowsModel(QAbstractTableModel):
    """With reorderable=True, rows can be dragged to a new place: the model only asks
    (move_requested(row_id, to_index)); the owner runs the operation, and the change
    notice brings the new order back through set_rows()."""

    move_requested = Signal(int, int)

    def __init__(self, columns: Sequence[Column], parent=None, reorderable: bool = False):
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list = []
        self._reorderable = reorderable

    # -- reading --

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (column.spoken or column.text)(row)
        return None

    # -- dragging a row to a new place --

    def flags(self, index):
        flags = super().flags(index)
        if self._reorderable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled if index.isValid() \
                else Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        rows = {i.row() for i in indexes if i.isValid()}
        if rows:
            data.setData(ROW_MIME, str(self._rows[min(rows)].id).encode())
        return data

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not (self._reorderable and data.hasFormat(ROW_MIME)):
            return False
        row_id = int(bytes(data.data(ROW_MIME)).decode())
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self._rows))
        source = self.row_of(row_id)
        if source < 0:
            return False
        to_index = target - 1 if target > source else target
        if to_index != source:
            self.move_requested.emit(row_id, to_index)
        return False  # nothing to remove here: the saved order comes back with the notice

    def row(self, index: QModelIndex):
        return self._rows[index.row()] if index.isValid() else None

    def row_of(self, row_id) -> int:
        """The row number showing `row_id`, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    @property
    def rows(self) -> list:
        return list(self._rows)

    # -- changing --

    def set_rows(self, rows: Sequence) -> None:
        """Show `rows`, telling views only what differs from what they show now."""
        new = list(rows)
        new_ids = {r.id for r in new}
        for i in reversed(range(len(self._rows))):  # removed rows, bottom up
            if self._rows[i].id not in new_ids:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
        kept = [r.id for r in self._rows]
        if kept != [r.id for r in new if r.id in set(kept)]:
            self._reorder([r for r in new if r.id in set(kept)])
        for i, row in enumerate(new):  # inserted rows, top down, at their places
            if i >= len(self._rows) or self._rows[i].id != row.id:
                self.beginInsertRows(QModelIndex(), i, i)
                self._rows.insert(i, row)
                self.endInsertRows()
        for i, row in enumerate(new):  # edited rows
            if self._rows[i] != row:
                self._rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self._columns) - 1))

    def _reorder(self, order: list) -> None:
        """Same rows, new order: persistent indexes (current cell, selection) follow them."""
        self.layoutAboutToBeChanged.emit()
        new_positions = {r.id: i for i, r in enumerate(order)}
        moved_from, moved_to = [], []
        for persistent in self.persistentIndexList():
            old_row = self._rows[persistent.row()]
            moved_from.append(QModelIndex(persistent))
            moved_to.append(self.index(new_positions[old_row.id], persistent.column()))
        self._rows = list(order)
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()
