"""Values: for each review round, how visible each value is across the system (Red / Amber /
Green), with the evidence and examples behind it and how confident the group is.

R / A / G in the list rate the chosen value; the form below holds the evidence."""

from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout

from ..models import Confidence, Rag
from ..services import review
from ..services import review_view as rv
from ..services.project import OpenProject
from .cell_form import RatingKeys
from .in_sight import RefreshInSight, when_in_sight
from .record_editor import Field, RecordEditor
from .rows_model import Column
from .undo import edit
from .widgets import ScrollingScreen, choice, paragraph, save_typing

VALUE_TABLES = {"value_check", "cs_value", "review_round"}
RATINGS = {f"{rag.label} ({rag.letter})" if rag != Rag.NOT_RATED else "Not yet rated": rag
           for rag in (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.NOT_RATED)}
CONFIDENCES = {"Not stated": None, **{c.value.capitalize(): c for c in Confidence}}


@dataclass(frozen=True)
class ValueLine:
    id: int  # the value's
    name: str
    meaning: str
    rating: str  # a key of RATINGS
    evidence: str
    confidence: str  # a key of CONFIDENCES


def _line(v: rv.ValueRow) -> ValueLine:
    rating = next(k for k, rag in RATINGS.items() if rag == v.rag) \
        if v.rag in RATINGS.values() else v.rag.label
    confidence = next(k for k, c in CONFIDENCES.items() if c == v.confidence)
    return ValueLine(v.value_id, v.name, v.meaning, rating, v.evidence, confidence)


class ValuesScreen(RefreshInSight, ScrollingScreen):
    def __init__(self, parent=None):
        super().__init__("Values", parent)
        self._project: OpenProject | None = None
        self.round_id: int | None = None
        self.body.addWidget(paragraph(
            "How visible is each value across the system, in everyday practice? Rate each one "
            "for the review round, with the evidence and examples that show it. R, A and G in "
            "the list rate the chosen value."))
        row = QHBoxLayout()
        label, self.round_box = choice("Review &round", self._round_chosen)
        row.addWidget(label)
        row.addWidget(self.round_box)
        row.addStretch()
        self.body.addLayout(row)
        self.no_round = paragraph("No review round yet: start one in System review.")
        self.body.addWidget(self.no_round)
        self.editor = RecordEditor(
            "value",
            [Column("Value", lambda v: v.name, lambda v: f"{v.name}: {v.rating}"),
             Column("Rating", lambda v: v.rating),
             Column("Confidence", lambda v: v.confidence)],
            [Field("rating", "Ra&ting", "choice", lambda: list(RATINGS)),
             Field("evidence", "Evidence and e&xamples", "notes"),
             Field("confidence", "&Confidence", "choice", lambda: list(CONFIDENCES))],
            mnemonics=False)
        for button in (self.editor.add_button, self.editor.remove_button,
                       self.editor.up_button, self.editor.down_button):
            button.hide()
        self.editor.field_edited.connect(self._edited)
        RatingKeys(self.editor.table, self._rate_key)
        self.meaning = paragraph("")
        self.editor.table.selectionModel().currentRowChanged.connect(lambda *_: self._meaning())
        self.body.addWidget(self.editor)
        self.body.addWidget(self.meaning)

    # -- the project --

    def attach(self, project: OpenProject, signals) -> None:
        self._project = project
        signals.changed.connect(self.refresh)
        self.editor.set_editable(not project.readonly)
        self.show_readonly(project.readonly)
        self.round_id = None
        self.refresh()

    def detach(self) -> None:
        save_typing(self)
        self._project = None

    @when_in_sight
    def refresh(self, changes=None) -> None:
        if self._project is None or (changes is not None and not changes.tables & VALUE_TABLES):
            return
        rounds = rv.rounds(self._project)
        if self.round_id not in {r.id for r in rounds}:
            self.round_id = rounds[-1].id if rounds else None
        self.round_box.clear()
        for r in rounds:
            self.round_box.addItem(r.label, r.id)
        self.round_box.setCurrentIndex(self.round_box.findData(self.round_id))
        self.no_round.setVisible(self.round_id is None)
        self.editor.setVisible(self.round_id is not None)
        lines = [] if self.round_id is None else \
            [_line(v) for v in rv.value_checks(self._project, self.round_id)]
        self.editor.set_rows(lines)
        self._meaning()

    def _round_chosen(self) -> None:
        self.round_id = self.round_box.currentData()
        self.refresh()

    def _meaning(self) -> None:
        row = self.editor.model.row(self.editor.table.currentIndex())
        self.meaning.setText(f"{row.name}: {row.meaning}" if row else "")

    # -- edits --

    def _edited(self, value_id: int, key: str, value) -> None:
        line = next(v for v in self.editor.model.rows if v.id == value_id)
        fields = dict(rating=line.rating, evidence=line.evidence, confidence=line.confidence)
        fields[key] = value
        self._save(value_id, fields)

    def _save(self, value_id: int, fields: dict) -> None:
        edit(self, review.set_value_check, self._project, self.round_id, value_id,
             RATINGS.get(fields["rating"], Rag.NOT_RATED), fields["evidence"],
             CONFIDENCES.get(fields["confidence"]))

    def _rate_key(self, rag: Rag):
        """R / A / G in the list; False leaves other keys to the list."""
        line = self.editor.model.row(self.editor.table.currentIndex())
        if rag not in (Rag.RED, Rag.AMBER, Rag.GREEN) or line is None \
                or self._project is None or self._project.readonly:
            return False
        rating = next(k for k, r in RATINGS.items() if r == rag)
        self._save(line.id, dict(rating=rating, evidence=line.evidence,
                                 confidence=line.confidence))
