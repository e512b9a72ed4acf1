"""Precise change notices: a screen refreshes only what changed and keeps its place."""

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView

from csdesk.store.changes import DELETE, INSERT, UPDATE
from csdesk.ui.app import make_app
from csdesk.ui.rows_model import Column, RowsModel


def test_notices_name_the_rows_and_columns_that_changed(new_file):
    from csdesk.services.project import OpenProject

    project = OpenProject.open(new_file)
    heard = []
    project.subscribe(heard.append)
    try:
        project.update_details(notes="Workshop 1")
        (notice,) = heard
        assert notice.tables == {"project"}  # the "changed at" stamp is not part of it
        assert notice.columns("project") == {"notes"}
        assert notice.ids("project", UPDATE) == {1}
        project.undo()
        assert heard[-1].columns("project") == {"notes"}
        assert not heard[-1].ids("project", INSERT, DELETE)
    finally:
        project.close()


def test_a_half_typed_field_survives_a_change_to_another(window, qtbot, new_file):
    window.open_path(new_file)
    notes = window.overview.notes
    notes.setFocus()
    qtbot.keyClicks(notes, "Half a thought")
    cursor = notes.textCursor().position()
    # Meanwhile the title changes (another screen, an undo, the wizard...).
    window.project.update_details(title="Renamed elsewhere")
    assert window.overview.title.text() == "Renamed elsewhere"
    assert notes.toPlainText() == "Half a thought"
    assert notes.textCursor().position() == cursor and notes.hasFocus()
    assert window.project.details().notes == ""  # not saved until the user leaves the box


@dataclass(frozen=True)
class Cell:
    id: int
    name: str
    rag: str


def grid(n=40):
    return [Cell(i, f"Stage {i}", "R") for i in range(1, n + 1)]


@pytest.fixture
def view(qtbot):
    make_app()
    model = RowsModel([Column("Stage", lambda r: r.name), Column("Target", lambda r: r.rag,
                                                                 lambda r: f"{r.name}: {r.rag}")])
    model.set_rows(grid())
    table = QTableView()
    table.setModel(model)
    qtbot.addWidget(table)
    table.resize(400, 200)
    with qtbot.waitExposed(table):
        table.show()
    table.setCurrentIndex(model.index(29, 1))
    table.selectionModel().select(model.index(29, 1),
                                  QItemSelectionModel.SelectionFlag.ClearAndSelect)
    table.scrollTo(model.index(29, 1))
    return table, model


def current(table):
    index = table.currentIndex()
    return table.model().row(index).id, index.column()


def test_rating_another_cell_keeps_the_current_cell_and_scroll(view):
    table, model = view
    scrolled = table.verticalScrollBar().value()
    rows = grid()
    rows[4] = Cell(5, "Stage 5", "G")  # a rating changes elsewhere
    rows[29] = Cell(30, "Stage 30", "A")  # and the current cell itself is re-rated
    model.set_rows(rows)
    assert current(table) == (30, 1)
    assert table.selectionModel().isSelected(model.index(29, 1))
    assert table.verticalScrollBar().value() == scrolled
    assert model.index(29, 1).data() == "A"
    assert model.index(29, 1).data(Qt.ItemDataRole.AccessibleTextRole) == "Stage 30: A"


def test_rows_added_removed_or_reordered_elsewhere_keep_the_place(view):
    table, model = view
    rows = [Cell(99, "New first stage", "R"), *grid()]
    model.set_rows(rows)
    assert current(table) == (30, 1) and table.currentIndex().row() == 30
    model.set_rows([r for r in rows if r.id not in (99, 1, 2)])
    assert current(table) == (30, 1) and table.currentIndex().row() == 27
    model.set_rows(list(reversed(grid())))
    assert current(table) == (30, 1) and table.currentIndex().row() == 10
    assert table.selectionModel().isSelected(table.currentIndex())
    assert [r.id for r in model.rows] == [r.id for r in reversed(grid())]
