"""The Child journey and Context journeys screens: one JourneyEditor each.

The child journey screen edits the project's child journey, or offers to map it from the
framework's template (or blank) when there is none. The context journeys screen chooses one of
the context journeys (a place, a peer group, a school, an online space) and adds, renames and
deletes them."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QRadioButton, QStackedWidget, QVBoxLayout, QWidget,
)

from ..models import ContextType, JourneyKind
from ..services import journeys, mapping
from ..services.journey_view import JourneySummary, TemplateRow, journey_list, templates
from ..services.project import OpenProject
from . import dialogs
from .in_sight import RefreshInSight, when_in_sight
from .journey_editor import JourneyEditor
from .journey_wizard import JourneyWizard
from .map_tab import MapTab
from .sections import SECTIONS
from .undo import edit
from .widgets import READONLY_NOTE, heading, paragraph

FROM_TEMPLATE = "Map the child's journey from the template"
BLANK = "Start a blank journey"
CHILD_TITLE = "Child journey"


def journey_label(summary: JourneySummary) -> str:
    """ "Parks and open spaces (place)"."""
    if summary.context_type is None:
        return summary.title
    return f"{summary.title} ({summary.context_type})"


def template_for(rows: list[TemplateRow], kind: JourneyKind,
                 context_type: ContextType | None = None) -> TemplateRow | None:
    """The framework's template for this kind of journey: the one for this kind of context
    if there is one, else any context journey template."""
    of_kind = [t for t in rows if t.kind == kind]
    return next((t for t in of_kind if t.context_type == context_type),
                of_kind[0] if of_kind else None)


def template_words(template: TemplateRow) -> str:
    stages = template.stages
    if not stages:
        return "no stages"
    return f"{len(stages)} typical stages, from “{stages[0]}” to “{stages[-1]}”"


class JourneyScreen(RefreshInSight, QWidget):
    """The screen of one section: "child_journey" or "context_journeys"."""

    follow_requested = Signal(int, int)  # open this (journey, stage): maybe another screen's

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        if kind not in ("child_journey", "context_journeys"):
            raise ValueError(f"JourneyScreen is for child_journey or context_journeys, not {kind}")
        self.kind = kind
        self.journey_kind = JourneyKind.CHILD if kind == "child_journey" else JourneyKind.CONTEXT
        self.child = self.journey_kind == JourneyKind.CHILD
        section = next(s for s in SECTIONS if s.key == kind)
        self._project: OpenProject | None = None
        self._signals = None
        self._journeys: list[JourneySummary] = []
        self._chosen: int | None = None
        self.journey_dialog: JourneyDialog | None = None
        self.wizard: JourneyWizard | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(heading(section.title))
        self.readonly_note = paragraph("")
        self.readonly_note.hide()
        layout.addWidget(self.readonly_note)

        bar = QHBoxLayout()
        if self.child:
            self.title_label = QLabel()
            self.title_label.setWordWrap(True)
            font = self.title_label.font()
            font.setBold(True)
            self.title_label.setFont(font)
            bar.addWidget(self.title_label, 1)
            self.chooser = None
            self.add_button = None
        else:
            self.chooser_label = QLabel("&Journey")
            self.chooser = QComboBox()
            self.chooser.setObjectName("journey_chooser")
            self.chooser.setAccessibleName("Context journey")
            self.chooser.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            self.chooser.setMinimumContentsLength(12)
            self.chooser_label.setBuddy(self.chooser)
            self.chooser.currentIndexChanged.connect(self._chosen_in_list)
            choose_row = QHBoxLayout()  # the chooser on a line of its own: room for long titles
            choose_row.addWidget(self.chooser_label)
            choose_row.addWidget(self.chooser, 1)
            layout.addLayout(choose_row)
            self.add_button = QPushButton("Add journey…")
            self.add_button.setObjectName("add_context_journey")
            self.add_button.clicked.connect(self.add_context_journey)
            bar.addWidget(self.add_button)
        self.wizard_button = QPushButton("Map stage by stage…")
        self.wizard_button.setObjectName("journey_wizard")
        self.wizard_button.setToolTip("Walk through the stages one at a time, with prompts")
        self.wizard_button.clicked.connect(self.open_wizard)
        bar.addWidget(self.wizard_button)
        self.restore_journey_button = QPushButton("Restore an archived journey…")
        self.restore_journey_button.setObjectName("restore_journey")
        self.restore_journey_button.clicked.connect(self.restore_journey)
        self.restore_journey_button.hide()  # shown when there is one to restore
        self.rename_button = QPushButton("&Rename…")
        self.rename_button.setObjectName("rename_journey")
        self.rename_button.setToolTip("Change the journey's title" +
                                      ("" if self.child else " or its kind of context"))
        self.rename_button.clicked.connect(self.rename_journey)
        self.delete_button = QPushButton("Delete journey")
        self.delete_button.setObjectName("delete_journey")
        self.delete_button.clicked.connect(self.delete_journey)
        bar.addWidget(self.rename_button)
        bar.addWidget(self.delete_button)
        if not self.child:
            bar.addStretch()
        layout.addLayout(bar)
        restore_row = QHBoxLayout()  # a row of its own: the bar stays narrow at 150 %
        restore_row.addWidget(self.restore_journey_button)
        restore_row.addStretch()
        layout.addLayout(restore_row)

        self.stack = QStackedWidget()
        self.empty = self._build_empty_page()
        self.stack.addWidget(self.empty)
        self.editor = JourneyEditor()
        self.editor.setObjectName(f"{kind}_editor")
        self.editor.follow_requested.connect(self.follow_requested)
        self.map_tab = MapTab(self.editor, self._level_order,
                              lambda: self._project.path.parent if self._project else Path())
        self.add_tab(self.map_tab, "&Map")
        self.stack.addWidget(self.editor)
        layout.addWidget(self.stack, 1)

    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty_text = paragraph("")
        layout.addWidget(self.empty_text)
        self.template_button = self.blank_button = None
        if self.child:
            row = QHBoxLayout()
            self.template_button = QPushButton(FROM_TEMPLATE)
            self.template_button.setObjectName("child_from_template")
            self.template_button.clicked.connect(lambda: self.start_child_journey(True))
            self.blank_button = QPushButton(BLANK)
            self.blank_button.setObjectName("child_blank")
            self.blank_button.clicked.connect(lambda: self.start_child_journey(False))
            row.addWidget(self.template_button)
            row.addWidget(self.blank_button)
            row.addStretch()
            layout.addLayout(row)
        layout.addStretch()
        return page

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Another view of the journey shown (the map), after Stages and Outline."""
        return self.editor.add_tab(widget, title)

    def open_wizard(self) -> None:
        """"Map your child's journey" / "Map a context journey" for the journey shown."""
        if self._project is None or self._chosen is None or self.readonly:
            return
        if self.wizard is not None:
            self.wizard.deleteLater()
        self.wizard = JourneyWizard(self._project, self._chosen, self)
        self.wizard.stage_shown.connect(self.editor.select_stage)  # the editor follows
        self.wizard.open()

    def _archived(self) -> list[JourneySummary]:
        return [j for j in journey_list(self._project, archived=True)
                if j.archived and j.kind == self.journey_kind] if self._project else []

    def restore_journey(self) -> None:
        """Bring back a journey that was archived (deleted while ratings referred to it)."""
        archived = self._archived()
        if self.readonly or not archived:
            return
        index = dialogs.ask_choice(self, "Restore a journey", "Which archived journey?",
                                   [journey_label(j) for j in archived])
        if index is not None:
            ok, _ = self._run(journeys.restore_journey, archived[index].id)
            if ok:
                self.choose(archived[index].id)

    def open_stage(self, journey_id: int, stage_id: int) -> bool:
        """Show a journey of this screen and select one of its stages."""
        self.catch_up()
        if journey_id not in {j.id for j in self._journeys}:
            return False
        self.choose(journey_id)
        self.editor.tabs.setCurrentIndex(0)
        return self.editor.select_stage(stage_id)

    def _level_order(self) -> list[int]:
        """The project's levels in order: a level gets the same band on every map."""
        return [lv.id for lv in mapping.levels(self._project)] if self._project else []

    # ----- project -----

    def attach(self, project: OpenProject, signals) -> None:
        self._project = project
        self._signals = signals
        signals.changed.connect(self.refresh)
        self.readonly_note.setText(READONLY_NOTE if project.readonly else "")
        self.readonly_note.setVisible(project.readonly)
        self.editor.set_project(project)
        self._chosen = None
        self.refresh()

    def detach(self) -> None:
        """Before the project closes: keep what is being typed, then let go of it."""
        self._close_dialog()
        if self.wizard is not None:
            self.wizard.close()  # saves the field being typed in, while the project is open
            self.wizard.deleteLater()
            self.wizard = None
        self.editor.detach()
        if self._signals is not None:
            try:
                self._signals.changed.disconnect(self.refresh)
            except (RuntimeError, TypeError):
                pass
        self._project = self._signals = self._chosen = None
        self._journeys = []

    @property
    def readonly(self) -> bool:
        return self._project is None or self._project.readonly

    def current_journey(self) -> JourneySummary | None:
        return next((j for j in self._journeys if j.id == self._chosen), None)

    @when_in_sight
    def refresh(self, changes=None) -> None:
        if self._project is None:
            return
        if changes is None or "journey" in changes.tables:
            self._journeys = [j for j in journey_list(self._project)
                              if j.kind == self.journey_kind]
            ids = [j.id for j in self._journeys]
            if self._chosen not in ids:
                self._chosen = ids[0] if ids else None
            self._show_journeys()
        if self._chosen != self.editor.journey_id() or self.editor.view is None:
            self.editor.show_journey(self._chosen)
        else:
            self.editor.refresh(changes)

    def _show_journeys(self) -> None:
        has = bool(self._journeys)
        self.stack.setCurrentWidget(self.editor if has else self.empty)
        current = self.current_journey()
        if self.child:
            self.title_label.setText(current.title if current else "")
            self.title_label.setVisible(has)
            self.empty_text.setText(self._child_empty_text())
        else:
            labels = [(journey_label(j), j.id) for j in self._journeys]
            if [(self.chooser.itemText(i), self.chooser.itemData(i))
                    for i in range(self.chooser.count())] != labels:
                self.chooser.blockSignals(True)
                self.chooser.clear()
                for text, journey_id in labels:
                    self.chooser.addItem(text, journey_id)
                self.chooser.blockSignals(False)
            self.chooser.blockSignals(True)
            self.chooser.setCurrentIndex(self.chooser.findData(self._chosen) if has else -1)
            self.chooser.blockSignals(False)
            self.chooser.setVisible(has)  # nothing to choose from: no empty box
            self.chooser_label.setVisible(has)
            self.empty_text.setText(
                "No context journeys yet. A context journey follows a place (a park, a "
                "transport hub), a peer group, a school or an online space from the first "
                "concern, through screening, assessment and a context conference, to a plan "
                "of goals, responses and measures, review and closure."
                + ("" if self.readonly else " Add one with Add journey…"))
        archived = bool(self._archived())
        self.restore_journey_button.setVisible(archived)
        self.restore_journey_button.setEnabled(archived and not self.readonly)
        for button in (self.wizard_button, self.rename_button, self.delete_button):
            button.setVisible(has)
            button.setEnabled(has and not self.readonly)
        for button in (self.add_button, self.template_button, self.blank_button):
            if button is not None:
                button.setEnabled(not self.readonly)

    def _child_empty_text(self) -> str:
        if self.readonly:
            return "This project has no child journey mapped."
        template = template_for(templates(self._project), JourneyKind.CHILD)
        start = (f"The template has {template_words(template)}. Every area differs: the "
                 "template is only a starting point, and every stage can be renamed, moved, "
                 "removed or added to." if template else "")
        return ("No child journey yet. Map how a young person harmed outside the home moves "
                "through your system today, from referral to response: each stage, who takes "
                "part and decides, the level they are held at, the time it takes and the "
                f"waiting, and how context is considered. {start}")

    def _chosen_in_list(self, index: int) -> None:
        journey_id = self.chooser.itemData(index) if index >= 0 else None
        if journey_id is not None and journey_id != self._chosen:
            self._chosen = journey_id
            self.editor.show_journey(journey_id)

    def choose(self, journey_id: int) -> None:
        if any(j.id == journey_id for j in self._journeys):
            self._chosen = journey_id
            self._show_journeys()
            self.editor.show_journey(journey_id)

    # ----- edits -----

    def _run(self, operation, *args, **kwargs):
        result = []
        ok = edit(self, lambda: result.append(operation(self._project, *args, **kwargs)))
        return ok, (result[0] if result else None)

    def _focus_stages(self) -> None:
        self.editor.table.setFocus()

    def start_child_journey(self, from_template: bool) -> None:
        if self.readonly:
            return
        template = template_for(templates(self._project), JourneyKind.CHILD) \
            if from_template else None
        ok, journey_id = self._run(journeys.add_journey, JourneyKind.CHILD, CHILD_TITLE,
                                   template_id=template.id if template else None)
        if ok:
            self.choose(journey_id)
            self._focus_stages()

    def add_context_journey(self) -> None:
        if self.readonly:
            return
        rows = templates(self._project)
        self._open_dialog(JourneyDialog(
            self, adding=True, child=False, title="", context_type=ContextType.PLACE,
            template=lambda t: template_for(rows, JourneyKind.CONTEXT, t),
            submit=self._add_context_journey))

    def _add_context_journey(self, title: str, context_type: ContextType,
                             template: TemplateRow | None) -> bool:
        ok, journey_id = self._run(journeys.add_journey, JourneyKind.CONTEXT, title,
                                   context_type=context_type,
                                   template_id=template.id if template else None)
        if ok:
            self.choose(journey_id)
            self._focus_stages()
        return ok

    def rename_journey(self) -> None:
        current = self.current_journey()
        if self.readonly or current is None:
            return
        self._open_dialog(JourneyDialog(
            self, adding=False, child=self.child, title=current.title,
            context_type=current.context_type, template=None,
            submit=lambda title, context_type, _: self._rename(current, title, context_type)))

    def _rename(self, current: JourneySummary, title: str, context_type) -> bool:
        changes = {}
        if title.strip() != current.title:
            changes["title"] = title
        if not self.child and context_type != current.context_type:
            changes["context_type"] = context_type
        return not changes or self._run(journeys.update_journey, current.id, **changes)[0]

    def delete_journey(self) -> None:
        if self.readonly or self._chosen is None:
            return
        current = next((j for j in journey_list(self._project) if j.id == self._chosen), None)
        if current is None:  # its stage count as it is now, for the question
            return
        stages = f" and its {current.stages} stage(s)" if current.stages else ""
        if not dialogs.confirm(self, f"Delete the journey “{current.title}”{stages}? "
                                     "Edit > Undo brings it back.",
                               "Delete journey", "Delete Journey"):
            return
        ok, removal = self._run(journeys.delete_journey, current.id)
        if not ok:
            return
        if removal.archived:
            text = removal.describe("journey", "Restore an archived journey… brings it back.")
            dialogs.info(self, text, f"“{current.title}” was archived")
        else:
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(
                    f"Deleted the journey “{current.title}”. Edit > Undo brings it back.", 8000)

    def _open_dialog(self, dialog: "JourneyDialog") -> None:
        self._close_dialog()
        self.journey_dialog = dialog
        dialog.open()  # window-modal without blocking the event loop

    def _close_dialog(self) -> None:
        if self.journey_dialog is not None:
            self.journey_dialog.reject()
            self.journey_dialog.deleteLater()
            self.journey_dialog = None


class JourneyDialog(QDialog):
    """Add a context journey (title, kind of context, from the template or blank), or rename
    a journey. A refused title keeps the dialog open after saying why."""

    def __init__(self, parent: QWidget, *, adding: bool, child: bool, title: str,
                 context_type: ContextType | None,
                 template: Callable[[ContextType], TemplateRow | None] | None,
                 submit: Callable[[str, ContextType | None, TemplateRow | None], bool]):
        super().__init__(parent)
        self.setWindowTitle("Add a context journey" if adding else "Rename journey")
        self._submit = submit
        self._template = template
        layout = QVBoxLayout(self)
        if adding:
            layout.addWidget(paragraph(
                "A context journey follows one kind of context through your system: name it "
                "after the place, group, school or online space it is about."))
        form = QFormLayout()
        self.title = QLineEdit(title)
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("e.g. Parks and open spaces")
        form.addRow("&Title", self.title)
        self.context_type = None
        if not child:
            self.context_type = QComboBox()
            self.context_type.setAccessibleName("Kind of context")
            for ct in ContextType:
                self.context_type.addItem(ct.value.capitalize(), ct)
            self.context_type.setCurrentIndex(max(0, self.context_type.findData(context_type)))
            form.addRow("&Kind of context", self.context_type)
        layout.addLayout(form)
        self.from_template = self.blank = None
        if adding:
            box = QGroupBox("Start")
            box_layout = QVBoxLayout(box)
            self.from_template = QRadioButton()
            self.blank = QRadioButton("&Blank: no stages yet")
            box_layout.addWidget(self.from_template)
            box_layout.addWidget(self.blank)
            layout.addWidget(box)
            self.context_type.currentIndexChanged.connect(self._show_template)
            self._show_template()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Add journey" if adding else "Rename")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 36, self.sizeHint().height())

    def chosen_template(self) -> TemplateRow | None:
        if self.from_template is None or not self.from_template.isChecked():
            return None
        return self._template(self.context_type.currentData()) if self._template else None

    def _show_template(self) -> None:
        template = self._template(self.context_type.currentData()) if self._template else None
        self.from_template.setEnabled(template is not None)
        words = template_words(template).replace("&", "&&") if template else ""
        self.from_template.setText(f"From the tem&plate: {words}"
                                   if template else "From the template (none in this framework)")
        (self.from_template if template else self.blank).setChecked(True)

    def accept(self) -> None:
        context_type = self.context_type.currentData() if self.context_type else None
        if self._submit(self.title.text(), context_type, self.chosen_template()):
            super().accept()
