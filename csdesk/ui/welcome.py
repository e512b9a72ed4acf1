"""The first screen when no project is open: start one, open one, or try the demo."""

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
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
        # One readable column, centred: long lines are hard to follow on a wide projector.
        outer = QHBoxLayout(self)
        column = QWidget()
        column.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 60)
        outer.addStretch(1)
        outer.addWidget(column, 4)
        outer.addStretch(1)
        layout = QVBoxLayout(column)
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
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent projects")
        self.recent.itemActivated.connect(self._activated)
        layout.addWidget(self.recent, 1)

    def _activated(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:  # not the "No recent projects yet" line
            self.recent_chosen.emit(Path(path))

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.name}    ({path.parent})")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        if paths:
            self.recent.setCurrentRow(0)
        else:
            placeholder = QListWidgetItem("No recent projects yet.")
            placeholder.setFlags(Qt.ItemFlag.ItemIsEnabled)  # readable, not selectable
            self.recent.addItem(placeholder)
