"""Map a journey stage by stage: "Map your child's journey" and "Map a context journey".

One page per stage, each field with csdesk's default prompt beside it (from the framework
file, replaceable). Every field is saved as it is left, like everywhere else, so closing
the wizard half-way keeps what was typed, and the editor shows it all afterwards."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea,
    QVBoxLayout, QWidget,
)

from ..models import JourneyKind
from ..services import journeys, mapping
from ..services.framework import load_framework, project_stage_prompts
from ..services.journey_view import StageView, journey_view
from ..services.project import OpenProject
from .stage_fields import DaysBox
from .undo import edit
from .widgets import NotesEdit, heading, paragraph

GUIDANCE = "Prompts are csdesk's default guidance, not official Contextual Safeguarding wording."
# (field, label, kind): the order the wizard asks in
FIELDS = (
    ("name", "&Name", "line"), ("lead_agency_id", "&Lead agency", "agency"),
    ("what_happens", "&What happens", "notes"), ("decision", "Who &decides", "line"),
    ("decision_options", "Decision &options", "notes"), ("level_id", "Le&vel held at", "level"),
    ("days", "&Time it takes", "days"), ("waiting_days", "Wa&iting before it", "days"),
    ("context_considered", "How extra-familial &context is considered today", "notes"),
    ("gaps", "&Gaps and pain points", "notes"),
    ("evidence_notes", "What this picture is &based on", "notes"),
)


def stage_prompts(project: OpenProject | None = None) -> dict[str, str]:
    """The project's prompt for each stage field (its framework's; without a project, the
    default framework's). Empty if it has none."""
    if project is None:
        return dict(load_framework()["stage_prompts"])
    return project_stage_prompts(project)


class JourneyWizard(QDialog):
    """Walks one journey's stages. Open it with .open() (window-modal, not blocking)."""

    stage_shown = Signal(int)  # the stage on screen

    def __init__(self, project: OpenProject, journey_id: int, parent=None):
        super().__init__(parent)
        self._project, self._journey_id = project, journey_id
        self._stage_id: int | None = None
        view = journey_view(project, journey_id)
        child = view.kind == JourneyKind.CHILD
        self.setWindowTitle("Map your child's journey" if child else "Map a context journey")
        self._agencies = [(None, "No lead agency")] + [(a.id, a.name)
                                                       for a in mapping.agencies(project)]
        self._levels = [(None, "Not set")] + [(lv.id, lv.name) for lv in mapping.levels(project)]

        self.title = heading(view.title, 1.3)
        self.where = QLabel()
        self.where.setAccessibleName("Which stage")
        prompts = stage_prompts(project)
        form = QFormLayout()
        self.inputs: dict[str, QWidget] = {}
        for key, label, kind in FIELDS:
            widget = self._input(key, kind)
            widget.setAccessibleName(label.replace("&", ""))
            widget.setAccessibleDescription(prompts.get(key, ""))
            self.inputs[key] = widget
            box = QVBoxLayout()
            if prompts.get(key):
                hint = paragraph(prompts[key])
                hint.setEnabled(False)  # muted, in the style's own colours
                box.addWidget(hint)
            box.addWidget(widget)
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, box)
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.back = QPushButton("< &Previous stage")
        self.back.clicked.connect(lambda: self._step(-1))
        self.next = QPushButton("Ne&xt stage >")
        self.next.clicked.connect(lambda: self._step(+1))
        self.add = QPushButton("&Add a stage after this")
        self.add.clicked.connect(self.add_stage)
        self.finish_button = QPushButton("&Finish")
        self.finish_button.clicked.connect(self._finish)
        buttons = QHBoxLayout()
        for button in (self.back, self.next, self.add):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.finish_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.where)
        layout.addWidget(paragraph(GUIDANCE))
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 60, em * 45)

        stages = self._stages()
        if stages:
            self.show_stage(stages[0].id)
        else:
            self.add_stage()

    # -- building --

    def _input(self, key: str, kind: str) -> QWidget:
        save = lambda *_: self._save(key, self._value(key, kind))  # noqa: E731
        if kind in ("agency", "level"):
            widget = QComboBox()
            for item_id, name in (self._agencies if kind == "agency" else self._levels):
                widget.addItem(name, item_id)
            widget.activated.connect(save)
        elif kind == "days":
            widget = DaysBox()  # whole days, or "2 weeks", or "Not known"
            widget.editingFinished.connect(save)
        else:
            widget = NotesEdit() if kind == "notes" else QLineEdit()
            widget.editingFinished.connect(save)
        return widget

    # -- showing --

    def _stages(self) -> list[StageView]:
        return list(journey_view(self._project, self._journey_id).stages)

    def current_stage_id(self) -> int | None:
        return self._stage_id

    def show_stage(self, stage_id: int) -> None:
        self._finish_field()
        self._fill(stage_id)
        self.inputs["name"].setFocus()
        self.stage_shown.emit(stage_id)

    def _fill(self, stage_id: int) -> None:
        """Show a stage as it is saved."""
        stages = self._stages()
        index = next(i for i, s in enumerate(stages) if s.id == stage_id)
        stage = stages[index]
        self._stage_id = stage_id
        self.where.setText(f"Stage {index + 1} of {len(stages)}: {stage.name}")
        for key, _, kind in FIELDS:
            widget, value = self.inputs[key], getattr(stage, key)
            if kind in ("agency", "level"):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif kind == "days":
                widget.setValue(-1 if value is None else value)
            elif kind == "notes":
                widget.setPlainText(value)
            else:
                widget.setText(value)
        self.back.setEnabled(index > 0)
        self.next.setEnabled(index < len(stages) - 1)

    # -- editing --

    def _value(self, key: str, kind: str):
        widget = self.inputs[key]
        if kind in ("agency", "level"):
            return widget.currentData()
        if kind == "days":
            return widget.days()
        if kind == "notes":
            return widget.toPlainText()
        return widget.text().strip()

    def _finish_field(self) -> None:
        """Save what is being typed before moving on, as leaving the field would (without
        relying on focus events, which a window that is not active does not get)."""
        for key, _, kind in FIELDS:
            self._save(key, self._value(key, kind))

    def _save(self, key: str, value) -> None:
        stage = next((s for s in self._stages() if s.id == self._stage_id), None)
        if stage is None or getattr(stage, key) == value:
            return
        if not edit(self, journeys.update_stage, self._project, stage.id, **{key: value}):
            self._fill(stage.id)  # refused (e.g. an empty name): show what is saved

    def _step(self, step: int) -> None:
        self._finish_field()
        ids = [s.id for s in self._stages()]
        target = ids.index(self._stage_id) + step
        if 0 <= target < len(ids):
            self.show_stage(ids[target])

    def add_stage(self) -> None:
        self._finish_field()
        stages = self._stages()
        last = not stages or stages[-1].id == self._stage_id
        new = []  # at the end, a "next" arrow from the stage before; else just after this one
        if edit(self, lambda: new.append(journeys.add_stage(
                self._project, self._journey_id, f"Stage {len(stages) + 1}",
                after=None if last else self._stage_id, link_from_last=last))):
            self.show_stage(new[0])
            self.inputs["name"].selectAll()

    def _finish(self) -> None:
        self._finish_field()
        self.accept()

    def closeEvent(self, event) -> None:
        self._finish_field()  # closing keeps what was typed: every field is saved as it goes
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:
        # Enter in a one-line field moves on to the next field, not out of the wizard;
        # Escape saves the field being typed in, then closes.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()
            return
        if event.key() == Qt.Key.Key_Escape:
            self._finish_field()
        super().keyPressEvent(event)
