"""The Outline tab: a journey in words as a tree a screen reader can walk, one stage per
branch (Right and Left open and close it), each field and arrow an item of its own."""

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QStyledItemDelegate, QTreeWidget, QTreeWidgetItem,
)

from ..services.journey_outline import OutlineStage

NOT_RECORDED = "Not recorded"


class _Wrapping(QStyledItemDelegate):
    """Rows as tall as their text needs at the tree's width: a tree view does not grow its
    rows for wrapped text by itself, it cuts them off with '…'."""

    def sizeHint(self, option, index) -> QSize:
        tree = self.parent()
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = max(tree.viewport().width() - tree.indentation() * (depth + 1) - 8, 40)
        self.initStyleOption(option, index)
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000),
                                                 Qt.TextFlag.TextWordWrap, option.text)
        return QSize(width, bounds.height() + 4)


class OutlineTree(QTreeWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setWordWrap(True)  # long answers wrap; nothing is cut off
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setUniformRowHeights(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Outline of the journey")
        self.setItemDelegate(_Wrapping(self))
        self._shown: tuple = ()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # new width, new row heights

    def show_outline(self, intro: Sequence[str], stages: Sequence[OutlineStage]) -> None:
        """The journey's title and summary lines, then every stage. Keeps the item being
        read (by its words) and the scroll position when the outline is rebuilt."""
        content = (tuple(intro), tuple(stages))
        if content == self._shown:
            return
        current = self._path(self.currentItem())
        scroll = self.verticalScrollBar().value()
        self.clear()
        for line in intro:
            QTreeWidgetItem(self, [line])
        for stage in stages:
            heading = QTreeWidgetItem(self, [stage.heading])
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            for label, text in stage.rows:
                QTreeWidgetItem(heading, [f"{label}: {text.strip() or NOT_RECORDED}"])
            for arrow in stage.arrows:
                QTreeWidgetItem(heading, [f"Arrow {arrow}"])
        self.expandAll()
        self._shown = content
        self._restore(current)
        self.verticalScrollBar().setValue(scroll)

    def clear(self) -> None:
        super().clear()
        self._shown = ()

    def headings(self) -> list[str]:
        """The stage headings (the tree's branches)."""
        return [self.topLevelItem(i).text(0) for i in range(self.topLevelItemCount())
                if self.topLevelItem(i).childCount()]

    def toPlainText(self) -> str:
        lines = []

        def walk(item: QTreeWidgetItem) -> None:
            lines.append(item.text(0))
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.topLevelItemCount()):
            walk(self.topLevelItem(i))
        return "\n".join(lines)

    @staticmethod
    def _path(item: QTreeWidgetItem | None) -> list[str]:
        path = []
        while item is not None:
            path.insert(0, item.text(0))
            item = item.parent()
        return path

    def _restore(self, path: list[str]) -> None:
        items = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        found = None
        for text in path:
            found = next((item for item in items if item.text(0) == text), None)
            if found is None:
                break
            items = [found.child(i) for i in range(found.childCount())]
        if found is not None:
            self.setCurrentItem(found)
