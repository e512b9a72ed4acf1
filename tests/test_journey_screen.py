"""The Child journey and Context journeys screens as a workshop uses them: by keyboard, with
undo, while other edits arrive, read-only, and as a screen reader reads them."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from csdesk.models import JourneyKind, LinkKind
from csdesk.services import journeys, mapping
from csdesk.services.journey_view import journey_list, journey_view
from csdesk.services.project import OpenProject
from csdesk.ui import dialogs

from .a11y import problems

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def key(qtbot, widget, k, modifier=NONE):
    qtbot.keyClick(widget, k, modifier)
    QApplication.processEvents()


def type_over(qtbot, field, text):
    """Focus a field, select what is there and type over it, as a person would."""
    field.setFocus()
    field.selectAll()
    if text:
        qtbot.keyClicks(field, text)
    else:
        key(qtbot, field, Qt.Key.Key_Backspace)


def names(editor):
    return [row.name for row in editor.model.rows]


def current_row(editor):
    return editor.table.currentIndex().row()


def outline_text(editor):
    """What the Outline tab reads, as the user gets to it: that tab shown (it is made when
    in sight)."""
    editor.tabs.setCurrentWidget(editor.outline)
    return editor.outline.toPlainText()


def child_journey(project):
    return next(j for j in journey_list(project) if j.kind == JourneyKind.CHILD)


def stages_of(project, journey_id, archived=False):
    return journey_view(project, journey_id, archived).stages


@pytest.fixture
def child_screen(window, new_file, qtbot):
    """A new project, on the Child journey screen (Ctrl+2), mapped from the template by
    pressing its button with the keyboard. Focus is on the list, on the first stage."""
    assert window.open_path(new_file)
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    assert window.current_section() == "child_journey"
    screen = window.journey_screens["child_journey"]
    assert screen.stack.currentWidget() is screen.empty
    assert screen.template_button.text() == "Map the child's journey from the template"
    assert screen.blank_button.text() == "Start a blank journey"
    screen.template_button.setFocus()
    key(qtbot, screen.template_button, Qt.Key.Key_Space)
    assert screen.stack.currentWidget() is screen.editor
    qtbot.waitUntil(screen.editor.table.hasFocus)
    return screen


@pytest.fixture
def demo_screen(window, demo_file):
    assert window.open_path(demo_file)
    window.show_section("child_journey")
    return window.journey_screens["child_journey"]


def test_rename_a_stage_by_keyboard_then_undo_keeps_the_row(window, child_screen, qtbot):
    editor = child_screen.editor
    journey = child_journey(window.project)
    template_names = [s.name for s in stages_of(window.project, journey.id)]
    assert names(editor) == template_names and len(template_names) == 10
    assert current_row(editor) == 0

    key(qtbot, editor.table, Qt.Key.Key_Down)  # the second stage
    assert current_row(editor) == 1
    second = editor.current_stage_id()
    assert editor.name.text() == template_names[1]
    key(qtbot, editor.table, Qt.Key.Key_Tab)  # from the list straight to its name
    assert editor.name.hasFocus()
    type_over(qtbot, editor.name, "Front door screening")
    key(qtbot, editor.name, Qt.Key.Key_Tab)
    assert editor.lead.hasFocus()
    assert stages_of(window.project, journey.id)[1].name == "Front door screening"
    assert names(editor)[1] == "Front door screening"
    assert window.act_undo.text() == "&Undo rename stage"

    window.act_undo.trigger()
    assert stages_of(window.project, journey.id)[1].name == template_names[1]
    assert names(editor)[1] == template_names[1]
    assert editor.name.text() == template_names[1]
    assert current_row(editor) == 1 and editor.current_stage_id() == second
    assert editor.table.selectionModel().isRowSelected(1)

    window.act_redo.trigger()
    assert names(editor)[1] == "Front door screening" and current_row(editor) == 1


def test_days_are_typed_left_blank_and_never_negative(window, child_screen, qtbot):
    editor = child_screen.editor
    stage = editor.current_stage_id()
    assert editor.days.text() == "Not known"
    type_over(qtbot, editor.days, "5")
    key(qtbot, editor.days, Qt.Key.Key_Tab)
    assert window.project.history.undo_label == "edit stage"
    view = journey_view(window.project, editor.journey_id())
    assert view.stage(stage).days == 5
    assert editor.model.rows[0].days == 5 and "5 days" in editor.model.data(
        editor.model.index(0, 4))

    type_over(qtbot, editor.waiting, "-3")  # the minus sign is refused as it is typed
    key(qtbot, editor.waiting, Qt.Key.Key_Tab)
    assert journey_view(window.project, editor.journey_id()).stage(stage).waiting_days == 3

    type_over(qtbot, editor.days, "")  # cleared: not known
    key(qtbot, editor.days, Qt.Key.Key_Tab)
    assert journey_view(window.project, editor.journey_id()).stage(stage).days is None
    assert editor.days.text() == "Not known"
    assert editor.days.minimum() == -1


def test_a_combo_stepped_with_arrow_keys_is_one_edit(window, child_screen, qtbot):
    editor = child_screen.editor
    stage = editor.current_stage_id()
    agencies = mapping.agencies(window.project)
    editor.lead.setFocus()
    for _ in range(3):
        key(qtbot, editor.lead, Qt.Key.Key_Down)
    assert journey_view(window.project, editor.journey_id()).stage(stage).lead_agency_id is None
    key(qtbot, editor.lead, Qt.Key.Key_Tab)
    assert journey_view(window.project, editor.journey_id()).stage(stage).lead_agency_id == \
        agencies[2].id
    assert editor.model.rows[0].lead == agencies[2].name
    window.act_undo.trigger()  # one step undoes the whole choice
    assert journey_view(window.project, editor.journey_id()).stage(stage).lead_agency_id is None
    assert editor.lead.currentText() == "No lead agency"

    # Other agencies: Space on an item ticks it, and that is saved at once.
    editor.agencies.setFocus()
    editor.agencies.setCurrentRow(1)
    key(qtbot, editor.agencies, Qt.Key.Key_Space)
    assert journey_view(window.project, editor.journey_id()).stage(stage).agency_ids == (
        agencies[1].id,)


def test_add_duplicate_move_and_delete_by_keyboard(window, child_screen, qtbot, dialog_log):
    editor = child_screen.editor
    project = window.project
    journey_id = editor.journey_id()
    start = names(editor)

    key(qtbot, editor.table, Qt.Key.Key_N, CTRL | SHIFT)  # add a stage after the first
    assert len(names(editor)) == 11 and names(editor)[1] == "New stage"
    assert current_row(editor) == 1 and editor.name.hasFocus()
    qtbot.keyClicks(editor.name, "Police triage")  # the new name was selected: typed over
    key(qtbot, editor.name, Qt.Key.Key_Tab)
    assert names(editor)[1] == "Police triage"

    editor.table.setFocus()
    key(qtbot, editor.table, Qt.Key.Key_D, CTRL)  # duplicate: the copy comes just after it
    assert names(editor)[1:3] == ["Police triage", "Police triage (copy)"]
    assert current_row(editor) == 2
    copy = editor.current_stage_id()

    key(qtbot, editor.table, Qt.Key.Key_Up, ALT)
    key(qtbot, editor.table, Qt.Key.Key_Up, ALT)
    assert names(editor)[:3] == ["Police triage (copy)", start[0], "Police triage"]
    assert current_row(editor) == 0 and editor.current_stage_id() == copy
    assert not editor.act_up.isEnabled()  # the first cannot go higher
    key(qtbot, editor.table, Qt.Key.Key_Down, ALT)
    assert names(editor)[:2] == [start[0], "Police triage (copy)"]
    assert current_row(editor) == 1

    key(qtbot, editor.table, Qt.Key.Key_Delete)  # no ratings: it really goes
    assert "Police triage (copy)" not in names(editor)
    assert copy not in [s.id for s in stages_of(project, journey_id, archived=True)]
    assert current_row(editor) == 1 and names(editor)[1] == "Police triage"
    assert dialog_log.infos == [] and dialog_log.errors == []
    assert "Deleted the stage" in window.statusBar().currentMessage()

    window.act_undo.trigger()  # back, at its place
    assert names(editor)[:2] == [start[0], "Police triage (copy)"]


def test_del_in_a_text_field_deletes_text_not_the_stage(window, child_screen, qtbot):
    editor = child_screen.editor
    editor.name.setFocus()
    editor.name.setCursorPosition(0)
    key(qtbot, editor.name, Qt.Key.Key_Delete)
    assert len(names(editor)) == 10
    assert editor.name.text() == names(editor)[0][1:]


def test_deleting_a_rated_stage_archives_it_and_says_why(window, demo_screen, qtbot,
                                                         dialog_log):
    editor = demo_screen.editor
    editor.select_stage(editor.model.rows[0].id)  # "Concern raised / referral" is rated
    stage = editor.current_stage_id()
    name = names(editor)[0]
    editor.table.setFocus()
    key(qtbot, editor.table, Qt.Key.Key_Delete)
    assert name not in names(editor)
    assert len(dialog_log.infos) == 1
    assert "archived, not deleted" in dialog_log.infos[0] and "rating(s)" in dialog_log.infos[0]
    archived = journey_view(window.project, editor.journey_id(), archived=True).stage(stage)
    assert archived.archived

    editor.show_archived.setChecked(True)
    assert f"{name} (archived)" in [editor.model.data(editor.model.index(r, 1))
                                   for r in range(editor.model.rowCount())]
    assert editor.select_stage(stage)
    assert editor.act_restore.isEnabled() and editor.restore_button.isVisible()
    assert editor.name.isReadOnly() and editor.archived_note.isVisible()
    editor.act_restore.trigger()
    assert not journey_view(window.project, editor.journey_id()).stage(stage).archived
    assert editor.current_stage_id() == stage and not editor.name.isReadOnly()


def test_an_empty_name_is_refused_at_the_field(window, child_screen, qtbot, dialog_log):
    editor = child_screen.editor
    old = names(editor)[0]
    type_over(qtbot, editor.name, "")
    key(qtbot, editor.name, Qt.Key.Key_Tab)
    assert dialog_log.errors == ["A stage's name cannot be empty."]
    assert editor.name.text() == old
    assert names(editor)[0] == old and window.project.history.undo_label == "add journey"


def test_typing_survives_a_change_to_another_stage(window, child_screen, qtbot):
    editor = child_screen.editor
    project = window.project
    ids = [row.id for row in editor.model.rows]
    editor.select_stage(ids[3])
    editor.gaps.setFocus()
    qtbot.keyClicks(editor.gaps, "Schools are not told the outcome")
    cursor = editor.gaps.textCursor()
    cursor.setPosition(7)  # the cursor is mid-text: after "Schools"
    editor.gaps.setTextCursor(cursor)

    # Someone else's edits arrive (another window, an undo, an import): another stage, and
    # another field of this very stage.
    journeys.update_stage(project, ids[5], name="ROTH conference", days=1)
    journeys.update_stage(project, ids[3], what_happens="Police and social care meet.")
    QApplication.processEvents()

    assert names(editor)[5] == "ROTH conference"
    assert editor.what.toPlainText() == "Police and social care meet."
    assert editor.gaps.hasFocus()
    assert editor.gaps.toPlainText() == "Schools are not told the outcome"
    assert editor.gaps.textCursor().position() == 7
    assert current_row(editor) == 3

    key(qtbot, editor.gaps, Qt.Key.Key_Tab)  # leaving saves the whole passage, once
    assert journey_view(project, editor.journey_id()).stage(ids[3]).gaps == \
        "Schools are not told the outcome"
    assert project.history.undo_label == "edit stage"


def test_a_field_left_after_a_change_to_the_same_field_shows_the_change(
        window, child_screen, qtbot):
    """Not being typed in (focus only): an undo or someone's edit shows at once."""
    editor = child_screen.editor
    stage = editor.current_stage_id()
    editor.time_note.setFocus()
    journeys.update_stage(window.project, stage, time_note="Same day")
    assert editor.time_note.text() == "Same day"


def test_the_outline_reads_every_stage_level_and_agency(window, demo_screen, qtbot):
    editor = demo_screen.editor
    view = journey_view(window.project, editor.journey_id())
    agencies = {a.id: a.name for a in mapping.agencies(window.project)}
    editor.tabs.setCurrentIndex(1)
    assert editor.tabs.tabText(1).replace("&", "") == "Outline"
    text = editor.outline.toPlainText()
    assert len(view.stages) == 10
    for stage in view.stages:
        assert stage.name in text
        assert agencies[stage.lead_agency_id] in text
        if stage.level_name:
            assert stage.level_name in text
        for agency in stage.agency_ids:
            assert agencies[agency] in text
    assert text.count("Level held at") == 10
    assert "Level not set" in text  # said in words, not left out
    assert "triggers context" in text
    assert "Longest waits: Plan and core group (CIN, CP or ROTH) 42 days" in text
    # Each stage is a branch of its own (a tree item a screen reader reaches and can open or
    # close), each field and arrow an item under it.
    tree = editor.outline
    assert tree.headings() == [f"Stage {i}: {s.name}" for i, s in enumerate(view.stages,
                                                                            start=1)]
    first = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                 if tree.topLevelItem(i).childCount())
    assert first.childCount() >= 12 and first.child(0).text(0).startswith("Lead agency: ")


def test_the_summary_says_the_time_and_the_longest_waits(window, demo_screen):
    text = demo_screen.editor.summary.text()
    assert "about" in text and "of them waiting" in text
    assert "Longest waits: Plan and core group (CIN, CP or ROTH) 42 days, Multi-agency " \
        "exploitation panel (MACE) 28 days" in text


def test_context_journeys_and_an_arrow_seen_from_both_ends(window, child_screen, qtbot,
                                                            dialog_log):
    project = window.project
    key(qtbot, window, Qt.Key.Key_3, CTRL)
    screen = window.journey_screens["context_journeys"]
    assert screen.stack.currentWidget() is screen.empty
    assert not screen.rename_button.isVisible()

    screen.add_button.setFocus()
    key(qtbot, screen.add_button, Qt.Key.Key_Space)
    dialog = screen.journey_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert problems(dialog) == []
    assert dialog.context_type.currentText() == "Place"
    assert dialog.from_template.isChecked() and "8 typical stages" in dialog.from_template.text()
    dialog.title.setFocus()
    qtbot.keyClicks(dialog.title, "Park")
    key(qtbot, dialog.title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    park = next(j for j in journey_list(project) if j.title == "Park")
    assert park.kind == JourneyKind.CONTEXT and park.context_type == "place" and park.stages == 8
    assert screen.chooser.currentText() == "Park (place)"
    assert screen.editor.journey_id() == park.id
    park_first = screen.editor.model.rows[0]
    assert park_first.name == "Context of concern raised"

    # From the child journey's front door stage: an arrow that triggers the park journey.
    window.activateWindow()  # the offscreen platform does not give it back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    assert window.current_section() == "child_journey"
    editor = child_screen.editor
    front_door = editor.model.rows[1]
    editor.select_stage(front_door.id)
    editor.act_add_arrow.trigger()
    arrow = editor.arrow_dialog
    qtbot.waitUntil(arrow.isVisible)
    assert problems(arrow) == []
    assert arrow.choose("Park: Context of concern raised")
    assert arrow.kind.currentData() == LinkKind.TRIGGERS_CONTEXT
    arrow.note.setFocus()
    qtbot.keyClicks(arrow.note, "Three referrals naming the park")
    key(qtbot, arrow.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not arrow.isVisible())
    texts = [editor.arrows.item(i).text() for i in range(editor.arrows.count())]
    assert ("→ Park: Context of concern raised (triggers context) – Three referrals naming "
            "the park") in texts

    # The same arrow again is refused, with the reason, and the dialog stays open to fix it.
    editor.act_add_arrow.trigger()
    again = editor.arrow_dialog
    qtbot.waitUntil(again.isVisible)
    again.choose("Park: Context of concern raised")
    again.accept()
    assert dialog_log.errors == ["Those stages are already linked."]
    assert again.isVisible()
    again.reject()
    window.activateWindow()  # the offscreen platform does not give it back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    # And at the other end, in the park journey.
    key(qtbot, window, Qt.Key.Key_3, CTRL)
    screen.editor.select_stage(park_first.id)
    texts = [screen.editor.arrows.item(i).text() for i in range(screen.editor.arrows.count())]
    assert (f"← Child journey: {front_door.name} (triggers context) – Three referrals naming "
            "the park") in texts
    assert "→ Screening against a context threshold (next)" in texts
    assert "triggers context" in outline_text(screen.editor)
    screen.editor.tabs.setCurrentIndex(0)

    # Remove it from here, with Del in the arrows list.
    screen.editor.arrows.setFocus()
    row = next(i for i in range(screen.editor.arrows.count())
               if "triggers context" in screen.editor.arrows.item(i).text())
    screen.editor.arrows.setCurrentRow(row)
    key(qtbot, screen.editor.arrows, Qt.Key.Key_Delete)
    assert not any(link.kind == LinkKind.TRIGGERS_CONTEXT
                   for link in journey_view(project, park.id).links)
    key(qtbot, window, Qt.Key.Key_2, CTRL)  # gone from the child journey's end too
    assert window.current_section() == "child_journey"
    assert not any("triggers" in editor.arrows.item(i).text()
                   for i in range(editor.arrows.count()))


def test_context_journeys_are_renamed_and_deleted(window, demo_file, qtbot, dialog_log,
                                                  monkeypatch):
    assert window.open_path(demo_file)
    window.show_section("context_journeys")
    screen = window.journey_screens["context_journeys"]
    labels = [screen.chooser.itemText(i) for i in range(screen.chooser.count())]
    assert labels == ["Places and spaces: e.g. a park or transport hub (place)",
                      "Schools: harm between pupils (school)"]
    screen.chooser.setFocus()
    key(qtbot, screen.chooser, Qt.Key.Key_Down)  # choosing shows that journey
    school = screen.current_journey()
    assert school.title.startswith("Schools") and screen.editor.journey_id() == school.id
    assert names(screen.editor)[0] == "School context of concern raised"

    screen.rename_button.click()
    dialog = screen.journey_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert problems(dialog) == []
    type_over(qtbot, dialog.title, "Schools")
    dialog.context_type.setCurrentIndex(dialog.context_type.findText("Peer group"))
    dialog.accept()
    assert screen.chooser.currentText() == "Schools (peer group)"
    assert screen.editor.journey_id() == school.id

    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text, title="", yes="": (
        asked.append(text) or True))
    screen.delete_button.click()
    assert asked and "Schools" in asked[0]
    # Rated stages: the journey is archived, not deleted, and the user is told.
    assert dialog_log.infos and "archived, not deleted" in dialog_log.infos[0]
    assert "Restore an archived journey" in dialog_log.infos[0]
    assert [screen.chooser.itemText(i) for i in range(screen.chooser.count())] == labels[:1]
    assert screen.editor.journey_id() == screen.current_journey().id != school.id
    window.act_undo.trigger()
    assert screen.chooser.count() == 2


def test_a_blank_child_journey_starts_empty(window, new_file, qtbot):
    assert window.open_path(new_file)
    window.show_section("child_journey")
    screen = window.journey_screens["child_journey"]
    screen.blank_button.click()
    assert screen.stack.currentWidget() is screen.editor
    assert screen.editor.model.rowCount() == 0
    assert "no stages yet" in screen.editor.no_stage.text()
    assert not screen.editor.act_delete.isEnabled()
    screen.editor.act_add.trigger()
    assert names(screen.editor) == ["New stage"]
    window.act_undo.trigger()
    window.act_undo.trigger()  # and the journey itself
    assert screen.stack.currentWidget() is screen.empty


def test_the_child_journey_is_renamed(window, child_screen, qtbot, dialog_log):
    screen = child_screen
    assert screen.title_label.text() == "Child journey"
    screen.rename_button.click()
    dialog = screen.journey_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.context_type is None and problems(dialog) == []
    type_over(qtbot, dialog.title, "")
    dialog.accept()  # a journey needs a title: said, and the dialog stays open
    assert dialog.isVisible() and dialog_log.errors == ["A journey's title cannot be empty."]
    type_over(qtbot, dialog.title, "Referral to response")
    dialog.accept()
    assert not dialog.isVisible()
    assert screen.title_label.text() == "Referral to response"
    assert window.project.history.undo_label == "rename journey"
    assert "Referral to response" in outline_text(screen.editor)


def test_read_only_projects_cannot_be_edited(window, demo_file, dialog_log):
    holder = OpenProject.open(demo_file)
    dialog_log.locked_answer = "readonly"
    assert window.open_path(demo_file)
    for key_ in ("child_journey", "context_journeys"):
        window.show_section(key_)
        screen = window.journey_screens[key_]
        editor = screen.editor
        assert screen.readonly_note.isVisible()
        assert screen.readonly_note.text() == window.overview.readonly_note.text()
        assert editor.model.rowCount() > 0
        assert editor.name.isReadOnly() and editor.gaps.isReadOnly()
        assert not editor.lead.isEnabled() and not editor.level.isEnabled()
        assert not editor.agencies.isEnabled()
        for action in (editor.act_add, editor.act_duplicate, editor.act_delete, editor.act_up,
                       editor.act_down, editor.act_add_arrow):
            assert not action.isEnabled(), action.text()
        assert not screen.rename_button.isEnabled() and not screen.delete_button.isEnabled()
        editor.name.setText("Changed")
        editor.name.editingFinished.emit()
    assert dialog_log.errors == []
    window.close_project()
    holder.close()


def test_closing_keeps_what_was_being_typed(window, child_screen, qtbot, new_file):
    editor = child_screen.editor
    editor.evidence.setFocus()
    qtbot.keyClicks(editor.evidence, "Focus group, May")
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Close))
    QApplication.processEvents()
    assert window.project is None
    again = OpenProject.open(new_file)
    journey = child_journey(again)
    assert stages_of(again, journey.id)[0].evidence_notes == "Focus group, May"
    again.close()


def test_the_journey_has_stages_outline_and_map_tabs(window, demo_screen):
    tabs = demo_screen.editor.tabs
    assert [tabs.tabText(i).replace("&", "") for i in range(tabs.count())] == [
        "Stages", "Outline", "Map"]


def test_the_days_box_speaks_days(qtbot):
    from csdesk.ui.app import make_app
    from csdesk.ui.stage_fields import DaysBox

    make_app()
    box = DaysBox()
    box.setAccessibleName("Time it takes")
    qtbot.addWidget(box)
    box.show()
    assert box.text() == "Not known" and box.days() is None
    box.stepUp()
    assert box.text() == "0 days" and box.days() == 0
    box.stepUp()
    assert box.text() == "1 day"
    for typed, days in (("12", 12), ("3 days", 3), ("", None), ("2 weeks", 14),
                        ("3 wks", 21), ("1 month", 30), ("a fortnight", 30)):  # refused: kept
        box.lineEdit().setText(typed)
        box.interpretText()
        assert box.days() == days, typed
    assert box.validate("-1", 1)[0].name == "Invalid"
    assert box.validate("ten", 3)[0].name == "Invalid"
    assert box.validate("2 we", 4)[0].name == "Intermediate"  # on its way to "2 weeks"
    assert box.validate("2 parsecs", 9)[0].name == "Invalid"  # never silently "2 days"


def test_the_map_tab_shows_the_journey_follows_the_editor_and_exports(window, demo_file,
                                                                      dialog_log, tmp_path):
    """The map on screen is the PDF's layout: every stage in a box; Enter on a box opens it
    in the editor; PNG and SVG export write one file per A4 page with the stage names."""
    import xml.etree.ElementTree as ET

    window.open_path(demo_file)
    window.show_section("child_journey")
    screen = window.journey_screens["child_journey"]
    tab = screen.map_tab
    view = screen.editor.view
    screen.editor.tabs.setCurrentWidget(tab)  # the map is laid out when it comes into sight
    assert {b.stage_id for p in tab.view.figure.pages for b in p.boxes} == {
        s.id for s in view.stages}
    target = view.stages[3]
    tab.view.select_stage(target.id)
    tab.view.stage_activated.emit(target.id)
    assert screen.editor.tabs.currentIndex() == 0
    assert screen.editor.current_stage_id() == target.id

    dialog_log.save_answer = tmp_path / "child.svg"
    written = tab.export("svg")
    assert len(written) >= 2  # A4 landscape: the demo's child journey takes several pages
    texts = " ".join(" ".join(t.itertext()) for f in written
                     for t in ET.parse(f).iter() if t.tag.endswith("text"))
    for stage in view.stages:
        assert stage.name.split()[0] in texts
    dialog_log.save_answer = tmp_path / "child.png"
    assert [p.suffix for p in tab.export("png")] == [".png"] * len(written)


def test_an_arrow_to_a_context_journey_can_be_followed_there_and_back(window, demo_file):
    """A child journey stage that triggers a context journey stage: Enter on the arrow opens
    the context journey at that stage; the arrow is listed there too and leads back."""
    from csdesk.models import LinkKind

    window.open_path(demo_file)
    window.show_section("child_journey")
    child = window.journey_screens["child_journey"]
    view = child.editor.view
    link = next(ln for ln in view.links if ln.kind == LinkKind.TRIGGERS_CONTEXT)
    child.editor.select_stage(link.from_stage_id)
    arrows = child.editor.arrows
    item = next(arrows.item(i) for i in range(arrows.count())
                if link.other_stage_name in arrows.item(i).text())
    arrows.setCurrentItem(item)
    arrows.itemActivated.emit(item)  # what Enter or a double click does
    assert window.current_section() == "context_journeys"
    context = window.journey_screens["context_journeys"]
    assert context.editor.current_stage_id() == link.to_stage_id
    back = context.editor.arrows
    item = next(back.item(i) for i in range(back.count())
                if back.item(i).text().startswith("←") and view.title in back.item(i).text())
    back.itemActivated.emit(item)
    assert window.current_section() == "child_journey"
    assert child.editor.current_stage_id() in {ln.from_stage_id for ln in view.links
                                              if ln.to_stage_id == link.to_stage_id}


def test_an_archived_journey_can_be_restored_from_its_screen(window, demo_file, dialog_log):
    """The demo's child journey is rated: deleting it archives it; the screen offers to
    restore it (not only Edit > Undo, which goes when the file is closed)."""
    window.open_path(demo_file)
    window.show_section("child_journey")
    screen = window.journey_screens["child_journey"]
    dialog_log.confirm_answer = True
    screen.delete_journey()
    assert "archived, not deleted" in dialog_log.infos[-1]
    assert screen.stack.currentWidget() is screen.empty
    assert screen.restore_journey_button.isVisible()
    dialog_log.choice_answer = 0
    screen.restore_journey_button.click()
    assert screen.stack.currentWidget() is screen.editor
    assert not screen.restore_journey_button.isVisible()


def test_a_stage_dragged_to_a_new_place_moves_there(window, demo_file):
    """What a drop in the stage list does (the mouse's Move up / Move down), one undo step."""
    from PySide6.QtCore import QModelIndex, Qt

    window.open_path(demo_file)
    window.show_section("child_journey")
    editor = window.journey_screens["child_journey"].editor
    model = editor.model
    names = [r.name for r in model.rows]
    dragged = model.rows[5].id
    data = model.mimeData([model.index(5, 0)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())  # before row 1
    moved = [r.name for r in model.rows]
    assert moved == [names[0], names[5], *names[1:5], *names[6:]]
    assert editor.current_stage_id() == dragged
    assert window.project.history.undo_label == "move stage"
    window.project.undo()
    assert [r.name for r in model.rows] == names


def test_the_stage_editor_keeps_its_place_when_a_rating_changes_elsewhere(window, demo_screen,
                                                                         qtbot):
    """A rating (another section's edit) arrives while someone is half-way through a field:
    the same stage stays selected, the list keeps its scroll, the typed text stays."""
    from csdesk.services import review

    editor = demo_screen.editor
    target = editor.model.rows[6]
    editor.select_stage(target.id)
    scroll = editor.table.verticalScrollBar().value()
    gaps = editor.fields["gaps"].widget
    gaps.setFocus()
    qtbot.keyClicks(gaps, " Half a thought")
    typed = gaps.toPlainText()
    round_id = review.add_round(window.project, "Workshop re-rating")
    other = editor.model.rows[1].id
    review.rate(window.project, round_id, domain_id=1, stage_id=other, rag="green",
                rationale="Re-rated at the workshop")
    assert editor.current_stage_id() == target.id
    assert editor.table.verticalScrollBar().value() == scroll
    assert gaps.toPlainText() == typed and gaps.hasFocus()


def test_set_lead_agencies_for_stages_without_one_in_one_undoable_step(window, child_screen,
                                                                        qtbot):
    """The template's stages have no lead agency: the editor says so and offers a dialog
    that sets them all by keyboard, as one edit that one Undo takes back."""
    editor = child_screen.editor
    journey = child_journey(window.project)
    stages = stages_of(window.project, journey.id)
    assert all(st.lead_agency_id is None for st in stages)
    assert editor.no_lead.isVisible()
    assert editor.no_lead_note.text().startswith(f"{len(stages)} stages have no lead agency")
    agencies = mapping.agencies(window.project)

    editor.table.setFocus()
    key(qtbot, editor.table, Qt.Key.Key_Backtab, SHIFT)  # just before the list
    assert editor.set_leads_button.hasFocus()
    key(qtbot, editor.set_leads_button, Qt.Key.Key_Space)
    dialog = editor.leads_dialog
    qtbot.waitUntil(dialog.isVisible)
    first, second = list(dialog.choices.values())[:2]
    assert first.accessibleName() == f"Lead agency for 1. {stages[0].name}"
    first.setFocus()
    key(qtbot, first, Qt.Key.Key_Down)  # the first agency
    key(qtbot, first, Qt.Key.Key_Tab)
    assert second.hasFocus()
    key(qtbot, second, Qt.Key.Key_Down)
    key(qtbot, second, Qt.Key.Key_Down)  # the second agency
    key(qtbot, second, Qt.Key.Key_Return)  # Set lead agencies
    assert not dialog.isVisible()

    leads = [st.lead_agency_id for st in stages_of(window.project, journey.id)]
    assert leads[:2] == [agencies[0].id, agencies[1].id] and set(leads[2:]) == {None}
    assert editor.model.rows[0].lead == agencies[0].name
    assert editor.no_lead_note.text().startswith(f"{len(stages) - 2} stages have")
    assert window.act_undo.text() == "&Undo set lead agencies"

    window.act_undo.trigger()  # one step takes both back
    assert all(st.lead_agency_id is None for st in stages_of(window.project, journey.id))
    assert editor.no_lead_note.text().startswith(f"{len(stages)} stages have")
    window.act_redo.trigger()
    assert [st.lead_agency_id for st in stages_of(window.project, journey.id)][:2] == \
        [agencies[0].id, agencies[1].id]


def test_no_offer_to_set_leads_when_every_stage_has_one(demo_screen):
    editor = demo_screen.editor
    assert editor.view.stages and all(st.lead_agency_id for st in editor.view.stages)
    assert not editor.no_lead.isVisible() and not editor.act_set_leads.isEnabled()


def map_words(tab, stage_id):
    """The words in a stage's box on the map (its lines joined)."""
    box = next(b for p in tab.view.figure.pages for b in p.boxes if b.stage_id == stage_id)
    return " ".join(run.text for run in box.lines)


def test_fields_left_on_the_stages_tab_reach_the_outline_and_map_and_undo_takes_them_back(
        window, demo_screen, qtbot):
    """Leaving a field re-reads only that stage, and the Outline and Map tabs are made when
    shown: what they show must still be the journey as saved, after edits and undo."""
    editor, tab = demo_screen.editor, demo_screen.map_tab
    before = editor.view.stages[2]
    editor.select_stage(before.id)
    type_over(qtbot, editor.name, "Strategy meeting renamed")
    key(qtbot, editor.name, Qt.Key.Key_Tab)
    type_over(qtbot, editor.what, "Met within two days.")
    key(qtbot, editor.what, Qt.Key.Key_Tab)
    type_over(qtbot, editor.days, "6")
    key(qtbot, editor.days, Qt.Key.Key_Tab)

    assert names(editor)[2] == "Strategy meeting renamed"
    assert editor.model.rows[2].days == 6  # the list's Time column
    assert editor.current_stage_id() == before.id
    assert editor.stage_heading.text() == "Stage 3: Strategy meeting renamed"
    text = outline_text(editor)
    assert "Stage 3: Strategy meeting renamed" in text and "Met within two days." in text
    editor.tabs.setCurrentWidget(tab)
    assert "Strategy meeting renamed" in map_words(tab, before.id)
    assert "Takes 6 days" in map_words(tab, before.id)

    editor.tabs.setCurrentIndex(0)
    for _ in range(3):
        window.act_undo.trigger()
        QApplication.processEvents()
    assert names(editor)[2] == before.name
    assert editor.what.toPlainText() == before.what_happens
    assert editor.current_stage_id() == before.id
    assert f"Stage 3: {before.name}" in outline_text(editor)
    assert "renamed" not in outline_text(editor)
    editor.tabs.setCurrentWidget(tab)
    assert "renamed" not in map_words(tab, before.id)
    assert before.name.split()[0] in map_words(tab, before.id)

    window.act_redo.trigger()  # redone while the map is in sight: it follows at once
    QApplication.processEvents()
    assert "Strategy meeting renamed" in map_words(tab, before.id)


def test_the_actions_screen_shows_a_stage_renamed_while_it_was_out_of_sight(window, demo_file,
                                                                            qtbot):
    """The Actions screen reads the plan only in sight; a stage renamed on the journey
    screen meanwhile is named afresh in an action's gaps once Actions is shown."""
    window.open_path(demo_file)
    window.show_section("actions")
    actions = window.actions_screen
    form = actions.form
    assert actions.current_id() is not None  # the first action, chosen when first shown
    gaps = [form.gaps.item(i).text() for i in range(form.gaps.count())]
    journey = child_journey(window.project)
    stage = next(st for st in journey_view(window.project, journey.id).stages
                 if any(f": {st.name} ×" in g for g in gaps))

    window.show_section("child_journey")
    screen = window.journey_screens["child_journey"]
    assert screen.open_stage(journey.id, stage.id)
    type_over(qtbot, screen.editor.name, "Renamed stage")
    key(qtbot, screen.editor.name, Qt.Key.Key_Tab)
    assert names(screen.editor)[stage.position] == "Renamed stage"

    window.show_section("actions")
    gaps = [form.gaps.item(i).text() for i in range(form.gaps.count())]
    assert any(": Renamed stage ×" in g for g in gaps)
    assert not any(f": {stage.name} ×" in g for g in gaps)
