"""Edit > Undo and Redo over the open project's history, and the one way screens make edits.

There are no undo command classes: every write an operation makes goes onto the project's
history by itself (services/history.py), and undo replays it backwards. This module only
shows that history in the Edit menu and tells the user, in plain words, when an edit, an
undo or a redo could not be saved (the history and the file then stay as they were)."""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit

from ..services.project import OpenProject
from ..store import ProjectFileError
from ..store.errors import TransientError
from . import dialogs

EDIT_ERRORS = (ProjectFileError, ValueError)


def edit(parent, operation: Callable, *args, **kwargs) -> bool:
    """Run an operation that writes; on failure tell the user. True if it was saved.
    A failure that may pass (a busy file, a full disk, a dropped drive) is offered again
    while the edit is still on screen; nothing is shown as saved until it is."""
    while True:
        try:
            operation(*args, **kwargs)
            return True
        except TransientError as exc:
            if dialogs.ask_retry(parent, f"{exc}\n\nYour change is still on screen: try "
                                 "again, or cancel it.", "The change was not saved"):
                continue
            return False
        except EDIT_ERRORS as exc:
            dialogs.error(parent, str(exc), "The change was not saved")
            return False


class UndoActions(QObject):
    """The Edit menu's Undo and Redo, named after the step they take ("Undo change title")."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        K = QKeySequence.StandardKey
        self.undo = QAction("&Undo", window)
        self.undo.setShortcut(QKeySequence(K.Undo))
        self.undo.setObjectName("undo")
        self.undo.triggered.connect(self._undo)
        self.redo = QAction("&Redo", window)
        self.redo.setShortcut(QKeySequence(K.Redo))
        self.redo.setObjectName("redo")
        self.redo.triggered.connect(self._redo)
        self._project: OpenProject | None = None
        self._unsubscribe: Callable[[], None] | None = None
        QApplication.instance().installEventFilter(self)
        self.refresh()

    def eventFilter(self, watched, event) -> bool:
        """Ctrl+Z in a text field means Edit > Undo, as everywhere else: a field commits its
        text as one edit, so its own little undo would only muddle the project's. The field
        is asked first whether it wants the key; say no for it."""
        if (event.type() == QEvent.Type.ShortcutOverride
                and isinstance(watched, (QLineEdit, QPlainTextEdit, QAbstractSpinBox))
                and (event.matches(QKeySequence.StandardKey.Undo)
                     or event.matches(QKeySequence.StandardKey.Redo))
                and self._window.isAncestorOf(watched)):
            event.ignore()
            return True
        return False

    def attach(self, project: OpenProject) -> None:
        self.detach()
        self._project = project
        self._unsubscribe = project.history.subscribe(self.refresh)
        self.refresh()

    def detach(self) -> None:
        if self._unsubscribe:
            self._unsubscribe()
        self._project = self._unsubscribe = None
        self.refresh()

    def refresh(self) -> None:
        history = self._project.history if self._project and not self._project.readonly \
            else None
        for action, word, label in (
            (self.undo, "&Undo", history.undo_label if history is not None else None),
            (self.redo, "&Redo", history.redo_label if history is not None else None),
        ):
            action.setEnabled(bool(label))
            action.setText(f"{word} {label}" if label else word)

    def _undo(self) -> None:
        self._step(lambda p: p.undo(), "Could not undo")

    def _redo(self) -> None:
        self._step(lambda p: p.redo(), "Could not redo")

    def _step(self, step, title: str) -> None:
        if self._project is None:
            return
        # A half-typed field is an edit too: finish it first, so undo takes back the
        # latest change rather than the one before it.
        focused = self._window.focusWidget()
        if focused is not None and hasattr(focused, "editingFinished"):
            focused.clearFocus()
            focused.setFocus()
        try:
            step(self._project)
        except EDIT_ERRORS as exc:
            dialogs.error(self._window, str(exc), title)
