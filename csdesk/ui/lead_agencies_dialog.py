"""Set lead agencies: every stage of a journey that has no lead agency, each with a choice of
agency, set in one edit (one undo step).

Stages mapped from a template, or brought over from an older file (which recorded no lead),
sit in the map's "No lead agency" lane. Guessing their leads would put words in the
partnership's mouth, so this asks: keyboard first (Tab from choice to choice, a letter jumps
to an agency, Enter sets them), and a stage left at "Not chosen" stays as it is."""

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QScrollArea, QVBoxLayout, QWidget,
)

from .stage_fields import FormLabel
from .widgets import paragraph

NOT_CHOSEN = "Not chosen"


class LeadAgenciesDialog(QDialog):
    """`stages`: (stage id, "3. Strategy discussion") for each stage without a lead;
    `agencies`: (name, id). `submit({stage id: agency id})` saves, and says whether it did:
    a refusal (say, an agency deleted meanwhile) keeps the dialog open after saying why."""

    def __init__(self, parent: QWidget, stages: list[tuple[int, str]],
                 agencies: list[tuple[str, int]],
                 submit: Callable[[dict[int, int]], bool]):
        super().__init__(parent)
        self.setWindowTitle("Set lead agencies")
        self._submit = submit
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(
            "These stages have no lead agency, so the map puts them in the “No lead agency” "
            "lane. Choose the agency that leads each one; leave any you are not sure of as "
            "“Not chosen”. Edit > Undo takes all of it back in one step."))
        body = QWidget()
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # names can be long
        self.choices: dict[int, QComboBox] = {}
        for stage_id, label in stages:
            combo = QComboBox()
            combo.setAccessibleName(f"Lead agency for {label}")
            combo.addItem(NOT_CHOSEN, None)
            for name, agency_id in agencies:
                combo.addItem(name, agency_id)
            text = FormLabel(label)
            text.setBuddy(combo)
            form.addRow(text, combo)
            self.choices[stage_id] = combo
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Set lead agencies")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Every stage in view if they fit in about twenty lines; else the list scrolls.
        line = self.fontMetrics().lineSpacing()
        scroll.setMinimumHeight(min(body.sizeHint().height(), line * 20))
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 44, self.sizeHint().height())

    def chosen(self) -> dict[int, int]:
        return {stage_id: combo.currentData() for stage_id, combo in self.choices.items()
                if combo.currentData() is not None}

    def accept(self) -> None:
        leads = self.chosen()
        if not leads or self._submit(leads):
            super().accept()
