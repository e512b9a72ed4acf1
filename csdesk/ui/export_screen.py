"""The Export section: what the report holds, and a button to the Export dialog."""

from html import escape

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..report.sections import SECTIONS as REPORT_SECTIONS
from .sections import SECTIONS
from .widgets import heading, paragraph

WHAT = (
    "<p>The report opens with a cover page and its contents, then the sections you choose in "
    "the Export dialog:</p><ul>"
    + "".join(f"<li><b>{escape(s.title)}</b>: {escape(s.holds)}</li>" for s in REPORT_SECTIONS)
    + "</ul><p>The PDF prints the project's protective marking at the top and bottom of every "
    "page and can be encrypted with a password; the web page (HTML) version is for screen "
    "readers and intranets. Both are written for partners and governance boards and hold no "
    "personal data.</p>"
)


class ExportScreen(QWidget):
    def __init__(self, export_action: QAction, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(SECTIONS[-1].title))
        layout.addWidget(paragraph(WHAT))
        row = QHBoxLayout()
        self.button = QPushButton("E&xport the Report…")  # Alt+E is the Edit menu
        self.button.setObjectName("export_pdf")
        self.button.clicked.connect(export_action.trigger)
        row.addWidget(self.button)
        row.addStretch()
        layout.addLayout(row)
        layout.addStretch()
