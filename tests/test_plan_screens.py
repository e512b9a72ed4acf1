"""The Actions and Roadmap screens and the "Develop a plan" wizard, driven by keyboard on
the demo project; each check reads the file itself after the edit, then undoes it."""

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from csdesk.models import ActionStatus, MemberGroup
from csdesk.services import plan_view
from csdesk.services.project import OpenProject
from csdesk.ui.actions_screen import ActionsScreen
from csdesk.ui.app import make_app
from csdesk.ui.roadmap_screen import RoadmapScreen
from csdesk.ui.signals import ProjectSignals


def query(path, sql, *args):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


@pytest.fixture
def open_screen(qtbot, demo_file, dialog_log):
    """Shows a screen of the given class attached to a copy of the demo; lets go after."""
    make_app()
    project = OpenProject.open(demo_file)
    signals = ProjectSignals(project)
    shown = []

    def show(screen_class):
        widget = screen_class()
        qtbot.addWidget(widget)
        widget.resize(1400, 1000)
        with qtbot.waitExposed(widget):
            widget.show()
        widget.attach(project, signals)
        shown.append(widget)
        return widget, project

    yield show
    for widget in shown:
        widget.detach()
    signals.detach()
    project.close()


@pytest.fixture
def actions(open_screen):
    return open_screen(ActionsScreen)


@pytest.fixture
def roadmap(open_screen):
    return open_screen(RoadmapScreen)


def type_and_leave(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    QApplication.processEvents()


def press(qtbot, button):
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    QApplication.processEvents()


def shown_titles(widget):
    proxy = widget.proxy
    return [proxy.data(proxy.index(r, 1)) for r in range(proxy.rowCount())]


# ----- Actions -----

def test_edit_an_action_by_keyboard_and_undo_it(actions, qtbot):
    widget, project = actions
    widget.table.setFocus()
    qtbot.keyClick(widget.table, Qt.Key.Key_Down)  # the second action
    action_id = widget.current_id()
    old = query(project.path, "SELECT title FROM action WHERE id = ?", action_id)[0][0]
    type_and_leave(qtbot, widget.form.inputs["title"], "Peer and place mapping in every assessment")
    assert query(project.path, "SELECT title FROM action WHERE id = ?", action_id) == [
        ("Peer and place mapping in every assessment",)]
    assert "Peer and place mapping in every assessment" in shown_titles(widget)
    assert project.history.undo_label == "change action"
    project.undo()
    assert query(project.path, "SELECT title FROM action WHERE id = ?", action_id) == [(old,)]
    assert widget.current_id() == action_id  # the table kept its place
    assert widget.form.inputs["title"].text() == old


def test_a_due_date_before_the_start_is_refused_at_the_field(actions, qtbot):
    widget, project = actions
    action_id = widget.current_id()
    before = query(project.path, "SELECT start_on, due_on FROM action WHERE id = ?", action_id)
    due = widget.form.inputs["due_on"]
    type_and_leave(qtbot, due, "01/01/2020")
    message = widget.form.messages["due_on"]
    assert message.isVisible() and "cannot be due before it starts" in message.text()
    assert due.text() == "01/01/2020"  # kept, to put right
    assert query(project.path, "SELECT start_on, due_on FROM action WHERE id = ?",
                 action_id) == before
    type_and_leave(qtbot, due, "not a date")
    assert "is not a date" in message.text()
    type_and_leave(qtbot, due, "31/12/2027")
    assert not message.isVisible()
    assert query(project.path, "SELECT due_on FROM action WHERE id = ?", action_id) == [
        ("2027-12-31",)]


def test_status_and_lead_agency_from_their_lists(actions, qtbot):
    widget, project = actions
    action_id = widget.current_id()
    status = widget.form.inputs["status"]
    status.setFocus()
    status.setCurrentIndex(status.findData(ActionStatus.BLOCKED))
    status.activated.emit(status.currentIndex())  # what choosing with the keyboard emits
    assert query(project.path, "SELECT status FROM action WHERE id = ?", action_id) == [
        ("blocked",)]
    lead = widget.form.inputs["lead_agency_id"]
    lead.setCurrentIndex(0)
    lead.activated.emit(0)
    assert query(project.path, "SELECT lead_agency_id FROM action WHERE id = ?",
                 action_id) == [(None,)]


def test_filters_and_sorting(actions, qtbot):
    widget, project = actions
    every = plan_view.actions(project)
    assert widget.proxy.rowCount() == len(every)
    box = widget.status_filter
    box.setCurrentIndex(box.findData(ActionStatus.IN_PROGRESS))
    assert sorted(shown_titles(widget)) == sorted(
        a.title for a in every if a.status == ActionStatus.IN_PROGRESS)
    box.setCurrentIndex(0)
    widget.find.setFocus()
    qtbot.keyClicks(widget.find, "school")
    assert shown_titles(widget) and all("school" in " ".join(
        (a.title, a.owner_role, a.lead_agency, *a.partners)).lower()
        for a in every if a.title in shown_titles(widget))
    widget.find.clear()
    widget.overdue_filter.setFocus()
    qtbot.keyClick(widget.overdue_filter, Qt.Key.Key_Space)
    overdue = [a.title for a in every if a.overdue]
    assert overdue and sorted(shown_titles(widget)) == sorted(overdue)
    # Overdue is said in words, not only colour.
    proxy = widget.proxy
    assert all("(overdue)" in proxy.data(proxy.index(r, 6)) for r in range(proxy.rowCount()))
    qtbot.keyClick(widget.overdue_filter, Qt.Key.Key_Space)
    domain = widget.domain_filter
    domain.setCurrentIndex(domain.findData("Outcomes measurement"))
    assert sorted(shown_titles(widget)) == sorted(
        a.title for a in every if "Outcomes measurement" in a.domains)
    domain.setCurrentIndex(0)
    widget.table.sortByColumn(6, Qt.SortOrder.AscendingOrder)  # by due date, as dates
    dues = [a.due_on for a in sorted(every, key=lambda a: a.due_on)]
    shown = [next(a.due_on for a in every if a.title == t) for t in shown_titles(widget)]
    assert shown == dues


def test_add_an_action_then_flag_it_until_a_gap_is_chosen(actions, qtbot):
    widget, project = actions
    press(qtbot, widget.add_button)
    title = widget.form.inputs["title"]
    assert title.hasFocus()
    qtbot.keyClicks(title, "Youth workers at the interchange on Friday nights")
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    QApplication.processEvents()
    action_id = widget.current_id()
    assert query(project.path, "SELECT title FROM action WHERE id = ?", action_id) == [
        ("Youth workers at the interchange on Friday nights",)]
    assert "1 linked to no gap" in widget.flags.text()
    assert "Linked to no gap" in widget.form.no_gap.text()

    press(qtbot, widget.form.gaps_button)
    dialog = widget.gaps_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.filter, "front door target")
    visible = [i for i in range(dialog.list.count()) if not dialog.list.item(i).isHidden()]
    assert visible
    dialog.list.setFocus()
    dialog.list.setCurrentRow(visible[0])
    qtbot.keyClick(dialog.list, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    QApplication.processEvents()
    [(stage_id, domain_id)] = query(project.path, "SELECT stage_id, domain_id FROM action_gap "
                                    "WHERE action_id = ?", action_id)
    assert stage_id is not None
    assert "every action is linked to a gap" in widget.flags.text()
    assert widget.form.gaps.count() == 1
    project.undo()
    assert query(project.path, "SELECT * FROM action_gap WHERE action_id = ?", action_id) == []


def test_progress_notes_are_added_changed_and_deleted(actions, qtbot):
    widget, project = actions
    action_id = widget.current_id()
    form = widget.form
    count = len(query(project.path, "SELECT * FROM progress_note WHERE action_id = ?",
                      action_id))
    type_and_leave(qtbot, form.note_date, "2026-11-02")
    type_and_leave(qtbot, form.note_text, "Briefings given in all three localities")
    press(qtbot, form.add_note_button)
    notes = query(project.path, "SELECT noted_on, text FROM progress_note WHERE action_id = ? "
                  "ORDER BY noted_on DESC", action_id)
    assert len(notes) == count + 1
    assert notes[0] == ("2026-11-02", "Briefings given in all three localities")
    form.notes.setCurrentRow(0)
    type_and_leave(qtbot, form.note_text, "Briefings given in two localities")
    press(qtbot, form.change_note_button)
    assert query(project.path, "SELECT text FROM progress_note WHERE noted_on = '2026-11-02'"
                 ) == [("Briefings given in two localities",)]
    form.notes.setCurrentRow(0)
    press(qtbot, form.delete_note_button)
    assert len(query(project.path, "SELECT * FROM progress_note WHERE action_id = ?",
                     action_id)) == count


def test_delete_an_action_asks_then_undo_brings_it_back(actions, qtbot, dialog_log):
    widget, project = actions
    action_id = widget.current_id()
    dialog_log.confirm_answer = True
    widget.table.setFocus()
    qtbot.keyClick(widget.table, Qt.Key.Key_Delete)
    assert "Delete the action" in dialog_log.questions[-1]
    assert query(project.path, "SELECT * FROM action WHERE id = ?", action_id) == []
    project.undo()
    assert query(project.path, "SELECT id FROM action WHERE id = ?", action_id) == [
        (action_id,)]


def test_what_moved_lists_the_demo_actions_by_how_their_gaps_moved(actions, qtbot):
    widget, project = actions
    widget.tabs.setCurrentIndex(1)
    view = widget.moved
    assert view.round_a.currentText() == "Baseline"
    assert view.round_b.currentText() == "Six-month review"
    assert view.summary.text().startswith("From Baseline to Six-month review:")
    tree = view.tree
    improved = tree.topLevelItem(0)
    assert improved.text(0).startswith("Improved (") and improved.childCount() > 0
    first_gap = improved.child(0).child(0).text(0)
    assert "\u2192" in first_gap and "(R)" in first_gap or "(A)" in first_gap


# ----- The wizard -----

def test_the_wizard_turns_gaps_into_actions_in_one_undo_step(actions, qtbot):
    widget, project = actions
    before = len(plan_view.actions(project))
    open_gaps = plan_view.gaps_without_action(project)
    press(qtbot, widget.wizard_button)
    wizard = widget.wizard
    qtbot.waitUntil(wizard.isVisible)
    page = wizard.gaps_page
    assert page.tree.topLevelItemCount() == len(open_gaps)
    assert page.tree.topLevelItem(0).text(0).startswith(open_gaps[0].title)
    page.per_group.setFocus()
    qtbot.keyClick(page.per_group, Qt.Key.Key_Space)  # one draft per group of gaps
    press(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    drafts = wizard.drafts_page
    assert drafts.list.count() == len(open_gaps)
    type_and_leave(qtbot, drafts.title, "Context screening in the MASH")
    type_and_leave(qtbot, drafts.owner, "Front Door Service Manager")
    type_and_leave(qtbot, drafts.due, "2027-03-31")
    press(qtbot, drafts.accept_button)
    assert drafts.decisions[0] == "accepted" and drafts.list.currentRow() == 1
    press(qtbot, drafts.skip_button)
    press(qtbot, drafts.accept_button)
    assert drafts.decisions[:3] == ["accepted", "skipped", "accepted"]
    press(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    QApplication.processEvents()

    after = plan_view.actions(project)
    assert len(after) == before + 2
    new = after[before]
    assert (new.title, new.owner_role, new.due_on.isoformat()) == (
        "Context screening in the MASH", "Front Door Service Manager", "2027-03-31")
    assert {g.key for g in new.gaps} == {g.key for g in open_gaps[0].gaps}
    assert query(project.path, "SELECT count(*) FROM action") == [(before + 2,)]
    # The skipped group still has no action; the accepted ones do.
    left = {g.key for group in plan_view.gaps_without_action(project) for g in group.gaps}
    assert {g.key for g in open_gaps[1].gaps} <= left
    assert not {g.key for g in open_gaps[0].gaps} & left
    assert project.history.undo_label == "develop plan"
    project.undo()
    assert len(plan_view.actions(project)) == before


def test_the_wizard_per_gap_drafts_and_a_bad_due_date(actions, qtbot):
    widget, project = actions
    total = sum(len(g.gaps) for g in plan_view.gaps_without_action(project))
    press(qtbot, widget.wizard_button)
    wizard = widget.wizard
    qtbot.waitUntil(wizard.isVisible)
    tree = wizard.gaps_page.tree
    top = tree.topLevelItem(0)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # the first gap of the first group
    qtbot.keyClick(tree, Qt.Key.Key_Space)  # leave it out
    assert top.child(0).checkState(0) == Qt.CheckState.Unchecked
    assert top.checkState(0) in (Qt.CheckState.PartiallyChecked, Qt.CheckState.Unchecked)
    press(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    drafts = wizard.drafts_page
    assert drafts.list.count() == total - 1
    type_and_leave(qtbot, drafts.due, "31/02/2027")
    press(qtbot, drafts.accept_button)
    assert drafts.due_message.isVisible() and drafts.decisions[0] == "to decide"
    wizard.reject()
    assert project.history.undo_label != "develop plan"


# ----- Roadmap -----

def test_roadmap_step_status_dates_and_where_the_area_stands(roadmap, qtbot, dialog_log):
    widget, project = roadmap
    assert widget.standing.text().startswith("Where the area stands: 6 of 10 steps done.")
    editor = widget.steps
    editor.table.setFocus()
    editor.select(editor.model.rows[0].id)  # Be flexible, in progress
    status = editor.inputs["status"]
    status.setCurrentText("revisit")
    status.activated.emit(status.currentIndex())
    assert query(project.path, "SELECT status FROM roadmap_step WHERE name = 'Be flexible'"
                 ) == [("revisit",)]
    assert "To revisit: Be flexible." in widget.standing.text()
    type_and_leave(qtbot, editor.inputs["completed_on"], "2025-01-01")  # before it started
    assert "completed before it started" in dialog_log.errors[-1]
    type_and_leave(qtbot, editor.inputs["completed_on"], "30/11/2026")
    assert query(project.path, "SELECT completed_on FROM roadmap_step WHERE name = "
                 "'Be flexible'") == [("2026-11-30",)]
    project.undo()
    project.undo()
    assert "In progress: Be flexible" in widget.standing.text()


def test_people_on_board_by_keyboard(roadmap, qtbot):
    widget, project = roadmap
    champions = widget.people[MemberGroup.CHAMPION]
    press(qtbot, champions.add_button)
    role = champions.inputs["role"]
    assert role.hasFocus()
    qtbot.keyClicks(role, "Detached youth worker, south locality")
    qtbot.keyClick(role, Qt.Key.Key_Tab)
    trained = champions.inputs["trained"]
    trained.setCurrentText("trained")
    trained.activated.emit(trained.currentIndex())
    agency = champions.inputs["agency"]
    agency.setCurrentText("Harrowmere Early Help Service")
    agency.activated.emit(agency.currentIndex())
    assert query(project.path, "SELECT m.role, m.trained, a.name, m.name FROM member m JOIN "
                 "agency a ON a.id = m.agency_id WHERE m.role LIKE 'Detached%'") == [
        ("Detached youth worker, south locality", 1, "Harrowmere Early Help Service", "")]
    friends = widget.people[MemberGroup.CRITICAL_FRIEND]
    friends.table.setFocus()
    type_and_leave(qtbot, friends.inputs["organisation"], "Regional CS network")
    assert ("Regional CS network",) in query(
        project.path, "SELECT organisation FROM member WHERE member_group = 'critical friend'")


def test_vision_per_domain_is_saved_when_left_and_undone(roadmap, qtbot):
    widget, project = roadmap
    assert len(widget.vision) == 4
    domain_id, box = next(iter(widget.vision.items()))
    assert box.toPlainText()  # the demo has a statement for every domain
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "Contexts can be referred at the front door.")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert query(project.path, "SELECT statement FROM vision WHERE domain_id = ?",
                 domain_id) == [("Contexts can be referred at the front door.",)]
    project.undo()
    assert box.toPlainText() != "Contexts can be referred at the front door."


# ----- Accessibility of what the section tests do not reach -----

def test_every_tab_the_wizard_and_the_gaps_chooser_are_accessible(actions, qtbot):
    from .a11y import problems

    widget, project = actions
    for tab in range(widget.tabs.count()):
        widget.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        assert problems(widget) == [], widget.tabs.tabText(tab)
    widget.tabs.setCurrentIndex(0)
    press(qtbot, widget.form.gaps_button)
    qtbot.waitUntil(widget.gaps_dialog.isVisible)
    assert problems(widget.gaps_dialog) == []
    widget.gaps_dialog.reject()
    press(qtbot, widget.wizard_button)
    wizard = widget.wizard
    qtbot.waitUntil(wizard.isVisible)
    assert problems(wizard) == []
    press(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert problems(wizard) == []
    wizard.reject()


def test_the_timeline_tab_follows_edits(actions, qtbot):
    from csdesk.services import plan

    widget, project = actions
    widget.tabs.setCurrentWidget(widget.timeline)
    figure = widget.timeline.canvas.figure
    assert figure is not None and figure.pages
    action_id = widget.current_id()
    plan.update_action(project, action_id, title="Renamed on the timeline")
    QApplication.processEvents()
    labels = [" ".join(r.text for r in row.label)
              for page in widget.timeline.canvas.figure.pages for row in page.rows
              if row.action_id == action_id]
    assert labels and all(label.startswith("Renamed on the timeline") for label in labels)
    widget.timeline.scale_box.setCurrentIndex(1)
    assert widget.timeline.canvas.figure.scale == "quarter"
