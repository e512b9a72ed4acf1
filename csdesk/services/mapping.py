"""Map operations: agencies, levels, journeys, their stages and the arrows between them.

Each operation is one undoable edit (OpenProject.write); plain data in, the new row's id out.
Bad input is refused with a ValueError whose message can be shown as it is; an id that is not
in the project is refused by the file itself (a foreign key: EditRefusedError)."""

from sqlmodel import select

from ..models import (
    Agency, ContextType, Journey, JourneyKind, Level, LinkKind, Stage, StageAgency, StageLink,
)
from .checks import added, existing, next_position, one_of, replace_links, required
from .project import OpenProject

# --- Agencies and levels -------------------------------------------------------------------------


def add_agency(project: OpenProject, name: str, sector: str = "") -> int:
    """A partner agency, last in the list. `sector` is a sector's name (or "")."""
    name = required(name, "An agency's name")
    with project.write("add agency") as s:
        position = next_position(s, Agency.position)
        return added(s, Agency(position=position, name=name, sector=sector.strip())).id


LEVEL_FIELDS = ("criteria", "approx_count", "count_note")


def update_level(project: OpenProject, level_id: int, **changes) -> None:
    """Change a level's criteria, approx_count (a whole number, or None if not known) or
    count_note."""
    unknown = set(changes) - set(LEVEL_FIELDS)
    if unknown:
        raise ValueError(f"Not something a level records: {', '.join(sorted(unknown))}.")
    count = changes.get("approx_count")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
        raise ValueError("A level's count must be a whole number, 0 or more, or left blank.")
    with project.write("change level") as s:
        level = existing(s, Level, level_id, "level")
        level.sqlmodel_update(changes)
        s.add(level)


# --- Journeys, stages and links ------------------------------------------------------------------


def add_journey(project: OpenProject, kind: JourneyKind | str, title: str, description: str = "",
                context_type: ContextType | str | None = None) -> int:
    """A child journey (no context type) or a context journey (with one), last in the list."""
    kind = one_of(JourneyKind, kind, "a kind of journey")
    title = required(title, "A journey's title")
    if kind == JourneyKind.CHILD and context_type is not None:
        raise ValueError("A child's journey has no context type.")
    if kind == JourneyKind.CONTEXT:
        context_type = one_of(ContextType, context_type, "a kind of context")
    with project.write("add journey") as s:
        position = next_position(s, Journey.position)
        return added(s, Journey(position=position, kind=kind, context_type=context_type,
                                title=title, description=description)).id


STAGE_TEXT = ("what_happens", "decision", "decision_options", "time_taken", "waiting_time",
              "context_considered", "gaps", "evidence_notes")


def add_stage(project: OpenProject, journey_id: int, name: str, level_id: int | None = None,
              **text: str) -> int:
    """A stage at the end of a journey. `text` holds any of STAGE_TEXT (what happens, who
    decides, the options, times, how context is considered, gaps, what this is based on)."""
    name = required(name, "A stage's name")
    unknown = set(text) - set(STAGE_TEXT)
    if unknown:
        raise ValueError(f"Not something a stage records: {', '.join(sorted(unknown))}.")
    with project.write("add stage") as s:
        position = next_position(s, Stage.position, Stage.journey_id == journey_id)
        return added(s, Stage(journey_id=journey_id, position=position, name=name,
                              level_id=level_id, **text)).id


def set_stage_agencies(project: OpenProject, stage_id: int, agency_ids) -> None:
    """The agencies taking part in a stage become exactly `agency_ids`."""
    with project.write("change stage agencies") as s:
        replace_links(s, StageAgency, "stage_id", stage_id, "agency_id", agency_ids)


def link_stages(project: OpenProject, from_stage_id: int, to_stage_id: int,
                kind: LinkKind | str = LinkKind.NEXT, note: str = "") -> int:
    """An arrow from one stage to another: the next stage, a branch, or a child stage that
    triggers or feeds a context journey stage."""
    kind = one_of(LinkKind, kind, "a kind of link")
    if from_stage_id == to_stage_id:
        raise ValueError("A stage cannot lead to itself.")
    with project.write("link stages") as s:
        if s.exec(select(StageLink).where(StageLink.from_stage_id == from_stage_id,
                                          StageLink.to_stage_id == to_stage_id,
                                          StageLink.kind == kind)).first():
            raise ValueError("Those stages are already linked that way.")
        return added(s, StageLink(from_stage_id=from_stage_id, to_stage_id=to_stage_id,
                                  kind=kind, note=note)).id
