"""The form of one stage: its heading, every field, the other agencies involved, and the
arrows from and to it.

The form only shows and reports: show_stage() puts a stage's saved values in (leaving alone
a field someone is typing in), and it signals when a field is left, an agency ticked or an
arrow chosen; the editor runs the operations."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QSizePolicy,
    QToolButton, QVBoxLayout, QWidget,
)

from ..services.journey_view import NO_LEAD, StageView
from . import stage_fields
from .stage_fields import NONE, Field, FormLabel, fill
from .stage_list import NOT_SET
from .widgets import heading, paragraph

LINK_ROLE = Qt.ItemDataRole.UserRole
AGENCY_ROLE = Qt.ItemDataRole.UserRole

# Mnemonics: none of F, E, V, G, H (the menus) and none used twice on this screen.
ROWS = (
    ("&Name", stage_fields.line, "name"),
    ("Lead agenc&y", stage_fields.choice, "lead_agency_id"),
    ("Other &agencies involved", None, "agencies"),
    ("Who &decides", stage_fields.line, "decision"),
    ("Decision &options", stage_fields.notes, "decision_options"),
    ("&Level held at", stage_fields.choice, "level_id"),
    ("&Time it takes", stage_fields.days, "days"),
    ("&Waiting before it", stage_fields.days, "waiting_days"),
    ("Time note", stage_fields.line, "time_note"),  # Alt+M is the Map tab
    ("What ha&ppens", stage_fields.notes, "what_happens"),
    ("How extra-familial &context is considered today", stage_fields.notes,
     "context_considered"),
    ("Gaps and pain po&ints", stage_fields.notes, "gaps"),
    ("What this picture is &based on", stage_fields.notes, "evidence_notes"),
)


class StageForm(QWidget):
    field_left = Signal(object)  # the Field the user left: commit it
    agencies_toggled = Signal()  # an agency was ticked or unticked
    arrow_activated = Signal(object)  # the link id of an arrow chosen with Enter or a click
    arrow_current_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        self.stage_heading = heading("", 1.2)
        outer.addWidget(self.stage_heading)
        self.archived_note = paragraph("This stage is archived: ratings or actions refer to it. "
                                       "Restore it to change it.")
        outer.addWidget(self.archived_note)
        form = QFormLayout()
        # Labels above their fields: the fields get the pane's whole width, and long labels
        # ("How extra-familial context is considered today") never squeeze them.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, Field] = {}
        for label, make, key in ROWS:
            if make is None:
                self.agencies = QListWidget()
                self.agencies.setObjectName("agencies")
                self.agencies.setAccessibleName("Other agencies involved")
                self.agencies.setSizePolicy(QSizePolicy.Policy.Expanding,
                                            QSizePolicy.Policy.Fixed)
                self.agencies.itemChanged.connect(lambda _item: self.agencies_toggled.emit())
                form.addRow(self._label(label, self.agencies), self.agencies)
                continue
            field = make(key)
            field.widget.setObjectName(field.key)
            field.widget.setAccessibleName(label.replace("&", ""))
            field.widget.editingFinished.connect(lambda f=field: self.field_left.emit(f))
            self.fields[field.key] = field
            form.addRow(self._label(label, field.widget), field.widget)
        f = self.fields
        self.name, self.lead, self.decision, self.options = (
            f["name"].widget, f["lead_agency_id"].widget, f["decision"].widget,
            f["decision_options"].widget)
        self.level, self.days, self.waiting, self.time_note = (
            f["level_id"].widget, f["days"].widget, f["waiting_days"].widget,
            f["time_note"].widget)
        self.what, self.context, self.gaps, self.evidence = (
            f["what_happens"].widget, f["context_considered"].widget, f["gaps"].widget,
            f["evidence_notes"].widget)
        self.time_note.setPlaceholderText("e.g. 5 to 10 days, longer in school holidays")
        outer.addLayout(form)

        self.arrows_box = QGroupBox("Arrows from and to this stage")
        arrows_layout = QVBoxLayout(self.arrows_box)
        self.arrows = QListWidget()
        self.arrows.setObjectName("arrows")
        self.arrows.setAccessibleName("Arrows from and to this stage")
        self.arrows.setWordWrap(True)
        self.arrows.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.arrows.currentRowChanged.connect(lambda _: self.arrow_current_changed.emit())
        self.arrows.itemActivated.connect(  # Enter or a double click
            lambda item: self.arrow_activated.emit(item.data(LINK_ROLE)))
        arrows_layout.addWidget(self.arrows)
        arrow_buttons = QHBoxLayout()
        self.add_arrow_button, self.remove_arrow_button = QToolButton(), QToolButton()
        arrow_buttons.addWidget(self.add_arrow_button)
        arrow_buttons.addWidget(self.remove_arrow_button)
        arrow_buttons.addStretch()
        arrows_layout.addLayout(arrow_buttons)
        outer.addWidget(self.arrows_box)
        outer.addStretch()
        self.fit_lists()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        """A form label with its field as buddy (so its mnemonic jumps there) that wraps
        only when the form is narrower than it."""
        label = FormLabel(text)
        label.setBuddy(buddy)
        return label

    def fit_lists(self) -> None:
        """Heights in lines of the current font, so they grow with View > Zoom."""
        line = self.fontMetrics().lineSpacing()
        self.agencies.setFixedHeight(int(line * 6.5) + 2 * self.agencies.frameWidth())
        self.arrows.setFixedHeight(int(line * 5.5) + 2 * self.arrows.frameWidth())

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange:
            self.fit_lists()
        super().changeEvent(event)

    def chain(self) -> list[QWidget]:
        """The form's widgets in Tab order: the fields (the agencies third), the arrows."""
        widgets = [f.widget for f in self.fields.values()]
        return [*widgets[:2], self.agencies, *widgets[2:], self.arrows, self.add_arrow_button,
                self.remove_arrow_button]

    # ----- choices -----

    def set_agencies(self, agencies: list[tuple[str, int]], readonly: bool) -> None:
        """The lead agency's choices and the list of other agencies: (name, id)."""
        fill(self.lead, [(NO_LEAD, NONE)] + agencies)
        self.agencies.blockSignals(True)
        self.agencies.clear()
        for name, agency_id in agencies:
            item = QListWidgetItem(name, self.agencies)
            item.setData(AGENCY_ROLE, agency_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | (Qt.ItemFlag.NoItemFlags if readonly
                             else Qt.ItemFlag.ItemIsUserCheckable))
            item.setCheckState(Qt.CheckState.Unchecked)
        self.agencies.blockSignals(False)

    def set_levels(self, levels: list[tuple[str, int]]) -> None:
        fill(self.level, [(NOT_SET, NONE)] + levels)

    def put_agencies(self, agency_ids) -> None:
        wanted = set(agency_ids)
        self.agencies.blockSignals(True)
        for i in range(self.agencies.count()):
            item = self.agencies.item(i)
            state = (Qt.CheckState.Checked if item.data(AGENCY_ROLE) in wanted
                     else Qt.CheckState.Unchecked)
            if item.checkState() != state:
                item.setCheckState(state)
        self.agencies.blockSignals(False)

    def checked_agencies(self) -> tuple[int, ...]:
        return tuple(self.agencies.item(i).data(AGENCY_ROLE)
                     for i in range(self.agencies.count())
                     if self.agencies.item(i).checkState() == Qt.CheckState.Checked)

    # ----- showing a stage -----

    def show_stage(self, stage: StageView, old: StageView | None, editable: bool,
                   arrows: list[tuple[int, str]]) -> None:
        """All of a stage if `old` (the stage shown before) is another stage; else only the
        fields that changed, leaving alone a field someone is typing in."""
        same = old is not None and old.id == stage.id
        for field in self.fields.values():
            new = getattr(stage, field.key)
            shown = field.get()
            if shown == new:
                continue
            if same and field.has_focus() and shown != getattr(old, field.key):
                continue  # being typed in: what is typed wins when the user leaves it
            field.show(new)
        if set(self.checked_agencies()) != set(stage.agency_ids):
            self.put_agencies(stage.agency_ids)
        position = f"Stage {stage.position + 1}" if not stage.archived else "Archived stage"
        title = f"{position}: {stage.name}"
        if self.stage_heading.text() != title:
            self.stage_heading.setText(title)
            self.stage_heading.setAccessibleName(title)
        self.archived_note.setVisible(stage.archived)
        self.set_editable(editable)
        self.show_arrows(arrows)

    def set_editable(self, editable: bool) -> None:
        for field in self.fields.values():
            field.set_editable(editable)
        self.agencies.setEnabled(editable)

    def show_arrows(self, texts: list[tuple[int, str]]) -> None:
        """(link id, text) for each arrow; the chosen arrow stays chosen."""
        shown = [(self.arrows.item(i).data(LINK_ROLE), self.arrows.item(i).text())
                 for i in range(self.arrows.count())]
        if shown == texts:
            return
        current = self.arrows.currentItem()
        current_id = current.data(LINK_ROLE) if current else None
        self.arrows.blockSignals(True)
        self.arrows.clear()
        for link_id, text in texts:
            item = QListWidgetItem(text, self.arrows)
            item.setData(LINK_ROLE, link_id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         text.replace("→", "Arrow to").replace("←", "Arrow from"))
            if link_id == current_id:
                self.arrows.setCurrentItem(item)
        if not texts:
            item = QListWidgetItem("No arrows yet.", self.arrows)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.arrows.blockSignals(False)

    def current_link_id(self) -> int | None:
        item = self.arrows.currentItem()
        return item.data(LINK_ROLE) if item is not None else None
