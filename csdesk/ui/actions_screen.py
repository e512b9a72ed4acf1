"""Actions: the plan as a table to sort and filter, beside the form for the chosen action;
flags for actions linked to no gap and gaps with no action; the "Develop a plan" wizard;
and, on a second tab, what moved between two review rounds."""

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QScrollArea, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from ..models import ActionStatus, Priority
from ..services import mapping, plan, plan_view
from ..services.plan_csv import export_csv
from ..services.plan_view import ActionView
from ..services.project import OpenProject
from ..store import ProjectFileError
from . import dialogs
from .action_form import ActionForm
from .in_sight import RefreshInSight, when_in_sight
from .plan_widgets import GapsDialog
from .plan_wizard import PlanWizard
from .rows_model import Column, RowsModel
from .timeline_view import TimelineView
from .undo import edit
from .what_moved import WhatMovedView
from .widgets import READONLY_NOTE, heading, paragraph, save_typing

ANY = "Any"
# What the plan shows depends on these tables (names of stages, areas and agencies, ratings).
PLAN_TABLES = {"action", "action_gap", "action_partner", "progress_note", "agency", "rating",
               "review_round", "roadmap_step", "stage", "journey", "system_area", "domain"}
STATUS_ORDER = list(ActionStatus)
PRIORITY_ORDER = list(Priority)


def _gaps_words(a: ActionView) -> str:
    if not a.gaps:
        return "None: no gap linked"
    better = sum(g.change == plan_view.Movement.IMPROVED for g in a.gaps)
    worse = sum(g.change == plan_view.Movement.WORSE for g in a.gaps)
    moved = ", ".join(part for part in (f"{better} improved" if better else "",
                                        f"{worse} worse" if worse else "") if part)
    return f"{len(a.gaps)}" + (f" ({moved})" if moved else "")


# (column, sort key)
COLUMNS = (
    (Column("No.", lambda a: str(a.position + 1)), lambda a: a.position),
    (Column("Title", lambda a: a.title), lambda a: a.title.lower()),
    (Column("Status", lambda a: a.status.value.capitalize()),
     lambda a: STATUS_ORDER.index(a.status)),
    (Column("Priority", lambda a: a.priority.value.capitalize()),
     lambda a: PRIORITY_ORDER.index(a.priority)),
    (Column("Lead agency", lambda a: a.lead_agency), lambda a: a.lead_agency.lower()),
    (Column("Owner", lambda a: a.owner_role), lambda a: a.owner_role.lower()),
    (Column("Due", lambda a: a.due_words, lambda a: f"{a.title}: due {a.due_words or 'not set'}"),
     lambda a: (a.due_on is None, a.due_on)),
    (Column("Domains", lambda a: ", ".join(a.domains)), lambda a: a.domains),
    (Column("Gaps", _gaps_words, lambda a: f"{a.title}: gaps {_gaps_words(a)}"),
     lambda a: len(a.gaps)),
)


class ActionFilter(QSortFilterProxyModel):
    """Sorts by each column's key (dates as dates) and keeps the rows the filters allow."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.status: ActionStatus | None = None
        self.lead: str | None = None
        self.domain: str | None = None
        self.text = ""
        self.overdue_only = False
        self.no_gap_only = False

    def set(self, **filters) -> None:
        self.beginFilterChange()
        for key, value in filters.items():
            setattr(self, key, value)
        self.endFilterChange()

    def _row(self, source_row: int) -> ActionView:
        model = self.sourceModel()
        return model.row(model.index(source_row, 0))

    def filterAcceptsRow(self, source_row, parent) -> bool:
        a = self._row(source_row)
        words = self.text.lower().split()
        haystack = " ".join((a.title, a.owner_role, a.lead_agency, *a.partners)).lower()
        return ((self.status is None or a.status == self.status)
                and (self.lead is None or a.lead_agency == self.lead)
                and (self.domain is None or self.domain in a.domains)
                and (not self.overdue_only or a.overdue)
                and (not self.no_gap_only or not a.gaps)
                and all(w in haystack for w in words))

    def lessThan(self, left, right) -> bool:
        key = COLUMNS[left.column()][1]
        return key(self._row(left.row())) < key(self._row(right.row()))


class ActionsScreen(RefreshInSight, QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._project: OpenProject | None = None
        self._just_opened = False
        self.wizard: PlanWizard | None = None
        self.gaps_dialog: GapsDialog | None = None
        outer = QVBoxLayout(self)
        outer.addWidget(heading("Actions"))
        self.readonly_note = paragraph(READONLY_NOTE)
        self.readonly_note.hide()
        outer.addWidget(self.readonly_note)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Actions, what moved and the timeline")
        outer.addWidget(self.tabs, 1)

        plan_tab = QWidget()
        layout = QVBoxLayout(plan_tab)
        flags = QHBoxLayout()
        self.flags = paragraph("")
        self.flags.setAccessibleName("Flags")
        flags.addWidget(self.flags, 1)
        self.wizard_button = QPushButton("Develop a pla&n\u2026")
        self.wizard_button.setToolTip("Turn the Red and Amber cells no action addresses yet "
                                      "into draft actions")
        self.wizard_button.clicked.connect(self.open_wizard)
        flags.addWidget(self.wizard_button)
        self.csv_button = QPushButton("Export CSV\u2026")
        self.csv_button.setToolTip("The action plan for Excel: every action, every field")
        self.csv_button.clicked.connect(self.export_csv)
        flags.addWidget(self.csv_button)
        layout.addLayout(flags)

        self.splitter = QSplitter()
        layout.addWidget(self.splitter, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(self._filters())
        self.model = RowsModel([c for c, _ in COLUMNS], self)
        self.proxy = ActionFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Action list")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._em = em = self.fontMetrics().horizontalAdvance("M")
        for column, width in enumerate((4, 18, 8, 6, 12, 10, 10, 10, 7)):
            header.resizeSection(column, em * width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        left_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add acti&on")
        self.add_button.clicked.connect(self._add)
        self.delete_button = QPushButton("Delete action")
        self.delete_button.setToolTip("Delete key in the list")
        self.delete_button.clicked.connect(self._delete)
        self.up_button = QPushButton("Move up")
        self.up_button.setToolTip("Alt+Up in the list: earlier in the plan's order")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton("Move down")
        self.down_button.setToolTip("Alt+Down in the list: later in the plan's order")
        self.down_button.clicked.connect(lambda: self._move(+1))
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch()
        left_layout.addLayout(buttons)
        for key, slot in ((QKeySequence.StandardKey.Delete, self._delete),
                          ("Alt+Up", lambda: self._move(-1)),
                          ("Alt+Down", lambda: self._move(+1))):
            action = QAction(self.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)
        self.splitter.addWidget(left)

        self.form = ActionForm()
        self.form.choose_gaps.connect(self.open_gaps)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(self.form)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([em * 40, em * 30])
        self.splitter.setChildrenCollapsible(False)
        self.tabs.addTab(plan_tab, "Plan")

        self.moved = WhatMovedView()
        self.tabs.addTab(self.moved, "&What moved")
        self.timeline = TimelineView()
        self.tabs.addTab(self.timeline, "Timeline b&y date")
        self._tabs_stale: set[QWidget] = set()  # tabs to draw again when next shown
        self.tabs.currentChanged.connect(lambda _: self._refresh_tab())

    def _filters(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        row = QHBoxLayout()
        rows.addLayout(row)
        self.find = QLineEdit()
        self.find.setPlaceholderText("Words in the title, owner, lead or partner agency")
        self.find.setAccessibleName("Find actions by title, owner or agency")
        self.find.textChanged.connect(lambda t: self.proxy.set(text=t))
        find_label = QLabel("&Find")
        find_label.setBuddy(self.find)
        row.addWidget(find_label)
        row.addWidget(self.find, 1)
        ticks = row
        row = QHBoxLayout()
        rows.addLayout(row)
        self.status_filter = self._combo("Status", row)
        self.lead_filter = self._combo("Lead agency", row)
        self.domain_filter = self._combo("Domain", row)
        self.status_filter.currentIndexChanged.connect(
            lambda _: self.proxy.set(status=self.status_filter.currentData()))
        self.lead_filter.currentIndexChanged.connect(
            lambda _: self.proxy.set(lead=self.lead_filter.currentData()))
        self.domain_filter.currentIndexChanged.connect(
            lambda _: self.proxy.set(domain=self.domain_filter.currentData()))
        self.overdue_filter = QCheckBox("Overdue only")
        self.overdue_filter.toggled.connect(lambda on: self.proxy.set(overdue_only=on))
        ticks.addWidget(self.overdue_filter)
        self.no_gap_filter = QCheckBox("No gap only")
        self.no_gap_filter.toggled.connect(lambda on: self.proxy.set(no_gap_only=on))
        ticks.addWidget(self.no_gap_filter)
        return rows

    @staticmethod
    def _combo(name: str, row: QHBoxLayout) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(f"Show actions of {name.lower()}")
        box.setToolTip(f"Filter by {name.lower()}")
        box.addItem(f"{name}: {ANY}", None)
        # Long agency names must not widen the window: the list shows them whole.
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(8)
        row.addWidget(box, 1)
        return box

    @staticmethod
    def _fill(box: QComboBox, name: str, options) -> None:
        """options: (value, text) pairs after "Any"; the choice is kept when still offered."""
        wanted = [(None, f"{name}: {ANY}"), *options]
        if [(box.itemData(i), box.itemText(i)) for i in range(box.count())] == wanted:
            return
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        for value, text in wanted:
            box.addItem(text, value)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.blockSignals(False)
        box.currentIndexChanged.emit(box.currentIndex())

    # -- the project --

    def attach(self, project: OpenProject, signals) -> None:
        self._project = project
        signals.changed.connect(self.refresh)
        self.readonly_note.setVisible(project.readonly)
        for widget in (self.add_button, self.delete_button, self.up_button, self.down_button,
                       self.wizard_button):
            widget.setEnabled(not project.readonly)
        self.moved.set_project(project)
        self.timeline.set_project(project)
        self._just_opened = True  # the first action is chosen when the plan is first shown
        self.refresh()

    def detach(self) -> None:
        save_typing(self)
        for dialog in (self.wizard, self.gaps_dialog):
            if dialog is not None:
                dialog.reject()
        self._project = None
        self.moved.set_project(None)
        self.timeline.set_project(None)
        self.form.set_project(None, [], [])

    @when_in_sight
    def refresh(self, changes=None) -> None:
        """Reload the plan: while the screen is in sight, or when it comes into sight (the
        plan takes a while to read, and stage and rating edits elsewhere change it)."""
        if self._project is None:
            return
        if changes is not None and not (changes.tables & PLAN_TABLES):
            return
        project = self._project
        agencies = [(a.id, a.name) for a in mapping.agencies(project)]
        steps = [(s.id, s.name) for s in plan_view.roadmap(project)]
        self.form.set_project(project, agencies, steps)
        rows = plan_view.actions(project)
        self._fill(self.status_filter, "Status",
                   [(s, s.value.capitalize()) for s in ActionStatus])
        self._fill(self.lead_filter, "Lead agency", [(name, name) for _, name in agencies])
        self._fill(self.domain_filter, "Domain",
                   [(v.domain, v.domain) for v in plan_view.vision(project)])
        self.model.set_rows(rows)
        if self._just_opened and self.model.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 1))
        self._just_opened = False
        self._show_flags(rows)
        self._show_current()
        self._tabs_stale = {self.moved, self.timeline}  # drawn when their tab is shown
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        shown = self.tabs.currentWidget()
        if shown in self._tabs_stale and self._project is not None:
            self._tabs_stale.discard(shown)
            shown.refresh()

    def _show_flags(self, rows: list[ActionView]) -> None:
        unlinked = [a for a in rows if not a.gaps]
        overdue = [a for a in rows if a.overdue]
        open_gaps = sum(len(g.gaps) for g in plan_view.gaps_without_action(self._project))
        parts = [f"{len(rows)} actions"]
        if overdue:
            parts.append(f"{len(overdue)} overdue")
        parts.append(f"{len(unlinked)} linked to no gap" if unlinked
                     else "every action is linked to a gap")
        parts.append(f"{open_gaps} Red or Amber cells of the latest round with no action"
                     if open_gaps else "every Red and Amber cell has an action")
        self.flags.setText("; ".join(parts) + ".")

    # -- the current action --

    def current_id(self) -> int | None:
        row = self.model.row(self.proxy.mapToSource(self.table.currentIndex()))
        return row.id if row else None

    def select(self, action_id: int) -> None:
        row = self.model.row_of(action_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 1))
            if index.isValid():
                self.table.setCurrentIndex(index)

    def _show_current(self) -> None:
        row = self.model.row(self.proxy.mapToSource(self.table.currentIndex()))
        self.form.show_action(row)
        has = row is not None and self._project is not None and not self._project.readonly
        for button in (self.delete_button, self.up_button, self.down_button):
            button.setEnabled(has)

    # -- edits --

    def _add(self) -> None:
        made = []
        if edit(self, lambda: made.append(plan.add_action(self._project, "New action"))):
            for box, off in ((self.find, ""),):
                box.setText(off)  # so the new action is shown
            for box in (self.status_filter, self.lead_filter, self.domain_filter):
                box.setCurrentIndex(0)
            self.overdue_filter.setChecked(False)
            self.no_gap_filter.setChecked(False)
            self.select(made[0])
            title = self.form.inputs["title"]
            title.setFocus()
            title.selectAll()

    def _delete(self) -> None:
        action_id = self.current_id()
        if action_id is None or self._project is None or self._project.readonly:
            return
        view = self.model.row(self.model.index(self.model.row_of(action_id), 0))
        if dialogs.confirm(self, f"Delete the action \u201c{view.title}\u201d, with its gaps, "
                           "partners and progress notes? Edit > Undo brings it back.",
                           "Delete action", "Delete Action"):
            edit(self, plan.delete_action, self._project, action_id)

    def _move(self, step: int) -> None:
        action_id = self.current_id()
        if action_id is None or self._project is None or self._project.readonly:
            return
        target = self.model.row_of(action_id) + step
        if 0 <= target < self.model.rowCount():
            edit(self, plan.move_action, self._project, action_id, target)
            self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # show the plan's order

    def open_gaps(self) -> None:
        action_id = self.current_id()
        if action_id is None or self._project is None:
            return
        view = plan_view.action(self._project, action_id)
        dialog = self.gaps_dialog = GapsDialog(view.title, plan_view.all_cells(self._project),
                                               [g.key for g in view.gaps], self)
        dialog.accepted.connect(
            lambda: edit(self, plan.set_gaps, self._project, action_id, dialog.chosen()))
        dialog.open()

    def export_csv(self) -> None:
        if self._project is None:
            return
        suggested = self._project.path.with_name(self._project.path.stem + " action plan.csv")
        dest = dialogs.save_path(self, "Export the action plan as CSV", suggested,
                                 dialogs.CSV_FILTER)
        if not dest:
            return
        try:
            written = export_csv(self._project, dest)
        except ProjectFileError as exc:
            dialogs.error(self, str(exc), "Cannot export")
            return
        dialogs.info(self, f"Wrote the action plan to {written}.", "Exported")

    def open_wizard(self) -> None:
        if self._project is None or self._project.readonly:
            return
        if self.wizard is not None:
            self.wizard.deleteLater()
        self.wizard = PlanWizard(self._project, self)
        self.wizard.open()
