"""What moved: for any two review rounds, the actions whose gaps improved, stayed the same
or got worse, each with its gaps' ratings before and after, as a tree a screen reader can
walk."""

from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..models import Rag
from ..services import plan_view
from ..services.plan_view import MovedAction, MovedGap
from ..services.project import OpenProject
from .widgets import paragraph

GROUPS = (("improved", "Improved"), ("stayed", "Stayed the same"), ("worse", "Got worse"),
          ("not_comparable", "Not rated in both rounds"))


def rag_words(rag: Rag | None) -> str:
    if rag is None or rag == Rag.NOT_RATED:
        return "not rated"
    return f"{rag.label} ({rag.letter})" if rag != Rag.NOT_APPLICABLE else rag.label


def gap_words(g: MovedGap) -> str:
    return (f"{g.gap.journey}: {g.gap.label}: {rag_words(g.before)} \u2192 "
            f"{rag_words(g.after)}, {g.change.value}")


def action_words(a: MovedAction) -> str:
    return f"{a.title} ({a.status.value})"


class WhatMovedView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._project: OpenProject | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(
            "Choose two review rounds: the actions are sorted by whether the ratings of the "
            "gaps they address improved, stayed the same or got worse between them (by the "
            "balance of their gaps)."))
        form = QFormLayout()
        self.round_a = QComboBox()
        self.round_a.setAccessibleName("From review round")
        self.round_b = QComboBox()
        self.round_b.setAccessibleName("To review round")
        form.addRow("&From round", self.round_a)
        form.addRow("T&o round", self.round_b)
        layout.addLayout(form)
        self.summary = paragraph("")
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Actions by how their gaps moved")
        self.tree.setWordWrap(True)
        layout.addWidget(self.tree, 1)
        self.round_a.activated.connect(lambda _: self._show())
        self.round_b.activated.connect(lambda _: self._show())

    def set_project(self, project: OpenProject | None) -> None:
        """Shows nothing until refresh() (the Actions screen calls it when the tab shows)."""
        self._project = project
        self.round_a.clear()
        self.round_b.clear()
        self.tree.clear()

    def refresh(self) -> None:
        if self._project is None:
            return
        rounds = plan_view.rounds(self._project)
        wanted = [(r.id, r.label) for r in rounds]
        for box, default in ((self.round_a, -2), (self.round_b, -1)):
            have = [(box.itemData(i), box.itemText(i)) for i in range(box.count())]
            if have != wanted:
                current = box.currentData()
                box.clear()
                for round_id, label in wanted:
                    box.addItem(label, round_id)
                index = box.findData(current)
                if index < 0 and wanted:
                    index = max(0, len(wanted) + default)
                box.setCurrentIndex(index)
        self._show()

    def _show(self) -> None:
        self.tree.clear()
        a, b = self.round_a.currentData(), self.round_b.currentData()
        if self._project is None or a is None or b is None:
            self.summary.setText("What moved needs two review rounds; this project has "
                                 "fewer.")
            return
        if a == b:
            self.summary.setText("Choose two different review rounds.")
            return
        moved = plan_view.what_moved(self._project, a, b)
        counts = []
        for attr, title in GROUPS:
            actions = getattr(moved, attr)
            counts.append(f"{len(actions)} {title.lower()}")
            top = QTreeWidgetItem([f"{title} ({len(actions)})"])
            self.tree.addTopLevelItem(top)
            for action in actions:
                item = QTreeWidgetItem([action_words(action)])
                top.addChild(item)
                for gap in action.gaps:
                    item.addChild(QTreeWidgetItem([gap_words(gap)]))
            top.setExpanded(True)
        self.summary.setText(f"From {moved.round_a.label} to {moved.round_b.label}: "
                             + ", ".join(counts) + ".")
