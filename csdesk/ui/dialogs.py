"""Every modal question the app asks, in one place (tests replace these functions)."""

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

PROJECT_FILTER = "csdesk projects (*.csdesk)"
PDF_FILTER = "PDF documents (*.pdf)"
HTML_FILTER = "Web pages (*.html)"
FRAMEWORK_FILTER = "Framework files (*.json);;All files (*)"
CSV_FILTER = "CSV for Excel (*.csv)"


def error(parent: QWidget, text: str, title: str = "csdesk") -> None:
    QMessageBox.warning(parent, title, text)


def info(parent: QWidget, text: str, title: str = "csdesk") -> None:
    QMessageBox.information(parent, title, text)


def locked_box(parent: QWidget | None, text: str) -> QMessageBox:
    """The question ask_locked asks, built but not shown (so a test can look it over)."""
    box = QMessageBox(QMessageBox.Icon.Question, "Project in use", text, parent=parent)
    box.setInformativeText(
        "You can open it read-only, or open it for editing anyway if you are sure they have "
        "closed it (for example their computer was switched off with csdesk open)."
    )
    readonly = box.addButton("Open &Read-only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Open for &Editing Anyway", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(readonly)
    return box


def ask_locked(parent: QWidget, text: str) -> str | None:
    """Someone has the project open. Returns 'readonly', 'take_over' or None (cancel)."""
    box = locked_box(parent, text)
    box.exec()
    role = box.buttonRole(box.clickedButton()) if box.clickedButton() else None
    return {QMessageBox.ButtonRole.AcceptRole: "readonly",
            QMessageBox.ButtonRole.DestructiveRole: "take_over"}.get(role)


def ask_readonly(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(parent, "Open read-only?", f"{text}\n\nOpen it read-only?")
    return answer == QMessageBox.StandardButton.Yes


def open_path(parent: QWidget, folder: Path, caption: str = "Open Project",
              file_filter: str = PROJECT_FILTER) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, caption, str(folder), file_filter)
    return Path(name) if name else None


def save_path(parent: QWidget, caption: str, suggested: Path, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    return Path(name) if name else None


CANCELLED = object()  # what a question returns when the user cancels it


def ask_move_to(parent: QWidget, text: str, choices: list[tuple[int, str]]):
    """Before deleting something that others refer to: where their work should go. Returns
    the chosen id, None (leave them without), or CANCELLED."""
    leave = "Leave them without an agency"
    names = [leave, *(name for _, name in choices)]
    name, ok = QInputDialog.getItem(parent, "Delete agency", f"{text}\n\nMove that work to:",
                                    names, 0, False)
    if not ok:
        return CANCELLED
    return dict((n, i) for i, n in choices).get(name)


def confirm(parent: QWidget, text: str, title: str = "csdesk", yes: str = "OK") -> bool:
    """A yes-or-cancel question; `yes` names the action ("Delete Journey"). True if chosen."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    chosen = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(chosen)
    box.exec()
    return box.clickedButton() is chosen


def crash_report(parent: QWidget | None, summary: str, details: str) -> None:
    """An unexpected error: what happened in plain words, the details to copy."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Unexpected problem", summary, parent=parent)
    box.setDetailedText(details)
    copy = box.addButton("&Copy Details and Close", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(copy)
    box.exec()
    if box.clickedButton() is copy:
        QGuiApplication.clipboard().setText(f"{summary}\n\n{details}")


def ask_retry(parent: QWidget, text: str, title: str) -> bool:
    """A change could not be saved for a reason that may pass (a busy file, a full disk, a
    dropped drive): Try Again, or Cancel. True to try again."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    again = box.addButton("&Try Again", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(again)
    box.exec()
    return box.clickedButton() is again


def ask_choice(parent: QWidget, title: str, text: str, choices: list[str]) -> int | None:
    """One of `choices` (its index), or None if cancelled."""
    name, ok = QInputDialog.getItem(parent, title, text, choices, 0, False)
    return choices.index(name) if ok and name in choices else None


def show_modal(dialog: QDialog) -> int:
    """Run a dialog of csdesk's own (a wizard) until it is closed."""
    return dialog.exec()


def ask_personal_data(parent: QWidget, findings: list) -> object:
    """Before export, text that looks like personal data (services.personal_data findings).
    Returns 'export', 'back', or the finding chosen to go to."""
    from .personal_data_dialog import PersonalDataDialog

    box = PersonalDataDialog(parent, findings)
    box.exec()
    return box.answer()
