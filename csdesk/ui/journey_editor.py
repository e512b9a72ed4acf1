"""The journey editor: a journey's stages in a list (stage_list), the selected stage's every
field in a form beside it with the arrows from and to that stage (stage_form), and a
read-only outline of the whole journey for screen readers and for reading aloud.

Every field is one edit when the user leaves it (one undo step, named in the Edit menu).
The editor holds plain data only (a JourneyView and rows made from it) and refreshes itself
from change notices: rows change in place, so the selected stage stays selected; a form
field is updated only when its value changed, and never while someone is typing in it.
The editor runs the operations; the list and the form only show and ask."""

from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QHBoxLayout, QScrollArea, QSplitter, QStackedWidget, QTabWidget,
    QToolButton, QVBoxLayout, QWidget,
)

from ..models import JourneyKind, LinkKind
from ..services import journeys, mapping
from ..services.journey_outline import arrow_texts, longest_waits_text, outline
from ..services.journey_view import (
    JourneyView, StageView, journey_list, journey_time, journey_view, stage_views,
)
from ..services.project import OpenProject
from ..store.changes import UPDATE
from . import dialogs
from .arrow_dialog import ArrowDialog
from .lead_agencies_dialog import LeadAgenciesDialog
from .outline_tree import OutlineTree
from .stage_fields import Field
from .stage_form import StageForm
from .stage_list import StageList, stage_rows
from .undo import edit
from .widgets import paragraph

# The tables whose changes can alter what the editor shows.
RELEVANT = frozenset({"journey", "stage", "stage_agency", "stage_link", "agency", "level"})
# A stage's columns that decide more than that stage's own fields: which stages the journey
# shows, in what order, and its lanes. A change to any other column (a field left in the
# form) reads only the stages it changed again.
WHOLE_JOURNEY = frozenset({"journey_id", "position", "archived", "lead_agency_id"})


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
        self.leads_dialog: LeadAgenciesDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = paragraph("")
        self.summary.setObjectName("journey_summary")
        layout.addWidget(self.summary)
        # Stages without a lead sit in the map's "No lead agency" lane: offer to set them.
        self.no_lead = QWidget()
        self.no_lead.setObjectName("no_lead")
        no_lead_row = QHBoxLayout(self.no_lead)
        no_lead_row.setContentsMargins(0, 0, 0, 0)
        self.no_lead_note = paragraph("")
        no_lead_row.addWidget(self.no_lead_note, 1)
        self.set_leads_button = QToolButton()
        no_lead_row.addWidget(self.set_leads_button)
        layout.addWidget(self.no_lead)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("journey_tabs")
        self.tabs.tabBar().setAccessibleName("Views of the journey")
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_stages_page(), "&Stages")
        self.outline = OutlineTree()
        self.outline.setObjectName("journey_outline")
        self._outline_stale = False  # the journey changed while the outline was out of sight
        self.tabs.addTab(self.outline, "O&utline")
        self.tabs.currentChanged.connect(lambda _: self._catch_up_outline())
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
        self.table = StageList()
        self.model = self.table.rows_model
        self.table.move_requested.connect(self._moved)
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
        self.stage_form = form = StageForm()
        form.field_left.connect(self._commit)
        form.agencies_toggled.connect(self._agencies_changed)
        form.arrow_activated.connect(self._follow)
        form.arrow_current_changed.connect(self._enable)
        self.scroll.setWidget(form)
        # The form's widgets by the names the screen and its tests know them by.
        self.fields = form.fields
        self.name, self.lead, self.decision, self.options = (
            form.name, form.lead, form.decision, form.options)
        self.level, self.days, self.waiting, self.time_note = (
            form.level, form.days, form.waiting, form.time_note)
        self.what, self.context, self.gaps, self.evidence = (
            form.what, form.context, form.gaps, form.evidence)
        self.agencies, self.arrows = form.agencies, form.arrows
        self.stage_heading, self.archived_note = form.stage_heading, form.archived_note
        self.add_arrow_button = form.add_arrow_button
        self.remove_arrow_button = form.remove_arrow_button
        self.detail.addWidget(self.scroll)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([em * 48, em * 32])
        return self.splitter

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange and hasattr(self, "move_buttons"):
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
        self.act_set_leads = self._action(
            "Set lead agencies…", "Choose the lead agency of each stage that has none, in one "
            "step", self.set_lead_agencies, button=self.set_leads_button)
        self.act_add_arrow = self._action(
            "Add arrow…", "Add an arrow from the selected stage to another stage",
            self.add_arrow, button=self.add_arrow_button)
        self.act_remove_arrow = self._action(
            "Remove arrow", "Remove the selected arrow", self.remove_arrow,
            QKeySequence.StandardKey.Delete, self.arrows, button=self.remove_arrow_button)

    def _set_tab_order(self) -> None:
        """From the list straight into the form, field by field, then the arrows."""
        chain = [self.set_leads_button, self.table, *self.stage_form.chain(), self.show_archived,
                 self.restore_button]
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
            field.set_editable(not self._readonly)
        self._journey_id = self._view = self._form_stage = self._current_id = None
        if project is None:
            self._close_dialogs()
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
        self._close_dialogs()
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
        return self.table.select_stage(stage_id)

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
        view = self._fields_changed(changes)
        if view is None:
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
        self.model.set_rows(stage_rows(view, self._agency_names))
        self._current_id = self.table.keep_current(self._current_id, old_row)
        self._show_stage(view.stage(self._current_id) if self._current_id is not None else None)
        self._show_summary(view)
        self._show_outline(view)
        self._enable()
        self.view_changed.emit(view)

    def _fields_changed(self, changes) -> JourneyView | None:
        """The view shown, with the stages that `changes` changed read again, if it changed
        only fields of stages shown here (as leaving a field does, and its undo); else None:
        read the whole journey again."""
        if changes is None or self._view is None or changes.tables != {"stage"}:
            return None
        ids = changes.ids("stage")
        shown = {st.id for st in self._view.stages}
        if (ids - changes.ids("stage", UPDATE) or not ids <= shown
                or changes.columns("stage") & WHOLE_JOURNEY):
            return None
        fresh = stage_views(self._project, ids)
        return replace(self._view, stages=tuple(fresh.get(st.id, st)
                                                for st in self._view.stages))

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
        form = self.stage_form
        if agencies:
            rows = mapping.agencies(self._project)
            self._agency_names = {a.id: a.name for a in rows}
            form.set_agencies([(a.name, a.id) for a in rows], self._readonly)
        if levels:
            form.set_levels([(lv.name, lv.id) for lv in mapping.levels(self._project)])
        if self._form_stage is not None:  # show the saved choices again in the new lists
            if agencies:
                self.fields["lead_agency_id"].put(self._form_stage.lead_agency_id)
                form.put_agencies(self._form_stage.agency_ids)
            if levels:
                self.fields["level_id"].put(self._form_stage.level_id)

    def _show_stage(self, stage: StageView | None) -> None:
        """Show a stage in the form (see StageForm.show_stage), or say there is none."""
        old = self._form_stage
        self._form_stage = stage
        if stage is None:
            self.detail.setCurrentWidget(self.no_stage)
            self.no_stage.setText(self._no_stage_text())
            self.arrows.clear()
            return
        self.detail.setCurrentWidget(self.scroll)
        self.stage_form.show_stage(stage, old, not (self._readonly or stage.archived),
                                   self.arrow_texts(stage))

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

    def _follow(self, link_id: int | None) -> None:
        """Go to the stage at the far end of an arrow: in this journey, select it; in
        another, ask the window to open that journey there."""
        link = next((ln for ln in (self._view.links if self._view else ())
                     if ln.id == link_id), None)
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
        """The Outline tab: services/journey_outline's words (the same as the PDF's). Made
        when the tab is in sight (or the window is not shown at all): rebuilding it for
        every field left on the Stages tab would make leaving a field slow."""
        if self.window().isVisible() and not self.outline.isVisible():
            self._outline_stale = True
            return
        self._outline_stale = False
        intro = [view.title, *([view.description] if view.description else []),
                 journey_time(view).summary()]
        waits = longest_waits_text(view)
        if waits:
            intro.append(waits)
        if not view.stages:
            intro.append("No stages yet.")
        self.outline.show_outline(intro, outline(view, self._agency_names))

    def _catch_up_outline(self) -> None:
        if self._outline_stale and self._view is not None and self.outline.isVisible():
            self._show_outline(self._view)

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
        self.act_remove_arrow.setEnabled(live and self.stage_form.current_link_id() is not None)
        no_lead = self._without_lead() if editable else []
        self.act_set_leads.setEnabled(bool(no_lead))
        self.no_lead.setVisible(bool(no_lead))
        if no_lead:
            count = "1 stage has" if len(no_lead) == 1 else f"{len(no_lead)} stages have"
            text = f"{count} no lead agency, so the map puts them in the “No lead agency” lane."
            if self.no_lead_note.text() != text:
                self.no_lead_note.setText(text)

    def _without_lead(self) -> list[StageView]:
        """The live stages whose lead agency is not set (or no longer in the project)."""
        return [st for st in (self._view.stages if self._view else ())
                if not st.archived and st.lead_agency_id not in self._agency_names]

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
            field.show(getattr(self._form_stage, field.key))

    def _agencies_changed(self) -> None:
        stage = self._form_stage
        if self._busy or self._project is None or self._readonly or stage is None:
            return
        wanted = self.stage_form.checked_agencies()
        if set(wanted) == set(stage.agency_ids):
            return
        if not self._run(journeys.set_stage_agencies, stage.id, wanted)[0]:
            self.stage_form.put_agencies(self._form_stage.agency_ids if self._form_stage else ())

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
        self.table.step(self._form_stage.id, step)

    def _moved(self, stage_id: int, to_index: int) -> None:
        """Move a stage to a new place: Move up / down, or a row dropped in the list."""
        if not self._readonly:
            self._run(journeys.move_stage, stage_id, to_index)
            self.select_stage(stage_id)

    def restore_stage(self) -> None:
        if not self.act_restore.isEnabled():
            return
        self._run(journeys.restore_stage, self._form_stage.id)

    def remove_arrow(self) -> None:
        link_id = self.stage_form.current_link_id()
        if not self.act_remove_arrow.isEnabled() or link_id is None:
            return
        self._run(journeys.unlink, link_id)

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
        self._close_dialogs()
        self.arrow_dialog = ArrowDialog(self, source.name, targets,
                                        lambda *a: self._link(source.id, *a))
        self.arrow_dialog.open()  # window-modal without blocking the event loop

    def _link(self, source_id: int, target_id: int, kind: LinkKind, note: str) -> bool:
        return self._run(journeys.link_stages, source_id, target_id, kind, note)[0]

    def set_lead_agencies(self) -> None:
        """The Set lead agencies dialog: each stage without a lead, with a choice of agency."""
        if not self.act_set_leads.isEnabled():
            return
        stages = [(st.id, f"{st.position + 1}. {st.name}") for st in self._without_lead()]
        agencies = [(a.name, a.id) for a in mapping.agencies(self._project)]
        if not agencies:
            dialogs.info(self, "There are no agencies yet: add them under Agencies and levels "
                         "first.", "Set lead agencies")
            return
        self._close_dialogs()
        self.leads_dialog = LeadAgenciesDialog(
            self, stages, agencies,
            lambda leads: self._run(journeys.set_lead_agencies, leads)[0])
        self.leads_dialog.open()  # window-modal without blocking the event loop

    def _close_dialogs(self) -> None:
        if self.arrow_dialog is not None:
            self.arrow_dialog.reject()
            self.arrow_dialog.deleteLater()
            self.arrow_dialog = None
        if self.leads_dialog is not None:
            self.leads_dialog.reject()
            self.leads_dialog.deleteLater()
            self.leads_dialog = None
