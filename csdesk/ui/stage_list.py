"""A journey's stages as a list: number, name, lead agency, level and time, one row each.

Rows are plain text made from a JourneyView, shown through the diffing RowsModel, so the
selected stage stays selected while others change. A row can be dragged to a new place, and
`step()` moves one a place up or down (the editor's Alt+Up / Alt+Down): both only ask, with
move_requested; the editor runs the operation."""

from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ..services.journey_outline import time_short, time_spoken
from ..services.journey_view import NO_LEAD, JourneyView
from .rows_model import Column, RowsModel

NOT_SET = "Not set"  # a stage's level, when none is chosen


@dataclass(frozen=True)
class StageRow:
    """One row of the stage list: plain text made from a StageView."""

    id: int
    number: int | None  # 1, 2, ... (None: archived)
    name: str
    lead: str  # "" if none
    level: str  # "" if none
    days: int | None
    waiting: int | None
    archived: bool


STAGE_COLUMNS = (
    Column("No.", lambda r: "" if r.number is None else str(r.number),
           lambda r: "Archived" if r.number is None else f"Stage {r.number}"),
    Column("Stage", lambda r: r.name + (" (archived)" if r.archived else "")),
    Column("Lead agency", lambda r: r.lead or NO_LEAD,
           lambda r: f"Lead: {r.lead}" if r.lead else NO_LEAD),
    Column("Level", lambda r: r.level or NOT_SET,
           lambda r: f"Level: {r.level}" if r.level else "Level not set"),
    Column("Time", lambda r: time_short(r.days, r.waiting),
           lambda r: time_spoken(r.days, r.waiting)),
)


def stage_rows(view: JourneyView, agency_names: dict[int, str]) -> list[StageRow]:
    rows, number = [], 0
    for st in view.stages:
        number += not st.archived
        rows.append(StageRow(st.id, None if st.archived else number, st.name,
                             agency_names.get(st.lead_agency_id, ""), st.level_name, st.days,
                             st.waiting_days, st.archived))
    return rows


class StageList(QTableView):
    """The stage list. `rows_model` holds the rows; select_stage() selects one by id."""

    move_requested = Signal(int, int)  # (stage id, its new index among the live stages)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows_model = RowsModel(STAGE_COLUMNS, self, reorderable=True)
        self.rows_model.move_requested.connect(self.move_requested)  # a drop
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDragDropOverwriteMode(False)
        self.setObjectName("stage_list")
        self.setAccessibleName("Stages")
        self.setModel(self.rows_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the list for the form
        self.setWordWrap(True)  # long stage and agency names wrap, never cut off
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):  # the stage and the agency share what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.fit_columns()

    def fit_columns(self) -> None:
        em = self.fontMetrics().horizontalAdvance("M")
        header = self.horizontalHeader()
        header.setMinimumSectionSize(em * 3)
        for column, width in ((3, 7), (4, 6.5)):  # "Child Protection", "90 days + / 21 waiting"
            header.resizeSection(column, int(em * width))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange:
            self.fit_columns()
        super().changeEvent(event)

    def select_stage(self, stage_id: int) -> bool:
        row = self.rows_model.row_of(stage_id)
        if row < 0:
            return False
        self.selectionModel().setCurrentIndex(
            self.rows_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.scrollTo(self.rows_model.index(row, 0))
        return True

    def keep_current(self, current_id: int | None, old_row: int) -> int | None:
        """After new rows: the selected stage stays selected while it exists; if it went,
        its neighbour. Returns the id now current."""
        model = self.rows_model
        if not model.rowCount():
            return None
        row = model.row_of(current_id) if current_id is not None else -1
        if row < 0:
            row = min(max(old_row, 0), model.rowCount() - 1)
        if self.currentIndex().row() != row or not self.selectionModel().isRowSelected(row):
            self.select_stage(model.rows[row].id)
        return model.rows[row].id

    def step(self, stage_id: int, step: int) -> None:
        """Ask to move a live stage `step` places (archived stages have no place)."""
        live = [r.id for r in self.rows_model.rows if not r.archived]
        if stage_id in live:
            self.move_requested.emit(stage_id, live.index(stage_id) + step)
