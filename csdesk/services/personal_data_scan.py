"""Every free-text field of a project, looked at for personal data (personal_data.py), with
where each finding is, so the UI can go there."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from ..models import (
    Action, Agency, CsValue, Journey, Level, Member, ProgressNote, Project, Rating, ReviewRound,
    RoadmapStep, Stage, StageLink, SystemArea, ValueCheck,
)
from .personal_data import Finding, find_personal_data
from .project import OpenProject


@dataclass(frozen=True)
class Place:
    """Where a piece of text lives: which row of which table, shown in which section."""

    section: str  # a key of ui.sections.SECTIONS
    table: str
    row_id: int
    column: str
    item: str  # the item in the user's words: "Stage “Front door” (Child journey)"
    field: str  # the field's label: "Gaps and pain points"
    journey_id: int | None = None  # for a stage: its journey
    ids: tuple[tuple[str, int | None], ...] = ()  # what else finds the row on its screen:
    # a rating's round_id, stage_id or area_id and domain_id; a value check's round_id, value_id


@dataclass(frozen=True)
class ProjectFinding:
    place: Place
    finding: Finding


def _journey_section(kind) -> str:
    return "child_journey" if getattr(kind, "value", kind) == "child" else "context_journeys"


def _texts(s) -> list[tuple[Place, str]]:
    """Every free-text field of the project with its place."""
    out: list[tuple[Place, str]] = []

    def add(section, table, row_id, item, fields, row, journey_id=None, ids=()):
        for column, label in fields:
            value = getattr(row, column)
            if value:
                out.append((Place(section, table, row_id, column, item, label, journey_id,
                                  ids), value))

    p = s.get(Project, 1)
    add("overview", "project", 1, "Project",
        (("title", "Title"), ("local_area", "Local area"), ("notes", "Notes")), p)
    journeys = {j.id: j for j in s.exec(select(Journey).order_by(Journey.position, Journey.id))}
    for j in journeys.values():
        add(_journey_section(j.kind), "journey", j.id, f"Journey “{j.title}”",
            (("title", "Title"), ("description", "Description")), j, j.id)
    stages = {st.id: st for st in s.exec(select(Stage).order_by(Stage.journey_id,
                                                                Stage.position, Stage.id))}
    for st in stages.values():
        j = journeys[st.journey_id]
        add(_journey_section(j.kind), "stage", st.id, f"Stage “{st.name}” of “{j.title}”",
            (("name", "Name"), ("decision", "Who decides"),
             ("decision_options", "Decision options"), ("time_note", "Time note"),
             ("what_happens", "What happens"),
             ("context_considered", "How extra-familial context is considered today"),
             ("gaps", "Gaps and pain points"), ("evidence_notes", "What this picture is based on")),
            st, j.id)
    for link in s.exec(select(StageLink).order_by(StageLink.id)):
        st = stages[link.from_stage_id]
        add(_journey_section(journeys[st.journey_id].kind), "stage", st.id,
            f"Arrow from “{st.name}” to “{stages[link.to_stage_id].name}”",
            (("note", "Arrow note"),), link, st.journey_id)
    for a in s.exec(select(Agency).order_by(Agency.position, Agency.id)):
        add("levels", "agency", a.id, f"Agency “{a.name}”",
            (("name", "Agency name"), ("notes", "Agency notes")), a)
    for lv in s.exec(select(Level).order_by(Level.position, Level.id)):
        add("levels", "level", lv.id, f"Level “{lv.name}”",
            (("name", "Level name"), ("criteria", "Criteria"), ("count_note", "Count note")), lv)
    rounds = {r.id: r for r in s.exec(select(ReviewRound).order_by(ReviewRound.position))}
    for r in rounds.values():
        add("system_review", "review_round", r.id, f"Review round “{r.label}”",
            (("label", "Label"), ("participants", "Participants"), ("notes", "Notes")), r)
    areas = {a.id: a.name for a in s.exec(select(SystemArea))}
    for rt in s.exec(select(Rating).order_by(Rating.round_id, Rating.id)):
        rated = stages[rt.stage_id].name if rt.stage_id else areas.get(rt.area_id, "")
        add("system_review", "rating", rt.id,
            f"Rating of “{rated}” in “{rounds[rt.round_id].label}”",
            (("rationale", "Rationale"), ("evidence_notes", "Evidence notes"),
             ("na_reason", "Reason not applicable")), rt,
            ids=(("round_id", rt.round_id), ("stage_id", rt.stage_id),
                 ("area_id", rt.area_id), ("domain_id", rt.domain_id)))
    values = {v.id: v.name for v in s.exec(select(CsValue))}
    for vc in s.exec(select(ValueCheck).order_by(ValueCheck.round_id, ValueCheck.id)):
        add("values", "value_check", vc.id,
            f"Value “{values.get(vc.value_id, '')}” in “{rounds[vc.round_id].label}”",
            (("evidence", "Evidence"),), vc,
            ids=(("round_id", vc.round_id), ("value_id", vc.value_id)))
    actions = {a.id: a for a in s.exec(select(Action).order_by(Action.position, Action.id))}
    for a in actions.values():
        add("actions", "action", a.id, f"Action “{a.title}”",
            (("title", "Title"), ("description", "Description"), ("owner_role", "Owner role"),
             ("goal", "Goal"), ("response", "Response"), ("measure", "Measure"),
             ("success_looks_like", "How success will be known")), a)
    for n in s.exec(select(ProgressNote).order_by(ProgressNote.action_id, ProgressNote.noted_on)):
        add("actions", "progress_note", n.id,
            f"Progress note of {n.noted_on:%d %B %Y} on “{actions[n.action_id].title}”",
            (("text", "Progress note"),), n)
    for step in s.exec(select(RoadmapStep).order_by(RoadmapStep.position)):
        add("roadmap", "roadmap_step", step.id, f"Roadmap step “{step.name}”",
            (("notes", "Notes"),), step)
    for m in s.exec(select(Member).order_by(Member.id)):
        add("roadmap", "member", m.id, f"Person on board: “{m.role}”",
            (("role", "Role"), ("notes", "Notes")), m)
    return out


def scan_project(project: OpenProject, today: date | None = None) -> list[ProjectFinding]:
    """Every finding in the project's free text, section by section. Reads only.
    Members' optional names are left out: a professional's name is allowed."""
    today = today or date.today()
    with project.read() as s:
        texts = _texts(s)
    return [ProjectFinding(place, f) for place, text in texts
            for f in find_personal_data(text, today)]
