"""The form for one action: every field of the plan, its gaps and its progress notes.

Each field saves one edit when the user leaves it (or picks from a list); a refused value
stays in the field with the reason under it, so it can be put right. A field being typed in
is never overwritten by a refresh."""

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication, QComboBox, QFormLayout, QGridLayout, QGroupBox, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from ..models import ActionStatus, PlanLevel, Priority
from ..services import plan
from ..services.plan_view import ActionView, short_date
from ..services.project import OpenProject
from ..store import ProjectFileError
from . import dialogs
from .plan_widgets import DATE_HINT, CheckList, date_text, parse_date, with_message
from .widgets import NotesEdit, paragraph

NO_AGENCY, NO_STEP = "No lead agency", "No roadmap step"
LEVEL_WORDS = {PlanLevel.LEVEL_1: "Level 1 (individual children)",
               PlanLevel.LEVEL_2: "Level 2 (contexts)", PlanLevel.BOTH: "Both levels"}
COF_HELP = ("For context work, the Contextual Outcomes Framework shape: a goal for the context, "
            "the responses that serve it, and measures that show change.")

# key -> (label, kind); kinds: line, notes, date, status, priority, level, agency, step
FIELDS = {
    "title": ("&Title", "line"),
    "description": ("Descri&ption", "notes"),
    "status": ("&Status", "status"),
    "priority": ("Pr&iority", "priority"),
    "plan_level": ("Level of wor&k", "level"),
    "lead_agency_id": ("&Lead agency", "agency"),
    "owner_role": ("Own&er (a role)", "line"),
    "start_on": ("Start date", "date"),
    "due_on": ("D&ue date", "date"),
    "review_on": ("Re&view date", "date"),
    "roadmap_step_id": ("Roa&dmap step it serves", "step"),
    "goal": ("&Goal", "notes"),
    "response": ("&Response", "notes"),
    "measure": ("&Measure", "notes"),
    "success_looks_like": ("What success looks like", "notes"),
}
DATE_WORDS = {"start_on": "The start date", "due_on": "The due date",
              "review_on": "The review date"}


class ActionForm(QWidget):
    """Shows one action (show(view)); saves each field through the plan operations.
    Emits choose_gaps() when the user asks to change the gaps (the screen opens the
    chooser)."""

    choose_gaps = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._project: OpenProject | None = None
        self._view: ActionView | None = None
        self._agencies: list[tuple[int | None, str]] = [(None, NO_AGENCY)]
        self._steps: list[tuple[int | None, str]] = [(None, NO_STEP)]
        self._editable = True
        self.inputs: dict[str, QWidget] = {}
        self.messages = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        about = QGroupBox("The action")
        form = QFormLayout(about)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: room
        for key, (label, kind) in FIELDS.items():
            widget = self._input(key, kind)
            widget.setAccessibleName(label.replace("&", ""))
            self.inputs[key] = widget
            row, self.messages[key] = with_message(widget)
            if key == "goal":
                form.addRow(paragraph(COF_HELP))
            form.addRow(label, row)
        layout.addWidget(about)

        partners_box = QGroupBox("Partner agencies")
        inner = QVBoxLayout(partners_box)
        self.partners = CheckList("Partner agencies")
        self.partners.setToolTip("Space ticks or unticks the agency")
        self.partners.edited.connect(self._partners_edited)
        partners_row, self.partners_message = with_message(self.partners)
        inner.addWidget(partners_row)
        layout.addWidget(partners_box)

        gaps_box = QGroupBox("Gaps it addresses")
        inner = QVBoxLayout(gaps_box)
        self.no_gap = paragraph("")
        inner.addWidget(self.no_gap)
        self.gaps = QListWidget()
        self.gaps.setAccessibleName("Gaps it addresses, with their latest rating")
        inner.addWidget(self.gaps)
        buttons = QGridLayout()
        self.gaps_button = QPushButton("&Choose gaps\u2026")
        self.gaps_button.clicked.connect(self.choose_gaps.emit)
        self.unlink_button = QPushButton("Unlink gap")
        self.unlink_button.setToolTip("Unlink the gap selected in the list above")
        self.unlink_button.clicked.connect(self._unlink_gap)
        buttons.addWidget(self.gaps_button, 0, 0)
        buttons.addWidget(self.unlink_button, 0, 1)
        buttons.setColumnStretch(2, 1)
        inner.addLayout(buttons)
        layout.addWidget(gaps_box)

        notes_box = QGroupBox("Progress notes")
        inner = QVBoxLayout(notes_box)
        self.notes = QListWidget()
        self.notes.setAccessibleName("Progress notes, newest first")
        self.notes.currentRowChanged.connect(self._note_chosen)
        inner.addWidget(self.notes)
        note_form = QFormLayout()
        self.note_date = QLineEdit()
        self.note_date.setAccessibleName("Progress note date")
        self.note_date.setToolTip(DATE_HINT)
        self.note_text = QLineEdit()
        self.note_text.setAccessibleName("Progress note text")
        note_date_row, self.note_message = with_message(self.note_date)
        note_form.addRow("Note date", note_date_row)
        note_form.addRow("Note te&xt", self.note_text)
        inner.addLayout(note_form)
        buttons = QGridLayout()  # two a row: the form is narrow at 150 % scaling
        self.add_note_button = QPushButton("&Add note")
        self.add_note_button.clicked.connect(self._add_note)
        self.change_note_button = QPushButton("C&hange note")
        self.change_note_button.clicked.connect(self._change_note)
        self.delete_note_button = QPushButton("Delete note")
        self.delete_note_button.clicked.connect(self._delete_note)
        for i, button in enumerate((self.add_note_button, self.change_note_button,
                                    self.delete_note_button)):
            buttons.addWidget(button, i // 2, i % 2)
        buttons.setColumnStretch(2, 1)
        inner.addLayout(buttons)
        layout.addWidget(notes_box)
        layout.addStretch()
        self._update_enabled()

    # -- building --

    def _input(self, key: str, kind: str) -> QWidget:
        if kind == "notes":
            widget = NotesEdit()
            widget.editingFinished.connect(lambda: self._finished(key, widget.toPlainText()))
        elif kind in ("line", "date"):
            widget = QLineEdit()
            if kind == "date":
                widget.setToolTip(DATE_HINT)
                widget.setPlaceholderText("none")
            widget.editingFinished.connect(lambda: self._finished(key, widget.text()))
        else:
            widget = QComboBox()
            widget.activated.connect(lambda i: self._finished(key, widget.itemData(i)))
        return widget

    def _fill_choices(self) -> None:
        choices = {
            "status": [(s, s.value.capitalize()) for s in ActionStatus],
            "priority": [(p, p.value.capitalize()) for p in Priority],
            "plan_level": list(LEVEL_WORDS.items()),
            "lead_agency_id": self._agencies,
            "roadmap_step_id": self._steps,
        }
        for key, options in choices.items():
            box: QComboBox = self.inputs[key]
            if [(box.itemData(i), box.itemText(i)) for i in range(box.count())] != options:
                box.clear()
                for value, text in options:
                    box.addItem(text, value)

    # -- showing --

    def set_project(self, project: OpenProject | None, agencies, steps) -> None:
        """agencies, steps: (id, name) pairs, in order."""
        self._project = project
        self._agencies = [(None, NO_AGENCY), *agencies]
        self._steps = [(None, NO_STEP), *steps]
        self._fill_choices()
        self._editable = project is not None and not project.readonly

    def show_action(self, view: ActionView | None) -> None:
        changed_action = (view and view.id) != (self._view and self._view.id)
        self._view = view
        if changed_action:
            for message in self.messages.values():
                message.say("")
            self.note_message.say("")
        focused = QApplication.focusWidget()
        for key, (_, kind) in FIELDS.items():
            widget = self.inputs[key]
            if widget is focused and not changed_action:
                continue  # never overwrite what someone is typing
            if self.messages[key].isVisible() and not changed_action:
                continue  # a refused value stays, with its reason, until put right
            self._put(key, kind, getattr(view, key) if view else None)
        self.partners.set_choices([a for a in self._agencies if a[0] is not None],
                                  view.partner_ids if view else ())
        self._show_gaps(view)
        self._show_notes(view)
        self._update_enabled()

    def _put(self, key: str, kind: str, value) -> None:
        widget = self.inputs[key]
        if kind == "notes":
            if widget.toPlainText() != (value or ""):
                widget.setPlainText(value or "")
        elif kind == "line":
            if widget.text() != (value or ""):
                widget.setText(value or "")
                widget.setCursorPosition(0)  # show the start of a long title
        elif kind == "date":
            if widget.text() != date_text(value):
                widget.setText(date_text(value))
        else:
            index = widget.findData(value)
            widget.setCurrentIndex(max(index, 0))

    def _show_gaps(self, view: ActionView | None) -> None:
        self.gaps.clear()
        for gap in view.gaps if view else ():
            item = QListWidgetItem(gap.words)
            item.setData(256, gap.key)
            self.gaps.addItem(item)
        if view is not None and not view.gaps:
            self.no_gap.setText("Linked to no gap: the plan cannot show what this action is "
                                "meant to change. Choose the gaps it addresses.")
        else:
            self.no_gap.setText("Each gap with its rating in the latest review round and "
                                "its change since the round before.")

    def _show_notes(self, view: ActionView | None) -> None:
        row = self.notes.currentRow()
        self.notes.blockSignals(True)
        self.notes.clear()
        for note in view.notes if view else ():
            item = QListWidgetItem(f"{short_date(note.noted_on)}: {note.text}")
            item.setData(256, note.id)
            self.notes.addItem(item)
        self.notes.blockSignals(False)
        if 0 <= row < self.notes.count():
            self.notes.setCurrentRow(row)
        if not self.note_date.text():
            self.note_date.setText(date.today().isoformat())

    def _update_enabled(self) -> None:
        on = self._editable and self._view is not None
        for widget in (*self.inputs.values(), self.partners, self.gaps_button,
                       self.unlink_button, self.note_date, self.note_text, self.add_note_button,
                       self.change_note_button, self.delete_note_button):
            widget.setEnabled(on)

    # -- editing --

    def _run(self, operation, *args, message=None, **kwargs) -> bool:
        """Run an operation; a refusal is shown at the field (or the form's message)."""
        try:
            operation(self._project, *args, **kwargs)
        except (ValueError, ProjectFileError) as exc:
            if message is not None:
                message.say(str(exc))
            else:
                dialogs.error(self, str(exc), "The change was not saved")
            return False
        if message is not None:
            message.say("")
        return True

    def _finished(self, key: str, value) -> None:
        view = self._view
        if view is None or not self._editable:
            return
        kind = FIELDS[key][1]
        message = self.messages[key]
        if kind == "date":
            try:
                value = parse_date(value, DATE_WORDS[key])
            except ValueError as exc:
                message.say(str(exc))
                return
        elif kind == "line":
            value = value.strip()
        if value == getattr(view, key):
            message.say("")
            return
        self._run(plan.update_action, view.id, message=message, **{key: value})

    def _partners_edited(self, ids: list) -> None:
        if self._view is not None and self._editable and not self._run(
                plan.set_partners, self._view.id, ids, message=self.partners_message):
            self.partners.set_choices([a for a in self._agencies if a[0] is not None],
                                      self._view.partner_ids)  # back to what is saved

    def _unlink_gap(self) -> None:
        item = self.gaps.currentItem()
        if self._view is not None and item is not None:
            self._run(plan.remove_gap, self._view.id, item.data(256))

    def _note_chosen(self, row: int) -> None:
        if self._view is None or not (0 <= row < len(self._view.notes)):
            return
        note = self._view.notes[row]
        self.note_date.setText(note.noted_on.isoformat())
        self.note_text.setText(note.text)

    def _note_fields(self):
        try:
            noted_on = parse_date(self.note_date.text(), "The note's date")
        except ValueError as exc:
            self.note_message.say(str(exc))
            return None
        if noted_on is None:
            self.note_message.say("A progress note needs a date.")
            return None
        return noted_on, self.note_text.text()

    def _add_note(self) -> None:
        fields = self._note_fields()
        if fields and self._run(plan.add_progress_note, self._view.id, *fields,
                                message=self.note_message):
            self.note_text.clear()

    def _change_note(self) -> None:
        item, fields = self.notes.currentItem(), self._note_fields()
        if item is not None and fields:
            self._run(plan.update_progress_note, item.data(256), noted_on=fields[0],
                      text=fields[1], message=self.note_message)

    def _delete_note(self) -> None:
        item = self.notes.currentItem()
        if item is not None:
            self._run(plan.delete_progress_note, item.data(256), message=self.note_message)
