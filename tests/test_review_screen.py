"""The System review and Values screens and the "RAG rate your system" wizard, used as a
rater in a workshop would: the keyboard alone, every change saved at once and undoable."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from csdesk.models import Rag
from csdesk.services import review_view as rv
from csdesk.services.project import OpenProject
from csdesk.ui.app import make_app
from csdesk.ui.rating_wizard import RatingWizard
from csdesk.ui.review_screen import ReviewScreen
from csdesk.ui.signals import ProjectSignals
from csdesk.ui.values_screen import ValuesScreen


@pytest.fixture
def opened(qtbot, demo_file, dialog_log):
    make_app()
    project = OpenProject.open(demo_file)
    signals = ProjectSignals(project)
    yield project, signals, dialog_log
    signals.detach()
    project.close()


def show(qtbot, widget, opened):
    project, signals, _ = opened
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.attach(project, signals)
    return widget


def current_cell(screen: ReviewScreen):
    item, domain, _ = screen._current()
    return rv.heatmap(screen._project, screen.round_id).cell(item.ref, domain.id)


def test_rating_keys_in_the_heatmap_save_the_cell_and_undo_takes_it_back(qtbot, opened):
    project = opened[0]
    screen = show(qtbot, ReviewScreen(), opened)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)  # the second stage of the child journey
    key = screen._current_key()
    before = current_cell(screen)
    new = Rag.GREEN if before.rag != Rag.GREEN else Rag.RED
    qtbot.keyClick(screen.table, Qt.Key.Key_G if new == Rag.GREEN else Qt.Key.Key_R)
    after = current_cell(screen)
    assert after.rag == new and after.rationale == before.rationale  # only the colour changed
    assert screen._current_key() == key  # the cursor stays where it was
    assert screen.model.data(screen.table.currentIndex()).startswith(new.letter)
    assert screen.model.data(screen.table.currentIndex(),
                             Qt.ItemDataRole.AccessibleTextRole).split(": ")[1].startswith(
        new.label)
    project.undo()
    QApplication.processEvents()
    assert current_cell(screen).rag == before.rag and screen._current_key() == key


def test_not_applicable_by_key_asks_for_the_reason_first(qtbot, opened):
    screen = show(qtbot, ReviewScreen(), opened)
    screen.table.setFocus()
    for _ in range(3):
        qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    before = current_cell(screen)
    if before.rag == Rag.NOT_APPLICABLE:
        qtbot.keyClick(screen.table, Qt.Key.Key_Down)
        before = current_cell(screen)
    qtbot.keyClick(screen.table, Qt.Key.Key_N)
    assert screen.form.na_reason.hasFocus()
    assert current_cell(screen).rag == before.rag  # nothing saved without a reason
    qtbot.keyClicks(screen.form.na_reason, "No schools in this stage")
    qtbot.keyClick(screen.form.na_reason, Qt.Key.Key_Return)
    saved = current_cell(screen)
    assert (saved.rag, saved.na_reason) == (Rag.NOT_APPLICABLE, "No schools in this stage")


def test_a_new_round_carries_the_ratings_forward_and_the_filters_narrow_the_map(qtbot, opened):
    project, _, log = opened
    screen = show(qtbot, ReviewScreen(), opened)
    latest = rv.latest_round(project)
    log.choice_answer = 0  # with the previous round's ratings
    screen.new_round_button.click()
    rounds = rv.rounds(project)
    assert len(rounds) == 3 and screen.round_id == rounds[-1].id
    assert screen.round_box.currentText() == rounds[-1].label
    assert rv.heatmap(project, rounds[-1].id).rated == rv.heatmap(project, latest.id).rated
    assert f"of {rv.heatmap(project, latest.id).size} cells rated" in screen.progress_label.text()
    screen.scope_box.setCurrentIndex(2)  # Level 2: context journeys
    screen.scope_box.activated.emit(2)
    groups = {r.item.group for r in screen.model.grid.item_rows()}
    assert groups and "Child journey: referral to response" not in groups


def test_the_progress_tab_compares_the_first_and_latest_rounds(qtbot, opened):
    project = opened[0]
    screen = show(qtbot, ReviewScreen(), opened)
    screen.tabs.setCurrentWidget(screen.progress)  # it refreshes when shown
    first, last = rv.rounds(project)[0], rv.rounds(project)[-1]
    moved = rv.progress(project, first.id, last.id)
    text = screen.progress.summary.text()
    assert f"From {first.label} to {last.label}: {len(moved.moved('better'))} cells better" \
        in text
    assert screen.progress.changes.rowCount() == sum(
        1 for c in moved.changes if c.before != c.after)
    assert screen.progress.chart_table.rowCount() == len(moved.after.domains)


def test_the_wizard_rates_cell_after_cell_by_keyboard(qtbot, opened):
    project, _, log = opened
    screen = show(qtbot, ReviewScreen(), opened)
    log.choice_answer = 1  # a blank round
    screen.new_round_button.click()
    wizard = RatingWizard(project, screen.round_id)
    qtbot.addWidget(wizard)
    with qtbot.waitExposed(wizard):
        wizard.show()
    first = wizard.current_key()
    qtbot.keyClick(wizard.cells, Qt.Key.Key_G)
    second = wizard.current_key()
    qtbot.keyClick(wizard.cells, Qt.Key.Key_A)
    h = rv.heatmap(project, screen.round_id)
    assert (h.cell(*first).rag, h.cell(*second).rag) == (Rag.GREEN, Rag.AMBER)
    assert first[1] == second[1]  # domain by domain: the same domain, the next stage
    assert wizard.bar.format() == f"2 of {h.size} cells rated"
    qtbot.keyClick(wizard.cells, Qt.Key.Key_Return)
    assert wizard.form.rationale.hasFocus()
    qtbot.keyClicks(wizard.form.rationale, "Seen in three audits")
    qtbot.keyClick(wizard.form.rationale, Qt.Key.Key_Tab)
    assert rv.heatmap(project, screen.round_id).cell(*wizard.current_key()).rationale == \
        "Seen in three audits"
    wizard.close()


def test_values_are_rated_by_key_with_their_evidence(qtbot, opened):
    project = opened[0]
    screen = show(qtbot, ValuesScreen(), opened)
    table = screen.editor.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    row = screen.editor.model.row(table.currentIndex())
    qtbot.keyClick(table, Qt.Key.Key_R)
    check = next(v for v in rv.value_checks(project, screen.round_id) if v.value_id == row.id)
    assert (check.rag, check.evidence) == (Rag.RED, row.evidence)
    assert screen.editor.model.row(table.currentIndex()).rating == "Red (R)"


def test_a_cell_shows_its_change_since_the_round_before_and_its_actions(qtbot, opened):
    from csdesk.services import plan, plan_view
    from csdesk.services.plan import Gap

    project = opened[0]
    screen = show(qtbot, ReviewScreen(), opened)
    item, domain, cell = screen._current()
    action = plan.add_action(project, "Ask where harm happened",
                             gaps=[Gap(domain.id, stage_id=item.ref.stage_id)])
    screen._show_cell()
    text = screen.form.trace.text()
    assert "Ask where harm happened" in text
    first = rv.rounds(project)[0]
    then = rv.heatmap(project, first.id).cell(item.ref, domain.id).rag
    assert (f"Changed from {then.label} in {first.label}" in text) == (then != cell.rag)
    assert any(a.id == action for a in plan_view.actions_for_cell(
        project, stage_id=item.ref.stage_id, domain_id=domain.id))
