"""Personal-data warnings in the GUI: at the field as people type, and the list before export
with a way to go to each finding."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pypdf import PdfReader

from csdesk.services import journeys
from csdesk.services.journey_view import journey_list, journey_view
from csdesk.services.personal_data_scan import ProjectFinding, scan_project
from csdesk.ui.personal_data_dialog import PersonalDataDialog

from .a11y import problems

CTRL = Qt.KeyboardModifier.ControlModifier
NHS = "943 476 5919"  # a valid check digit
WRONG = "943 476 5918"  # the same with a wrong one


def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, k, modifier)
    QApplication.processEvents()


def first_stage(window, demo_file):
    """The demo's child journey on screen (Ctrl+2), its first stage selected."""
    assert window.open_path(demo_file)
    window.show_section("child_journey")
    screen = window.journey_screens["child_journey"]
    editor = screen.editor
    editor.select_stage(editor.model.rows[0].id)
    return editor


def note_text(window) -> str:
    note = window.personal_data_hints.note()
    return note.text() if note is not None and note.isVisible() else ""


def test_typing_an_nhs_number_warns_at_the_field_and_deleting_it_clears(
        window, demo_file, qtbot):
    editor = first_stage(window, demo_file)
    hints = window.personal_data_hints
    field = editor.gaps  # a notes field (QPlainTextEdit)
    field.setFocus()
    key(qtbot, field, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(field, f" Her NHS number {WRONG} was on the form.")
    qtbot.wait(600)  # past the pause in typing: a wrong check digit is no warning
    assert hints.warning(field) == "" and note_text(window) == ""

    for _ in range(len("8 was on the form.")):
        key(qtbot, field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, "9 was on the form.")
    qtbot.waitUntil(lambda: "NHS number" in note_text(window))
    text = note_text(window)
    assert "Warning" in text or "Possible personal data" in text  # words, not colour alone
    assert f"“{NHS}”" in text and "systems, not cases" in text
    assert "NHS number" in field.accessibleDescription()
    assert "NHS number" in field.toolTip()
    note = hints.note()
    top = field.mapTo(window, field.rect().topLeft()).y()
    assert note.geometry().top() == top + field.height() or note.geometry().bottom() < top
    assert note.fontMetrics().height() >= field.fontMetrics().height()  # as readable

    for _ in range(len(f"{NHS} was on the form.")):
        key(qtbot, field, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: note_text(window) == "")
    assert hints.warning(field) == ""
    assert "NHS number" not in field.accessibleDescription()
    assert "NHS number" not in field.toolTip()


def test_a_line_field_left_at_once_still_shows_its_warning(window, demo_file, qtbot):
    editor = first_stage(window, demo_file)
    field = editor.decision  # a QLineEdit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Team manager; call 07700 900123")
    key(qtbot, field, Qt.Key.Key_Tab)  # before the pause is over
    assert "phone number" in note_text(window)  # kept up while the next field is used
    assert "phone number" in field.toolTip()
    focused = QApplication.focusWidget()
    key(qtbot, focused, Qt.Key.Key_Tab)
    assert note_text(window) == ""  # moved on again: the note goes, the tooltip stays
    assert "phone number" in field.toolTip()
    # The text was saved as typed: a warning, never a block.
    stage = journey_view(window.project, editor.journey_id()).stages[0]
    assert stage.decision == "Team manager; call 07700 900123"


def plant(project, text: str) -> int:
    """Put text into the gaps of the demo's first child journey stage."""
    child = next(j for j in journey_list(project) if j.kind.value == "child")
    stage = journey_view(project, child.id).stages[0]
    journeys.update_stage(project, stage.id, gaps=f"{stage.gaps} {text}")
    return stage.id


def test_the_demo_has_no_findings_and_a_planted_one_is_listed_before_export(
        window, demo_file, qtbot, dialog_log, tmp_path):
    assert window.open_path(demo_file)
    assert scan_project(window.project) == []
    stage_id = plant(window.project, f"NHS {NHS}, seen at BB1 4QT")
    dialog_log.personal_data_answer = "back"
    key(qtbot, window, Qt.Key.Key_E, CTRL)
    found = [(pf.finding.kind, pf.finding.text, pf.place.table, pf.place.row_id,
              pf.place.field) for pf in dialog_log.personal_data]
    assert found == [("nhs_number", NHS, "stage", stage_id, "Gaps and pain points"),
                     ("postcode", "BB1 4QT", "stage", stage_id, "Gaps and pain points")]
    assert window.export_window is None  # went back: no Export dialog

    dialog_log.personal_data_answer = "export"
    key(qtbot, window, Qt.Key.Key_E, CTRL)
    export = window.export_window  # export anyway: the Export dialog opens
    export.path.setText(str(tmp_path / "out.pdf"))
    export.export_button.click()
    qtbot.waitUntil(lambda: export.worker is None and (tmp_path / "out.pdf").exists(),
                    timeout=90000)
    assert PdfReader(tmp_path / "out.pdf").pages


def test_going_to_a_finding_selects_its_stage_field_and_text(window, demo_file, qtbot,
                                                             dialog_log):
    assert window.open_path(demo_file)
    stage_id = plant(window.project, f"Her NHS number is {NHS}.")
    window.show_section("levels")
    finding = scan_project(window.project)[0]
    dialog_log.personal_data_answer = finding
    key(qtbot, window, Qt.Key.Key_E, CTRL)
    assert window.current_section() == "child_journey"
    editor = window.journey_screens["child_journey"].editor
    assert editor.current_stage_id() == stage_id
    qtbot.waitUntil(editor.gaps.hasFocus)
    assert editor.gaps.textCursor().selectedText() == NHS
    assert "NHS number" in note_text(window)


def test_going_to_an_agency_finding(window, demo_file, qtbot, dialog_log):
    from csdesk.services import mapping

    assert window.open_path(demo_file)
    agency = mapping.agencies(window.project)[3]
    mapping.update_agency(window.project, agency.id, notes="Contact jo.bloggs@example.com")
    finding = scan_project(window.project)[0]
    assert finding.place.item == f"Agency “{agency.name}”"
    dialog_log.personal_data_answer = finding
    key(qtbot, window, Qt.Key.Key_E, CTRL)
    assert window.current_section() == "levels"
    assert window.levels.agencies.current_id() == agency.id
    field = window.levels.agencies.inputs["notes"]
    qtbot.waitUntil(field.hasFocus)
    assert field.textCursor().selectedText() == "jo.bloggs@example.com"


def test_the_list_goes_by_keyboard_and_enter_never_exports(qtbot, demo_file, dialog_log):
    from csdesk.services.project import OpenProject
    from csdesk.ui.app import make_app

    make_app()
    project = OpenProject.open(demo_file)
    try:
        plant(project, f"DOB 12/03/2011, NHS {NHS}")
        findings = scan_project(project)
    finally:
        project.close()
    dialog = PersonalDataDialog(None, findings)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert dialog.list.hasFocus() and dialog.list.count() == 2
    assert problems(dialog) == []
    assert "date of birth “12/03/2011”" in dialog.list.item(0).text()
    assert "Gaps and pain points" in dialog.list.item(0).text()
    key(qtbot, dialog.list, Qt.Key.Key_Down)
    key(qtbot, dialog.list, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    answer = dialog.answer()
    assert isinstance(answer, ProjectFinding) and answer.finding.text == NHS

    again = PersonalDataDialog(None, findings)
    qtbot.addWidget(again)
    again.show()
    assert not any(b.isDefault() for b in (again.go_button, again.export_button,
                                            again.back_button))
    key(qtbot, again.list, Qt.Key.Key_Escape)
    assert again.answer() == "back"
    fourth = PersonalDataDialog(None, findings)
    qtbot.addWidget(fourth)
    fourth.show()
    fourth.back_button.setFocus()
    key(qtbot, fourth.back_button, Qt.Key.Key_Return)  # Enter on a button presses it
    assert fourth.answer() == "back" and not fourth.isVisible()
    third = PersonalDataDialog(None, findings)
    qtbot.addWidget(third)
    with qtbot.waitActive(third):
        third.show()
        third.activateWindow()
    key(qtbot, third.list, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # &Export Anyway
    qtbot.waitUntil(lambda: not third.isVisible())  # a mnemonic clicks after a moment
    assert third.answer() == "export"


def test_going_to_a_rating_and_a_value_check_in_an_earlier_round(window, demo_file, qtbot,
                                                                 dialog_log):
    from sqlmodel import select

    from csdesk.models import Rating, ReviewRound, ValueCheck

    assert window.open_path(demo_file)
    with window.project.write("plant") as s:  # in the baseline, not the round shown first
        baseline = s.exec(select(ReviewRound).order_by(ReviewRound.position)).first()
        rating = s.exec(select(Rating).where(Rating.round_id == baseline.id,
                                             Rating.stage_id.is_not(None))).first()
        rating.rationale += f" NHS {NHS}."
        check = s.exec(select(ValueCheck).where(ValueCheck.round_id == baseline.id)).first()
        check.evidence += " Kai, aged 15, said so."
        s.add_all([rating, check])
        rating_id, value_id, round_id = rating.id, check.value_id, baseline.id
    findings = {pf.place.table: pf for pf in scan_project(window.project)}
    assert set(findings) == {"rating", "value_check"}

    dialog_log.personal_data_answer = findings["rating"]
    key(qtbot, window, Qt.Key.Key_E, CTRL)
    assert window.current_section() == "system_review"
    review = window.review
    assert review.round_id == round_id
    qtbot.waitUntil(review.form.rationale.hasFocus)
    assert review.form.rationale.textCursor().selectedText() == NHS
    with window.project.read() as s:
        assert s.get(Rating, rating_id).rationale == review.form.rationale.toPlainText()

    dialog_log.personal_data_answer = findings["value_check"]
    key(qtbot, window, Qt.Key.Key_E, CTRL)
    assert window.current_section() == "values"
    values = window.values
    assert values.round_id == round_id and values.editor.current_id() == value_id
    field = values.editor.inputs["evidence"]
    qtbot.waitUntil(field.hasFocus)
    assert field.textCursor().selectedText() == "Kai, aged 15"
