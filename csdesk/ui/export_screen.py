"""The Export section: what the PDF holds, and a button to write it."""

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from .sections import SECTIONS
from .widgets import heading, paragraph

WHAT = (
    "The PDF report holds a cover page and an overview of the project: the journeys mapped, "
    "the RAG ratings of each review round, the action plan by status and progress on the "
    "roadmap. The project's protective marking is printed at the top and bottom of every "
    "page. It is written for partners and governance boards and holds no personal data."
)


class ExportScreen(QWidget):
    def __init__(self, export_action: QAction, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(SECTIONS[-1].title))
        layout.addWidget(paragraph(WHAT))
        row = QHBoxLayout()
        self.button = QPushButton("E&xport PDF…")  # Alt+E is the Edit menu
        self.button.setObjectName("export_pdf")
        self.button.clicked.connect(export_action.trigger)
        row.addWidget(self.button)
        row.addStretch()
        layout.addLayout(row)
        layout.addStretch()
