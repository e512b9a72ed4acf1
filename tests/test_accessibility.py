"""Every screen, dialog and wizard as a screen reader meets it: each control it reaches has a
name, and no label shows a stray "&". The sidebar's sections come from SECTIONS, so a new
screen is checked here without touching this file. The checks live in tests/a11y.py."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication, QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QTableWidget, QWidget,
    QWizard,
)

from csdesk.ui import dialogs
from csdesk.ui.app import make_app
from csdesk.ui.new_project import NewProjectWizard
from csdesk.ui.sections import SECTIONS

from .a11y import problems, stray_mnemonics, unnamed_controls


def assert_accessible(root: QWidget, where: str) -> None:
    QApplication.processEvents()
    found = problems(root)
    assert not found, f"{where}: {len(found)} accessibility problem(s):\n  " + "\n  ".join(found)


def test_welcome_screen(window, new_file):
    assert_accessible(window, "welcome screen, no recent projects")
    window.open_path(new_file)
    window.close_project()  # now the recent list has a project in it
    assert window.pages.currentWidget() is window.welcome
    assert_accessible(window, "welcome screen with a recent project")


@pytest.mark.parametrize("project", ["demo_file", "new_file"])
@pytest.mark.parametrize("section", SECTIONS, ids=[s.key for s in SECTIONS])
def test_every_section(window, request, project, section):
    assert window.open_path(request.getfixturevalue(project))
    window.show_section(section.key)
    assert window.current_section() == section.key
    assert window.screens.currentWidget().isVisible()
    # The whole window: the screen, and the sidebar and menu bar around it.
    assert_accessible(window, f"{section.title} screen ({project})")


def visit_pages(wizard: QWizard, fill) -> list[int]:
    """Check each page of the wizard in turn; fill(page) makes a page complete."""
    seen = []
    while True:
        seen.append(wizard.currentId())
        assert_accessible(wizard, f"{type(wizard).__name__} page {wizard.currentId()}")
        if wizard.nextId() == -1:
            return seen
        fill(wizard.currentPage())
        wizard.next()
        assert wizard.currentId() != seen[-1], "the wizard did not move on"


def test_new_project_wizard(qtbot, tmp_path, dialog_log):
    make_app()
    wizard = NewProjectWizard(tmp_path)
    qtbot.addWidget(wizard)
    with qtbot.waitExposed(wizard):
        wizard.show()  # not exec() or open(): nothing modal in tests

    def fill(page):
        for field in page.findChildren(QLineEdit):
            if not field.text():
                field.setText("Testshire")

    assert visit_pages(wizard, fill) == wizard.pageIds()
    wizard.close()


def test_save_as_label_is_a_working_mnemonic(qtbot, tmp_path, dialog_log):
    make_app()
    wizard = NewProjectWizard(tmp_path)
    qtbot.addWidget(wizard)
    with qtbot.waitActive(wizard):  # shortcuts only reach the active window
        wizard.show()
        wizard.activateWindow()
    page = wizard.page_details
    label = next(w for w in page.findChildren(QLabel) if w.text().replace("&", "") == "Save as")
    assert label.buddy() is page.location
    page.area.setFocus()
    QTest.keyClick(page.area, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.location.hasFocus())
    wizard.close()


def test_project_in_use_question(qtbot, dialog_log):
    make_app()
    box = dialogs.locked_box(None, "Testshire.csdesk is open for editing by sam on LAPTOP-7.")
    qtbot.addWidget(box)
    with qtbot.waitExposed(box):
        box.show()  # not exec(): nothing modal in tests
    assert_accessible(box, "'Project in use' question")
    box.close()


def test_the_checks_can_fail(qtbot):
    """The checks themselves. Caught: a nameless field, an editable combo box's unnamed line
    edit, a nameless combo box in a table cell, a label with a mnemonic but no buddy. Not
    caught: the same things done right, nor Qt's own inner parts of a named spin box or
    table (its line edit, headers and corner button)."""
    make_app()
    root = QWidget()
    qtbot.addWidget(root)
    row = QHBoxLayout(root)
    nameless = QLineEdit()
    nameless.setObjectName("nameless")
    named = QLineEdit()
    named.setAccessibleName("Named")
    buddy = QLabel("&Buddied")
    buddied = QLineEdit()
    buddy.setBuddy(buddied)
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItem("OFFICIAL")
    combo.setAccessibleName("Marking")
    spin_label = QLabel("&Count")
    spin = QSpinBox()
    spin_label.setBuddy(spin)
    table = QTableWidget(2, 2)
    table.setAccessibleName("Stages")
    in_cell = QComboBox()
    in_cell.addItem("Red")
    table.setCellWidget(0, 0, in_cell)
    stray = QLabel("&Orphan")
    fine = [QLabel("A&E and R&D"), QLabel("Fish && chips"), QLabel("<b>Q &amp; A</b>")]
    for w in (nameless, named, buddy, buddied, combo, spin_label, spin, table, stray, *fine):
        row.addWidget(w)
    with qtbot.waitExposed(root):
        root.show()

    unnamed = unnamed_controls(root)
    assert len(unnamed) == 3, unnamed
    assert unnamed[0].startswith("QLineEdit #nameless")
    assert unnamed[1].startswith("QLineEdit (no objectName) in QComboBox 'Marking'")
    assert unnamed[2].startswith("QComboBox showing 'Red' (no objectName) in QTableWidget")
    mnemonics = stray_mnemonics(root)
    assert len(mnemonics) == 1 and "'&Orphan'" in mnemonics[0], mnemonics

    combo.lineEdit().setAccessibleName("Marking")
    in_cell.setAccessibleName("Colour")
    stray.setBuddy(nameless)  # which names it, too
    assert problems(root) == []
