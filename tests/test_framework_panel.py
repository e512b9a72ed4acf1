"""The Framework panel as a facilitator uses it: the keyboard alone, the import through the
file dialog (patched), refusals said plainly, read-only projects left alone."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from csdesk.services import framework_edit as fe
from csdesk.services import review
from csdesk.services.framework import default_framework_path
from csdesk.services.project import OpenProject
from csdesk.ui.app import make_app
from csdesk.ui.framework_panel import FrameworkPanel

from .a11y import stray_mnemonics, unnamed_controls
from .conftest import digest


def show(qtbot, project) -> FrameworkPanel:
    make_app()
    panel = FrameworkPanel()
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    with qtbot.waitExposed(panel):
        panel.show()
    panel.activateWindow()
    panel.attach(project)
    return panel


@pytest.fixture
def opened(qtbot, new_file, dialog_log):
    project = OpenProject.open(new_file)
    panel = show(qtbot, project)
    yield panel, project, dialog_log
    panel.detach()
    project.close()


def framework_file(tmp_path, change) -> str:
    fw = json.loads(default_framework_path().read_text(encoding="utf-8"))
    change(fw)
    path = tmp_path / "northshire-framework.json"
    path.write_text(json.dumps(fw), encoding="utf-8")
    return path


def item_texts(panel, kind):
    group = panel.groups[kind]
    return [group.child(i).text(0) for i in range(group.childCount())]


def test_shows_the_framework_and_says_whose_wording_it_is(opened):
    panel, _, _ = opened
    assert "csdesk's default guidance" in panel.source.text()
    assert "not official Contextual Safeguarding wording" in panel.source.text()
    assert item_texts(panel, "domain") == ["Target", "Legislative framework", "Partnerships",
                                           "Outcomes measurement"]
    assert "Survey" in item_texts(panel, "source")
    assert item_texts(panel, "meaning")[0] == "Red (R): Red"  # the word and letter, not colour
    assert panel.current() == ("domain", fe.framework_view(panel._project).domains[0].id)


def test_edit_a_domains_question_by_keyboard_and_undo_it(opened, qtbot):
    panel, project, _ = opened
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)  # Target -> Legislative framework
    legislative = fe.framework_view(project).domains[1]
    assert panel.current() == ("domain", legislative.id)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.inputs["domain"]["short_name"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    question = panel.inputs["domain"]["question"]
    assert QApplication.focusWidget() is question
    question.selectAll()
    qtbot.keyClicks(question, "Was the welfare route used for the context?")
    qtbot.keyClick(question, Qt.Key.Key_Tab)  # leaving the field saves it
    assert fe.framework_view(project).domains[1].question == \
        "Was the welfare route used for the context?"
    assert project.history.undo_label == "change domain"
    project.undo()
    assert panel.current() == ("domain", legislative.id)  # kept its place
    assert question.text() == legislative.question


def test_a_mnemonic_reaches_the_field_and_a_refusal_puts_the_old_name_back(opened, qtbot):
    panel, project, log = opened
    panel.tree.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Short &name
    name = panel.inputs["domain"]["short_name"]
    assert name.hasFocus()
    name.selectAll()
    qtbot.keyClicks(name, "partnerships")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    assert "already a domain called" in log.errors[-1]
    assert name.text() == "Target" and project.history.undo_label is None


def test_add_a_system_wide_area_and_delete_it_but_not_one_in_use(opened, qtbot):
    panel, project, log = opened
    panel.add_area_button.click()
    name = panel.inputs["area"]["name"]
    assert name.hasFocus() and name.text() == "New system-wide area"
    qtbot.keyClicks(name, "Transitions to adult services")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    assert item_texts(panel, "area")[-1] == "Transitions to adult services"
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert "Transitions to adult services" not in item_texts(panel, "area")
    assert not log.errors

    view = fe.framework_view(project)
    rnd = review.add_round(project, "Baseline")
    review.rate(project, rnd, domain_id=view.domains[0].id, area_id=view.areas[0].id,
                rag="red")
    panel.select("area", view.areas[0].id)
    before = digest(project.path)
    panel.delete_button.click()
    assert "cannot be deleted while it is in use (1 rating)" in log.errors[-1]
    assert digest(project.path) == before
    assert panel.tree.currentItem().text(1) == "1 rating"


def test_import_a_framework_file_through_the_dialog(opened, qtbot, tmp_path):
    panel, project, log = opened
    log.open_answer = framework_file(tmp_path, lambda fw: (
        fw.update(name="Northshire framework", version="2", source="Northshire's wording."),
        fw["domains"][0].update(question="Did we change the place?"),
        fw["evidence_sources"].append("Peer review")))
    panel.tree.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(log.infos or log.errors))  # a mnemonic clicks after a moment
    assert not log.errors
    assert "Imported \u201cNorthshire framework\u201d, version 2" in log.infos[-1]
    assert panel.title.text() == "Northshire framework, version 2"
    assert panel.source.text() == "Northshire's wording."
    assert panel.inputs["domain"]["question"].text() == "Did we change the place?"
    assert item_texts(panel, "source")[-1] == "Peer review"
    assert project.history.undo_label == "import framework"


def test_a_refused_import_is_said_plainly_and_changes_nothing(opened, qtbot, tmp_path):
    panel, project, log = opened
    view = fe.framework_view(project)
    rnd = review.add_round(project, "Baseline")
    review.rate(project, rnd, domain_id=view.domains[0].id, area_id=view.areas[0].id,
                rag="amber")
    before = digest(project.path)
    log.open_answer = framework_file(tmp_path, lambda fw: fw["domains"].pop(0))
    panel.import_button.click()
    assert "leaves out the domain Target (1 rating)" in log.errors[-1]
    log.open_answer.write_text('{"name": "broken"', encoding="utf-8")
    panel.import_button.click()
    assert "is not valid JSON" in log.errors[-1]
    assert digest(project.path) == before and not log.infos
    assert item_texts(panel, "domain")[0] == "Target"
    log.open_answer = None  # cancelled: nothing happens
    panel.import_button.click()
    assert len(log.errors) == 2


def test_a_read_only_project_is_shown_but_not_edited(qtbot, new_file, dialog_log):
    project = OpenProject.open(new_file, readonly=True)
    panel = show(qtbot, project)
    try:
        assert panel.readonly_note.isVisible()
        assert panel.inputs["domain"]["question"].isReadOnly()
        assert not any(b.isEnabled() for b in (panel.import_button, panel.add_area_button,
                                               panel.add_source_button, panel.delete_button))
        assert item_texts(panel, "domain")[0] == "Target"
    finally:
        panel.detach()
        project.close()


@pytest.mark.parametrize("kind", ["domain", "value", "area", "source", "meaning"])
def test_every_control_has_a_name_a_screen_reader_says(opened, kind):
    panel, _, _ = opened
    panel.select(kind, panel.groups[kind].child(0).data(0, Qt.ItemDataRole.UserRole)[1])
    assert unnamed_controls(panel) == []
    assert stray_mnemonics(panel) == []
