"""The Overview: the project's details (editable, undoable) and its figures."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGridLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout,
)

from ..models import RATED_COLOURS, JourneyKind, Rag
from ..services.overview import Overview, overview
from ..services.project import MARKINGS, OpenProject
from .in_sight import RefreshInSight, when_in_sight
from .undo import edit
from .widgets import NotesEdit, ScrollingScreen, paragraph, rag_chip

NO_MARKING = "No marking"


def _clear(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget():
            item.widget().deleteLater()
        elif item.layout():
            _clear(item.layout())


class OverviewScreen(RefreshInSight, ScrollingScreen):
    def __init__(self, parent=None):
        super().__init__("Overview", parent)
        layout = self.body

        details = QGroupBox("Project")
        form = QFormLayout(details)
        self.area = QLineEdit()
        self.title = QLineEdit()
        self.marking = QComboBox()
        self.marking.setEditable(True)
        self.marking.addItems([m or NO_MARKING for m in MARKINGS])
        self.notes = NotesEdit()
        for label, widget in (("Local &area", self.area), ("&Title", self.title),
                              ("Protective &marking", self.marking), ("&Notes", self.notes)):
            widget.setAccessibleName(label.replace("&", ""))
            form.addRow(label, widget)
        # The editable box's own text field is a control of its own to a screen reader.
        self.marking.lineEdit().setAccessibleName("Protective marking")
        self.changed = QLabel()
        self.framework = paragraph("")
        form.addRow("Last changed", self.changed)
        form.addRow("Framework", self.framework)
        layout.addWidget(details)

        self.map_box, self.map_form = self._box("The current system", layout)
        self.rating_box, self.rating_layout = self._box("RAG ratings by review round", layout,
                                                        form=False)
        self.plan_box, self.plan_form = self._box("Plan and roadmap", layout)
        layout.addStretch()

        self._project: OpenProject | None = None
        self._shown: Overview | None = None
        self.area.editingFinished.connect(lambda: self._edit("local_area", self.area.text()))
        self.title.editingFinished.connect(lambda: self._edit("title", self.title.text()))
        self.marking.activated.connect(lambda _: self._edit_marking())
        self.marking.lineEdit().editingFinished.connect(self._edit_marking)
        self.notes.editingFinished.connect(
            lambda: self._edit("notes", self.notes.toPlainText(), strip=False))

    @staticmethod
    def _box(title, layout, form=True):
        box = QGroupBox(title)
        inner = QFormLayout(box) if form else QVBoxLayout(box)
        layout.addWidget(box)
        return box, inner

    def attach(self, project: OpenProject, signals) -> None:
        self._project = project
        signals.changed.connect(self.refresh)
        for widget in (self.area, self.title, self.marking, self.notes):
            widget.setEnabled(not project.readonly)
        self.show_readonly(project.readonly)
        self.refresh()

    def detach(self) -> None:
        """Before the project closes: keep what is being typed, then let go of it."""
        focused = self.focusWidget()
        if focused in (self.area, self.title, self.notes) or focused is self.marking.lineEdit():
            focused.clearFocus()  # finishes the edit, as leaving the field would
        self._project = self._shown = None

    @when_in_sight
    def refresh(self, changes=None) -> None:
        """Show the project; after a change (a ChangeSet), only what it touched, so a field
        someone is typing in keeps its text and cursor while another field changes."""
        if self._project is None:
            return
        ov = overview(self._project)
        self._shown = ov
        d = ov.details
        columns = None if changes is None else changes.columns("project")
        for column, show in (
            ("local_area", lambda: self.area.setText(d.local_area)),
            ("title", lambda: self.title.setText(d.title)),
            ("marking", lambda: self.marking.setCurrentText(d.marking or NO_MARKING)),
            ("notes", lambda: self.notes.setPlainText(d.notes)),
        ):
            if columns is None or column in columns:
                show()
        self.changed.setText(d.changed_at.astimezone().strftime("%d %B %Y, %H:%M"))
        self.framework.setText(f"{d.framework_name} (version {d.framework_version})")
        if changes is None or changes.tables - {"project", "meta"}:
            self._show_map(ov)
            self._show_ratings(ov)
            self._show_plan(ov)

    def _show_map(self, ov: Overview) -> None:
        _clear(self.map_form)
        for j in ov.journeys:
            kind = ("child journey, level 1" if j.kind == JourneyKind.CHILD
                    else "context journey, level 2")
            self.map_form.addRow(j.title.replace("&", "&&"), QLabel(f"{j.stages} stages ({kind})"))
        if not ov.journeys:
            self.map_form.addRow(QLabel("No journeys mapped yet."))
        self.map_form.addRow("Levels", QLabel(str(ov.levels)))
        self.map_form.addRow("Partner agencies", QLabel(str(ov.agencies)))

    def _show_ratings(self, ov: Overview) -> None:
        """A table: one row per round, one column per colour, the count in each cell."""
        _clear(self.rating_layout)
        if not ov.rounds:
            self.rating_layout.addWidget(QLabel("No review round rated yet."))
            return
        grid = QGridLayout()
        columns = (*RATED_COLOURS, Rag.NOT_APPLICABLE, Rag.NOT_RATED)
        grid.addWidget(QLabel("<b>Review round</b>"), 0, 0)
        for col, rag in enumerate(columns, start=1):
            grid.addWidget(rag_chip(rag), 0, col)
        for row, r in enumerate(ov.rounds, start=1):
            grid.addWidget(QLabel(r.label + (f" ({r.held_on})" if r.held_on else "")), row, 0)
            for col, rag in enumerate(columns, start=1):
                count = QLabel(str(r.by_rag[rag]))
                count.setAlignment(Qt.AlignmentFlag.AlignCenter)
                count.setAccessibleName(f"{r.label}, {rag.label}: {r.by_rag[rag]}")
                grid.addWidget(count, row, col)
        grid.setColumnStretch(len(columns) + 1, 1)
        self.rating_layout.addLayout(grid)

    def _show_plan(self, ov: Overview) -> None:
        _clear(self.plan_form)
        actions = ", ".join(f"{n} {s.value}" for s, n in ov.actions_by_status.items() if n)
        summary = f"{ov.actions}: {actions}" if actions else str(ov.actions)
        self.plan_form.addRow("Actions", QLabel(summary))
        steps = ", ".join(f"{n} {s.value}" for s, n in ov.roadmap_by_status.items() if n)
        self.plan_form.addRow("Roadmap steps", QLabel(steps))
        self.plan_form.addRow("Where the area stands",
                              paragraph(ov.standing))
        self.plan_form.addRow("Governance, champions and critical friends",
                              QLabel(str(ov.members)))

    def _edit_marking(self) -> None:
        text = self.marking.currentText().strip()
        self._edit("marking", "" if text == NO_MARKING else text)

    def _edit(self, field: str, value: str, strip: bool = True) -> None:
        if self._project is None or self._project.readonly or self._shown is None:
            return
        value = value.strip() if strip else value
        if value == getattr(self._shown.details, field):
            return
        if not value and field != "marking":  # a project always has a title and an area
            self.refresh()
            return
        if not edit(self, self._project.update_details, **{field: value}):
            self.refresh()  # show what is saved, not what was refused
