"""Small pieces the plan's screens share: dates typed as text, a message shown at the field
it is about, a list of ticked choices, and the gaps chooser."""

import re
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QTreeWidget,
    QVBoxLayout, QWidget,
)

from ..services.plan_view import GapView
from .widgets import paragraph

DATE_HINT = "e.g. 2026-06-30 or 30/06/2026; leave empty for none"


def date_text(d: date | None) -> str:
    return d.isoformat() if d else ""


def parse_date(text: str, what: str) -> date | None:
    """A date typed as 2026-06-30 or 30/06/2026 (UK order); empty is none."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            y, m, d = map(int, text.split("-"))
            return date(y, m, d)
        found = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
        if found:
            d, m, y = map(int, found.groups())
            return date(y, m, d)
    except ValueError:
        pass
    raise ValueError(f"{what} \u201c{text}\u201d is not a date: type it as 2026-06-30 or "
                     "30/06/2026.")


class FieldMessage(QLabel):
    """The reason a field's input was refused, shown just under the field, in words (and
    in the window text colour's opposite emphasis, bold, never colour alone)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.darkRed)
        self.setPalette(palette)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(f"Not saved: {text}" if text else "")
        self.setAccessibleName(self.text())
        self.setVisible(bool(text))


def with_message(widget: QWidget) -> tuple[QWidget, FieldMessage]:
    """`widget` with a FieldMessage under it, as one form row's widget."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    message = FieldMessage()
    layout.addWidget(message)
    box.setFocusProxy(widget)
    return box, message


class CheckList(QListWidget):
    """Choices with a tick each (Space ticks the current one). Emits edited(ids) with the
    ticked ids after the user ticks or unticks one."""

    edited = Signal(list)

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self._setting = False
        self.itemChanged.connect(self._changed)

    def set_choices(self, choices: Sequence[tuple[object, str]], ticked) -> None:
        ticked = set(ticked)
        wanted = [(key, text) for key, text in choices]
        current = self.currentRow()
        self._setting = True
        try:
            if [(self.item(i).data(Qt.ItemDataRole.UserRole), self.item(i).text())
                    for i in range(self.count())] != wanted:
                self.clear()
                for key, text in wanted:
                    item = QListWidgetItem(text)
                    item.setData(Qt.ItemDataRole.UserRole, key)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    self.addItem(item)
            for i in range(self.count()):
                item = self.item(i)
                state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in ticked \
                    else Qt.CheckState.Unchecked
                if item.checkState() != state:
                    item.setCheckState(state)
            if 0 <= current < self.count():
                self.setCurrentRow(current)
        finally:
            self._setting = False

    def keyPressEvent(self, event) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select) and item is not None:
            item.setCheckState(Qt.CheckState.Unchecked
                               if item.checkState() == Qt.CheckState.Checked
                               else Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)

    def ticked(self) -> list:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def _changed(self, _item) -> None:
        if not self._setting:
            self.edited.emit(self.ticked())


class TickTree(QTreeWidget):
    """A tree whose items have ticks that Space toggles (a group's tick ticks its items)."""

    def keyPressEvent(self, event) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select) and item is not None \
                and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(0, Qt.CheckState.Unchecked
                               if item.checkState(0) == Qt.CheckState.Checked
                               else Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)


class GapsDialog(QDialog):
    """Choose the gaps an action addresses: every stage and system-wide area in every domain,
    with its latest rating, narrowed by typing. Open with .open(); read .chosen() when
    accepted."""

    def __init__(self, title: str, cells: Sequence[GapView], chosen, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Gaps addressed by \u201c{title}\u201d")
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(
            "Tick each stage or area, in each domain, that this action sets out to improve. "
            "The link is to the cell, not to one round's rating, so it holds when the system "
            "is rated again."))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(
            "Type to narrow the list (a stage, a domain, \u201cred\u201d)")
        self.filter.setAccessibleName("Narrow the list of gaps")
        layout.addWidget(self.filter)
        self.list = CheckList("Gaps to address")
        self.list.set_choices([(c.key, c.words) for c in cells], chosen)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._narrow)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 50, self.fontMetrics().lineSpacing() * 30)

    def _narrow(self, text: str) -> None:
        words = text.lower().split()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(not all(w in item.text().lower() for w in words))

    def chosen(self) -> list:
        return self.list.ticked()
