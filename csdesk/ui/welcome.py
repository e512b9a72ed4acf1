"""The first screen when no project is open: start one, open one, or try the demo."""

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from .widgets import heading, paragraph

INTRO = (
    "Map your current safeguarding system, RAG rate it against the four Contextual "
    "Safeguarding domains and its values, and build a plan that closes the gaps. Everything "
    "stays in one project file on this computer; csdesk needs no network. Projects map "
    "systems, not cases: they hold no personal data about children."
)


class WelcomeScreen(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_chosen = Signal(Path)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Welcome to csdesk", 2.0))
        layout.addWidget(paragraph(INTRO))
        buttons = QHBoxLayout()
        for text, signal, name in (
            ("&New Project…", self.new_requested, "new"),
            ("&Open…", self.open_requested, "open"),
            ("Open the &Demo Project", self.demo_requested, "demo"),
        ):
            button = QPushButton(text)
            button.setObjectName(f"welcome_{name}")
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(heading("Recent projects", 1.25))
        self.none_label = QLabel("No recent projects yet.")
        layout.addWidget(self.none_label)
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent projects")
        self.recent.itemActivated.connect(
            lambda item: self.recent_chosen.emit(Path(item.data(Qt.ItemDataRole.UserRole))))
        layout.addWidget(self.recent, 1)

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.name}    ({path.parent})")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        self.none_label.setVisible(not paths)
        self.recent.setVisible(bool(paths))
        if paths:
            self.recent.setCurrentRow(0)
