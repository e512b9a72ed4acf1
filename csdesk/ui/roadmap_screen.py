"""Roadmap: the ten steps to system change (any order) with status, dates and notes; the
people on board (governance group, champions, critical friends); and the vision per domain."""

from dataclasses import dataclass

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHeaderView, QVBoxLayout

from ..models import MemberGroup, StepStatus
from ..services import mapping, plan, plan_view
from ..services.project import OpenProject
from . import dialogs
from .plan_widgets import DATE_HINT, date_text, parse_date
from .record_editor import Field, RecordEditor
from .rows_model import Column
from .undo import edit
from .widgets import NotesEdit, ScrollingScreen, paragraph, save_typing

NO_AGENCY = "No agency"
TRAINED, NOT_TRAINED = "trained", "not yet trained"
ROLES_NOTE = (
    "Roles and agencies are enough: the plan outlives the people in post, and a role says who "
    "to ask when someone moves on. Names are optional; leave them out if the plan will be "
    "shared beyond the partnership.")
STEP_TABLES = {"roadmap_step", "action"}
MEMBER_TABLES = {"member", "agency"}


@dataclass(frozen=True)
class StepRow:
    """A roadmap step as the editor shows it: dates as text."""

    id: int
    name: str
    status: str
    started_on: str
    completed_on: str
    notes: str
    actions: int


@dataclass(frozen=True)
class MemberRow:
    id: int
    role: str
    agency: str
    organisation: str
    name: str
    trained: str
    notes: str


def _show_rows(editor: RecordEditor, rows: int) -> None:
    """Tall enough for `rows` rows of the current font (the screen scrolls, not the list)."""
    line = editor.table.fontMetrics().lineSpacing()
    editor.table.setMinimumHeight(line * 5 * rows // 2)  # rows may wrap to two lines


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


class RoadmapScreen(ScrollingScreen):
    def __init__(self, parent=None):
        super().__init__("Roadmap", parent)
        self._project: OpenProject | None = None
        self._agencies: dict[str, int] = {}
        layout = self.body

        self.standing = paragraph("")
        self.standing.setAccessibleName("Where the area stands on the roadmap")
        layout.addWidget(self.standing)

        steps_box = QGroupBox("The roadmap to system change")
        inner = QVBoxLayout(steps_box)
        inner.addWidget(paragraph(
            "The ten steps, in whatever order suits the area: a step can be done, in progress, "
            "not started, or marked to revisit. Dates are typed as 2026-06-30 or 30/06/2026."))
        self.steps = RecordEditor(
            "step",
            [Column("Step", lambda s: s.name), Column("Status", lambda s: s.status),
             Column("Started", lambda s: s.started_on), Column("Done", lambda s: s.completed_on),
             Column("Actions", lambda s: str(s.actions),
                    lambda s: f"{s.name}: {s.actions} actions serve it"),
             Column("Notes", lambda s: _first_line(s.notes))],
            [Field("status", "Step &status", "choice", lambda: [s.value for s in StepStatus]),
             Field("started_on", "Started on", help=DATE_HINT),
             Field("completed_on", "Done on", help=DATE_HINT),
             Field("notes", "Step notes", "notes")])
        for button in (self.steps.add_button, self.steps.remove_button):
            button.hide()  # the steps are the framework's ten
        _show_rows(self.steps, 11)
        header = self.steps.table.horizontalHeader()
        for column in (1, 2, 3, 4):  # as wide as they need: the names and notes get the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        inner.addWidget(self.steps)
        layout.addWidget(steps_box)

        people_box = QGroupBox("People on board")
        inner = QVBoxLayout(people_box)
        inner.addWidget(paragraph(ROLES_NOTE))
        self.people: dict[MemberGroup, RecordEditor] = {}
        for group, title, columns, fields in (
            (MemberGroup.GOVERNANCE, "Governance group",
             [Column("Role", lambda m: m.role), Column("Agency", lambda m: m.agency),
              Column("Name (optional)", lambda m: m.name)],
             [Field("role", "Role"), Field("agency", "Agency", "choice", self._agency_names),
              Field("name", "Name (optional)"), Field("notes", "Notes", "notes")]),
            (MemberGroup.CHAMPION, "Champions",
             [Column("Role", lambda m: m.role), Column("Agency", lambda m: m.agency),
              Column("Trained", lambda m: m.trained), Column("Name (optional)", lambda m: m.name)],
             [Field("role", "Role"), Field("agency", "Agency", "choice", self._agency_names),
              Field("trained", "Trained", "choice", lambda: [TRAINED, NOT_TRAINED]),
              Field("name", "Name (optional)"), Field("notes", "Notes", "notes")]),
            (MemberGroup.CRITICAL_FRIEND, "Critical friends",
             [Column("Role", lambda m: m.role), Column("Organisation", lambda m: m.organisation),
              Column("Name (optional)", lambda m: m.name)],
             [Field("role", "Role"), Field("organisation", "Organisation"),
              Field("name", "Name (optional)"), Field("notes", "Notes", "notes")]),
        ):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            noun = {MemberGroup.GOVERNANCE: "member", MemberGroup.CHAMPION: "champion",
                    MemberGroup.CRITICAL_FRIEND: "critical friend"}[group]
            editor = RecordEditor(noun, columns, fields, mnemonics=False)
            for button in (editor.up_button, editor.down_button):
                button.hide()  # people are listed in the order they joined
            for field in fields:  # one form per group: say which, to a screen reader
                editor.inputs[field.key].setAccessibleName(f"{title}: {field.label}")
            editor.table.setAccessibleName(f"{title} list")
            _show_rows(editor, 5)
            editor.field_edited.connect(
                lambda row_id, key, value: self._edit_member(row_id, key, value))
            editor.add_requested.connect(lambda g=group, e=editor: self._add_member(g, e))
            editor.remove_requested.connect(
                lambda row_id: edit(self, plan.delete_member, self._project, row_id))
            box_layout.addWidget(editor)
            inner.addWidget(box)
            self.people[group] = editor
        layout.addWidget(people_box)

        vision_box = QGroupBox("Vision: what the area's system will look like")
        self.vision_form = QFormLayout(vision_box)
        self.vision_form.addRow(paragraph(
            "One short statement a domain, e.g. \u201ccontexts can be referred at the front "
            "door\u201d. Saved when you leave the field."))
        self.vision: dict[int, NotesEdit] = {}
        layout.addWidget(vision_box)
        layout.addStretch()

        self.steps.field_edited.connect(self._edit_step)
        self.steps.move_requested.connect(
            lambda row_id, to: edit(self, plan.move_roadmap_step, self._project, row_id, to))

    def _agency_names(self) -> list[str]:
        return [NO_AGENCY, *self._agencies]

    # -- the project --

    def attach(self, project: OpenProject, signals) -> None:
        self._project = project
        signals.changed.connect(self.refresh)
        editable = not project.readonly
        for editor in (self.steps, *self.people.values()):
            editor.set_editable(editable)
        self.show_readonly(project.readonly)
        self.refresh()

    def detach(self) -> None:
        save_typing(self)
        self._project = None

    def refresh(self, changes=None) -> None:
        if self._project is None:
            return
        tables = None if changes is None else changes.tables
        if tables is None or tables & STEP_TABLES:
            steps = plan_view.roadmap(self._project)
            self.standing.setText("Where the area stands: " + plan_view.standing(steps))
            self.steps.set_rows([StepRow(s.id, s.name, s.status.value, date_text(s.started_on),
                                         date_text(s.completed_on), s.notes, s.actions)
                                 for s in steps])
        if tables is None or tables & MEMBER_TABLES:
            self._agencies = {a.name: a.id for a in mapping.agencies(self._project)}
            for group, people in plan_view.members(self._project).items():
                self.people[group].set_rows([
                    MemberRow(m.id, m.role, m.agency or NO_AGENCY, m.organisation, m.name,
                              TRAINED if m.trained else NOT_TRAINED, m.notes) for m in people])
        if tables is None or tables & {"vision", "domain"}:
            self._show_vision()

    def _show_vision(self) -> None:
        for v in plan_view.vision(self._project):
            box = self.vision.get(v.id)
            if box is None:
                box = self.vision[v.id] = NotesEdit()
                box.setAccessibleName(f"Vision for {v.domain}")
                box.setToolTip(v.meaning)
                box.editingFinished.connect(lambda d=v.id, b=box: self._edit_vision(d, b))
                self.vision_form.addRow(v.domain, box)
            box.setEnabled(not self._project.readonly)
            if not box.hasFocus() and box.toPlainText() != v.statement:
                box.setPlainText(v.statement)

    # -- edits --

    def _edit_step(self, step_id: int, key: str, value) -> None:
        if key in ("started_on", "completed_on"):
            try:
                value = parse_date(value, "A step's date")
            except ValueError as exc:
                dialogs.error(self, str(exc), "The change was not saved")
                self.refresh()
                return
        if edit(self, plan.update_roadmap_step, self._project, step_id, **{key: value}):
            return
        self.refresh()  # show what is saved, not what was refused

    def _edit_member(self, member_id: int, key: str, value) -> None:
        if key == "agency":
            key, value = "agency_id", self._agencies.get(value)
        elif key == "trained":
            value = value == TRAINED
        if not edit(self, plan.update_member, self._project, member_id, **{key: value}):
            self.refresh()

    def _add_member(self, group: MemberGroup, editor: RecordEditor) -> None:
        made = []
        if edit(self, lambda: made.append(plan.add_member(self._project, group, "New role"))):
            editor.select(made[0])
            editor.inputs["role"].setFocus()
            editor.inputs["role"].selectAll()

    def _edit_vision(self, domain_id: int, box: NotesEdit) -> None:
        if self._project is None or self._project.readonly:
            return
        current = {v.id: v.statement for v in plan_view.vision(self._project)}
        if box.toPlainText().strip() != current.get(domain_id, ""):
            edit(self, plan.set_vision, self._project, domain_id, box.toPlainText())
