"""System review: the heatmap of one round beside the chosen cell, the progress between rounds,
the rounds themselves, and the framework the ratings use.

Keyboard first: arrows move around the heatmap, R / A / G / N rate the current cell, Delete
makes it not yet rated, Enter goes to its rationale."""

from datetime import date

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QScrollArea, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from ..figures.heatmap import LEGEND, SCOPES, Show, heatmap_grid
from ..models import Rag
from ..services import plan_view, review
from ..services import review_view as rv
from ..services.overview import long_date
from ..services.project import OpenProject
from . import dialogs
from .cell_form import CellForm, RatingKeys, rating_keys
from .framework_panel import FrameworkPanel
from .heatmap_model import HeatmapDelegate, HeatmapModel
from .in_sight import RefreshInSight, when_in_sight
from .progress_tab import ProgressTab
from .rating_wizard import RatingWizard
from .record_editor import Field, RecordEditor
from .rows_model import Column
from .undo import edit
from .widgets import (
    READONLY_NOTE, beside_form, choice, grid_choice, heading, paragraph, save_typing,
)

REVIEW_TABLES = {"rating", "rating_evidence", "review_round", "stage", "journey", "system_area",
                 "domain", "evidence_source", "level", "action", "action_gap"}
ANY = "Any"


class ReviewScreen(RefreshInSight, QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._project: OpenProject | None = None
        self._heatmap: rv.Heatmap | None = None
        self.round_id: int | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading("System review"))
        self.readonly_note = paragraph(READONLY_NOTE)
        self.readonly_note.hide()
        layout.addWidget(self.readonly_note)

        top = QHBoxLayout()
        label, self.round_box = choice("Review &round", self._round_chosen)
        self.new_round_button = QPushButton("&New round…")
        self.new_round_button.clicked.connect(self.new_round)
        self.wizard_button = QPushButton("RAG rate your &system…")
        self.wizard_button.clicked.connect(self.open_wizard)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        top.addWidget(label)
        top.addWidget(self.round_box, 1)  # wider when the window is
        top.addWidget(self.new_round_button)
        top.addWidget(self.wizard_button)
        top.addWidget(self.progress_label, 2)
        layout.addLayout(top)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("System review views")
        self.tabs.addTab(self._heatmap_tab(), "Heatmap")
        self.progress = ProgressTab()
        self.tabs.addTab(self.progress, "Progress")
        self.tabs.addTab(self._rounds_tab(), "Rounds")
        self.framework = FrameworkPanel()
        framework_scroll = QScrollArea()  # scrolls rather than widen a small window
        framework_scroll.setWidgetResizable(True)
        framework_scroll.setWidget(self.framework)
        self.tabs.addTab(framework_scroll, "Framework")
        layout.addWidget(self.tabs, 1)

    # -- building --

    def _heatmap_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        filters = QGridLayout()  # two rows, so the window can stay narrow
        self.scope_box = grid_choice(filters, 0, "Sho&w", self.refresh)
        self.scope_box.addItems(list(SCOPES.values()))
        self.journey_box = grid_choice(filters, 1, "&Journey", self.refresh)
        self.held_box = grid_choice(filters, 2, "Held at &level", self.refresh)
        self.domain_box = grid_choice(filters, 3, "&Domain", self.refresh)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        layout.addLayout(filters)
        legend = paragraph(LEGEND)
        layout.addWidget(legend)
        layout.addWidget(rating_keys())

        self.model = HeatmapModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Heatmap")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setItemDelegate(HeatmapDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, self.fontMetrics().horizontalAdvance("M") * 16)
        self.table.setWordWrap(True)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._show_cell())
        RatingKeys(self.table, self._rate_key, self._enter)

        self.form = CellForm()
        self.form.saved.connect(self._save_cell)
        split = beside_form(self.table, self.form, 3, 2)  # the heatmap gets the room
        em = self.fontMetrics().horizontalAdvance("M")
        split.setSizes([em * 55, em * 35])
        layout.addWidget(split, 1)
        return tab

    def _rounds_tab(self) -> QWidget:
        self.rounds = RecordEditor(
            "round",
            [Column("Round", lambda r: r.label),
             Column("Held on", lambda r: long_date(r.held_on) or "not set")],
            [Field("label", "Round &label"), Field("held_on", "Held &on", "date"),
             Field("participants", "&Who took part (roles and agencies)", "notes",
                   help="Roles and agencies are enough: no names needed."),
             Field("notes", "Round no&tes", "notes")],
            mnemonics=False)
        self.rounds.field_edited.connect(
            lambda row_id, key, value: edit(self, review.update_round, self._project, row_id,
                                            **{key: value}))
        self.rounds.add_requested.connect(self.new_round)
        self.rounds.remove_requested.connect(self._delete_round)
        self.rounds.up_button.hide()
        self.rounds.down_button.hide()
        return self.rounds

    # -- the project --

    def attach(self, project: OpenProject, signals) -> None:
        self._project = project
        signals.changed.connect(self.refresh)
        editable = not project.readonly
        self.form.set_editable(editable)
        self.rounds.set_editable(editable)
        for w in (self.new_round_button, self.wizard_button):
            w.setEnabled(editable)
        self.readonly_note.setVisible(project.readonly)
        self.round_id = None
        self.progress.attach(project)
        self.framework.attach(project)
        self.refresh()

    def detach(self) -> None:
        save_typing(self)
        self.progress.detach()
        self.framework.detach()
        self._project = None

    @when_in_sight
    def refresh(self, changes=None) -> None:
        if self._project is None or (changes is not None and not changes.tables & REVIEW_TABLES):
            return
        rounds = rv.rounds(self._project)
        self.rounds.set_rows(rounds)
        if self.round_id not in {r.id for r in rounds}:
            self.round_id = rounds[-1].id if rounds else None
        _fill(self.round_box, [(r.label, r.id) for r in rounds], self.round_id)
        self.wizard_button.setEnabled(not self._project.readonly and bool(rounds))
        self.progress.refresh(changes)
        if self.round_id is None:
            self._heatmap = None
            self.model.set_grid(heatmap_grid(rv.Heatmap(rv.RoundRow(0, 0, ""), (), ())))
            self.progress_label.setText("No review round yet: start one with New round.")
            self.form.set_cell(None, None, None)
            return
        self._heatmap = rv.heatmap(self._project, self.round_id)
        self._fill_filters()
        key = self._current_key()
        self.model.set_grid(heatmap_grid(self._heatmap, self._show()))
        self.table.clearSpans()
        for r, row in enumerate(self.model.grid.rows):
            if row.kind == "group":  # a journey's heading across the whole row
                self.table.setSpan(r, 0, 1, self.model.columnCount())
        self.table.resizeRowsToContents()
        if key and self._current_key() != key:
            self.go_to(*key)
        elif key is None and self.model.rowCount():
            self.go_to_first()
        h = self._heatmap
        self.progress_label.setText(f"{h.rated} of {h.size} cells rated in {h.round.label}")
        self._show_cell()

    def _fill_filters(self) -> None:
        h = self._heatmap
        journeys = {}
        held = {}
        for item in h.items:
            if item.journey_id is not None:
                journeys.setdefault(item.journey_id, item.group)
            if item.held_at_id is not None:
                held.setdefault(item.held_at_id, item.held_at)
        _fill(self.journey_box, [(ANY, None), *((t, i) for i, t in journeys.items())],
              self.journey_box.currentData())
        _fill(self.held_box, [(ANY, None), *((t, i) for i, t in held.items())],
              self.held_box.currentData())
        _fill(self.domain_box, [(ANY, None), *((d.short_name, d.id) for d in h.domains)],
              self.domain_box.currentData())

    def _show(self) -> Show:
        domain = self.domain_box.currentData()
        return Show(scope=list(SCOPES)[max(self.scope_box.currentIndex(), 0)],
                    journey_id=self.journey_box.currentData(),
                    held_at_id=self.held_box.currentData(),
                    domain_ids=(domain,) if domain is not None else ())

    def _round_chosen(self) -> None:
        self.round_id = self.round_box.currentData()
        self.refresh()

    # -- the current cell --

    def _current_key(self):
        cell = self.model.cell_at(self.table.currentIndex())
        return (cell.item, cell.domain_id) if cell and cell.item else None

    def go_to(self, item, domain_id: int) -> bool:
        index = self.model.index_of(item, domain_id)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.table.scrollTo(index)
        return index.isValid()

    def go_to_first(self) -> None:
        for r, row in enumerate(self.model.grid.rows):
            if row.kind == "item" and row.cells:
                self.table.setCurrentIndex(self.model.index(r, 1))
                return

    def _current(self):
        key = self._current_key()
        if key is None or self._heatmap is None:
            return None
        item = next((i for i in self._heatmap.items if i.ref == key[0]), None)
        domain = next((d for d in self._heatmap.domains if d.id == key[1]), None)
        return item, domain, self._heatmap.cell(*key)

    def _show_cell(self) -> None:
        if self._project is not None:
            self.form.set_sources(rv.evidence_sources(self._project))
        current = self._current()
        if current is None:
            self.form.set_cell(None, None, None)
            return
        self.form.set_cell(*current, trace=self._trace(*current))

    def _trace(self, item: rv.RatedItem, domain: rv.DomainHead, cell: rv.Cell) -> str:
        """The cell's change since the round before, and the actions that address it."""
        words = []
        before = self._previous_round()
        if before is not None:
            then = rv.rag_in_round(self._project, before.id, item.ref, domain.id)
            words.append(f"In {before.label}: {then.label}." if then == cell.rag else
                         f"Changed from {then.label} in {before.label}.")
        actions = plan_view.actions_for_cell(self._project, stage_id=item.ref.stage_id,
                                             area_id=item.ref.area_id, domain_id=domain.id)
        if actions:
            words.append("Actions addressing this gap: " + "; ".join(
                f"{a.title} ({a.status.value}{', ' + a.lead_agency if a.lead_agency else ''})"
                for a in actions) + ".")
        elif cell.rag in (Rag.RED, Rag.AMBER):
            words.append("No action in the plan addresses this gap yet (Plan > Actions).")
        return " ".join(words)

    def _previous_round(self) -> rv.RoundRow | None:
        rounds = rv.rounds(self._project)
        ids = [r.id for r in rounds]
        i = ids.index(self.round_id) if self.round_id in ids else 0
        return rounds[i - 1] if i > 0 else None

    def _save_cell(self, fields: dict) -> None:
        current = self._current()
        if current is None or self.round_id is None:
            return
        item, domain, _ = current
        if not edit(self, review.rate, self._project, self.round_id, domain_id=domain.id,
                    stage_id=item.ref.stage_id, area_id=item.ref.area_id, **fields):
            self._show_cell()  # what is saved

    def _rate_key(self, rag: Rag):
        if self._current() is None:
            return False
        self.form.choose(rag)

    def _enter(self):
        if self._current() is None:
            return False
        self.form.rationale.setFocus()

    # -- rounds --

    def new_round(self) -> None:
        if self._project is None or self._project.readonly:
            return
        rounds = rv.rounds(self._project)
        carry = None
        if rounds:
            last = rounds[-1]
            answer = dialogs.ask_choice(
                self, "New review round", "How should the new round start?",
                [f"With the ratings of {last.label}, to re-rate", "Blank"])
            if answer is None:
                return
            carry = last.id if answer == 0 else None
        label = "Baseline" if not rounds else f"Review {len(rounds)}"
        if edit(self, self._added_round, label, carry):
            self.refresh()  # the notice came before the new round was chosen
            self.tabs.setCurrentIndex(0)
            self.table.setFocus()

    def _added_round(self, label: str, carry: int | None) -> None:
        self.round_id = review.add_round(self._project, label, date.today(), carry_from=carry)

    def _delete_round(self, round_id: int) -> None:
        row = next(r for r in self.rounds.model.rows if r.id == round_id)
        if dialogs.confirm(self, f"Delete the review round {row.label} with all its ratings? "
                           "Edit > Undo brings it back.", "Delete review round", "Delete"):
            edit(self, review.delete_round, self._project, round_id)

    def open_wizard(self) -> None:
        if self._project is None or self.round_id is None:
            return
        wizard = RatingWizard(self._project, self.round_id, self)
        dialogs.show_modal(wizard)
        self.refresh()


def _fill(box: QComboBox, entries: list[tuple[str, object]], current) -> None:
    """Refill a combo box only if its entries changed, keeping the current choice."""
    if [(box.itemText(i), box.itemData(i)) for i in range(box.count())] != entries:
        box.blockSignals(True)
        box.clear()
        for text, data in entries:
            box.addItem(text, data)
        box.blockSignals(False)
    i = box.findData(current)
    box.setCurrentIndex(i if i >= 0 else 0)


