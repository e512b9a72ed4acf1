"""A warning at the field, as people type, when text looks like personal data about a child.

One object for the whole window: it watches every text field (QLineEdit, QPlainTextEdit,
QTextEdit) in the main window and the dialogs it opens, from the first time the field gets
the keyboard focus. A pause in typing (a short debounce) runs the detector
(services/personal_data.py); when it finds something, a note appears under the field saying
what looks like personal data and why that matters, the field's tooltip and accessible
description say the same, and a screen reader announces it. It warns; it never blocks or
changes what was typed. The note stays while the field and the next one are in use, and goes
when the text no longer looks like personal data; the tooltip and description stay with it.

Installed once, from main_window.py: `PersonalDataHints(window)`."""

from functools import partial

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox, QApplication, QFileDialog, QFrame, QLabel, QLineEdit, QPlainTextEdit,
    QTextEdit, QWidget,
)
from shiboken6 import getCppPointer, isValid

from ..services.personal_data import WHY, Finding, find_personal_data, summary

TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit)
PAUSE_MS = 400  # after the last key: long enough not to run on every key, short enough to follow


def warning_text(findings: list[Finding]) -> str:
    """'Possible personal data. This looks like an NHS number ...: “943 476 5919”. csdesk...'"""
    return f"Possible personal data. {summary(findings)} {WHY}"


def _key(widget: QWidget) -> int:
    """The widget's C++ address: the same for as long as the widget lives, whichever Python
    wrapper Qt hands us for it."""
    return getCppPointer(widget)[0]


def field_text(field: QWidget) -> str:
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()


class WarningNote(QLabel):
    """The note under a field: words first (never colour alone), in the tooltip colours so it
    follows light and dark schemes; clicks pass through to what is beneath it."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("personal_data_warning")
        self.setAccessibleName("Personal data warning")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setFrameShape(QFrame.Shape.Box)
        self.setAutoFillBackground(True)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def show_under(self, field: QWidget, text: str) -> None:
        if self.text() != f"⚠ {text}":
            self.setText(f"⚠ {text}")
            self.setAccessibleDescription(text)
        self.setMargin(self.fontMetrics().height() // 4)
        window = self.parentWidget()
        em = self.fontMetrics().horizontalAdvance("M")
        top_left = field.mapTo(window, QPoint(0, 0))
        width = max(min(max(field.width(), em * 28), window.width() - top_left.x() - em), em * 10)
        height = self.heightForWidth(width)
        y = top_left.y() + field.height()
        if y + height > window.height() and top_left.y() - height >= 0:
            y = top_left.y() - height  # no room below: above the field
        self.setGeometry(top_left.x(), y, width, height)
        self.show()
        self.raise_()


class PersonalDataHints(QObject):
    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self._watched: set[int] = set()  # keys of fields whose text changes are followed
        self._pending: dict[int, QWidget] = {}  # changed since the last look
        self._warned: dict[int, str] = {}  # field: the warning it shows now
        self._own: dict[int, tuple[str, str]] = {}  # field: its own tooltip and description
        self._notes: dict[int, WarningNote] = {}  # one note per window (main, dialogs)
        self._anchor: QWidget | None = None  # the field the note is under
        self._anchor_window = 0  # the key of its window
        self._followed: list[QWidget] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self._look_at_pending)
        QApplication.instance().focusChanged.connect(self._focus_changed)

    # -- which fields --

    def _in_scope(self, widget: QWidget | None) -> bool:
        if not isinstance(widget, TEXT_FIELDS) or not isValid(widget):
            return False
        if widget.isReadOnly() or isinstance(widget.parentWidget(), QAbstractSpinBox):
            return False  # nothing is typed there, or only a number
        w = widget
        while w is not None:  # in the main window or a dialog it opened
            if isinstance(w, QFileDialog):
                return False
            if w is self._window:
                return True
            w = w.parentWidget()
        return False

    def _watch(self, field: QWidget) -> None:
        key = _key(field)
        if key in self._watched:
            return
        self._watched.add(key)
        field.textChanged.connect(partial(self._changed, field))
        field.destroyed.connect(partial(self._forget, key))

    def _forget(self, key: int, *_args) -> None:
        for store in (self._pending, self._warned, self._own):
            store.pop(key, None)
        self._watched.discard(key)
        if self._anchor is not None and (not isValid(self._anchor)
                                         or _key(self._anchor) == key):
            note = self._notes.get(self._anchor_window)
            if note is not None and isValid(note):
                note.hide()
            self._anchor = None
            self._followed = []

    # -- looking --

    def _changed(self, field: QWidget, *_args) -> None:
        self._pending[_key(field)] = field
        self._timer.start()  # restarts: looks only after a pause in typing

    def _look_at_pending(self) -> None:
        pending, self._pending = self._pending, {}
        for field in pending.values():
            if isValid(field):
                self._look(field)

    def _look(self, field: QWidget) -> bool:
        """Check the field now; True if its warning is new or changed."""
        self._pending.pop(_key(field), None)
        findings = find_personal_data(field_text(field))
        text = warning_text(findings) if findings else ""
        key = _key(field)
        before = self._warned.get(key, "")
        if text == before:
            return False
        if text:
            self._own.setdefault(key, (field.toolTip(), field.accessibleDescription()))
            self._warned[key] = text
            field.setToolTip(text)
            field.setAccessibleDescription(text)
            if field.hasFocus() or self._anchor is field:
                self._show_note(field)
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(field, text))
        else:
            del self._warned[key]
            tip, description = self._own.pop(key, ("", ""))
            field.setToolTip(tip)
            field.setAccessibleDescription(description)
            if self._anchor is field:
                self._hide_note()
        return True

    def warning(self, field: QWidget) -> str:
        """The warning the field shows now ("" for none)."""
        return self._warned.get(_key(field), "")

    def note(self) -> WarningNote | None:
        """The note on show, if any."""
        if self._anchor is None:
            return None
        return self._notes.get(self._anchor_window)

    # -- focus --

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        lingering = False
        if self._in_scope(old):
            if _key(old) in self._pending:
                self._look(old)  # left before the pause was over (Tab straight after typing)
            # A field left with a warning keeps its note up while the next one is used, so
            # it is seen however quickly someone moves on.
            lingering = bool(self.warning(old))
            if lingering:
                self._show_note(old)
        if self._in_scope(new):
            self._watch(new)
            self._look(new)
            if self.warning(new):
                self._show_note(new)
                return
        if not lingering and self._anchor is not None and self._anchor is not new:
            self._hide_note()

    # -- the note --

    def _show_note(self, field: QWidget) -> None:
        window = field.window()
        note = self._notes.get(_key(window))
        if note is None or not isValid(note):
            note = self._notes[_key(window)] = WarningNote(window)
        if self._anchor is not field:
            self._hide_note()
            self._anchor, self._anchor_window = field, _key(window)
            self._follow(field)
        note.show_under(field, self._warned[_key(field)])

    def _hide_note(self) -> None:
        note = self.note()
        if note is not None and isValid(note):
            note.hide()
        for widget in self._followed:
            if isValid(widget):
                widget.removeEventFilter(self)
        self._followed = []
        self._anchor = None

    def _follow(self, field: QWidget) -> None:
        """Move with the field: it, or anything it sits in, may move, resize or hide."""
        w = field
        while w is not None and not w.isWindow():
            w.installEventFilter(self)
            self._followed.append(w)
            w = w.parentWidget()
        if w is not None:
            w.installEventFilter(self)
            self._followed.append(w)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Hide,
                            QEvent.Type.Show) and self._anchor is not None:
            QTimer.singleShot(0, self._place)  # after the layout has settled
        return False

    def _place(self) -> None:
        field = self._anchor
        if field is None or not isValid(field) or _key(field) not in self._warned:
            return
        if field.isVisible() and not field.visibleRegion().isEmpty():
            self._show_note(field)
        else:
            note = self.note()
            if note is not None and isValid(note):
                note.hide()
