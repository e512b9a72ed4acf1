"""Map operations on journeys, their stages and the arrows between them.

Each operation is one undoable edit (OpenProject.write). A stage or journey that ratings or
actions refer to is archived, never destroyed, so the history of the review stays whole."""

from dataclasses import dataclass

from sqlmodel import func, select

from ..models import (
    ActionGap, Agency, ContextType, Journey, JourneyKind, JourneyTemplate, LinkKind, Rating, Stage,
    StageAgency, StageLink,
)
from .checks import (
    added, existing, known_fields, move_to_index, next_position, one_of, ordered, renumber,
    replace_links, required,
)
from .project import OpenProject

STAGE_TEXT = ("what_happens", "decision", "decision_options", "time_note",
              "context_considered", "gaps", "evidence_notes")
STAGE_FIELDS = ("name", "lead_agency_id", "level_id", "days", "waiting_days", *STAGE_TEXT)
JOURNEY_FIELDS = ("title", "description", "context_type")


@dataclass(frozen=True)
class Removal:
    """What deleting a stage or journey did: deleted outright, or archived because ratings or
    actions refer to it (how many of each)."""

    archived: bool
    ratings: int = 0
    actions: int = 0

    def describe(self, what: str, restore_hint: str) -> str:
        """e.g. describe("stage", "Show archived stages to restore it.")"""
        if not self.archived:
            return f"The {what} was deleted."
        return (f"The {what} was archived, not deleted: {self.ratings} rating(s) and "
                f"{self.actions} action(s) refer to it. {restore_hint}")


# --- Checks --------------------------------------------------------------------------------------


def _days(value, what: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{what} must be a whole number of days, 0 or more, or left blank.")
    return value


def _check_stage(fields: dict) -> dict:
    known_fields(fields, STAGE_FIELDS, "a stage")
    if "name" in fields:
        fields["name"] = required(fields["name"], "A stage's name")
    for key, what in (("days", "The time a stage takes"), ("waiting_days", "The wait")):
        if key in fields:
            fields[key] = _days(fields[key], what)
    return fields


# --- Journeys ------------------------------------------------------------------------------------


def add_journey(project: OpenProject, kind: JourneyKind | str, title: str, description: str = "",
                context_type: ContextType | str | None = None,
                template_id: int | None = None) -> int:
    """A child journey (no context type) or a context journey (with one), last in the list;
    blank, or with the stages of one of the framework's journey templates."""
    kind = one_of(JourneyKind, kind, "a kind of journey")
    title = required(title, "A journey's title")
    if kind == JourneyKind.CHILD and context_type is not None:
        raise ValueError("A child's journey has no context type.")
    if kind == JourneyKind.CONTEXT:
        context_type = one_of(ContextType, context_type, "a kind of context")
    with project.write("add journey") as s:
        journey = added(s, Journey(position=next_position(s, Journey.position), kind=kind,
                                   context_type=context_type, title=title,
                                   description=description))
        if template_id is not None:
            template = existing(s, JourneyTemplate, template_id, "journey template")
            for name in filter(None, (n.strip() for n in template.stages.splitlines())):
                add_stage(project, journey.id, name, link_from_last=True)
        return journey.id


def update_journey(project: OpenProject, journey_id: int, **changes) -> None:
    known_fields(changes, JOURNEY_FIELDS, "a journey")
    if "title" in changes:
        changes["title"] = required(changes["title"], "A journey's title")
    with project.write("rename journey" if set(changes) == {"title"} else "change journey") as s:
        journey = existing(s, Journey, journey_id, "journey")
        if "context_type" in changes and journey.kind == JourneyKind.CONTEXT:
            changes["context_type"] = one_of(ContextType, changes["context_type"],
                                             "a kind of context")
        elif "context_type" in changes:
            raise ValueError("A child's journey has no context type.")
        journey.sqlmodel_update(changes)
        s.add(journey)


def delete_journey(project: OpenProject, journey_id: int) -> Removal:
    with project.write("delete journey") as s:
        journey = existing(s, Journey, journey_id, "journey")
        stage_ids = select(Stage.id).where(Stage.journey_id == journey_id)
        return _archive_or_delete(s, journey, _uses(s, Stage.id.in_(stage_ids)))


def restore_journey(project: OpenProject, journey_id: int) -> None:
    with project.write("restore journey") as s:
        journey = existing(s, Journey, journey_id, "journey")
        journey.archived = False
        s.add(journey)


# --- Stages --------------------------------------------------------------------------------------


def add_stage(project: OpenProject, journey_id: int, name: str, *, after: int | None = None,
              link_from_last: bool = False, agency_ids=(), **fields) -> int:
    """A stage at the end of a journey, or just after the stage `after`. `fields` are any of
    STAGE_FIELDS. link_from_last: a "next" arrow from the stage that was last."""
    fields = _check_stage({**fields, "name": name})
    with project.write("add stage") as s:
        existing(s, Journey, journey_id, "journey")
        stages = ordered(s, Stage, Stage.journey_id == journey_id, ~Stage.archived)
        stage = added(s, Stage(journey_id=journey_id, position=next_position(
            s, Stage.position, Stage.journey_id == journey_id, ~Stage.archived), **fields))
        if after is not None:
            index = next((i for i, st in enumerate(stages) if st.id == after), len(stages) - 1)
            renumber(s, Stage, rows=[*stages[:index + 1], stage, *stages[index + 1:]])
        if agency_ids:
            replace_links(s, StageAgency, "stage_id", stage.id, "agency_id", agency_ids)
        if link_from_last and stages and after is None:
            link_stages(project, stages[-1].id, stage.id, LinkKind.NEXT)
        return stage.id


def update_stage(project: OpenProject, stage_id: int, **changes) -> None:
    """Change any of STAGE_FIELDS."""
    changes = _check_stage(changes)
    with project.write("rename stage" if set(changes) == {"name"} else "edit stage") as s:
        stage = existing(s, Stage, stage_id, "stage")
        stage.sqlmodel_update(changes)
        s.add(stage)


def set_lead_agencies(project: OpenProject, leads: dict[int, int]) -> int:
    """Lead agencies for several stages at once ({stage id: agency id}): one edit, one undo
    step (the "Set lead agencies…" helper for stages mapped, or migrated, without one).
    Returns how many stages changed."""
    with project.write("set lead agencies") as s:
        changed = 0
        for stage_id, agency_id in leads.items():
            stage = existing(s, Stage, stage_id, "stage")
            existing(s, Agency, agency_id, "agency")
            if stage.lead_agency_id != agency_id:
                stage.lead_agency_id = agency_id
                s.add(stage)
                changed += 1
        return changed


def set_stage_agencies(project: OpenProject, stage_id: int, agency_ids) -> None:
    """The agencies taking part in a stage (besides its lead) become exactly `agency_ids`."""
    with project.write("change stage agencies") as s:
        existing(s, Stage, stage_id, "stage")
        replace_links(s, StageAgency, "stage_id", stage_id, "agency_id", agency_ids)


def duplicate_stage(project: OpenProject, stage_id: int) -> int:
    """A copy of a stage (fields and agencies, not its arrows) just after it."""
    with project.write("duplicate stage") as s:
        stage = existing(s, Stage, stage_id, "stage")
        fields = {f: getattr(stage, f) for f in STAGE_FIELDS}
        fields["name"] = f"{stage.name} (copy)"
        agency_ids = s.exec(select(StageAgency.agency_id)
                            .where(StageAgency.stage_id == stage_id)).all()
        return add_stage(project, stage.journey_id, after=stage_id, agency_ids=agency_ids,
                         **fields)


def move_stage(project: OpenProject, stage_id: int, to_index: int) -> None:
    """Put a stage at `to_index` among its journey's stages."""
    with project.write("move stage") as s:
        stage = existing(s, Stage, stage_id, "stage")
        move_to_index(s, Stage, stage_id, to_index, Stage.journey_id == stage.journey_id,
                      ~Stage.archived)


def delete_stage(project: OpenProject, stage_id: int) -> Removal:
    """Delete a stage, or archive it if ratings or actions refer to it."""
    with project.write("delete stage") as s:
        stage = existing(s, Stage, stage_id, "stage")
        return _archive_or_delete(s, stage, _uses(s, Stage.id == stage_id),
                                  Stage.journey_id == stage.journey_id, ~Stage.archived)


def restore_stage(project: OpenProject, stage_id: int) -> None:
    """Bring an archived stage back, at the end of its journey."""
    with project.write("restore stage") as s:
        stage = existing(s, Stage, stage_id, "stage")
        stage.archived = False
        stage.position = next_position(s, Stage.position, Stage.journey_id == stage.journey_id,
                                       ~Stage.archived)
        s.add(stage)


def _archive_or_delete(s, row, removal: Removal, *siblings) -> Removal:
    """Archive `row` if ratings or actions refer to it, else delete it; then close the gap
    in the order of its siblings (the rows matching `siblings`)."""
    if removal.archived:
        row.archived = True
        s.add(row)
    else:
        s.delete(row)
    s.flush()
    renumber(s, type(row), *siblings)
    return removal


def _uses(s, which) -> Removal:
    ratings = s.exec(select(func.count()).select_from(Rating).where(
        Rating.stage_id.in_(select(Stage.id).where(which)))).one()
    actions = s.exec(select(func.count(func.distinct(ActionGap.action_id))).where(
        ActionGap.stage_id.in_(select(Stage.id).where(which)))).one()
    return Removal(bool(ratings or actions), ratings, actions)


# --- Links ---------------------------------------------------------------------------------------


def link_stages(project: OpenProject, from_stage_id: int, to_stage_id: int,
                kind: LinkKind | str = LinkKind.NEXT, note: str = "") -> int:
    """An arrow: the next stage or a branch (within a journey, loops back allowed), or a child
    journey stage that triggers or feeds a context journey stage."""
    kind = one_of(LinkKind, kind, "a kind of link")
    if from_stage_id == to_stage_id:
        raise ValueError("A stage cannot lead to itself.")
    with project.write("link stages") as s:
        source = existing(s, Stage, from_stage_id, "stage")
        target = existing(s, Stage, to_stage_id, "stage")
        if kind == LinkKind.TRIGGERS_CONTEXT:
            kinds = (s.get(Journey, source.journey_id).kind, s.get(Journey, target.journey_id).kind)
            if kinds != (JourneyKind.CHILD, JourneyKind.CONTEXT):
                raise ValueError("A child journey stage can trigger a context journey stage; "
                                 "link other stages with a next or branch arrow.")
        elif source.journey_id != target.journey_id:
            raise ValueError("Next and branch arrows join stages of the same journey; to "
                             "link to a context journey, use \u201ctriggers context\u201d.")
        if s.exec(select(StageLink).where(StageLink.from_stage_id == from_stage_id,
                                          StageLink.to_stage_id == to_stage_id)).first():
            raise ValueError("Those stages are already linked.")
        return added(s, StageLink(from_stage_id=from_stage_id, to_stage_id=to_stage_id,
                                  kind=kind, note=note.strip())).id


def unlink(project: OpenProject, link_id: int) -> None:
    with project.write("remove arrow") as s:
        s.delete(existing(s, StageLink, link_id, "arrow"))
