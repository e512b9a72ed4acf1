"""Agencies and levels: the partnership whose agencies are the map's swimlanes (and later
own actions), and the levels at which children affected by extra-familial harm are held."""

from PySide6.QtWidgets import QGroupBox, QVBoxLayout

from ..services import mapping
from ..services.project import OpenProject
from . import dialogs
from .record_editor import Field, RecordEditor
from .rows_model import Column
from .undo import edit
from .widgets import ScrollingScreen, paragraph, save_typing

AGENCY_TABLES = {"agency", "sector"}
LEVEL_TABLES = {"level"}
COUNT_HELP = ("Approximate, aggregate numbers only (for example from a monthly snapshot): "
              "never children's details.")


def _count(level) -> str:
    return "not known" if level.approx_count is None else f"about {level.approx_count}"


class LevelsScreen(ScrollingScreen):
    def __init__(self, parent=None):
        super().__init__("Agencies and levels", parent)
        layout = self.body

        agencies_box = QGroupBox("Partner agencies")
        inner = QVBoxLayout(agencies_box)
        inner.addWidget(paragraph(
            "The agencies of the partnership. Each is a swimlane on the journey maps and can "
            "lead actions in the plan. Roles and agencies are enough: no names needed."))
        self.agencies = RecordEditor(
            "agency",
            [Column("Agency", lambda a: a.name), Column("Sector", lambda a: a.sector),
             Column("Notes", lambda a: a.notes.splitlines()[0] if a.notes else "",
                    lambda a: f"{a.name}: notes: {a.notes}" if a.notes else f"{a.name}: no notes")],
            [Field("name", "Agency &name"),
             Field("sector", "&Sector", "choice", lambda: self._sectors),
             Field("notes", "Agency n&otes", "notes")])
        inner.addWidget(self.agencies)
        layout.addWidget(agencies_box)

        levels_box = QGroupBox("Levels where children are held")
        inner = QVBoxLayout(levels_box)
        inner.addWidget(paragraph(
            "Where children affected by extra-familial harm are held (Early Help, Child in "
            "Need, Child Protection...), in order, with the criteria and an approximate count. "
            + COUNT_HELP))
        self.levels = RecordEditor(
            "level",
            [Column("Level", lambda lv: lv.name),
             Column("Criteria", lambda lv: lv.criteria.splitlines()[0] if lv.criteria else ""),
             Column("Children held", _count,
                    lambda lv: f"{lv.name}: {_count(lv)} children {lv.count_note}".strip())],
            # Letters not used by the agencies above: one Alt+letter, one field.
            [Field("name", "&Level name"), Field("criteria", "C&riteria", "notes"),
             Field("approx_count", "Appro&ximate count", "count", help=COUNT_HELP),
             Field("count_note", "Coun&t note (e.g. snapshot date)")],
            mnemonics=False)
        inner.addWidget(self.levels)
        layout.addWidget(levels_box)

        self._project: OpenProject | None = None
        self._sectors: list[str] = []
        self.agencies.field_edited.connect(
            lambda row_id, key, value: self._edit(mapping.update_agency, row_id, key, value))
        self.agencies.add_requested.connect(self._add_agency)
        self.agencies.remove_requested.connect(self._remove_agency)
        self.agencies.move_requested.connect(
            lambda row_id, to: edit(self, mapping.move_agency, self._project, row_id, to))
        self.levels.field_edited.connect(
            lambda row_id, key, value: self._edit(mapping.update_level, row_id, key, value))
        self.levels.add_requested.connect(self._add_level)
        self.levels.remove_requested.connect(self._remove_level)
        self.levels.move_requested.connect(
            lambda row_id, to: edit(self, mapping.move_level, self._project, row_id, to))

    # -- the project --

    def attach(self, project: OpenProject, signals) -> None:
        self._project = project
        signals.changed.connect(self.refresh)
        for editor in (self.agencies, self.levels):
            editor.set_editable(not project.readonly)
        self.show_readonly(project.readonly)
        self.refresh()

    def detach(self) -> None:
        save_typing(self)
        self._project = None

    def refresh(self, changes=None) -> None:
        if self._project is None:
            return
        if changes is None or changes.tables & AGENCY_TABLES:
            self._sectors = mapping.sectors(self._project)
            self.agencies.set_rows(mapping.agencies(self._project))
        if changes is None or changes.tables & LEVEL_TABLES:
            self.levels.set_rows(mapping.levels(self._project))

    # -- edits --

    def _edit(self, operation, row_id: int, key: str, value) -> None:
        edit(self, operation, self._project, row_id, **{key: value})

    def _add_agency(self) -> None:
        name = _free_name("New agency", {a.name for a in self.agencies.model.rows})
        if edit(self, self._created(self.agencies, mapping.add_agency), self._project, name):
            self.agencies.inputs["name"].setFocus()
            self.agencies.inputs["name"].selectAll()

    def _add_level(self) -> None:
        name = _free_name("New level", {lv.name for lv in self.levels.model.rows})
        if edit(self, self._created(self.levels, mapping.add_level), self._project, name):
            self.levels.inputs["name"].setFocus()
            self.levels.inputs["name"].selectAll()

    @staticmethod
    def _created(editor: RecordEditor, operation):
        """The operation, then select what it made."""
        def run(*args):
            editor.select(operation(*args))
        return run

    def _remove_agency(self, agency_id: int) -> None:
        agency = next(a for a in self.agencies.model.rows if a.id == agency_id)
        uses = mapping.agency_uses(self._project, agency_id)
        others = [(a.id, a.name) for a in self.agencies.model.rows if a.id != agency_id]
        if uses:
            text = f"{agency.name} " + "; ".join(part for part in (
                f"leads or takes part in {len(uses.stages)} stage(s): "
                f"{', '.join(uses.stages[:5])}" if uses.stages else "",
                f"leads or is a partner in {len(uses.actions)} action(s): "
                f"{', '.join(uses.actions[:5])}" if uses.actions else "",
                f"has {uses.members} person(s) on board" if uses.members else "") if part) + "."
            answer = dialogs.ask_move_to(self, text, others)
            if answer is dialogs.CANCELLED:
                return
            edit(self, mapping.delete_agency, self._project, agency_id, answer)
        else:
            edit(self, mapping.delete_agency, self._project, agency_id)

    def _remove_level(self, level_id: int) -> None:
        edit(self, mapping.delete_level, self._project, level_id)


def _free_name(base: str, taken: set[str]) -> str:
    name, n = base, 2
    while name in taken:
        name, n = f"{base} {n}", n + 1
    return name
