"""The Agencies and levels screen, as a facilitator uses it: keyboard, undo, refusals."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from csdesk.services import journeys, mapping
from csdesk.services.journey_view import journey_view
from csdesk.services.project import OpenProject
from csdesk.ui import dialogs
from csdesk.ui.app import make_app
from csdesk.ui.levels_screen import LevelsScreen
from csdesk.ui.signals import ProjectSignals


@pytest.fixture
def screen(qtbot, new_file, dialog_log):
    make_app()
    project = OpenProject.open(new_file)
    signals = ProjectSignals(project)
    widget = LevelsScreen()
    qtbot.addWidget(widget)
    widget.resize(900, 1200)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.attach(project, signals)
    yield widget, project, dialog_log
    widget.detach()
    signals.detach()
    project.close()


def type_and_leave(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    QApplication.processEvents()


def names(editor):
    return [r.name for r in editor.model.rows]


def test_rename_an_agency_by_keyboard_and_undo_it(screen, qtbot):
    widget, project, _ = screen
    editor = widget.agencies
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Down)  # the second agency
    second = editor.current_id()
    type_and_leave(qtbot, editor.inputs["name"], "Harrowmere Early Help Hub")
    assert mapping.agencies(project)[1].name == "Harrowmere Early Help Hub"
    assert names(editor)[1] == "Harrowmere Early Help Hub"
    assert project.history.undo_label == "rename agency"
    project.undo()
    assert editor.current_id() == second  # the list kept its place
    assert editor.inputs["name"].text() == names(editor)[1] != "Harrowmere Early Help Hub"


def test_an_empty_or_repeated_name_is_refused_at_the_field(screen, qtbot):
    widget, project, log = screen
    editor = widget.agencies
    editor.select(editor.model.rows[0].id)
    before = names(editor)
    type_and_leave(qtbot, editor.inputs["name"], "   ")
    assert log.errors and "cannot be empty" in log.errors[-1]
    type_and_leave(qtbot, editor.inputs["name"], before[1].upper())
    assert "already an agency" in log.errors[-1]
    assert names(editor) == before and editor.inputs["name"].text() == before[0]
    assert project.history.undo_label is None


def test_add_move_and_delete_an_agency(screen, qtbot):
    widget, project, _ = screen
    editor = widget.agencies
    editor.add_button.click()
    assert names(editor)[-1] == "New agency"
    new = editor.current_id()
    assert editor.inputs["name"].hasFocus()  # ready to type its name
    qtbot.keyClicks(editor.inputs["name"], "Harbourside Business Forum")
    qtbot.keyClick(editor.inputs["name"], Qt.Key.Key_Return)
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert names(editor)[-2] == "Harbourside Business Forum" and editor.current_id() == new
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)  # used by nothing: no question asked
    assert "Harbourside Business Forum" not in names(editor)


def test_deleting_a_used_agency_asks_where_its_work_goes(screen, qtbot):
    widget, project, log = screen
    police, schools = mapping.agencies(project)[2:4]
    journey = journeys.add_journey(project, "child", "Child journey")
    stage = journeys.add_stage(project, journey, "Referral", lead_agency_id=police.id)
    editor = widget.agencies
    editor.select(police.id)
    log.move_to_answer = dialogs.CANCELLED
    editor.remove_button.click()
    assert "Referral" in log.questions[-1] and police.id in {r.id for r in editor.model.rows}
    log.move_to_answer = schools.id
    editor.remove_button.click()
    assert police.id not in {r.id for r in editor.model.rows}
    assert journey_view(project, journey).stage(stage).lead_agency_id == schools.id


def test_a_level_count_is_blank_or_a_whole_number(screen, qtbot):
    widget, project, _ = screen
    editor = widget.levels
    editor.select(editor.model.rows[0].id)
    count = editor.inputs["approx_count"]
    count.setFocus()
    count.selectAll()
    qtbot.keyClicks(count, "42")
    qtbot.keyClick(count, Qt.Key.Key_Tab)
    assert mapping.levels(project)[0].approx_count == 42
    assert editor.model.index(0, 2).data() == "about 42"
    count.setFocus()
    count.setValue(-1)  # "Not known"
    qtbot.keyClick(count, Qt.Key.Key_Tab)
    assert mapping.levels(project)[0].approx_count is None
    assert editor.model.index(0, 2).data() == "not known"


def test_read_only_projects_cannot_be_edited(qtbot, new_file, dialog_log):
    make_app()
    project = OpenProject.open(new_file, readonly=True)
    widget = LevelsScreen()
    qtbot.addWidget(widget)
    signals = ProjectSignals(project)
    widget.attach(project, signals)
    try:
        assert not widget.agencies.add_button.isEnabled()
        assert not widget.levels.inputs["name"].isEnabled()
        assert "read-only" in widget.readonly_note.text()
    finally:
        widget.detach()
        signals.detach()
        project.close()
