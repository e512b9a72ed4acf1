"""The wizard "RAG rate your system": every cell of one round in turn, domain by domain or
stage by stage, with the domain's meaning, question and prompts beside the rating.

The keyboard alone is enough: arrows move through the list, R / A / G rate the current cell
and go to the next, N marks it not applicable (then asks for the reason), Enter goes to the
rationale, Tab moves through the form. Progress shows how many cells are rated."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget,
    QListWidgetItem, QProgressBar, QPushButton, QVBoxLayout,
)

from ..models import Rag
from ..services import review
from ..services import review_view as rv
from ..services.project import OpenProject
from .cell_form import CellForm, RatingKeys, rating_keys
from .undo import edit
from .widgets import beside_form, heading

ORDERS = ("Domain by domain", "Stage by stage")


class RatingWizard(QDialog):
    def __init__(self, project: OpenProject, round_id: int, parent=None):
        super().__init__(parent)
        self.project = project
        self.round_id = round_id
        self.heatmap = rv.heatmap(project, round_id)
        self.setWindowTitle(f"RAG rate your system: {self.heatmap.round.label}")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"RAG rate your system: {self.heatmap.round.label}", 1.3))

        top = QHBoxLayout()
        label = QLabel("Or&der")
        self.order = QComboBox()
        self.order.addItems(ORDERS)
        self.order.setAccessibleName("Order of the cells")
        label.setBuddy(self.order)
        self.order.activated.connect(lambda _: self._fill_list())
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Cells rated")
        top.addWidget(label)
        top.addWidget(self.order)
        top.addWidget(self.bar, 1)
        layout.addLayout(top)
        layout.addWidget(rating_keys(" R, A and G go on to the next cell."))

        self.cells = QListWidget()
        self.cells.setAccessibleName("Cells to rate")
        self.cells.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cells.currentRowChanged.connect(lambda _: self._show_cell())
        self.form = CellForm()
        self.form.set_sources(rv.evidence_sources(project))
        self.form.saved.connect(self._save)
        RatingKeys(self.cells, self._rate_key, self.form.rationale.setFocus)
        layout.addWidget(beside_form(self.cells, self.form, 0, 2), 1)

        buttons = QDialogButtonBox()
        self.back_button = QPushButton("P&revious cell")
        self.next_button = QPushButton("Ne&xt cell")
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(+1))
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._unsubscribe = project.subscribe(self._changed)
        self.finished.connect(lambda _: self._unsubscribe())
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 95, em * 55)
        self.cells.setWordWrap(True)
        self._order: list[tuple[rv.RatedItem, rv.DomainHead]] = []
        self._fill_list()
        self.cells.setFocus()

    # -- the cells, in order --

    def _fill_list(self) -> None:
        h = self.heatmap
        if self.order.currentIndex() == 0:
            self._order = [(i, d) for d in h.domains for i in h.items]
        else:
            self._order = [(i, d) for i in h.items for d in h.domains]
        current = self.current_key()
        self.cells.clear()
        for item, domain in self._order:
            self.cells.addItem(QListWidgetItem())
        self._update_texts()
        first_unrated = next((n for n, (i, d) in enumerate(self._order)
                              if not h.cell(i.ref, d.id).rated), 0)
        keys = [(i.ref, d.id) for i, d in self._order]
        self.cells.setCurrentRow(keys.index(current) if current in keys else first_unrated)

    def _update_texts(self) -> None:
        h = self.heatmap
        by_domain = self.order.currentIndex() == 0
        for n, (item, domain) in enumerate(self._order):
            cell = h.cell(item.ref, domain.id)
            text = (f"{domain.short_name} · {item.label}" if by_domain
                    else f"{item.label} · {domain.short_name}") + f": {cell.rag.label}"
            row = self.cells.item(n)
            row.setText(text)
            row.setData(Qt.ItemDataRole.AccessibleTextRole, rv.cell_words(item, domain, cell))
        self.bar.setMaximum(max(h.size, 1))
        self.bar.setValue(h.rated)
        self.bar.setFormat(f"{h.rated} of {h.size} cells rated")

    def current_key(self):
        n = self.cells.currentRow()
        if 0 <= n < len(self._order):
            item, domain = self._order[n]
            return item.ref, domain.id
        return None

    def _show_cell(self) -> None:
        n = self.cells.currentRow()
        if not 0 <= n < len(self._order):
            self.form.set_cell(None, None, None)
            return
        item, domain = self._order[n]
        self.form.set_cell(item, domain, self.heatmap.cell(item.ref, domain.id))
        self.back_button.setEnabled(n > 0)
        self.next_button.setEnabled(n < len(self._order) - 1)

    def step(self, by: int) -> None:
        n = self.cells.currentRow() + by
        if 0 <= n < self.cells.count():
            self.cells.setCurrentRow(n)

    # -- rating --

    def _save(self, fields: dict) -> None:
        n = self.cells.currentRow()
        item, domain = self._order[n]
        edit(self, review.rate, self.project, self.round_id, domain_id=domain.id,
             stage_id=item.ref.stage_id, area_id=item.ref.area_id, **fields)

    def _changed(self, changes) -> None:
        if changes.tables & {"rating", "rating_evidence"}:
            self.heatmap = rv.heatmap(self.project, self.round_id)
            self._update_texts()
            self._show_cell()

    def _rate_key(self, rag: Rag) -> None:
        self.form.choose(rag)
        if rag in (Rag.RED, Rag.AMBER, Rag.GREEN) or (
                rag == Rag.NOT_APPLICABLE and self.form.na_reason.text().strip()):
            self.step(+1)
