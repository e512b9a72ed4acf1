"""One cell of the System Review: a stage or system-wide area against one domain in one round.

Shown beside the heatmap and in the "RAG rate your system" wizard. The domain's meaning, test
question and evidence prompts stand beside the rating, so raters judge against the same words.
Each change is saved as one edit when made (a colour at once, text when the field is left);
the owner runs the operation through `saved(fields)`."""

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox, QLabel, QLineEdit,
    QRadioButton, QVBoxLayout, QWidget,
)

from ..models import Confidence, Rag
from ..services.review_view import Cell, DomainHead, RatedItem
from .widgets import NotesEdit, heading, paragraph

RAG_CHOICES = (  # the order of the radio buttons, with their keys in the heatmap and wizard
    (Rag.RED, "Red (R)", Qt.Key.Key_R),
    (Rag.AMBER, "Amber (A)", Qt.Key.Key_A),
    (Rag.GREEN, "Green (G)", Qt.Key.Key_G),
    (Rag.NOT_APPLICABLE, "Not applicable (N)", Qt.Key.Key_N),
    (Rag.NOT_RATED, "Not yet rated", None),
)
RAG_KEYS = {key: rag for rag, _, key in RAG_CHOICES if key is not None}
NO_CONFIDENCE = "Not stated"


def fields_of(cell: Cell) -> dict:
    """A cell as the keyword arguments of review.rate()."""
    return dict(rag=cell.rag, na_reason=cell.na_reason, rationale=cell.rationale,
                evidence_notes=cell.evidence_notes, confidence=cell.confidence,
                source_ids=cell.source_ids)


class CellForm(QWidget):
    saved = Signal(dict)  # the cell's whole new fields (review.rate's keywords)
    na_needs_reason = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cell: Cell | None = None
        self._editable = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = heading("No cell chosen", 1.25)
        layout.addWidget(self.title)
        self.item_note = paragraph("")
        layout.addWidget(self.item_note)

        self.guidance = QGroupBox("The domain")
        guide = QVBoxLayout(self.guidance)
        self.meaning = paragraph("")
        self.question = paragraph("")
        self.prompts = paragraph("")
        for label in (self.meaning, self.question, self.prompts):
            label.setTextFormat(Qt.TextFormat.PlainText)
            guide.addWidget(label)
        layout.addWidget(self.guidance)

        rating_box = QGroupBox("Rating")
        grid = QGridLayout(rating_box)
        self.rag_group = QButtonGroup(self)
        self.rag_buttons: dict[Rag, QRadioButton] = {}
        for i, (rag, text, _) in enumerate(RAG_CHOICES):
            button = QRadioButton(text)
            button.setAccessibleName(text.replace("&", ""))
            self.rag_group.addButton(button, i)
            self.rag_buttons[rag] = button
            grid.addWidget(button, i // 2, i % 2)
        self.rag_group.idClicked.connect(lambda i: self._rag_chosen(RAG_CHOICES[i][0]))
        layout.addWidget(rating_box)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # fields get the width
        self.na_reason = QLineEdit()
        self.na_reason.setPlaceholderText("Why this does not apply here")
        self.na_reason.editingFinished.connect(self._na_reason_finished)
        self.rationale = NotesEdit()
        self.rationale.editingFinished.connect(self._text_finished)
        self.evidence_notes = NotesEdit()
        self.evidence_notes.editingFinished.connect(self._text_finished)
        self.confidence = QComboBox()
        self.confidence.addItems([NO_CONFIDENCE] + [c.value.capitalize() for c in Confidence])
        self.confidence.activated.connect(lambda _: self._save())
        self.sources_box = QWidget()
        self.sources_layout = QVBoxLayout(self.sources_box)
        self.sources_layout.setContentsMargins(0, 0, 0, 0)
        self.source_checks: dict[int, QCheckBox] = {}
        for label, widget in (("Reason it is not a&pplicable", self.na_reason),
                              ("Ra&tionale", self.rationale),
                              ("Evidence so&urces", self.sources_box),
                              ("Evidence n&otes", self.evidence_notes),
                              ("&Confidence", self.confidence)):
            form.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", ""))
        layout.addLayout(form)
        self.trace = paragraph("")
        self.trace.setAccessibleName("Change and actions")
        layout.addWidget(self.trace)
        layout.addStretch()
        self._enable()

    # -- showing --

    def set_sources(self, sources: dict[int, str]) -> None:
        """The framework's evidence sources, as check boxes (id -> name)."""
        if list(sources.items()) == [(i, c.text()) for i, c in self.source_checks.items()]:
            return
        for check in self.source_checks.values():
            check.deleteLater()
        self.source_checks = {}
        for source_id, name in sources.items():
            check = QCheckBox(name)
            check.toggled.connect(lambda _=False: self._save())
            self.sources_layout.addWidget(check)
            self.source_checks[source_id] = check
        if self.source_checks:  # Alt+U on the label goes to the first source
            self.sources_box.setFocusProxy(next(iter(self.source_checks.values())))

    def set_cell(self, item: RatedItem | None, domain: DomainHead | None, cell: Cell | None,
                 trace: str = "") -> None:
        """Show a cell (None: nothing chosen). Fields being typed in are left alone. trace:
        the cell's change since the round before and the actions addressing it, in words."""
        same = cell is not None and self._cell is not None and \
            (cell.item, cell.domain_id) == (self._cell.item, self._cell.domain_id)
        self._cell = cell
        if cell is None or item is None or domain is None:
            self.title.setText("No cell chosen")
            self.item_note.setText("Choose a cell of the heatmap to rate it.")
            self._enable()
            return
        self.title.setText(f"{item.label}: {domain.short_name}")
        where = item.group + (" (archived stage)" if item.archived else "")
        self.item_note.setText(where + (f". {item.description}" if item.description else ""))
        self.guidance.setTitle(f"{domain.short_name}: what it means")
        self.meaning.setText(domain.meaning)
        self.question.setText(f"Ask: {domain.question}" if domain.question else "")
        self.prompts.setText("Look for: " + "; ".join(domain.prompts) if domain.prompts else "")
        self.rag_buttons[cell.rag].setChecked(True)
        for widget, value in ((self.na_reason, cell.na_reason), (self.rationale, cell.rationale),
                              (self.evidence_notes, cell.evidence_notes)):
            if not (same and widget.hasFocus()):
                _set_text(widget, value)
        self.confidence.setCurrentIndex(
            0 if cell.confidence is None else list(Confidence).index(cell.confidence) + 1)
        for source_id, check in self.source_checks.items():
            check.blockSignals(True)
            check.setChecked(source_id in cell.source_ids)
            check.blockSignals(False)
        self.trace.setText(trace)
        self._enable()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._enable()

    def _enable(self) -> None:
        on = self._editable and self._cell is not None
        for widget in (*self.rag_buttons.values(), self.rationale, self.evidence_notes,
                       self.confidence, *self.source_checks.values()):
            widget.setEnabled(on)
        self.na_reason.setEnabled(on and self._chosen_rag() == Rag.NOT_APPLICABLE)

    # -- editing --

    def _chosen_rag(self) -> Rag | None:
        i = self.rag_group.checkedId()
        return RAG_CHOICES[i][0] if i >= 0 else None

    def current_fields(self) -> dict:
        confidence = self.confidence.currentIndex()
        return dict(
            rag=self._chosen_rag() or Rag.NOT_RATED,
            na_reason=self.na_reason.text().strip(),
            rationale=self.rationale.toPlainText(),
            evidence_notes=self.evidence_notes.toPlainText(),
            confidence=None if confidence <= 0 else list(Confidence)[confidence - 1],
            source_ids=tuple(i for i, c in self.source_checks.items() if c.isChecked()))

    def choose(self, rag: Rag) -> None:
        """Rate by key: the same as clicking the colour's button."""
        if self._editable and self._cell is not None:
            self.rag_buttons[rag].setChecked(True)
            self._rag_chosen(rag)

    def _rag_chosen(self, rag: Rag) -> None:
        self._enable()
        if rag == Rag.NOT_APPLICABLE and not self.na_reason.text().strip():
            self.na_reason.setFocus()  # saved once the reason is given
            self.na_needs_reason.emit()
            return
        self._save()

    def _na_reason_finished(self) -> None:
        if self._chosen_rag() == Rag.NOT_APPLICABLE and self.na_reason.text().strip():
            self._save()

    def _text_finished(self) -> None:
        fields = self.current_fields()
        if fields["rag"] == Rag.NOT_APPLICABLE and not fields["na_reason"]:
            return  # nothing to save until the reason is there
        self._save()

    def _save(self) -> None:
        if not self._editable or self._cell is None:
            return
        fields = self.current_fields()
        if fields != fields_of(self._cell):
            self.saved.emit(fields)


def _set_text(widget, value: str) -> None:
    if isinstance(widget, QLineEdit):
        if widget.text() != value:
            widget.setText(value)
    elif widget.toPlainText() != value:
        widget.setPlainText(value)


def rating_keys(extra: str = "") -> QLabel:
    """A line saying which keys rate, for the heatmap and the wizard."""
    label = QLabel("Keys: R Red, A Amber, G Green, N not applicable, Delete not yet rated, "
                   "Enter to write the rationale." + extra)
    label.setWordWrap(True)
    return label


class RatingKeys(QObject):
    """Rating by key in a list or table: R / A / G / N call rate(rag), Delete and Backspace
    rate(Rag.NOT_RATED), Enter calls enter(). Other keys (arrows, Tab) do what they do."""

    def __init__(self, view: QWidget, rate, enter=None):
        super().__init__(view)
        self._rate, self._enter = rate, enter
        view.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.Type.KeyPress \
                or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        if key in RAG_KEYS:
            return self._rate(RAG_KEYS[key]) is not False
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return self._rate(Rag.NOT_RATED) is not False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._enter is not None:
            return self._enter() is not False
        return False
