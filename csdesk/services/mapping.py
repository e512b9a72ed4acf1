"""The partnership and the levels: agencies (the map's swimlanes, later the owners of
actions) and the levels at which children are held.

Each operation is one undoable edit (OpenProject.write); plain data in, ids and plain rows
out. Bad input is refused with a ValueError whose message can be shown as it is."""

from dataclasses import dataclass

from sqlmodel import func, select

from ..models import Action, ActionPartner, Agency, Level, Member, Sector, Stage, StageAgency
from .checks import (
    added, existing, known_fields, move_to_index, next_position, renumber, required,
)
from .project import OpenProject


@dataclass(frozen=True)
class AgencyRow:
    id: int
    position: int
    name: str
    sector: str
    notes: str


@dataclass(frozen=True)
class AgencyUses:
    """What refers to an agency: said before it is deleted."""

    stages: tuple[str, ...]  # stages it leads or takes part in
    actions: tuple[str, ...]  # actions it leads or is a partner in
    members: int  # people on board from it

    def __bool__(self) -> bool:
        return bool(self.stages or self.actions or self.members)


@dataclass(frozen=True)
class LevelRow:
    id: int
    position: int
    name: str
    criteria: str
    approx_count: int | None
    count_note: str


# --- Reading -------------------------------------------------------------------------------------


def agencies(project: OpenProject) -> list[AgencyRow]:
    with project.read() as s:
        return [AgencyRow(a.id, a.position, a.name, a.sector, a.notes)
                for a in s.exec(select(Agency).order_by(Agency.position, Agency.id))]


def sectors(project: OpenProject) -> list[str]:
    """The framework's partner sectors, in order."""
    with project.read() as s:
        return list(s.exec(select(Sector.name).order_by(Sector.position)))


def agency_uses(project: OpenProject, agency_id: int) -> AgencyUses:
    with project.read() as s:
        stages = s.exec(select(Stage.name).where(
            (Stage.lead_agency_id == agency_id)
            | Stage.id.in_(select(StageAgency.stage_id).where(StageAgency.agency_id == agency_id))
        ).order_by(Stage.journey_id, Stage.position)).all()
        actions = s.exec(select(Action.title).where(
            (Action.lead_agency_id == agency_id)
            | Action.id.in_(select(ActionPartner.action_id)
                            .where(ActionPartner.agency_id == agency_id))
        ).order_by(Action.position)).all()
        members = s.exec(select(func.count()).select_from(Member)
                         .where(Member.agency_id == agency_id)).one()
        return AgencyUses(tuple(stages), tuple(actions), members)


def levels(project: OpenProject) -> list[LevelRow]:
    with project.read() as s:
        return [LevelRow(lv.id, lv.position, lv.name, lv.criteria, lv.approx_count,
                         lv.count_note)
                for lv in s.exec(select(Level).order_by(Level.position, Level.id))]


# --- Agencies ------------------------------------------------------------------------------------


def _agency_name(s, name: str, agency_id: int | None = None) -> str:
    name = required(name, "An agency's name")
    clash = s.exec(select(Agency.id).where(func.lower(Agency.name) == name.lower())).first()
    if clash is not None and clash != agency_id:
        raise ValueError(f"There is already an agency called \u201c{name}\u201d.")
    return name


def add_agency(project: OpenProject, name: str, sector: str = "", notes: str = "") -> int:
    """A partner agency, last in the list. `sector` is a sector's name (or "")."""
    with project.write("add agency") as s:
        name = _agency_name(s, name)
        return added(s, Agency(position=next_position(s, Agency.position), name=name,
                               sector=sector.strip(), notes=notes)).id


AGENCY_FIELDS = ("name", "sector", "notes")


def update_agency(project: OpenProject, agency_id: int, **changes: str) -> None:
    known_fields(changes, AGENCY_FIELDS, "an agency")
    label = "rename agency" if set(changes) == {"name"} else "change agency"
    with project.write(label) as s:
        agency = existing(s, Agency, agency_id, "agency")
        if "name" in changes:
            changes["name"] = _agency_name(s, changes["name"], agency_id)
        agency.sqlmodel_update(changes)
        s.add(agency)


def delete_agency(project: OpenProject, agency_id: int, move_to: int | None = None) -> None:
    """Remove an agency. What it led or took part in moves to `move_to` (another agency), or
    is left without it (None). One undo step."""
    if move_to == agency_id:
        raise ValueError("Choose a different agency to move its work to.")
    with project.write("delete agency") as s:
        agency = existing(s, Agency, agency_id, "agency")
        if move_to is not None:
            existing(s, Agency, move_to, "agency")
            for model, column in ((Stage, "lead_agency_id"), (Action, "lead_agency_id"),
                                  (Member, "agency_id")):
                for row in s.exec(select(model).where(getattr(model, column) == agency_id)):
                    setattr(row, column, move_to)
                    s.add(row)
            leads = {Stage: {st.id for st in s.exec(select(Stage).where(
                         Stage.lead_agency_id == move_to))},
                     Action: {a.id for a in s.exec(select(Action).where(
                         Action.lead_agency_id == move_to))}}
            for link, owner, parent in ((StageAgency, "stage_id", Stage),
                                        (ActionPartner, "action_id", Action)):
                for row in s.exec(select(link).where(link.agency_id == agency_id)).all():
                    owner_id = getattr(row, owner)
                    # not "taking part" in what it now leads, nor twice
                    if owner_id not in leads[parent] and s.get(link, (owner_id, move_to)) is None:
                        s.add(link(**{owner: owner_id, "agency_id": move_to}))
            s.flush()
        s.delete(agency)
        s.flush()
        renumber(s, Agency)


def move_agency(project: OpenProject, agency_id: int, to_index: int) -> None:
    """Put an agency at `to_index` in the list (the order of the map's lanes)."""
    with project.write("move agency") as s:
        move_to_index(s, Agency, agency_id, to_index)


# --- Levels --------------------------------------------------------------------------------------


LEVEL_FIELDS = ("name", "criteria", "approx_count", "count_note")


def _check_level(changes: dict) -> None:
    known_fields(changes, LEVEL_FIELDS, "a level")
    if "name" in changes:
        changes["name"] = required(changes["name"], "A level's name")
    count = changes.get("approx_count")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
        raise ValueError("A level's count must be a whole number, 0 or more, or left blank "
                         "(approximate, aggregate numbers only).")


def add_level(project: OpenProject, name: str, **fields) -> int:
    fields["name"] = name
    _check_level(fields)
    with project.write("add level") as s:
        return added(s, Level(position=next_position(s, Level.position), **fields)).id


def update_level(project: OpenProject, level_id: int, **changes) -> None:
    """Change a level's name, criteria, approx_count (a whole number, or None if not known)
    or count_note."""
    _check_level(changes)
    with project.write("change level") as s:
        level = existing(s, Level, level_id, "level")
        level.sqlmodel_update(changes)
        s.add(level)


def delete_level(project: OpenProject, level_id: int) -> None:
    """Remove a level; stages held at it are left with no level."""
    with project.write("delete level") as s:
        s.delete(existing(s, Level, level_id, "level"))
        s.flush()
        renumber(s, Level)


def move_level(project: OpenProject, level_id: int, to_index: int) -> None:
    with project.write("move level") as s:
        move_to_index(s, Level, level_id, to_index)
