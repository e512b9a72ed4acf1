"""Every modal question the app asks, in one place (tests replace these functions)."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

PROJECT_FILTER = "csdesk projects (*.csdesk)"
PDF_FILTER = "PDF documents (*.pdf)"


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


def open_path(parent: QWidget, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open Project", str(folder), PROJECT_FILTER)
    return Path(name) if name else None


def save_path(parent: QWidget, caption: str, suggested: Path, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    return Path(name) if name else None
