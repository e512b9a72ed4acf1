"""Backups in the GUI: taking them while a project is edited, the Backups dialog (File >
Backups…), and offering the newest good one when a project turns out to be damaged.
The work is done by store/backups.py; this module only decides when, and shows them."""

import logging
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout,
)

from ..store import ProjectFileError, backups
from . import dialogs
from .widgets import paragraph

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 5 * 60 * 1000  # how often to ask whether a backup is due


def when(b: backups.Backup) -> str:
    return b.taken.astimezone().strftime("%a %d %b %Y, %H:%M")


def size_text(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def _words(n: int, word: str) -> str:
    return f"{n} {backups.COUNTED[word] if abs(n) == 1 else word}"  # the table: singular


def counts_text(counts: dict[str, int]) -> str:
    return ", ".join(_words(n, word) for word, n in counts.items())


def change_text(newer: dict[str, int], older: dict[str, int] | None) -> str:
    """What changed in the counts since the backup before: '+2 stages, -1 action'."""
    if older is None:
        return "the oldest kept"
    parts = [("+" if n > older[w] else "") + _words(n - older[w], w)
             for w, n in newer.items() if n != older[w]]
    return ", ".join(parts) or "same counts"


class BackupKeeper(QObject):
    """Takes a backup when a project is opened for editing, then at most every 30 minutes
    while it changes. A failed backup is said in the status bar and logged, never in the
    user's way (their file is fine; only its copy failed)."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._project = None
        self._unsubscribe = None
        self._last: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.maybe_take)

    def attach(self, project) -> None:
        self.detach()
        if project.readonly:
            return
        self._project = project
        self._unsubscribe = project.subscribe(lambda _changes: self.maybe_take())
        self._last = None
        self.maybe_take()  # on open
        self._timer.start()

    def detach(self) -> None:
        self._timer.stop()
        if self._unsubscribe:
            self._unsubscribe()
        self._project = self._unsubscribe = None

    def maybe_take(self) -> None:
        now = datetime.now(UTC)
        if self._project is None or not backups.due(self._last, now):
            return
        try:
            taken = backups.take(self._project.path, now)
        except (ProjectFileError, OSError) as exc:
            log.warning("backup failed: %s", exc)
            self._window.statusBar().showMessage(f"{exc} Your project itself is fine.", 10000)
            return
        self._last = now
        if taken:
            log.info("backed up %s to %s", self._project.path, taken.path)


class BackupsDialog(QDialog):
    """The backups of one project: when, size, what it held, and Restore as New File."""

    def __init__(self, project_path: Path, parent=None, opener=None):
        super().__init__(parent)
        self.project_path = Path(project_path)
        self._opener = opener  # called with a restored file's path, to open it
        self.setWindowTitle(f"Backups of {self.project_path.name}")
        self.backups = backups.list_backups(self.project_path)
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(
            f"csdesk keeps copies of {self.project_path.name} while you work: the newest "
            "ones, and one a day for two weeks. Restoring one makes a new file; the project "
            f"itself is not changed. They are kept in {backups.folder_for(self.project_path)}."))
        self.table = QTableWidget(len(self.backups), 4)
        self.table.setAccessibleName("Backups, newest first")
        self.table.setHorizontalHeaderLabels(
            ["Taken", "Size", "Holds", "Change since the one before"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self._fill()
        layout.addWidget(self.table, 1)
        if not self.backups:
            layout.addWidget(paragraph("There are no backups of this project yet."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("&Restore as New File…")
        self.restore_button.setAccessibleName("Restore the chosen backup as a new file")
        self.restore_button.setEnabled(bool(self.backups))
        self.restore_button.clicked.connect(self.restore_current)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.backups:
            self.table.selectRow(0)
        em = self.fontMetrics().horizontalAdvance("M")
        screen = self.screen().availableGeometry()
        self.resize(min(em * 90, screen.width() * 9 // 10), min(em * 30, screen.height() * 8 // 10))

    def _fill(self) -> None:
        all_counts = []
        for b in self.backups:
            try:
                all_counts.append(backups.counts(b.path))
            except Exception:  # a backup damaged since: still listed, not restorable
                all_counts.append(None)
        for row, b in enumerate(self.backups):
            mine = all_counts[row]
            older = all_counts[row + 1] if row + 1 < len(all_counts) else None
            cells = [when(b), size_text(b.size),
                     counts_text(mine) if mine else "cannot be read",
                     change_text(mine, older) if mine and (older or row + 1 == len(all_counts))
                     else ""]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)

    def restore_current(self) -> Path | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.backups):
            return None
        restored = restore_as_new(self, self.backups[row], self.project_path)
        if restored and self._opener:
            self.accept()
            self._opener(restored)
        return restored


def restore_as_new(parent, backup: backups.Backup, project_path: Path) -> Path | None:
    """Ask where, then write `backup` there as a new project. None if cancelled or failed."""
    stamp = backup.taken.astimezone().strftime("%Y-%m-%d %H%M")
    suggested = project_path.with_name(f"{project_path.stem} (backup {stamp}).csdesk")
    dest = dialogs.save_path(parent, "Restore Backup As", suggested, dialogs.PROJECT_FILTER)
    if not dest:
        return None
    try:
        return backups.restore(backup, dest, project_path)
    except ProjectFileError as exc:
        dialogs.error(parent, str(exc), "Cannot restore the backup")
        return None


def offer_newest_backup(parent, path: Path, problem: str) -> Path | None:
    """A project could not be opened because it is damaged: say so, and offer its newest
    good backup as a new file. Returns the restored file, or None (the user has been told)."""
    newest = backups.newest_sound(path)
    if newest is None:
        dialogs.error(parent, f"{problem}\n\ncsdesk has no backup of it on this computer.",
                      "Cannot open project")
        return None
    held = counts_text(backups.counts(newest.path))
    if not dialogs.confirm(
            parent, f"{problem}\n\nThe newest good backup of it was taken on {when(newest)} "
            f"({held}). Restore it as a new file? The damaged file is left as it is.",
            "Damaged project", "&Restore Backup…"):
        return None
    return restore_as_new(parent, newest, Path(path))
