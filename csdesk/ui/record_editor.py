"""An ordered list of records edited in place: a table above, a form for the selected record
below, and Add / Delete / Move up / Move down. Used for agencies and levels; any list of
plain rows with a few fields fits.

Each field saves one edit when the user leaves it (or picks from a list); the table keeps its
selection while rows change, and a field being typed in is never overwritten by a refresh."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QHeaderView, QLineEdit,
    QPushButton, QSpinBox, QTableView, QVBoxLayout, QWidget,
)

from .rows_model import Column, RowsModel
from .widgets import NotesEdit

NOT_KNOWN = "Not known"
NOT_SET = "Not set"
NO_DATE = QDate(2000, 1, 1)  # a date field at its minimum means "no date"


def _date_of(widget: QDateEdit):
    return None if widget.date() <= NO_DATE else widget.date().toPython()


@dataclass(frozen=True)
class Field:
    key: str  # the attribute of the row and the keyword of the update operation
    label: str  # with a mnemonic, e.g. "&Name"
    kind: str = "line"  # line | notes | choice | count | date
    choices: Callable[[], Sequence[str]] = lambda: ()  # for "choice": offered values
    help: str = ""  # a tooltip, e.g. "Aggregate, approximate numbers only"


class RecordEditor(QWidget):
    """Emits field_edited(row_id, key, value) when a field is finished with a new value, and
    add / remove(row_id) / move(row_id, to_index) for the buttons. The owner runs the
    operations and calls set_rows() with fresh plain rows after each change notice."""

    field_edited = Signal(int, str, object)
    add_requested = Signal()
    remove_requested = Signal(int)
    move_requested = Signal(int, int)

    def __init__(self, noun: str, columns: Sequence[Column], fields: Sequence[Field],
                 mnemonics: bool = True, parent=None):
        """mnemonics=False: buttons without Alt+ letters (a second editor on one screen)."""
        super().__init__(parent)
        self.noun = noun
        self.model = RowsModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(f"{noun.capitalize()} list")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the form
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

        self.buttons = QHBoxLayout()
        amp = "&" if mnemonics else ""
        self.add_button = self._button(f"{amp}Add {noun}", self.add_requested.emit)
        self.remove_button = self._button(f"{amp}Delete {noun}", self._remove)
        self.up_button = self._button(f"Move {amp}up", lambda: self._move(-1))
        self.down_button = self._button(f"Move do{amp}wn", lambda: self._move(+1))
        self.buttons.addStretch()
        for key, slot in ((QKeySequence.StandardKey.Delete, self._remove),
                          ("Alt+Up", lambda: self._move(-1)), ("Alt+Down", lambda: self._move(+1))):
            action = QAction(self.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)

        self.fields = list(fields)
        self.inputs: dict[str, QWidget] = {}
        form = QFormLayout()
        for field in self.fields:
            widget = self._input(field)
            widget.setAccessibleName(field.label.replace("&", ""))
            widget.setToolTip(field.help)
            self.inputs[field.key] = widget
            form.addRow(field.label, widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        layout.addLayout(form)
        self._editable = True
        self._update_enabled()

    # -- building --

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def _input(self, field: Field) -> QWidget:
        if field.kind == "notes":
            widget = NotesEdit()
            widget.editingFinished.connect(lambda: self._finished(field, widget.toPlainText()))
        elif field.kind == "choice":
            widget = QComboBox()
            widget.activated.connect(lambda _: self._finished(field, widget.currentText()))
        elif field.kind == "count":
            widget = QSpinBox()
            widget.setRange(-1, 10_000_000)
            widget.setSpecialValueText(NOT_KNOWN)  # -1 shows as "Not known": a blank count
            widget.editingFinished.connect(
                lambda: self._finished(field, None if widget.value() < 0 else widget.value()))
        elif field.kind == "date":
            widget = QDateEdit()
            widget.setCalendarPopup(True)
            widget.setDisplayFormat("d MMMM yyyy")
            widget.setMinimumDate(NO_DATE)
            widget.setSpecialValueText(NOT_SET)  # the minimum date shows as "Not set"
            widget.editingFinished.connect(lambda: self._finished(field, _date_of(widget)))
        else:
            widget = QLineEdit()
            widget.editingFinished.connect(lambda: self._finished(field, widget.text()))
        return widget

    # -- showing --

    def current_id(self) -> int | None:
        row = self.model.row(self.table.currentIndex())
        return row.id if row else None

    def select(self, row_id: int) -> None:
        row = self.model.row_of(row_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def set_rows(self, rows: Sequence) -> None:
        had = self.current_id()
        self.model.set_rows(rows)
        if self.current_id() is None and rows:
            self.select(had if had is not None and self.model.row_of(had) >= 0 else rows[0].id)
        self._show_current()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._update_enabled()

    def _update_enabled(self) -> None:
        has = self.current_id() is not None
        self.add_button.setEnabled(self._editable)
        for widget in (self.remove_button, self.up_button, self.down_button,
                       *self.inputs.values()):
            widget.setEnabled(self._editable and has)

    def _show_current(self) -> None:
        row = self.model.row(self.table.currentIndex())
        self._update_enabled()
        for field in self.fields:
            widget = self.inputs[field.key]
            if widget.hasFocus():
                continue  # never overwrite what someone is typing
            value = getattr(row, field.key) if row else None
            if field.kind == "notes":
                if widget.toPlainText() != (value or ""):
                    widget.setPlainText(value or "")
            elif field.kind == "choice":
                options = list(field.choices())
                if value and value not in options:
                    options.append(value)
                if [widget.itemText(i) for i in range(widget.count())] != options:
                    widget.clear()
                    widget.addItems(options)
                widget.setCurrentText(value or "")
            elif field.kind == "count":
                widget.setValue(-1 if value is None else value)
            elif field.kind == "date":
                widget.setDate(QDate(value) if value else NO_DATE)
            elif widget.text() != (value or ""):
                widget.setText(value or "")

    # -- editing --

    def _finished(self, field: Field, value) -> None:
        row = self.model.row(self.table.currentIndex())
        if row is None or not self._editable:
            return
        if isinstance(value, str) and field.kind != "notes":
            value = value.strip()
        if value != getattr(row, field.key):
            self.field_edited.emit(row.id, field.key, value)
        self._show_current()  # what is saved (a refused edit puts the old value back)

    def _remove(self) -> None:
        if self._editable and self.current_id() is not None:
            self.remove_requested.emit(self.current_id())

    def _move(self, step: int) -> None:
        row_id = self.current_id()
        if not self._editable or row_id is None:
            return
        target = self.model.row_of(row_id) + step
        if 0 <= target < self.model.rowCount():
            self.move_requested.emit(row_id, target)
