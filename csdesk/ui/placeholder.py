"""A section whose screen is not built yet: it says plainly what it will hold."""

from PySide6.QtWidgets import QVBoxLayout, QWidget

from .sections import Section
from .widgets import heading, paragraph


class PlaceholderScreen(QWidget):
    def __init__(self, section: Section, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(section.title))
        layout.addWidget(paragraph(
            "This screen is not built yet in this version of csdesk. When it is, it will hold:"))
        layout.addWidget(paragraph(section.holds))
        layout.addStretch()
