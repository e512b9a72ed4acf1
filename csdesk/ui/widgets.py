"""Small building blocks shared by screens. Sizes are relative to the user's font, never
fixed pixels, so screens scale with the system setting and with View > Zoom."""

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication, QComboBox, QFrame, QLabel, QPlainTextEdit, QScrollArea, QSizePolicy, QSplitter,
    QVBoxLayout, QWidget,
)

from ..colours import RAG_HEX
from ..models import Rag



class Heading(QLabel):
    """A bold label sized relative to the application font, following View > Zoom."""

    def __init__(self, text: str, scale: float, parent: QWidget | None = None):
        super().__init__(text, parent)
        self._scale = scale
        self.setAccessibleName(text)
        self.setWordWrap(True)
        self.fit()

    def fit(self) -> None:
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * self._scale)
        font.setBold(True)
        self.setFont(font)



def refit_headings() -> None:
    """Headings carry their own font, so a change of the application font (View > Zoom)
    does not reach them by itself."""
    for widget in QApplication.allWidgets():
        if isinstance(widget, Heading):
            widget.fit()


def heading(text: str, scale: float = 1.6, parent: QWidget | None = None) -> QLabel:
    return Heading(text, scale, parent)


def paragraph(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def rag_chip(rag: Rag, parent: QWidget | None = None) -> QLabel:
    """A coloured tag that also says the colour in words and letter, e.g. 'Red (R)'."""
    back, fore = RAG_HEX[rag]
    label = QLabel(f"{rag.label} ({rag.letter})", parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    # A palette, not a style sheet: style-sheeted widgets stop following View > Zoom.
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(back))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(fore))
    label.setPalette(palette)
    label.setAutoFillBackground(True)
    label.setFrameShape(QFrame.Shape.Box)
    label.setMargin(label.fontMetrics().height() // 5)
    label.setAccessibleName(rag.label)
    return label


class NotesEdit(QPlainTextEdit):
    """Multi-line text that reports when the user leaves it, like QLineEdit's
    editingFinished, so a whole passage is one edit (and one undo). Tab moves on."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        # Four lines of the current font, so it grows with View > Zoom.
        frame = 2 * (self.frameWidth() + int(self.document().documentMargin()))
        return QSize(super().sizeHint().width(), self.fontMetrics().lineSpacing() * 4 + frame)

    def focusOutEvent(self, event) -> None:
        self.editingFinished.emit()
        super().focusOutEvent(event)


def narrow(box: QComboBox, letters: int = 8) -> QComboBox:
    """A combo box that may be narrower than its longest entry, so a row of them never
    makes the window wider than a small laptop screen."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(letters)
    return box


def save_typing(screen: QWidget) -> None:
    """Before a screen lets go of its project: a half-typed field in it is saved first, as
    leaving the field would."""
    focused = screen.focusWidget()
    if focused is not None and hasattr(focused, "editingFinished"):
        focused.clearFocus()


def choice(text: str, on_change, parent: QWidget | None = None) -> tuple[QLabel, QComboBox]:
    """A label (with its Alt+letter) and the narrow combo box it names; on_change() runs
    when the user picks an entry."""
    label = QLabel(text, parent)
    box = narrow(QComboBox(parent))
    box.setAccessibleName(text.replace("&", ""))
    label.setBuddy(box)
    box.activated.connect(lambda _: on_change())
    return label, box


def grid_choice(grid, n: int, text: str, on_change) -> QComboBox:
    """choice() at place n of a grid two choices wide, so a row of them never makes the
    window wider than a small laptop screen."""
    label, box = choice(text, on_change)
    grid.addWidget(label, n // 2, (n % 2) * 2)
    grid.addWidget(box, n // 2, (n % 2) * 2 + 1)
    return box


READONLY_NOTE = "This project is open read-only: nothing you do here is saved."


class ScrollingScreen(QScrollArea):
    """A section's screen: its heading, a note while the project is read-only, and content
    (self.body) that scrolls rather than clips at 150 % scaling or View > Zoom."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        inner = QWidget()
        self.setWidget(inner)
        self.body = QVBoxLayout(inner)
        self.body.addWidget(heading(title))
        self.readonly_note = paragraph(READONLY_NOTE)
        self.readonly_note.hide()
        self.body.addWidget(self.readonly_note)

    def show_readonly(self, readonly: bool) -> None:
        self.readonly_note.setVisible(readonly)


def beside_form(table: QWidget, form: QWidget, table_share: int, form_share: int) -> QSplitter:
    """A table (the heatmap, the cells to rate) beside the form of its current cell; the form
    scrolls, and neither side can be dragged shut."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(form)
    split = QSplitter()
    split.addWidget(table)
    split.addWidget(scroll)
    split.setStretchFactor(0, table_share)
    split.setStretchFactor(1, form_share)
    split.setChildrenCollapsible(False)
    return split
