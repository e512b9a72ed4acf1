"""The Export dialog, used by keyboard and mouse: sections, outline, encryption, overwrite
warning, remembered folder, and an export that runs without freezing the window."""

import re

from PySide6.QtCore import Qt
from pypdf import PdfReader

from csdesk.ui.export_dialog import FOLDER_KEY

from .test_report_export import outline_titles


def open_dialog(window, path):
    assert window.open_path(path)
    window.act_export.trigger()
    return window.export_window


def export_and_wait(qtbot, dialog, out):
    dialog.path.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=90000)


def test_sections_chosen_in_the_dialog_are_the_report(window, demo_file, tmp_path, qtbot,
                                                       dialog_log):
    dialog = open_dialog(window, demo_file)
    shown = [dialog.preview.topLevelItem(i).text(0)
             for i in range(dialog.preview.topLevelItemCount())]
    assert shown[0] == "Summary" and "Heatmap" in shown
    for key, check in dialog.checks.items():
        if key not in ("summary", "values"):
            check.setFocus()
            qtbot.keyClick(check, Qt.Key.Key_Space)  # untick by keyboard
    assert [dialog.preview.topLevelItem(i).text(0)
            for i in range(dialog.preview.topLevelItemCount())] == ["Summary", "Values"]
    export_and_wait(qtbot, dialog, tmp_path / "board")
    pdf = tmp_path / "board.pdf"
    assert dialog_log.errors == []
    top = [t for depth, t in outline_titles(PdfReader(pdf)) if depth == 0]
    assert top == ["Summary", "Values"]
    assert window.settings.get(FOLDER_KEY) == str(tmp_path)
    assert "Exported" in window.statusBar().currentMessage()
    # the next export starts in the folder used last
    window.act_export.trigger()
    assert window.export_window.path.text().startswith(str(tmp_path))


def test_encryption_asks_twice_and_refuses_a_short_password(window, demo_file, tmp_path,
                                                            qtbot, dialog_log):
    dialog = open_dialog(window, demo_file)
    assert not dialog.password.isEnabled()
    dialog.encrypt.setChecked(True)
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.again, "short")
    export_and_wait(qtbot, dialog, tmp_path / "locked.pdf")
    assert "too short" in dialog.message.text() and not (tmp_path / "locked.pdf").exists()
    dialog.password.setText("a good long password")
    dialog.again.setText("a good long passwort")
    export_and_wait(qtbot, dialog, tmp_path / "locked.pdf")
    assert "differ" in dialog.message.text() and not (tmp_path / "locked.pdf").exists()
    dialog.again.setText("a good long password")
    for key, check in dialog.checks.items():
        check.setChecked(key == "summary")
    export_and_wait(qtbot, dialog, tmp_path / "locked.pdf")
    reader = PdfReader(tmp_path / "locked.pdf")
    assert reader.is_encrypted and reader.decrypt("a good long password")
    assert dialog_log.errors == []


def test_it_warns_before_replacing_a_file(window, demo_file, tmp_path, qtbot, dialog_log):
    out = tmp_path / "board.pdf"
    out.write_bytes(b"last month's report")
    dialog = open_dialog(window, demo_file)
    dialog_log.confirm_answer = False
    export_and_wait(qtbot, dialog, out)
    assert any("already exists" in q for q in dialog_log.questions)
    assert out.read_bytes() == b"last month's report"
    dialog_log.confirm_answer = True
    for key, check in dialog.checks.items():
        check.setChecked(key == "summary")
    export_and_wait(qtbot, dialog, out)
    assert out.read_bytes().startswith(b"%PDF")


def test_html_from_the_dialog(window, demo_file, tmp_path, qtbot, dialog_log):
    dialog = open_dialog(window, demo_file)
    dialog.format.setCurrentIndex(1)
    assert dialog.path.text().endswith(".html")
    assert not dialog.paper.isEnabled() and not dialog.encrypt.isEnabled()
    export_and_wait(qtbot, dialog, tmp_path / "board.html")
    page = (tmp_path / "board.html").read_text(encoding="utf-8")
    assert re.search(r"<h2[^>]*>Heatmap</h2>", page)


def test_a_failed_export_says_why(window, demo_file, tmp_path, qtbot, dialog_log):
    dialog = open_dialog(window, demo_file)
    export_and_wait(qtbot, dialog, tmp_path / "no such folder" / "r.pdf")
    assert dialog_log.errors and "does not exist" in dialog_log.errors[0]
    assert dialog.isVisible() and dialog.export_button.isEnabled()


def test_every_control_has_a_name(window, demo_file, dialog_log):
    from .test_accessibility import assert_accessible

    dialog = open_dialog(window, demo_file)
    dialog.encrypt.setChecked(True)
    assert_accessible(dialog, "Export dialog")
