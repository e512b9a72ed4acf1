"""Every test gets its own per-user folder and temp files; the real user's dirs are never
touched. Qt runs offscreen and modal questions are answered by the test, never shown."""

import hashlib
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def user_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "user"
    monkeypatch.setenv("CSDESK_USER_DIR", str(folder))
    return folder


@pytest.fixture
def new_file(tmp_path) -> Path:
    from csdesk.services.project import new_project

    return new_project(tmp_path / "Testshire.csdesk", "System review", "Testshire", "OFFICIAL")


@pytest.fixture
def project(new_file):
    """A new project open for editing; closed after the test."""
    from csdesk.services.project import OpenProject

    opened = OpenProject.open(new_file)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    from csdesk.services.demo import write_demo

    return write_demo(tmp_path_factory.mktemp("template") / "demo.csdesk")


@pytest.fixture
def demo_file(_demo_template, tmp_path) -> Path:
    """A fresh copy of the demo project for this test."""
    return Path(shutil.copy(_demo_template, tmp_path / "Harrowmere demo.csdesk"))


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class DialogLog:
    """Stands in for csdesk.ui.dialogs: records what would have been shown and gives the
    answers a test set up."""

    def __init__(self):
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.locked_answer: str | None = None
        self.readonly_answer = False
        self.save_answer: Path | None = None
        self.open_answer: Path | None = None
        self.questions: list[str] = []
        self.move_to_answer = None  # an agency id, None (leave without) or dialogs.CANCELLED
        self.choice_answer: int | None = None  # ask_choice: an index, or None (cancel)
        self.confirm_answer = False  # confirm(): the answer to "Delete ...?"
        self.shown: list = []  # dialogs of csdesk's own that show_modal() would have run
        self.personal_data: list = []  # ask_personal_data(): the findings it was shown
        self.personal_data_answer: object = "back"  # "export", "back" or a finding to go to
        self.crashes: list[tuple[str, str]] = []  # crash_report(): (summary, details)
        self.retry_answers: list = []  # ask_retry(): answers (or callables) in turn, then False

    def install(self, monkeypatch) -> None:
        from csdesk.ui import dialogs

        monkeypatch.setattr(dialogs, "error", lambda _, text, title="": self.errors.append(text))
        monkeypatch.setattr(dialogs, "info", lambda _, text, title="": self.infos.append(text))
        monkeypatch.setattr(dialogs, "ask_locked", lambda parent, text: self.locked_answer)
        monkeypatch.setattr(dialogs, "ask_readonly", lambda parent, text: self.readonly_answer)
        monkeypatch.setattr(dialogs, "save_path", lambda *a, **k: self.save_answer)
        monkeypatch.setattr(dialogs, "open_path", lambda *a, **k: self.open_answer)
        monkeypatch.setattr(dialogs, "ask_move_to", self._ask_move_to)
        monkeypatch.setattr(dialogs, "ask_choice", self._ask_choice)
        monkeypatch.setattr(dialogs, "show_modal", lambda dialog: self.shown.append(dialog))
        monkeypatch.setattr(dialogs, "confirm", lambda parent, text, title="", yes="": (
            self.questions.append(text) or self.confirm_answer))
        monkeypatch.setattr(dialogs, "ask_personal_data", self._ask_personal_data)
        monkeypatch.setattr(dialogs, "crash_report", lambda parent, summary, details: (
            self.crashes.append((summary, details))))
        monkeypatch.setattr(dialogs, "ask_retry", self._ask_retry)

    def _ask_personal_data(self, parent, findings):
        self.personal_data = list(findings)
        return self.personal_data_answer

    def _ask_retry(self, parent, text, title):
        self.questions.append(text)
        answer = self.retry_answers.pop(0) if self.retry_answers else False
        return answer() if callable(answer) else answer

    def _ask_choice(self, parent, title, text, choices):
        self.questions.append(f"{text} {choices}")
        return self.choice_answer

    def _ask_move_to(self, parent, text, choices):
        self.questions.append(text)
        return self.move_to_answer


@pytest.fixture
def dialog_log(monkeypatch) -> DialogLog:
    log = DialogLog()
    log.install(monkeypatch)
    return log


@pytest.fixture
def window(qtbot, dialog_log):
    """The main window, shown and focused, with nothing open; closed after the test."""
    from csdesk.settings import Settings
    from csdesk.ui.app import make_app
    from csdesk.ui.main_window import MainWindow

    make_app()
    win = MainWindow(Settings())
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):  # a context manager: called bare, it waits for nothing
        win.show()
    win.activateWindow()
    yield win
    win.close_project()
