"""Map your child's journey, stage by stage, with the keyboard alone."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from csdesk.services.journey_view import journey_list, journey_time, journey_view
from csdesk.ui.journey_wizard import FIELDS, stage_prompts


def type_into(qtbot, widget, text):
    widget.setFocus()
    if hasattr(widget, "selectAll"):
        widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_a_new_project_is_mapped_through_the_wizard(window, qtbot, new_file):
    window.open_path(new_file)
    window.show_section("child_journey")
    screen = window.journey_screens["child_journey"]
    screen.template_button.click()  # the framework's typical English child journey
    screen.wizard_button.click()
    wizard = screen.wizard
    qtbot.waitUntil(wizard.isVisible)
    assert wizard.where.text().startswith("Stage 1 of 10")
    prompts = stage_prompts()
    assert all(prompts.get(key) for key, _, _ in FIELDS)  # every field has its prompt
    assert wizard.inputs["context_considered"].accessibleDescription() == \
        prompts["context_considered"]

    type_into(qtbot, wizard.inputs["what_happens"], "Police and schools refer by phone.")
    days = wizard.inputs["waiting_days"]
    type_into(qtbot, days, "2")
    qtbot.keyClick(wizard.next, Qt.Key.Key_Space)  # Next stage: what was typed is kept
    assert wizard.where.text().startswith("Stage 2 of 10")
    type_into(qtbot, wizard.inputs["days"], "1")
    type_into(qtbot, wizard.inputs["name"], "MASH screening")
    qtbot.keyClick(wizard.add, Qt.Key.Key_Space)  # a new stage just after this one
    assert wizard.where.text().startswith("Stage 3 of 11")
    type_into(qtbot, wizard.inputs["name"], "Contextual safeguarding triage")
    qtbot.keyClick(wizard.finish_button, Qt.Key.Key_Space)
    QApplication.processEvents()

    project = window.project
    (journey,) = journey_list(project)
    view = journey_view(project, journey.id)
    first, second, third = view.stages[:3]
    assert (first.what_happens, first.waiting_days) == ("Police and schools refer by phone.", 2)
    assert (second.name, second.days) == ("MASH screening", 1)
    assert third.name == "Contextual safeguarding triage"
    assert journey_time(view).path[0].waiting_days == 2
    # Every answer was its own edit, so the last one can be undone on its own.
    assert project.history.undo_label == "rename stage"


def test_an_empty_name_is_refused_and_the_saved_one_comes_back(window, qtbot, demo_file,
                                                               dialog_log):
    window.open_path(demo_file)
    window.show_section("child_journey")
    screen = window.journey_screens["child_journey"]
    screen.wizard_button.click()
    wizard = screen.wizard
    qtbot.waitUntil(wizard.isVisible)
    name = wizard.inputs["name"].text()
    type_into(qtbot, wizard.inputs["name"], "   ")
    qtbot.keyClick(wizard.next, Qt.Key.Key_Space)
    assert "cannot be empty" in dialog_log.errors[-1]
    (journey,) = [j for j in journey_list(window.project) if j.kind.value == "child"]
    assert journey_view(window.project, journey.id).stages[0].name == name
