"""The Add an arrow dialog: the stage an arrow goes to, what kind it is, an optional note."""

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget,
)

from ..models import LinkKind
from .widgets import paragraph

KIND_WORDS = {
    LinkKind.NEXT: "Next stage (next)",
    LinkKind.BRANCH: "Another route (branch)",
    LinkKind.TRIGGERS_CONTEXT: "Starts or feeds a context journey (triggers context)",
}


class ArrowDialog(QDialog):
    """Add an arrow: the stage it goes to and what kind it is, with an optional note.
    A refused arrow (say, a loop onto itself, or one already there) keeps the dialog open
    after saying why."""

    def __init__(self, parent: QWidget, source_name: str, targets: list[tuple[str, int, bool]],
                 submit: Callable[[int, LinkKind, str], bool]):
        super().__init__(parent)
        self.setWindowTitle("Add an arrow")
        self._submit = submit
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(f"An arrow from “{source_name}” to another stage."))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.target = QComboBox()
        self.target.setAccessibleName("To stage")
        for text, stage_id, elsewhere in targets:
            self.target.addItem(text, (stage_id, elsewhere))
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of arrow")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("e.g. Significant harm suspected")
        form.addRow("&To stage", self.target)
        form.addRow("&Kind of arrow", self.kind)
        form.addRow("&Note (optional)", self.note)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add arrow")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.target.currentIndexChanged.connect(self._target_changed)
        self._target_changed()
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 40, self.sizeHint().height())

    def choose(self, text_part: str) -> bool:
        """Pick the first target whose text contains text_part (for keyboard-free tests)."""
        for i in range(self.target.count()):
            if text_part in self.target.itemText(i):
                self.target.setCurrentIndex(i)
                return True
        return False

    def _target_changed(self, _index: int = 0) -> None:
        """A stage of another journey can only be triggered; one of this journey comes next
        or is a branch."""
        data = self.target.currentData()
        elsewhere = bool(data and data[1])
        kinds = [LinkKind.TRIGGERS_CONTEXT] if elsewhere else [LinkKind.NEXT, LinkKind.BRANCH]
        if [self.kind.itemData(i) for i in range(self.kind.count())] != kinds:
            self.kind.clear()
            for kind in kinds:
                self.kind.addItem(KIND_WORDS[kind], kind)

    def accept(self) -> None:
        data = self.target.currentData()
        if data is None:
            return
        if self._submit(data[0], self.kind.currentData(), self.note.text()):
            super().accept()
