"""The Export section: what the PDF holds, and a button to write it."""

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .sections import SECTIONS
from .widgets import heading, paragraph

WHAT = (
    "The PDF report holds a cover page, an overview of the project (the RAG ratings of each "
    "review round, the action plan by status, progress on the roadmap) and the current "
    "system: each journey's swimlane map on landscape pages, its time through the system "
    "and its outline, and the levels. The project's protective marking is printed at the top "
    "and bottom of every page. It is written for partners and governance boards and holds no "
    "personal data."
)
PAPERS = {"A4": "a4", "A3 (fewer map pages)": "a3"}


class ExportScreen(QWidget):
    def __init__(self, export_action: QAction, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(SECTIONS[-1].title))
        layout.addWidget(paragraph(WHAT))
        paper_row = QHBoxLayout()
        label = QLabel("&Paper for the maps (landscape)")
        self.paper = QComboBox()
        self.paper.addItems(list(PAPERS))
        self.paper.setAccessibleName("Paper for the maps")
        label.setBuddy(self.paper)
        paper_row.addWidget(label)
        paper_row.addWidget(self.paper)
        paper_row.addStretch()
        layout.addLayout(paper_row)
        row = QHBoxLayout()
        self.button = QPushButton("E&xport PDF…")  # Alt+E is the Edit menu
        self.button.setObjectName("export_pdf")
        self.button.clicked.connect(export_action.trigger)
        row.addWidget(self.button)
        row.addStretch()
        layout.addLayout(row)
        layout.addStretch()

    def paper_value(self) -> str:
        return PAPERS[self.paper.currentText()]
