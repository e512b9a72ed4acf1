"""Plan operations: roadmap steps, the people leading the change, actions and their progress.

Each operation is one undoable edit (OpenProject.write); plain data in, the new row's id out.
Bad input is refused with a ValueError whose message can be shown as it is; an id that is not
in the project is refused by the file itself (a foreign key: EditRefusedError)."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from ..models import (
    Action, ActionGap, ActionPartner, ActionStatus, Domain, Member, MemberGroup, PlanLevel,
    Priority, ProgressNote, RoadmapStep, StepStatus, Vision,
)
from .checks import (
    added, existing, known_fields, move_to_index, next_position, one_of, optional_date,
    renumber, replace_links, required,
)
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
               agency_id: int | None = None, name: str = "", notes: str = "", *,
               organisation: str = "", trained: bool = False) -> int:
    """Someone in the governance group, a champion or a critical friend. The role (and the
    agency, or for someone from outside the partnership the organisation) are enough; a name
    is optional."""
    group = one_of(MemberGroup, group, "a group of people")
    role = required(role, "A person's role")
    with project.write("add member") as s:
        return added(s, Member(member_group=group, agency_id=agency_id, role=role,
                               name=name.strip(), notes=notes,
                               organisation=organisation.strip(), trained=bool(trained))).id


MEMBER_FIELDS = ("member_group", "agency_id", "organisation", "role", "name", "trained", "notes")


def update_member(project: OpenProject, member_id: int, **changes) -> None:
    """Change what is recorded about someone on board (MEMBER_FIELDS)."""
    known_fields(changes, MEMBER_FIELDS, "a person on board")
    if "member_group" in changes:
        changes["member_group"] = one_of(MemberGroup, changes["member_group"],
                                         "a group of people")
    if "role" in changes:
        changes["role"] = required(changes["role"], "A person's role")
    for key in ("name", "organisation"):
        if key in changes:
            changes[key] = (changes[key] or "").strip()
    if "trained" in changes:
        changes["trained"] = bool(changes["trained"])
    with project.write("change person on board") as s:
        member = existing(s, Member, member_id, "person")
        member.sqlmodel_update(changes)
        s.add(member)


def delete_member(project: OpenProject, member_id: int) -> None:
    with project.write("delete person on board") as s:
        s.delete(existing(s, Member, member_id, "person"))


def move_roadmap_step(project: OpenProject, step_id: int, to_index: int) -> None:
    """Put a roadmap step at another place: the area follows the steps in its own order."""
    with project.write("move roadmap step") as s:
        move_to_index(s, RoadmapStep, step_id, to_index)


def set_vision(project: OpenProject, domain_id: int, statement: str) -> None:
    """What the area's system will look like in one domain; an empty statement removes it."""
    statement = (statement or "").strip()
    with project.write("change vision") as s:
        existing(s, Domain, domain_id, "domain")
        row = s.exec(select(Vision).where(Vision.domain_id == domain_id)).first()
        if not statement:
            if row is not None:
                s.delete(row)
            return
        row = row or Vision(domain_id=domain_id, statement=statement)
        row.statement = statement
        s.add(row)


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
    fields = _check_action(dict(
        title=title, description=description, plan_level=plan_level,
        lead_agency_id=lead_agency_id, owner_role=owner_role, start_on=start_on, due_on=due_on,
        review_on=review_on, status=status, priority=priority, goal=goal, response=response,
        measure=measure, success_looks_like=success_looks_like,
        roadmap_step_id=roadmap_step_id, journey_id=journey_id))
    _check_dates(start_on, due_on)
    _check_gaps(gaps)
    if lead_agency_id is not None and lead_agency_id in partner_ids:
        raise ValueError("The lead agency leads the action; it is not also a partner.")
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


ACTION_FIELDS = ("title", "description", "plan_level", "lead_agency_id", "owner_role",
                 "start_on", "due_on", "review_on", "status", "priority", "goal", "response",
                 "measure", "success_looks_like", "roadmap_step_id", "journey_id")
_ACTION_CHOICES = {"plan_level": (PlanLevel, "a level of work"),
                   "status": (ActionStatus, "an action's status"),
                   "priority": (Priority, "a priority")}
_ACTION_DATES = {"start_on": "An action's start date", "due_on": "An action's due date",
                 "review_on": "An action's review date"}


def _check_action(fields: dict) -> dict:
    """The action fields in `fields`, checked (ValueError with a message for the field)."""
    known_fields(fields, ACTION_FIELDS, "an action")
    fields = dict(fields)
    if "title" in fields:
        fields["title"] = required(fields["title"], "An action's title")
    for key, (choices, what) in _ACTION_CHOICES.items():
        if key in fields:
            fields[key] = one_of(choices, fields[key], what)
    for key, what in _ACTION_DATES.items():
        if key in fields:
            fields[key] = optional_date(fields[key], what)
    return fields


def _check_dates(start_on: date | None, due_on: date | None) -> None:
    if start_on and due_on and due_on < start_on:
        raise ValueError("An action cannot be due before it starts.")


def _check_gaps(gaps) -> None:
    if any((g.stage_id is None) == (g.area_id is None) for g in gaps):
        raise ValueError("A gap is in one stage or one system-wide area.")


def update_action(project: OpenProject, action_id: int, **changes) -> None:
    """Change any of an action's own fields (ACTION_FIELDS). A due date before the start
    date is refused."""
    changes = _check_action(changes)
    with project.write("change action") as s:
        row = existing(s, Action, action_id, "action")
        row.sqlmodel_update(changes)
        _check_dates(row.start_on, row.due_on)
        s.add(row)
        if row.lead_agency_id is not None:  # an agency now leading is no longer a partner
            partner = s.get(ActionPartner, (action_id, row.lead_agency_id))
            if partner is not None:
                s.delete(partner)


def delete_action(project: OpenProject, action_id: int) -> None:
    """Delete an action with its gaps, partners and progress notes (undo brings them back)."""
    with project.write("delete action") as s:
        s.delete(existing(s, Action, action_id, "action"))
        s.flush()
        renumber(s, Action)


def move_action(project: OpenProject, action_id: int, to_index: int) -> None:
    with project.write("move action") as s:
        move_to_index(s, Action, action_id, to_index)


def set_partners(project: OpenProject, action_id: int, agency_ids) -> None:
    """The partner agencies of an action become exactly `agency_ids`."""
    with project.write("change partners") as s:
        action = existing(s, Action, action_id, "action")
        if action.lead_agency_id is not None and action.lead_agency_id in agency_ids:
            raise ValueError("The lead agency leads the action; it is not also a partner.")
        replace_links(s, ActionPartner, "action_id", action_id, "agency_id", agency_ids)


def _gap_row(s, action_id: int, gap: Gap) -> ActionGap | None:
    item = ActionGap.stage_id == gap.stage_id if gap.stage_id is not None \
        else ActionGap.area_id == gap.area_id
    return s.exec(select(ActionGap).where(ActionGap.action_id == action_id, item,
                                          ActionGap.domain_id == gap.domain_id)).first()


def add_gap(project: OpenProject, action_id: int, gap: Gap) -> None:
    """Link an action to a gap it addresses (nothing changes if it already is)."""
    _check_gaps((gap,))
    with project.write("link gap") as s:
        existing(s, Action, action_id, "action")
        if _gap_row(s, action_id, gap) is None:
            s.add(ActionGap(action_id=action_id, stage_id=gap.stage_id, area_id=gap.area_id,
                            domain_id=gap.domain_id))


def remove_gap(project: OpenProject, action_id: int, gap: Gap) -> None:
    with project.write("unlink gap") as s:
        row = _gap_row(s, action_id, gap)
        if row is not None:
            s.delete(row)


def set_gaps(project: OpenProject, action_id: int, gaps) -> None:
    """The gaps an action addresses become exactly `gaps` (one edit, one undo)."""
    gaps = list(dict.fromkeys(gaps))
    _check_gaps(gaps)
    with project.write("change gaps") as s:
        existing(s, Action, action_id, "action")
        rows = s.exec(select(ActionGap).where(ActionGap.action_id == action_id)).all()
        have = {Gap(r.domain_id, r.stage_id, r.area_id): r for r in rows}
        for key, row in have.items():
            if key not in gaps:
                s.delete(row)
        for gap in gaps:
            if gap not in have:
                s.add(ActionGap(action_id=action_id, stage_id=gap.stage_id,
                                area_id=gap.area_id, domain_id=gap.domain_id))


def update_progress_note(project: OpenProject, note_id: int, *, noted_on: date | None = None,
                         text: str | None = None) -> None:
    """Change a progress note's date or text."""
    if text is not None:
        text = required(text, "A progress note")
    if noted_on is not None:
        optional_date(noted_on, "A progress note's date")
    with project.write("change progress note") as s:
        note = existing(s, ProgressNote, note_id, "progress note")
        if text is not None:
            note.text = text
        if noted_on is not None:
            note.noted_on = noted_on
        s.add(note)


def delete_progress_note(project: OpenProject, note_id: int) -> None:
    with project.write("delete progress note") as s:
        s.delete(existing(s, ProgressNote, note_id, "progress note"))
