"""The main window as a person uses it: keyboard, menus, screens, undo."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWizard

from csdesk.services.project import OpenProject
from csdesk.settings import Settings
from csdesk.ui.app import make_app
from csdesk.ui.main_window import MainWindow
from csdesk.ui.sections import SECTIONS

CTRL = Qt.KeyboardModifier.ControlModifier




def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, k, modifier)
    QApplication.processEvents()


def type_over(qtbot, field, text):
    """Focus a field, select what is there and type over it, as a person would."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def press(widget, standard_key):
    """Type the platform's own shortcut for a standard action (Redo is Ctrl+Y on Windows)."""
    QTest.keySequence(widget, QKeySequence(standard_key))
    QApplication.processEvents()


def test_welcome_screen_when_nothing_is_open(window):
    assert window.pages.currentWidget() is window.welcome
    assert window.windowTitle() == "csdesk"
    assert not window.act_export.isEnabled()


def test_every_section_can_be_visited_with_the_keyboard(window, qtbot, demo_file):
    assert window.open_path(demo_file)
    assert "Harrowmere" in window.windowTitle() and demo_file.name in window.windowTitle()
    # Ctrl+1 ... Ctrl+9 go straight to each section.
    for i, section in enumerate(SECTIONS, start=1):
        key(qtbot, window, getattr(Qt.Key, f"Key_{i}"), CTRL)
        assert window.current_section() == section.key
        assert window.screens.currentWidget().objectName() == f"screen_{section.key}"
    # The arrow keys walk the sidebar, stepping over the Map / Rate / Plan headings.
    window.sidebar.setFocus()
    key(qtbot, window.sidebar, Qt.Key.Key_Home)
    seen = [window.current_section()]
    for _ in SECTIONS[1:]:
        key(qtbot, window.sidebar, Qt.Key.Key_Down)
        seen.append(window.current_section())
    assert seen == [s.key for s in SECTIONS]


def test_every_section_has_its_screen_and_a_placeholder_says_what_it_will_hold(window,
                                                                               new_file):
    from PySide6.QtWidgets import QLabel

    from csdesk.ui.placeholder import PlaceholderScreen
    from csdesk.ui.sections import SECTIONS

    window.open_path(new_file)
    for section in SECTIONS:  # every section is built now
        window.show_section(section.key)
        assert not isinstance(window.screens.currentWidget(), PlaceholderScreen), section.key
    # A section added later starts as a placeholder that says what it will hold.
    roadmap = next(s for s in SECTIONS if s.key == "roadmap")
    placeholder = PlaceholderScreen(roadmap)
    texts = " ".join(label.text() for label in placeholder.findChildren(QLabel))
    assert "not built yet" in texts and "ten steps" in texts


def test_a_new_project_s_review_says_how_to_start(window, new_file):
    window.open_path(new_file)
    window.show_section("system_review")
    assert "No review round yet" in window.review.progress_label.text()
    assert not window.review.wizard_button.isEnabled()
    assert window.review.new_round_button.isEnabled()


def test_typed_title_is_saved_and_undone_and_redone(window, qtbot, new_file):
    window.open_path(new_file)
    field = window.overview.title
    type_over(qtbot, field, "Baseline workshop")
    key(qtbot, field, Qt.Key.Key_Return)
    assert window.project.details().title == "Baseline workshop"
    assert "Baseline workshop" in window.windowTitle()

    press(window, QKeySequence.StandardKey.Undo)
    assert window.project.details().title == "System review"
    assert field.text() == "System review"
    press(window, QKeySequence.StandardKey.Redo)
    assert window.project.details().title == "Baseline workshop"

    # Saved on disk, not just on screen.
    window.close_project()
    again = OpenProject.open(new_file, readonly=True)
    assert again.details().title == "Baseline workshop"
    again.close()


def test_marking_change_is_undoable(window, new_file):
    window.open_path(new_file)
    combo = window.overview.marking
    combo.setCurrentIndex(combo.findText("OFFICIAL-SENSITIVE"))
    combo.activated.emit(combo.currentIndex())
    assert window.project.details().marking == "OFFICIAL-SENSITIVE"
    window.act_undo.trigger()
    assert window.project.details().marking == "OFFICIAL"
    assert combo.currentText() == "OFFICIAL"


def test_new_project_wizard_by_keyboard(window, qtbot, user_dir):
    press(window, QKeySequence.StandardKey.New)
    wizard = window.wizard
    qtbot.waitUntil(wizard.isVisible)
    page = wizard.page_details
    page.area.setFocus()
    qtbot.keyClicks(page.area, "Westmoor")
    assert page.location.text().endswith("Westmoor - Contextual Safeguarding system review.csdesk")
    assert "no personal data" in " ".join(
        w.text() for w in page.findChildren(type(window.overview.changed)))
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    key(qtbot, page.area, Qt.Key.Key_Return)  # Enter finishes, as in any wizard
    qtbot.waitUntil(lambda: window.project is not None)
    d = window.project.details()
    assert (d.local_area, d.title, d.marking) == (
        "Westmoor", "Contextual Safeguarding system review", "OFFICIAL")
    assert window.project.path.parent == (user_dir / "documents").resolve()


def test_open_errors_are_one_clear_message(window, tmp_path, dialog_log):
    bad = tmp_path / "notes.csdesk"
    bad.write_text("Meeting notes, not a project")
    assert not window.open_path(bad)
    assert dialog_log.errors == [
        "notes.csdesk is not a csdesk project (it is not a database file)."]
    assert window.project is None and bad.read_text() == "Meeting notes, not a project"


def test_a_locked_project_opens_read_only_when_chosen(window, new_file, dialog_log):
    holder = OpenProject.open(new_file)
    dialog_log.locked_answer = "readonly"
    assert window.open_path(new_file)
    assert window.project.readonly and "[read-only]" in window.windowTitle()
    assert not window.overview.title.isEnabled()
    window.close_project()
    holder.close()


def test_recent_files_and_reopen(window, new_file, qtbot):
    window.open_path(new_file)
    window.close_project()
    assert window.settings.recent_files() == [new_file.resolve()]
    assert window.welcome.recent.count() == 1
    window.welcome.recent.setFocus()
    key(qtbot, window.welcome.recent, Qt.Key.Key_Return)
    assert window.project is not None and window.project.path == new_file.resolve()


def test_export_and_save_copy_from_the_menu(window, demo_file, tmp_path, dialog_log, qtbot):
    window.open_path(demo_file)
    window.act_export.trigger()
    export = window.export_window
    export.path.setText(str(tmp_path / "board.pdf"))
    export.export_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "board.pdf").exists() and export.worker is None,
                    timeout=60000)
    assert (tmp_path / "board.pdf").read_bytes().startswith(b"%PDF")
    dialog_log.save_answer = tmp_path / "copy.csdesk"
    window.act_copy.trigger()
    copy = OpenProject.open(tmp_path / "copy.csdesk", readonly=True)
    assert copy.details().local_area == window.project.details().local_area
    copy.close()
    assert dialog_log.errors == []


def test_open_the_demo_project(window, user_dir):
    window.open_demo()
    assert window.project is not None
    assert window.project.path.parent == (user_dir / "data").resolve()
    assert window.overview.map_form.rowCount() >= 3


def test_geometry_is_kept_and_stays_on_screen(qtbot, dialog_log):
    make_app()
    first = MainWindow(Settings())
    qtbot.addWidget(first)
    first.show()
    first.move(40, 30)
    first.resize(700, 500)
    first.close()
    second = MainWindow(Settings())
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)
    # A window saved far off any screen (an unplugged projector) comes back into view.
    second.move(20000, 20000)
    second._keep_on_screen()
    screen = QApplication.primaryScreen().availableGeometry()
    assert screen.intersects(second.frameGeometry())


def test_zoom_makes_everything_bigger_for_the_back_of_the_room(window, qtbot, demo_file):
    from csdesk.ui.widgets import Heading

    window.open_path(demo_file)
    heading = window.overview.findChild(Heading)

    def sizes():
        QApplication.processEvents()
        return (heading.font().pointSizeF(), window.sidebar.font().pointSizeF(),
                window.overview.title.font().pointSizeF())

    before = sizes()
    key(qtbot, window, Qt.Key.Key_Plus, CTRL)
    window.act_zoom_in.trigger()
    assert all(after > b for after, b in zip(sizes(), before))
    press(window, QKeySequence.StandardKey.ZoomOut)
    window.act_zoom_reset.trigger()
    assert sizes() == pytest.approx(before)
    assert window.settings.get("zoom") == 1.0


def test_notes_are_one_edit_when_you_tab_away(window, qtbot, new_file):
    window.open_path(new_file)
    notes = window.overview.notes
    notes.setFocus()
    qtbot.keyClicks(notes, "Workshop 1: front door and MACE")
    key(qtbot, notes, Qt.Key.Key_Tab)  # Tab leaves the box; it does not type a tab
    assert window.project.details().notes == "Workshop 1: front door and MACE"
    assert window.act_undo.text() == "&Undo change notes"  # one edit, named in the menu
    window.act_undo.trigger()
    assert window.project.history.undo_label is None
    assert notes.toPlainText() == "" and window.project.details().notes == ""


def test_closing_keeps_what_was_being_typed(window, qtbot, new_file):
    window.open_path(new_file)
    field = window.overview.title
    type_over(qtbot, field, "Typed, then closed")
    press(window, QKeySequence.StandardKey.Close)  # no Enter first
    assert window.project is None
    again = OpenProject.open(new_file)  # the lock was released after the edit, not before
    assert again.details().title == "Typed, then closed"
    again.close()


def test_ctrl_z_typed_in_a_field_undoes_the_project_edit(window, qtbot, new_file):
    """Typed for real (through the window, where shortcuts are decided), with the cursor
    still in the field after Return."""
    window.open_path(new_file)
    field = window.overview.title
    type_over(qtbot, field, "Baseline workshop")
    key(qtbot, field, Qt.Key.Key_Return)
    assert window.project.details().title == "Baseline workshop" and field.hasFocus()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Z, CTRL)
    QApplication.processEvents()
    assert window.project.details().title == "System review"
    assert field.text() == "System review"
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Y, CTRL)  # Redo, on Windows and Linux
    QApplication.processEvents()
    assert window.project.details().title == "Baseline workshop"
