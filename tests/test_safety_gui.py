"""Never losing a workshop, as a person meets it in the window: the Backups dialog and
restoring, a damaged file offering its newest backup, the risky-place warning and Copy Back,
error reports, the report after a crash, retrying an edit a busy file refused, and SIGTERM."""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from csdesk.store import backups, unclean
from csdesk.store.lock import lock_path
from csdesk.ui import crash

from .a11y import problems
from .conftest import digest
from .test_backups import notes


def test_a_backup_on_open_then_listed_and_restored_as_a_new_file(window, qtbot, new_file,
                                                                tmp_path, dialog_log):
    assert window.open_path(new_file)
    # taken on open, once the window shows the project
    qtbot.waitUntil(lambda: len(backups.list_backups(new_file)) == 1)
    window.project.update_details(notes="after the first backup")
    assert len(backups.list_backups(new_file)) == 1  # not again within 30 minutes
    window.backup_keeper._last -= timedelta(minutes=31)  # as if half an hour had passed
    window.project.update_details(notes="half an hour later")
    assert len(backups.list_backups(new_file)) == 2  # the next edit took one

    window.act_backups.trigger()
    dlg = window.backups_dialog
    qtbot.waitExposed(dlg)
    assert dlg.table.rowCount() == 2
    assert not problems(dlg), problems(dlg)
    assert dlg.table.item(1, 3).text() == "the oldest kept"
    assert "journeys" in dlg.table.item(0, 2).text()

    dlg.table.setFocus()
    qtbot.keyClick(dlg.table, Qt.Key.Key_Down)  # the older one, by keyboard
    dialog_log.save_answer = tmp_path / "From the backup"
    before = digest(new_file)
    qtbot.mouseClick(dlg.restore_button, Qt.MouseButton.LeftButton)
    restored = tmp_path / "From the backup.csdesk"
    assert window.project.path == restored.resolve()  # the restored file is open
    assert window.project.details().notes == ""  # the older backup: before any edit
    assert digest(new_file) == before  # the original untouched


def test_a_damaged_file_offers_its_newest_good_backup(window, new_file, tmp_path, dialog_log):
    assert window.open_path(new_file)
    window.project.update_details(notes="kept in the backup")
    window.close_project()
    backups.take(new_file, datetime.now(UTC) + timedelta(hours=1))
    conn = sqlite3.connect(new_file)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE rating")
    conn.commit()
    conn.close()
    damaged = digest(new_file)

    dialog_log.confirm_answer = True
    dialog_log.save_answer = tmp_path / "Rescued.csdesk"
    assert window.open_path(new_file)
    assert "is damaged" in dialog_log.questions[-1]
    assert "newest good backup" in dialog_log.questions[-1]
    assert window.project.path == (tmp_path / "Rescued.csdesk").resolve()
    assert window.project.details().notes == "kept in the backup"
    assert digest(new_file) == damaged


def test_a_damaged_file_without_backups_is_said_plainly(window, new_file, dialog_log):
    conn = sqlite3.connect(new_file)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE rating")
    conn.commit()
    conn.close()
    assert not window.open_path(new_file)
    assert "no backup" in dialog_log.errors[-1] and "rating" in dialog_log.errors[-1]


@pytest.fixture
def synced_file(tmp_path):
    from csdesk.services.project import new_project

    folder = tmp_path / "OneDrive - Harrowmere Council"
    folder.mkdir()
    return new_project(folder / "Review.csdesk", "Review", "Harrowmere")


def test_a_synced_folder_warns_and_the_local_copy_goes_back(window, synced_file, dialog_log):
    dialog_log.confirm_answer = True  # work on a local copy
    assert window.open_path(synced_file)
    assert "in a OneDrive folder" in dialog_log.questions[0]
    assert window.project.path != synced_file
    assert "local copy of Review.csdesk" in window.windowTitle()
    assert window.act_copy_back.isEnabled()
    window.project.update_details(notes="typed in the workshop")
    assert notes(synced_file) == ""
    window.act_copy_back.trigger()
    assert notes(synced_file) == "typed in the workshop"
    window.project.update_details(notes="more, after copying back")
    asked = len(dialog_log.questions)
    window.close_project()  # unsent work: offered again on closing
    assert "not yet copied back" in dialog_log.questions[asked + 0]
    assert notes(synced_file) == "more, after copying back"


def test_keeping_a_risky_file_where_it_is(window, synced_file, dialog_log):
    dialog_log.confirm_answer = False
    assert window.open_path(synced_file)
    assert window.project.path == synced_file.resolve()
    assert not window.act_copy_back.isEnabled()


@pytest.fixture
def installed(window, monkeypatch):
    """crash.install on the test's app, with the process's hooks put back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    old_term = signal.getsignal(signal.SIGTERM)
    crash.install(QApplication.instance(), window)
    yield window
    signal.signal(signal.SIGTERM, old_term)
    signal.set_wakeup_fd(-1)


def test_an_unexpected_error_on_any_thread_is_reported_with_details(installed, qtbot,
                                                                    dialog_log, user_dir):
    def broken_slot():
        raise ZeroDivisionError("a bug in a slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: len(dialog_log.crashes) == 1)
    thread = threading.Thread(target=lambda: {}["missing key"])
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(dialog_log.crashes) == 2)
    (summary, details), (summary2, details2) = dialog_log.crashes
    assert "ZeroDivisionError: a bug in a slot" in summary and "already saved" in summary
    assert "broken_slot" in details  # the traceback, to copy
    assert "KeyError" in summary2
    log = (user_dir / "logs" / "csdesk.log").read_text()
    assert "a bug in a slot" in log and "missing key" in log


KILLED_EDITOR = """
import os, signal, sys
from csdesk.services.project import OpenProject
project = OpenProject.open(sys.argv[1])
project.update_details(notes="saved before the crash")
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_after_a_crash_the_next_start_says_so_and_checks_the_file(window, new_file,
                                                                   dialog_log):
    died = subprocess.run([sys.executable, "-c", KILLED_EDITOR, str(new_file)], capture_output=True,
                          text=True)
    assert died.returncode == -signal.SIGKILL, died.stderr
    assert lock_path(new_file).exists()  # left behind
    dialog_log.confirm_answer = True
    crash.report_left_open(window)
    assert "stopped unexpectedly" in dialog_log.questions[0]
    assert new_file.name in dialog_log.questions[0]
    assert window.project.path == new_file.resolve()
    assert window.project.details().notes == "saved before the crash"
    crash.report_left_open(window)  # told once, not at every start
    assert len(dialog_log.questions) == 1
    window.close_project()
    assert not unclean.left_unclean(new_file) and not lock_path(new_file).exists()


def test_an_edit_refused_by_a_busy_file_is_retried_and_only_then_saved(window, qtbot, new_file,
                                                                      dialog_log):
    assert window.open_path(new_file)
    window.show_section("overview")
    with window.project.read() as s:  # fail fast rather than wait 5 s for the other program
        s.connection().connection.driver_connection.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(new_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the file

    def release_then_retry():
        other.execute("ROLLBACK")
        return True

    dialog_log.retry_answers = [False]
    field = window.overview.title
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Retitled")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "busy" in dialog_log.questions[-1] and "still on screen" in dialog_log.questions[-1]
    assert window.statusBar().currentMessage() == ""  # never "Saved"
    assert field.text() == "System review"  # cancelled: what is saved, not what was typed
    # Now with Try Again: the other program lets go while the question is up.
    dialog_log.retry_answers = [release_then_retry]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Retitled")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.project.details().title == "Retitled"
    assert window.statusBar().currentMessage().startswith("Saved")
    other.close()


GUI_START_TIMEOUT = 60


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
@pytest.mark.parametrize("place", ["local", "synced"])
def test_sigterm_closes_the_project_and_releases_the_lock(new_file, synced_file, user_dir,
                                                          place):
    """Also while a question is up before the event loop has started (the risky-place
    warning about the file named on the command line)."""
    path = new_file if place == "local" else synced_file
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CSDESK_USER_DIR": str(user_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "csdesk", str(path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + GUI_START_TIMEOUT
        while not (lock_path(path).exists() and backups.list_backups(path)):
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "the GUI did not open the project"
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=GUI_START_TIMEOUT) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not lock_path(path).exists()
    assert not unclean.left_unclean(path) and not unclean.not_yet_reported()
