"""Before export: the text in the project that looks like personal data, each with where it
is. Enter on one goes there (the section, the item, the field, the text selected); the user
may also go back, or export anyway. Nothing is changed or blocked.

`check_before_export(window)` is the one call the export flow makes."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QScrollArea, QTextEdit, QVBoxLayout, QWidget,
)

from ..services.personal_data import WHY
from ..services.personal_data_scan import ProjectFinding, scan_project
from ..services.review_view import ItemRef
from . import dialogs

GO_TO = 2  # the dialog's result when an item was chosen (Accepted is 1, Rejected 0)


def describe(pf: ProjectFinding) -> str:
    """'Stage “Front door” of “Child journey”, Gaps and pain points: NHS number “943 476 5919”'"""
    return f"{pf.place.item}, {pf.place.field}: {pf.finding.label} “{pf.finding.text}”"


class PersonalDataDialog(QDialog):
    def __init__(self, parent: QWidget | None, findings: list[ProjectFinding]):
        super().__init__(parent)
        self.setWindowTitle("Possible personal data")
        self.findings = findings
        self.chosen: ProjectFinding | None = None
        n = len(findings)
        intro = QLabel(
            f"{n} piece{'s' if n != 1 else ''} of text in this project look{'s' if n == 1 else ''}"
            f" like personal data about a child. {WHY}\n\nChoose one and press Enter to go "
            "to it, or export anyway.")
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("personal_data_list")
        self.list.setAccessibleName("Possible personal data")
        self.list.setWordWrap(True)
        for i, pf in enumerate(findings):
            item = QListWidgetItem(describe(pf), self.list)
            item.setData(Qt.ItemDataRole.UserRole, i)
            item.setToolTip(pf.finding.reason)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, pf.finding.reason)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._go_to)  # Enter or a double click

        buttons = QDialogButtonBox()
        self.go_button = buttons.addButton("&Go to It", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = buttons.addButton("&Export Anyway",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.back_button = buttons.addButton("Go &Back", QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.go_button, self.export_button, self.back_button):
            button.setAutoDefault(False)  # Enter in the list goes to an item, never exports
        self.go_button.clicked.connect(lambda: self._go_to(self.list.currentItem()))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 52, em * 32)
        self.list.setFocus()

    def _go_to(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.chosen = self.findings[item.data(Qt.ItemDataRole.UserRole)]
        self.done(GO_TO)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        for button in (self.go_button, self.export_button, self.back_button):
            button.setDefault(False)  # the button box makes one default when shown

    def keyPressEvent(self, event) -> None:
        """Enter presses the button it is on; anywhere else it goes to the chosen item.
        It never exports by default."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):
                focused.click()
            else:
                self._go_to(self.list.currentItem())
            return
        super().keyPressEvent(event)

    def answer(self):
        """'export', 'back', or the ProjectFinding chosen."""
        if self.result() == GO_TO and self.chosen is not None:
            return self.chosen
        return "export" if self.result() == QDialog.DialogCode.Accepted else "back"


# --- Going to a finding --------------------------------------------------------------------------


def _field_of(window, pf: ProjectFinding) -> QWidget | None:
    """Show the finding's section and item; the field that holds the text, if on screen."""
    place = pf.place
    window.show_section(place.section)
    screen = window.screens.currentWidget()
    if place.table == "stage":
        if not screen.open_stage(place.journey_id, place.row_id):
            screen.editor.show_archived.setChecked(True)  # archived stages are listed then
            if not screen.open_stage(place.journey_id, place.row_id):
                return None  # the journey itself is archived
        field = screen.editor.fields.get(place.column)
        return field.widget if field else None  # an arrow's note: the stage is enough
    if place.table == "journey" and hasattr(screen, "choose"):
        screen.choose(place.row_id)
    elif place.table in ("agency", "level"):
        records = screen.agencies if place.table == "agency" else screen.levels
        records.select(place.row_id)
        return records.inputs.get(place.column)
    elif place.table == "project":
        return {"title": screen.title, "local_area": screen.area,
                "notes": screen.notes}.get(place.column)
    elif place.table in ("rating", "value_check", "review_round"):
        return _review_field(screen, place)
    elif hasattr(screen, "show_record"):  # screens built later can offer this
        return screen.show_record(place.table, place.row_id, place.column)
    return None


def _review_field(screen, place) -> QWidget | None:
    """A rating's cell (round, item, domain) on the System review heatmap, a value check in
    its round on Values, or a round on the System review's Rounds tab."""
    ids = dict(place.ids)
    if place.table == "review_round":
        screen.tabs.setCurrentIndex(screen.tabs.indexOf(screen.rounds))
        screen.rounds.select(place.row_id)
        return screen.rounds.inputs.get(place.column)
    screen.round_id = ids["round_id"]
    screen.refresh()
    if place.table == "value_check":
        screen.editor.select(ids["value_id"])
        return screen.editor.inputs.get(place.column)
    screen.tabs.setCurrentIndex(0)  # the heatmap
    item = ItemRef("stage", ids["stage_id"]) if ids["stage_id"] else ItemRef("area",
                                                                            ids["area_id"])
    if not screen.go_to(item, ids["domain_id"]):
        return None  # a filter hides the cell: the round is shown
    return getattr(screen.form, place.column, None)


def _select(field: QWidget, pf: ProjectFinding) -> None:
    f = pf.finding
    if isinstance(field, QLineEdit):
        if field.text()[f.start:f.end] == f.text:
            field.setSelection(f.start, f.end - f.start)
    elif isinstance(field, (QPlainTextEdit, QTextEdit)):
        if field.toPlainText()[f.start:f.end] == f.text:
            cursor = field.textCursor()
            cursor.setPosition(f.start)
            cursor.setPosition(f.end, QTextCursor.MoveMode.KeepAnchor)
            field.setTextCursor(cursor)


def go_to(window, pf: ProjectFinding) -> None:
    """The section, the item and the field, with the text found selected in it."""
    field = _field_of(window, pf)
    if field is None:
        return
    w = field.parentWidget()
    while w is not None:
        if isinstance(w, QScrollArea):
            w.ensureWidgetVisible(field)
        w = w.parentWidget()
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    _select(field, pf)


def check_before_export(window) -> bool:
    """True to go on with the export: nothing found, or the user chose to export anyway."""
    findings = scan_project(window.project)
    if not findings:
        return True
    answer = dialogs.ask_personal_data(window, findings)
    if isinstance(answer, ProjectFinding):
        go_to(window, answer)
    return answer == "export"

