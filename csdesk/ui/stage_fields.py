"""A stage's form fields and their checks: each commits once, when the user leaves it.

`ChoiceBox` (a combo box that finishes like a line edit), `DaysBox` (whole days, units
understood, "Not known" for none), `FormLabel`, and `Field`, which binds a widget to one of a
stage's fields by name. `line`, `notes`, `choice` and `days` make the four kinds of field."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from ..services.journey_outline import NOT_KNOWN, days_text
from .widgets import NotesEdit

NONE = -1  # the item data that stands for "no lead agency" / "no level"


class ChoiceBox(QComboBox):
    """A combo box that reports one editingFinished per choice, like a line edit: at once
    when an item is picked from the list, but after arrow keys or typed letters on the closed
    box only when the user leaves it or presses Enter. So stepping past ten agencies with the
    Down key is one edit, not ten."""

    editingFinished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._stepping = 0
        self._pending = False
        self.activated.connect(self._activated)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a wheel over it scrolls the form

    def _activated(self, _index: int) -> None:
        if self._stepping:
            self._pending = True
        else:
            self._finish()

    def _finish(self) -> None:
        self._pending = False
        self.editingFinished.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._pending:
            self._finish()
            return
        self._stepping += 1
        try:
            super().keyPressEvent(event)
        finally:
            self._stepping -= 1

    def wheelEvent(self, event) -> None:
        if not self.hasFocus():
            event.ignore()  # scroll the form, not the value under the pointer
            return
        self._stepping += 1
        try:
            super().wheelEvent(event)
        finally:
            self._stepping -= 1

    def focusOutEvent(self, event) -> None:
        if self._pending and event.reason() != Qt.FocusReason.PopupFocusReason:
            self._finish()
        super().focusOutEvent(event)


class DaysBox(QSpinBox):
    """Whole days, 0 or more ("1 day", "45 days"), or "Not known" (blank): the special value
    -1. Clearing the box and leaving it makes it "Not known"; a minus sign cannot be typed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRange(NONE, 9999)
        self.setSpecialValueText(NOT_KNOWN)
        self.setValue(NONE)
        self.setCorrectionMode(QSpinBox.CorrectionMode.CorrectToPreviousValue)

    # Typed units are turned into days: "2 weeks" is 14, "3 months" 90 (a month as 30 days).
    UNITS = {"day": 1, "week": 7, "wk": 7, "fortnight": 14, "month": 30}
    TYPED = re.compile(r"^(\d+)\s*([a-z]*)$")

    def _parse(self, text: str) -> tuple[QValidator.State, int | None]:
        """How far the text typed is a number of days, and how many."""
        bare = text.strip().lower()
        if bare in ("", NOT_KNOWN.lower()):
            return QValidator.State.Acceptable, None
        if NOT_KNOWN.lower().startswith(bare):
            return QValidator.State.Intermediate, None
        m = self.TYPED.match(bare)
        if not m:
            return QValidator.State.Invalid, None
        number, unit = int(m.group(1)), m.group(2)
        whole = unit[:-1] if unit.endswith("s") else unit
        if not unit or whole in self.UNITS:
            days = number * self.UNITS.get(whole, 1)
            ok = days <= self.maximum()
            return (QValidator.State.Acceptable if ok else QValidator.State.Invalid), days
        if any(name.startswith(unit) for name in self.UNITS):
            return QValidator.State.Intermediate, None  # "2 we..." on its way to "weeks"
        return QValidator.State.Invalid, None

    def validate(self, text: str, pos: int):
        return self._parse(text)[0], text, pos

    def valueFromText(self, text: str) -> int:
        days = self._parse(text)[1]
        return NONE if days is None else days

    def textFromValue(self, value: int) -> str:
        return NOT_KNOWN if value < 0 else days_text(value)

    def days(self) -> int | None:
        return None if self.value() < 0 else self.value()


class FormLabel(QLabel):
    """A label that asks for its whole text's width and wraps only when it gets less, so a
    long label ("How extra-familial context is considered today") never widens the form
    and a short one never wraps for nothing."""

    def __init__(self, text: str, parent=None):
        super().__init__(text, parent)
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        width = (self.fontMetrics().horizontalAdvance(self.text().replace("&", ""))
                 + margins.left() + margins.right() + 2 * self.margin() + 2)
        return QSize(width, self.heightForWidth(width) if width > 0 else hint.height())


@dataclass
class Field:
    """A form field bound to one of a stage's fields (a StageView attribute that
    journeys.update_stage accepts by the same name)."""

    key: str
    widget: QWidget
    get: Callable[[], object]
    put: Callable[[object], None]

    def has_focus(self) -> bool:
        focused = QApplication.focusWidget()
        return focused is not None and (focused is self.widget
                                        or self.widget.isAncestorOf(focused))


    def show(self, value) -> None:
        """Put a saved value in the widget without it counting as an edit."""
        self.widget.blockSignals(True)
        self.put(value)
        self.widget.blockSignals(False)

    def set_editable(self, editable: bool) -> None:
        """Text stays readable (and selectable) when it cannot be changed; choices grey."""
        if isinstance(self.widget, (QLineEdit, NotesEdit, QSpinBox)):
            self.widget.setReadOnly(not editable)
        else:
            self.widget.setEnabled(editable)


def line(key: str) -> Field:
    w = QLineEdit()

    def put(v):
        w.setText(v or "")
        w.setCursorPosition(0)  # show the start of a long sentence, not its end
    return Field(key, w, lambda: w.text().strip(), put)


def notes(key: str) -> Field:
    w = NotesEdit()
    return Field(key, w, w.toPlainText, lambda v: w.setPlainText(v or ""))


def choice(key: str) -> Field:
    w = ChoiceBox()
    return Field(key, w, lambda: None if w.currentData() in (None, NONE) else w.currentData(),
                 lambda v: w.setCurrentIndex(max(0, w.findData(NONE if v is None else v))))


def days(key: str) -> Field:
    w = DaysBox()
    return Field(key, w, w.days, lambda v: w.setValue(NONE if v is None else v))


def fill(combo: QComboBox, items: list[tuple[str, int]]) -> None:
    """Set a combo box's (text, data) items, unless it already has exactly these."""
    if [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] == items:
        return
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    combo.blockSignals(False)
