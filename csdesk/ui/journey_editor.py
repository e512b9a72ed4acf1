"""The journey editor: a journey's stages in a list, the selected stage's every field in a
form beside it, the arrows from and to that stage, and a read-only outline of the whole
journey for screen readers and for reading aloud.

Every field is one edit when the user leaves it (one undo step, named in the Edit menu).
The editor holds plain data only (a JourneyView and rows made from it) and refreshes itself
from change notices: rows change in place, so the selected stage stays selected; a form
field is updated only when its value changed, and never while someone is typing in it."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QValidator
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
    QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QScrollArea, QSizePolicy, QSpinBox, QSplitter, QStackedWidget, QTableView,
    QTabWidget, QToolButton, QVBoxLayout, QWidget,
)

from ..models import JourneyKind, LinkKind
from ..services import journeys, mapping
from ..services.journey_outline import (
    NOT_KNOWN, arrow_texts, days_text, longest_waits_text, outline, time_short, time_spoken,
)
from ..services.journey_view import (
    NO_LEAD, JourneyView, StageView, journey_list, journey_time, journey_view,
)
from ..services.project import OpenProject
from . import dialogs
from .outline_tree import OutlineTree
from .rows_model import Column, RowsModel
from .undo import edit
from .widgets import NotesEdit, heading, paragraph

# The tables whose changes can alter what the editor shows.
RELEVANT = frozenset({"journey", "stage", "stage_agency", "stage_link", "agency", "level"})
NOT_SET = "Not set"  # a stage's level, when none is chosen
NONE = -1  # the item data that stands for "no lead agency" / "no level"
LINK_ROLE = Qt.ItemDataRole.UserRole

KIND_WORDS = {
    LinkKind.NEXT: "Next stage (next)",
    LinkKind.BRANCH: "Another route (branch)",
    LinkKind.TRIGGERS_CONTEXT: "Starts or feeds a context journey (triggers context)",
}


@dataclass(frozen=True)
class StageRow:
    """One row of the stage list: plain text made from a StageView."""

    id: int
    number: int | None  # 1, 2, ... (None: archived)
    name: str
    lead: str  # "" if none
    level: str  # "" if none
    days: int | None
    waiting: int | None
    archived: bool


STAGE_COLUMNS = (
    Column("No.", lambda r: "" if r.number is None else str(r.number),
           lambda r: "Archived" if r.number is None else f"Stage {r.number}"),
    Column("Stage", lambda r: r.name + (" (archived)" if r.archived else "")),
    Column("Lead agency", lambda r: r.lead or NO_LEAD,
           lambda r: f"Lead: {r.lead}" if r.lead else NO_LEAD),
    Column("Level", lambda r: r.level or NOT_SET,
           lambda r: f"Level: {r.level}" if r.level else "Level not set"),
    Column("Time", lambda r: time_short(r.days, r.waiting),
           lambda r: time_spoken(r.days, r.waiting)),
)


# --- Fields that commit when the user leaves them ------------------------------------------------


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


# --- The editor ----------------------------------------------------------------------------------


class JourneyEditor(QWidget):
    """Edits one journey. The screen that owns it calls set_project(), show_journey() and
    refresh(changes); a third tab (the map) can be added with add_tab()."""

    stage_selected = Signal(object)  # the selected stage's id, or None
    view_changed = Signal(object)  # the JourneyView now shown, after every refresh
    follow_requested = Signal(int, int)  # an arrow into another journey: (journey, stage)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._project: OpenProject | None = None
        self._readonly = False
        self._journey_id: int | None = None
        self._view: JourneyView | None = None
        self._current_id: int | None = None
        self._form_stage: StageView | None = None
        self._agency_names: dict[int, str] = {}
        self._busy = False  # committing a field: a refusal's message box moves the focus
        self.arrow_dialog: ArrowDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = paragraph("")
        self.summary.setObjectName("journey_summary")
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("journey_tabs")
        self.tabs.tabBar().setAccessibleName("Views of the journey")
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_stages_page(), "&Stages")
        self.outline = OutlineTree()
        self.outline.setObjectName("journey_outline")
        self.tabs.addTab(self.outline, "O&utline")
        self._build_actions()
        self._set_tab_order()
        self._enable()

    # ----- building -----

    def _build_stages_page(self) -> QWidget:
        em = self.fontMetrics().horizontalAdvance("M")
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.button_rows = (QHBoxLayout(), QHBoxLayout())
        for row in self.button_rows:
            left_layout.addLayout(row)
        self.model = RowsModel(STAGE_COLUMNS, self, reorderable=True)
        self.model.move_requested.connect(self._dragged)
        self.table = QTableView()
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragDropOverwriteMode(False)
        self.table.setObjectName("stage_list")
        self.table.setAccessibleName("Stages")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the form
        self.table.setWordWrap(True)  # long stage and agency names wrap, never cut off
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):  # the stage and the agency share what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._fit_columns()
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        left_layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.show_archived = QCheckBox("Show archived stages")
        self.show_archived.setObjectName("show_archived")
        self.show_archived.setToolTip("Stages that ratings or actions refer to are archived, "
                                      "not deleted, so the review keeps its history.")
        self.show_archived.toggled.connect(lambda _: self.refresh())
        bottom.addWidget(self.show_archived)
        self.restore_button = QToolButton()
        bottom.addWidget(self.restore_button)
        bottom.addStretch()
        left_layout.addLayout(bottom)
        self.splitter.addWidget(left)

        self.detail = QStackedWidget()
        self.no_stage = paragraph("")
        self.no_stage.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.addWidget(self.no_stage)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self._build_form())
        self.detail.addWidget(self.scroll)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([em * 48, em * 32])
        return self.splitter

    def _build_form(self) -> QWidget:
        body = QWidget()
        outer = QVBoxLayout(body)
        self.stage_heading = heading("", 1.2)
        outer.addWidget(self.stage_heading)
        self.archived_note = paragraph("This stage is archived: ratings or actions refer to it. "
                                       "Restore it to change it.")
        outer.addWidget(self.archived_note)
        form = QFormLayout()
        # Labels above their fields: the fields get the pane's whole width, and long labels
        # ("How extra-familial context is considered today") never squeeze them.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form
        self.fields: dict[str, Field] = {}

        def line(key):
            w = QLineEdit()

            def put(v):
                w.setText(v or "")
                w.setCursorPosition(0)  # show the start of a long sentence, not its end
            return Field(key, w, lambda: w.text().strip(), put)

        def notes(key):
            w = NotesEdit()
            return Field(key, w, w.toPlainText, lambda v: w.setPlainText(v or ""))

        def choice(key):
            w = ChoiceBox()
            return Field(key, w, lambda: None if w.currentData() in (None, NONE)
                         else w.currentData(),
                         lambda v: w.setCurrentIndex(max(0, w.findData(NONE if v is None else v))))

        def days(key):
            w = DaysBox()
            return Field(key, w, w.days, lambda v: w.setValue(NONE if v is None else v))

        # Mnemonics: none of F, E, V, G, H (the menus) and none used twice on this screen.
        rows = (
            ("&Name", line("name")),
            ("Lead agenc&y", choice("lead_agency_id")),
            ("Other &agencies involved", None),
            ("Who &decides", line("decision")),
            ("Decision &options", notes("decision_options")),
            ("&Level held at", choice("level_id")),
            ("&Time it takes", days("days")),
            ("&Waiting before it", days("waiting_days")),
            ("Time note", line("time_note")),  # Alt+M is the Map tab
            ("What ha&ppens", notes("what_happens")),
            ("How extra-familial &context is considered today", notes("context_considered")),
            ("Gaps and pain po&ints", notes("gaps")),
            ("What this picture is &based on", notes("evidence_notes")),
        )
        for label, field in rows:
            if field is None:
                self.agencies = QListWidget()
                self.agencies.setObjectName("agencies")
                self.agencies.setAccessibleName("Other agencies involved")
                self.agencies.setSizePolicy(QSizePolicy.Policy.Expanding,
                                            QSizePolicy.Policy.Fixed)
                self.agencies.itemChanged.connect(self._agencies_changed)
                form.addRow(self._label(label, self.agencies), self.agencies)
                continue
            field.widget.setObjectName(field.key)
            field.widget.setAccessibleName(label.replace("&", ""))
            field.widget.editingFinished.connect(lambda f=field: self._commit(f))
            self.fields[field.key] = field
            form.addRow(self._label(label, field.widget), field.widget)
        f = self.fields
        self.name, self.lead, self.decision, self.options = (
            f["name"].widget, f["lead_agency_id"].widget, f["decision"].widget,
            f["decision_options"].widget)
        self.level, self.days, self.waiting, self.time_note = (
            f["level_id"].widget, f["days"].widget, f["waiting_days"].widget,
            f["time_note"].widget)
        self.what, self.context, self.gaps, self.evidence = (
            f["what_happens"].widget, f["context_considered"].widget, f["gaps"].widget,
            f["evidence_notes"].widget)
        self.time_note.setPlaceholderText("e.g. 5 to 10 days, longer in school holidays")
        outer.addLayout(form)

        self.arrows_box = QGroupBox("Arrows from and to this stage")
        arrows_layout = QVBoxLayout(self.arrows_box)
        self.arrows = QListWidget()
        self.arrows.setObjectName("arrows")
        self.arrows.setAccessibleName("Arrows from and to this stage")
        self.arrows.setWordWrap(True)
        self.arrows.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.arrows.currentRowChanged.connect(lambda _: self._enable())
        self.arrows.itemActivated.connect(self._follow)  # Enter or a double click
        arrows_layout.addWidget(self.arrows)
        arrow_buttons = QHBoxLayout()
        self.add_arrow_button, self.remove_arrow_button = QToolButton(), QToolButton()
        arrow_buttons.addWidget(self.add_arrow_button)
        arrow_buttons.addWidget(self.remove_arrow_button)
        arrow_buttons.addStretch()
        arrows_layout.addLayout(arrow_buttons)
        outer.addWidget(self.arrows_box)
        outer.addStretch()
        self._fit_lists()
        return body

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        """A form label with its field as buddy (so its mnemonic jumps there) that wraps
        only when the form is narrower than it."""
        label = FormLabel(text)
        label.setBuddy(buddy)
        return label

    def _fit_columns(self) -> None:
        em = self.fontMetrics().horizontalAdvance("M")
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(em * 3)
        for column, width in ((3, 7), (4, 6.5)):  # "Child Protection", "90 days + / 21 waiting"
            header.resizeSection(column, int(em * width))

    def _fit_lists(self) -> None:
        """Heights in lines of the current font, so they grow with View > Zoom."""
        line = self.fontMetrics().lineSpacing()
        self.agencies.setFixedHeight(int(line * 6.5) + 2 * self.agencies.frameWidth())
        self.arrows.setFixedHeight(int(line * 5.5) + 2 * self.arrows.frameWidth())

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange and hasattr(self, "move_buttons"):
            self._fit_lists()
            self._fit_columns()
            self._fit_orientation()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if hasattr(self, "move_buttons"):
            self._fit_orientation()

    def _fit_orientation(self) -> None:
        """The list beside the form when there is room for both (about 60 letters wide at
        the current zoom), else the list above the form, so neither is squeezed."""
        em = self.fontMetrics().horizontalAdvance("M")
        wide = self.width() >= em * 60
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            total = self.splitter.width() if wide else self.splitter.height()
            first = total * 3 // 5 if wide else total // 2  # the list has five columns
            self.splitter.setSizes([first, total - first])
        # The stage buttons in one row when the list is wide enough for them, else two.
        top, second = self.button_rows
        buttons = [top.itemAt(i).widget() for i in range(3)] + self.move_buttons
        needed = sum(b.sizeHint().width() for b in buttons) + top.spacing() * 6
        # Judged on the list's share of the width, not its size now: five buttons in a row
        # would hold the list at that width and never let it wrap back.
        one_row = (self.width() * 3 // 5 if wide else self.width()) >= needed
        target, index = (top, 3) if one_row else (second, 0)
        if self.move_buttons[0].parentWidget() is not None and target.indexOf(
                self.move_buttons[0]) < 0:
            for i, button in enumerate(self.move_buttons):
                (second if one_row else top).removeWidget(button)
                target.insertWidget(index + i, button)

    def _action(self, text: str, tip: str, slot, shortcut=None, scope=None,
                button: QToolButton | None = None, row: QHBoxLayout | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(text.lower().replace(" ", "_").rstrip("…"))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut
                                      if scope is None else Qt.ShortcutContext.WidgetShortcut)
            tip += f" ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.triggered.connect(slot)
        (scope or self).addAction(action)
        if button is None and row is not None:
            button = QToolButton()
            row.addWidget(button)
        if button is not None:
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setAccessibleDescription(tip)
        return action

    def _build_actions(self) -> None:
        top, second = self.button_rows
        # Add and Duplicate work from anywhere in the editor; Delete and the moves only from
        # the list, where Del and Alt+Up/Down mean nothing else (in a text field Del deletes
        # text, and Alt+Down opens a combo box's list).
        self.act_add = self._action("Add stage", "Add a stage after the selected one",
                                    self.add_stage, "Ctrl+Shift+N", row=top)
        self.act_duplicate = self._action(
            "Duplicate", "Copy the selected stage, its fields and agencies, just after it",
            self.duplicate_stage, "Ctrl+D", row=top)
        self.act_delete = self._action(
            "Delete", "Delete the selected stage (archived instead if ratings or actions "
            "refer to it)", self.delete_stage, QKeySequence.StandardKey.Delete, self.table,
            row=top)
        self.act_up = self._action("Move up", "Move the selected stage one place earlier",
                                   lambda: self.move_stage(-1), "Alt+Up", self.table, row=second)
        self.act_down = self._action("Move down", "Move the selected stage one place later",
                                     lambda: self.move_stage(+1), "Alt+Down", self.table,
                                     row=second)
        for row in self.button_rows:
            row.addStretch()
        self.move_buttons = [self.button_rows[1].itemAt(i).widget() for i in range(2)]
        self.act_restore = self._action("Restore stage", "Bring the archived stage back, at the "
                                        "end of the journey", self.restore_stage,
                                        button=self.restore_button)
        self.act_add_arrow = self._action(
            "Add arrow…", "Add an arrow from the selected stage to another stage",
            self.add_arrow, button=self.add_arrow_button)
        self.act_remove_arrow = self._action(
            "Remove arrow", "Remove the selected arrow", self.remove_arrow,
            QKeySequence.StandardKey.Delete, self.arrows, button=self.remove_arrow_button)

    def _set_tab_order(self) -> None:
        """From the list straight into the form, field by field, then the arrows."""
        chain = [self.table, *(f.widget for f in list(self.fields.values())[:2]),
                 self.agencies, *(f.widget for f in list(self.fields.values())[2:]),
                 self.arrows, self.add_arrow_button, self.remove_arrow_button,
                 self.show_archived, self.restore_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Another view of the same journey (the map), after Stages and Outline."""
        return self.tabs.addTab(widget, title)

    # ----- project and journey -----

    def set_project(self, project: OpenProject | None) -> None:
        self._project = project
        self._readonly = bool(project and project.readonly)
        for field in self.fields.values():
            w = field.widget
            if isinstance(w, (QLineEdit, NotesEdit, QSpinBox)):
                w.setReadOnly(self._readonly)
            else:
                w.setEnabled(not self._readonly)
        self._journey_id = self._view = self._form_stage = self._current_id = None
        if project is None:
            self._close_arrow_dialog()
            self.model.set_rows([])
            self.outline.clear()
            self.summary.clear()
        else:
            self._load_choices(agencies=True, levels=True)
        self._enable()

    def detach(self) -> None:
        """Before the project closes: keep what is being typed, then let go of it."""
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()  # finishes the edit, as leaving the field would
        self.set_project(None)

    def show_journey(self, journey_id: int | None) -> None:
        if journey_id == self._journey_id and self._view is not None:
            return
        self._close_arrow_dialog()
        self._journey_id = journey_id
        self._current_id = self._form_stage = self._view = None
        self.model.set_rows([])  # another journey's stages share no ids with these
        self.refresh()
        if self.model.rowCount():
            self.select_stage(self.model.rows[0].id)

    @property
    def view(self) -> JourneyView | None:
        return self._view

    def journey_id(self) -> int | None:
        return self._journey_id

    def current_stage_id(self) -> int | None:
        return self._current_id

    def select_stage(self, stage_id: int) -> bool:
        row = self.model.row_of(stage_id)
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # ----- refreshing -----

    def refresh(self, changes=None) -> None:
        """Show the journey as saved now; after a change notice only if it could matter."""
        if self._project is None or self._journey_id is None:
            self._enable()
            return
        if changes is not None and not changes.tables & RELEVANT:
            return
        self._load_choices(agencies=changes is None or "agency" in changes.tables,
                           levels=changes is None or "level" in changes.tables)
        try:
            view = journey_view(self._project, self._journey_id,
                                archived=self.show_archived.isChecked())
        except ValueError:  # the journey itself went (the screen will choose another)
            self._view = None
            self.model.set_rows([])
            self._enable()
            return
        old_row = self.model.row_of(self._current_id) if self._current_id is not None else -1
        self._view = view
        number = 0
        rows = []
        for st in view.stages:
            number += not st.archived
            rows.append(StageRow(st.id, None if st.archived else number, st.name,
                                 self._agency_names.get(st.lead_agency_id, ""),
                                 st.level_name, st.days, st.waiting_days, st.archived))
        self.model.set_rows(rows)
        self._keep_current(old_row)
        self._show_stage(view.stage(self._current_id) if self._current_id is not None else None)
        self._show_summary(view)
        self._show_outline(view)
        self._enable()
        self.view_changed.emit(view)

    def _keep_current(self, old_row: int) -> None:
        """The selected stage stays selected while it exists; if it went, its neighbour."""
        if not self.model.rowCount():
            self._current_id = None
            return
        row = self.model.row_of(self._current_id) if self._current_id is not None else -1
        if row < 0:
            row = min(max(old_row, 0), self.model.rowCount() - 1)
        if self.table.currentIndex().row() != row or not self.table.selectionModel().isRowSelected(
                row):
            self.select_stage(self.model.rows[row].id)
        self._current_id = self.model.rows[row].id

    def _current_changed(self, current, _previous) -> None:
        row = self.model.row(current)
        new_id = row.id if row is not None else None
        if new_id == self._current_id and self._form_stage is not None \
                and self._form_stage.id == new_id:
            return
        self._current_id = new_id
        if self._view is not None:
            self._show_stage(self._view.stage(new_id) if new_id is not None else None)
        self._enable()
        self.stage_selected.emit(new_id)

    def _load_choices(self, agencies: bool, levels: bool) -> None:
        if self._project is None:
            return
        if agencies:
            rows = mapping.agencies(self._project)
            self._agency_names = {a.id: a.name for a in rows}
            self._fill(self.lead, [(NO_LEAD, NONE)] + [(a.name, a.id) for a in rows])
            self.agencies.blockSignals(True)
            self.agencies.clear()
            for a in rows:
                item = QListWidgetItem(a.name, self.agencies)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | (Qt.ItemFlag.NoItemFlags if self._readonly
                                 else Qt.ItemFlag.ItemIsUserCheckable))
                item.setCheckState(Qt.CheckState.Unchecked)
            self.agencies.blockSignals(False)
        if levels:
            self._fill(self.level, [(NOT_SET, NONE)] + [(lv.name, lv.id) for lv in
                                                       mapping.levels(self._project)])
        if self._form_stage is not None:  # show the saved choices again in the new lists
            if agencies:
                self.fields["lead_agency_id"].put(self._form_stage.lead_agency_id)
                self._put_agencies(self._form_stage.agency_ids)
            if levels:
                self.fields["level_id"].put(self._form_stage.level_id)

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[str, int]]) -> None:
        if [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] == items:
            return
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.blockSignals(False)

    def _put_agencies(self, agency_ids) -> None:
        wanted = set(agency_ids)
        self.agencies.blockSignals(True)
        for i in range(self.agencies.count()):
            item = self.agencies.item(i)
            state = (Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                     else Qt.CheckState.Unchecked)
            if item.checkState() != state:
                item.setCheckState(state)
        self.agencies.blockSignals(False)

    def _checked_agencies(self) -> tuple[int, ...]:
        return tuple(self.agencies.item(i).data(Qt.ItemDataRole.UserRole)
                     for i in range(self.agencies.count())
                     if self.agencies.item(i).checkState() == Qt.CheckState.Checked)

    def _show_stage(self, stage: StageView | None) -> None:
        """Show a stage in the form: all of it if it is another stage than the one shown;
        else only the fields that changed, leaving alone a field someone is typing in."""
        old = self._form_stage
        self._form_stage = stage
        if stage is None:
            self.detail.setCurrentWidget(self.no_stage)
            self.no_stage.setText(self._no_stage_text())
            self.arrows.clear()
            return
        self.detail.setCurrentWidget(self.scroll)
        same = old is not None and old.id == stage.id
        for field in self.fields.values():
            new = getattr(stage, field.key)
            shown = field.get()
            if shown == new:
                continue
            if same and field.has_focus() and shown != getattr(old, field.key):
                continue  # being typed in: what is typed wins when the user leaves it
            field.widget.blockSignals(True)
            field.put(new)
            field.widget.blockSignals(False)
        if set(self._checked_agencies()) != set(stage.agency_ids):
            self._put_agencies(stage.agency_ids)
        position = f"Stage {stage.position + 1}" if not stage.archived else "Archived stage"
        title = f"{position}: {stage.name}"
        if self.stage_heading.text() != title:
            self.stage_heading.setText(title)
            self.stage_heading.setAccessibleName(title)
        self.archived_note.setVisible(stage.archived)
        editable = not (self._readonly or stage.archived)
        for field in self.fields.values():
            w = field.widget
            if isinstance(w, (QLineEdit, NotesEdit, QSpinBox)):
                w.setReadOnly(not editable)
            else:
                w.setEnabled(editable)
        self.agencies.setEnabled(editable)
        self._show_arrows(stage)

    def _no_stage_text(self) -> str:
        if self._view is None:
            return ""
        if self._readonly:
            return "This journey has no stages."
        return ("This journey has no stages yet. Add the first with Add stage "
                f"({self.act_add.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}).")

    # ----- arrows -----

    def arrow_texts(self, stage: StageView) -> list[tuple[int, str]]:
        return arrow_texts(self._view, stage) if self._view else []

    def _show_arrows(self, stage: StageView) -> None:
        texts = self.arrow_texts(stage)
        shown = [(self.arrows.item(i).data(LINK_ROLE), self.arrows.item(i).text())
                 for i in range(self.arrows.count())]
        if shown == texts:
            return
        current = self.arrows.currentItem()
        current_id = current.data(LINK_ROLE) if current else None
        self.arrows.blockSignals(True)
        self.arrows.clear()
        for link_id, text in texts:
            item = QListWidgetItem(text, self.arrows)
            item.setData(LINK_ROLE, link_id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         text.replace("→", "Arrow to").replace("←", "Arrow from"))
            if link_id == current_id:
                self.arrows.setCurrentItem(item)
        if not texts:
            item = QListWidgetItem("No arrows yet.", self.arrows)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.arrows.blockSignals(False)

    def _follow(self, item: QListWidgetItem) -> None:
        """Go to the stage at the far end of an arrow: in this journey, select it; in
        another, ask the window to open that journey there."""
        link = next((ln for ln in (self._view.links if self._view else ())
                     if ln.id == item.data(LINK_ROLE)), None)
        if link is None:
            return
        far = link.to_stage_id if link.from_stage_id == self.current_stage_id() \
            else link.from_stage_id
        if link.other_journey_id is not None:
            self.follow_requested.emit(link.other_journey_id, far)
        else:
            self.select_stage(far)

    # ----- summary and outline -----

    def _show_summary(self, view: JourneyView) -> None:
        text = journey_time(view).summary()
        waits = longest_waits_text(view)
        if waits:
            text += " " + waits
        if self.summary.text() != text:
            self.summary.setText(text)

    def _show_outline(self, view: JourneyView) -> None:
        """The Outline tab: services/journey_outline's words (the same as the PDF's)."""
        intro = [view.title, *([view.description] if view.description else []),
                 journey_time(view).summary()]
        waits = longest_waits_text(view)
        if waits:
            intro.append(waits)
        if not view.stages:
            intro.append("No stages yet.")
        self.outline.show_outline(intro, outline(view, self._agency_names))

    # ----- enabling -----

    def _enable(self) -> None:
        editable = self._project is not None and not self._readonly and self._view is not None
        stage = self._form_stage
        live = editable and stage is not None and not stage.archived
        active = [st for st in self._view.stages if not st.archived] if self._view else []
        self.act_add.setEnabled(editable)
        self.act_duplicate.setEnabled(live)
        self.act_delete.setEnabled(live)
        self.act_up.setEnabled(live and stage.position > 0)
        self.act_down.setEnabled(live and stage.position < len(active) - 1)
        self.act_restore.setEnabled(editable and stage is not None and stage.archived)
        self.restore_button.setVisible(self.show_archived.isChecked())
        self.act_add_arrow.setEnabled(live)
        item = self.arrows.currentItem()
        self.act_remove_arrow.setEnabled(
            live and item is not None and item.data(LINK_ROLE) is not None)

    # ----- edits -----

    def _run(self, operation, *args, **kwargs):
        """edit(), keeping the operation's result: (True, result) or (False, None)."""
        result = []
        ok = edit(self, lambda: result.append(operation(self._project, *args, **kwargs)))
        return ok, (result[0] if result else None)

    def _commit(self, field: Field) -> None:
        """A field was left: save it as one edit, or put the saved value back if refused."""
        stage = self._form_stage
        if self._busy or self._project is None or self._readonly or stage is None \
                or stage.archived:
            return
        value = field.get()
        if value == getattr(stage, field.key):
            return
        self._busy = True
        try:
            ok, _ = self._run(journeys.update_stage, stage.id, **{field.key: value})
        finally:
            self._busy = False
        if not ok and self._form_stage is not None and self._form_stage.id == stage.id:
            field.widget.blockSignals(True)
            field.put(getattr(self._form_stage, field.key))
            field.widget.blockSignals(False)

    def _agencies_changed(self, _item) -> None:
        stage = self._form_stage
        if self._busy or self._project is None or self._readonly or stage is None:
            return
        wanted = self._checked_agencies()
        if set(wanted) == set(stage.agency_ids):
            return
        if not self._run(journeys.set_stage_agencies, stage.id, wanted)[0]:
            self._put_agencies(self._form_stage.agency_ids if self._form_stage else ())

    def _tell(self, text: str) -> None:
        """A quiet note in the window's status bar (after its own "Saved to ...")."""
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)

    def add_stage(self) -> None:
        if not self.act_add.isEnabled():
            return
        after = self._current_id if self._form_stage and not self._form_stage.archived else None
        ok, stage_id = self._run(journeys.add_stage, self._journey_id, "New stage", after=after)
        if ok:
            self.select_stage(stage_id)
            self.name.setFocus()
            self.name.selectAll()  # type the name straight away

    def duplicate_stage(self) -> None:
        if not self.act_duplicate.isEnabled():
            return
        ok, stage_id = self._run(journeys.duplicate_stage, self._current_id)
        if ok:
            self.select_stage(stage_id)

    def delete_stage(self) -> None:
        if not self.act_delete.isEnabled():
            return
        stage = self._form_stage
        ok, removal = self._run(journeys.delete_stage, stage.id)
        if not ok:
            return
        if removal.archived:
            dialogs.info(self, removal.describe("stage", "Show archived stages to restore it."),
                         f"“{stage.name}” was archived")
        else:
            self._tell(f"Deleted the stage “{stage.name}”. Edit > Undo brings it back.")

    def move_stage(self, step: int) -> None:
        if not (self.act_up if step < 0 else self.act_down).isEnabled():
            return
        stage = self._form_stage
        active = [st.id for st in self._view.stages if not st.archived]
        if stage.id not in active:
            return  # an archived stage has no place in the order
        self._run(journeys.move_stage, stage.id, active.index(stage.id) + step)
        self.select_stage(stage.id)

    def _dragged(self, stage_id: int, to_index: int) -> None:
        """A stage dropped at a new place in the list (the mouse's Move up / Move down)."""
        if not self._readonly:
            self._run(journeys.move_stage, stage_id, to_index)
            self.select_stage(stage_id)

    def restore_stage(self) -> None:
        if not self.act_restore.isEnabled():
            return
        self._run(journeys.restore_stage, self._form_stage.id)

    def remove_arrow(self) -> None:
        item = self.arrows.currentItem()
        if not self.act_remove_arrow.isEnabled() or item is None:
            return
        self._run(journeys.unlink, item.data(LINK_ROLE))

    def add_arrow(self) -> None:
        if not self.act_add_arrow.isEnabled():
            return
        source = self._form_stage
        targets = [(f"{st.position + 1}. {st.name}", st.id, False)
                   for st in self._view.stages if not st.archived and st.id != source.id]
        if self._view.kind == JourneyKind.CHILD:
            for summary in journey_list(self._project):
                if summary.kind == JourneyKind.CONTEXT:
                    other = journey_view(self._project, summary.id)
                    targets += [(f"{other.title}: {st.name}", st.id, True)
                                for st in other.stages]
        if not targets:
            dialogs.info(self, "There is no other stage to draw an arrow to yet: add one first.",
                         "Add an arrow")
            return
        self._close_arrow_dialog()
        self.arrow_dialog = ArrowDialog(self, source.name, targets,
                                        lambda *a: self._link(source.id, *a))
        self.arrow_dialog.open()  # window-modal without blocking the event loop

    def _link(self, source_id: int, target_id: int, kind: LinkKind, note: str) -> bool:
        return self._run(journeys.link_stages, source_id, target_id, kind, note)[0]

    def _close_arrow_dialog(self) -> None:
        if self.arrow_dialog is not None:
            self.arrow_dialog.reject()
            self.arrow_dialog.deleteLater()
            self.arrow_dialog = None


class ArrowDialog(QDialog):
    """Add an arrow: the stage it goes to and what kind it is, with an optional note.
    A refused arrow (say, a loop onto itself, or one already there) keeps the dialog open
    after saying why."""

    def __init__(self, parent: QWidget, source_name: str, targets: list[tuple[str, int, bool]],
                 submit: Callable[[int, LinkKind, str], bool]):
        super().__init__(parent)
        self.setWindowTitle("Add an arrow")
        self._submit = submit
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(f"An arrow from “{source_name}” to another stage."))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.target = QComboBox()
        self.target.setAccessibleName("To stage")
        for text, stage_id, elsewhere in targets:
            self.target.addItem(text, (stage_id, elsewhere))
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of arrow")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("e.g. Significant harm suspected")
        form.addRow("&To stage", self.target)
        form.addRow("&Kind of arrow", self.kind)
        form.addRow("&Note (optional)", self.note)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add arrow")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.target.currentIndexChanged.connect(self._target_changed)
        self._target_changed()
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 40, self.sizeHint().height())

    def choose(self, text_part: str) -> bool:
        """Pick the first target whose text contains text_part (for keyboard-free tests)."""
        for i in range(self.target.count()):
            if text_part in self.target.itemText(i):
                self.target.setCurrentIndex(i)
                return True
        return False

    def _target_changed(self, _index: int = 0) -> None:
        """A stage of another journey can only be triggered; one of this journey comes next
        or is a branch."""
        data = self.target.currentData()
        elsewhere = bool(data and data[1])
        kinds = [LinkKind.TRIGGERS_CONTEXT] if elsewhere else [LinkKind.NEXT, LinkKind.BRANCH]
        if [self.kind.itemData(i) for i in range(self.kind.count())] != kinds:
            self.kind.clear()
            for kind in kinds:
                self.kind.addItem(KIND_WORDS[kind], kind)

    def accept(self) -> None:
        data = self.target.currentData()
        if data is None:
            return
        if self._submit(data[0], self.kind.currentData(), self.note.text()):
            super().accept()
