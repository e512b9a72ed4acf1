"""The sidebar: Overview; Map, Rate and Plan with their screens; Export."""

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyledItemDelegate, QTreeWidget, QTreeWidgetItem

from .icons import themed_icon
from .sections import SECTIONS

KEY_ROLE = Qt.ItemDataRole.UserRole


class _RoomyDelegate(QStyledItemDelegate):
    """Taller rows (easier to hit and to read on a projector) and bold headings. Done here
    rather than with a style sheet or item fonts, so the sidebar follows View > Zoom."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        if not index.data(KEY_ROLE):
            option.font.setBold(True)

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + option.fontMetrics.height() // 2)


class Sidebar(QTreeWidget):
    section_chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setAccessibleName("Sections")
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setItemDelegate(_RoomyDelegate(self))
        self._items: dict[str, QTreeWidgetItem] = {}
        groups: dict[str, QTreeWidgetItem] = {}
        for i, section in enumerate(SECTIONS, start=1):
            parent_item = self.invisibleRootItem()
            if section.group:
                if section.group not in groups:
                    groups[section.group] = self._group_item(section.group)
                parent_item = groups[section.group]
            item = QTreeWidgetItem(parent_item, [section.title])
            item.setIcon(0, themed_icon(section.key))
            item.setData(0, KEY_ROLE, section.key)
            item.setToolTip(0, f"{section.title} (Ctrl+{i})")
            self._items[section.key] = item
        self.expandAll()
        self.currentItemChanged.connect(self._changed)
        self._fit_width()

    def _fit_width(self) -> None:
        """Icons as tall as the text, and wide enough for every row at the current zoom:
        nothing is cut off. Headings are bold; sections have an icon and, in a group, an
        indent."""
        plain = self.fontMetrics()
        side = plain.height()
        self.setIconSize(QSize(side, side))
        font = self.font()
        font.setBold(True)
        bold = QFontMetrics(font)
        rows = [bold.horizontalAdvance(s.group) for s in SECTIONS if s.group]
        rows += [plain.horizontalAdvance(s.title) + side + (self.indentation() if s.group else 0)
                 for s in SECTIONS]
        self.setMinimumWidth(max(rows) + plain.horizontalAdvance("MMM"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_width()
        super().changeEvent(event)

    def _group_item(self, title: str) -> QTreeWidgetItem:
        # A heading, not a destination: not selectable, and the arrow keys step over it.
        item = QTreeWidgetItem(self.invisibleRootItem(), [title])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def moveCursor(self, action, modifiers):
        index = super().moveCursor(action, modifiers)
        down = action in (self.CursorAction.MoveDown, self.CursorAction.MoveNext,
                          self.CursorAction.MovePageDown, self.CursorAction.MoveHome)
        step = self.indexBelow if down else self.indexAbove
        while index.isValid() and not index.flags() & Qt.ItemFlag.ItemIsSelectable:
            index = step(index)
        return index if index.isValid() else self.currentIndex()

    def _changed(self, current, _previous) -> None:
        if current is not None and current.data(0, KEY_ROLE):
            self.section_chosen.emit(current.data(0, KEY_ROLE))

    def select(self, key: str) -> None:
        self.setCurrentItem(self._items[key])

    def current_key(self) -> str | None:
        item = self.currentItem()
        return item.data(0, KEY_ROLE) if item else None
