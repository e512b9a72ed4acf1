"""Plan operations: roadmap steps, the people leading the change, actions and their progress.

Each operation is one undoable edit (OpenProject.write); plain data in, the new row's id out.
Bad input is refused with a ValueError whose message can be shown as it is; an id that is not
in the project is refused by the file itself (a foreign key: EditRefusedError)."""

from dataclasses import dataclass
from datetime import date

from ..models import (
    Action, ActionGap, ActionPartner, ActionStatus, Member, MemberGroup, PlanLevel, Priority,
    ProgressNote, RoadmapStep, StepStatus,
)
from .checks import added, existing, next_position, one_of, optional_date, required
from .project import OpenProject

STEP_FIELDS = ("status", "started_on", "completed_on", "notes")


def update_roadmap_step(project: OpenProject, step_id: int, **changes) -> None:
    """Change a roadmap step's status, started_on, completed_on or notes."""
    unknown = set(changes) - set(STEP_FIELDS)
    if unknown:
        raise ValueError(f"Not something a roadmap step records: {', '.join(sorted(unknown))}.")
    if "status" in changes:
        changes["status"] = one_of(StepStatus, changes["status"], "a step's status")
    for field, what in (("started_on", "A step's start"), ("completed_on", "A step's end")):
        if field in changes:
            optional_date(changes[field], what)
    with project.write("change roadmap step") as s:
        step = existing(s, RoadmapStep, step_id, "roadmap step")
        step.sqlmodel_update(changes)
        if step.started_on and step.completed_on and step.completed_on < step.started_on:
            raise ValueError("A step cannot be completed before it started.")
        s.add(step)


def add_member(project: OpenProject, group: MemberGroup | str, role: str,
               agency_id: int | None = None, name: str = "", notes: str = "") -> int:
    """Someone in the governance group, a champion or a critical friend. The role (and the
    agency) are enough; a name is optional."""
    group = one_of(MemberGroup, group, "a group of people")
    role = required(role, "A person's role")
    with project.write("add member") as s:
        return added(s, Member(member_group=group, agency_id=agency_id, role=role,
                               name=name.strip(), notes=notes)).id


@dataclass(frozen=True)
class Gap:
    """A gap an action addresses: a stage or a system-wide area, in one domain."""

    domain_id: int
    stage_id: int | None = None
    area_id: int | None = None


def add_action(project: OpenProject, title: str, *, description: str = "",
               plan_level: PlanLevel | str = PlanLevel.BOTH, lead_agency_id: int | None = None,
               owner_role: str = "", start_on: date | None = None, due_on: date | None = None,
               review_on: date | None = None,
               status: ActionStatus | str = ActionStatus.NOT_STARTED,
               priority: Priority | str = Priority.MEDIUM, goal: str = "", response: str = "",
               measure: str = "", success_looks_like: str = "",
               roadmap_step_id: int | None = None, journey_id: int | None = None,
               partner_ids=(), gaps: tuple[Gap, ...] = ()) -> int:
    """An action, last in the plan, with its partner agencies and the gaps it addresses.
    For context work, goal / response / measure follow the Contextual Outcomes Framework."""
    fields = dict(
        title=required(title, "An action's title"), description=description,
        plan_level=one_of(PlanLevel, plan_level, "a level of work"),
        lead_agency_id=lead_agency_id, owner_role=owner_role,
        start_on=optional_date(start_on, "An action's start date"),
        due_on=optional_date(due_on, "An action's due date"),
        review_on=optional_date(review_on, "An action's review date"),
        status=one_of(ActionStatus, status, "an action's status"),
        priority=one_of(Priority, priority, "a priority"), goal=goal, response=response,
        measure=measure, success_looks_like=success_looks_like,
        roadmap_step_id=roadmap_step_id, journey_id=journey_id)
    if start_on and due_on and due_on < start_on:
        raise ValueError("An action cannot be due before it starts.")
    if any((g.stage_id is None) == (g.area_id is None) for g in gaps):
        raise ValueError("A gap is in one stage or one system-wide area.")
    with project.write("add action") as s:
        action = added(s, Action(position=next_position(s, Action.position), **fields))
        for agency_id in dict.fromkeys(partner_ids):
            s.add(ActionPartner(action_id=action.id, agency_id=agency_id))
        for gap in dict.fromkeys(gaps):
            s.add(ActionGap(action_id=action.id, stage_id=gap.stage_id, area_id=gap.area_id,
                            domain_id=gap.domain_id))
        s.flush()
        return action.id


def add_progress_note(project: OpenProject, action_id: int, noted_on: date, text: str) -> int:
    """A dated note of how an action is going."""
    text = required(text, "A progress note")
    if optional_date(noted_on, "A progress note's date") is None:
        raise ValueError("A progress note needs a date.")
    with project.write("add progress note") as s:
        return added(s, ProgressNote(action_id=action_id, noted_on=noted_on, text=text)).id
