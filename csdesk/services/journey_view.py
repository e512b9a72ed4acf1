"""A journey as plain data, for the map, the outline, the editor and the report.

The read side of the map: frozen dataclasses that hold no live database rows, so screens and
the figure layout (csdesk/figures) can keep them as long as they like."""

from dataclasses import dataclass

from sqlmodel import func, select

from ..models import (
    Agency, ContextType, Journey, JourneyKind, JourneyTemplate, Level, LinkKind, Stage,
    StageAgency, StageLink,
)
from .project import OpenProject

NO_LEAD = "No lead agency"  # the lane of stages whose lead agency is not set


@dataclass(frozen=True)
class Lane:
    """A swimlane: the agency that leads some stage of the journey (agency_id None: the
    lane of stages with no lead agency)."""

    agency_id: int | None
    name: str
    sector: str = ""


@dataclass(frozen=True)
class StageView:
    id: int
    position: int  # order within the journey, from 0
    name: str
    lead_agency_id: int | None  # its lane
    agency_ids: tuple[int, ...] = ()  # the other agencies taking part
    level_id: int | None = None
    level_name: str = ""  # the level the child (or context) is held at, "" if none
    days: int | None = None  # typical time the stage takes
    waiting_days: int | None = None  # typical wait before it starts (a hand-off)
    time_note: str = ""  # e.g. "5-10 days, longer in holidays"
    what_happens: str = ""
    decision: str = ""  # who decides
    decision_options: str = ""
    context_considered: str = ""  # how extra-familial context is considered today
    gaps: str = ""
    evidence_notes: str = ""  # what this picture is based on
    archived: bool = False


@dataclass(frozen=True)
class LinkView:
    """An arrow. NEXT and BRANCH stay within a journey; TRIGGERS_CONTEXT goes from a child
    journey stage to a stage of a context journey (other_journey_id, other_stage_name say
    where, for the end that lies outside this journey)."""

    id: int
    from_stage_id: int
    to_stage_id: int
    kind: LinkKind
    note: str = ""
    other_journey_id: int | None = None
    other_journey_title: str = ""
    other_stage_name: str = ""


@dataclass(frozen=True)
class JourneyView:
    id: int
    kind: JourneyKind
    title: str
    context_type: ContextType | None = None
    description: str = ""
    stages: tuple[StageView, ...] = ()  # in order; archived ones only if asked for
    links: tuple[LinkView, ...] = ()  # every link touching a stage of this journey
    lanes: tuple[Lane, ...] = ()  # agencies leading its stages, in the partnership's order

    def stage(self, stage_id: int) -> StageView | None:
        return next((s for s in self.stages if s.id == stage_id), None)


@dataclass(frozen=True)
class JourneySummary:
    id: int
    kind: JourneyKind
    title: str
    context_type: ContextType | None
    stages: int
    archived: bool


@dataclass(frozen=True)
class TemplateRow:
    id: int
    kind: JourneyKind
    context_type: ContextType | None
    name: str
    description: str
    stages: tuple[str, ...]


# --- Reading -------------------------------------------------------------------------------------


def journey_list(project: OpenProject, archived: bool = False) -> list[JourneySummary]:
    """Every journey, child journeys first, each with its number of (active) stages."""
    with project.read() as s:
        counts = dict(s.exec(select(Stage.journey_id, func.count()).where(~Stage.archived)
                             .group_by(Stage.journey_id)).all())
        query = select(Journey).order_by(Journey.kind, Journey.position, Journey.id)
        if not archived:
            query = query.where(~Journey.archived)
        return [JourneySummary(j.id, j.kind, j.title, j.context_type, counts.get(j.id, 0),
                               j.archived) for j in s.exec(query)]


def templates(project: OpenProject) -> list[TemplateRow]:
    with project.read() as s:
        return [TemplateRow(t.id, t.kind, t.context_type, t.name, t.description,
                            tuple(n.strip() for n in t.stages.splitlines() if n.strip()))
                for t in s.exec(select(JourneyTemplate).order_by(JourneyTemplate.id))]


def journey_view(project: OpenProject, journey_id: int, archived: bool = False) -> JourneyView:
    """One journey as plain data: its stages in order (archived ones too if asked), every
    arrow touching them, and its lanes."""
    with project.read() as s:
        journey = s.get(Journey, journey_id)
        if journey is None:
            raise ValueError("That journey is not in this project (it may have been deleted).")
        query = select(Stage).where(Stage.journey_id == journey_id)
        if not archived:
            query = query.where(~Stage.archived)
        rows = s.exec(query.order_by(Stage.archived, Stage.position, Stage.id)).all()
        stages = _stage_views(s, rows)
        return JourneyView(journey.id, journey.kind, journey.title, journey.context_type,
                           journey.description, stages, _links(s, [st.id for st in rows]),
                           _lanes(s, stages))


def stage_views(project: OpenProject, stage_ids) -> dict[int, StageView]:
    """Some stages as plain data, by id: after an edit to their fields only, a screen reads
    these again rather than the whole journey."""
    with project.read() as s:
        return {st.id: st for st in _stage_views(
            s, s.exec(select(Stage).where(Stage.id.in_(list(stage_ids)))).all())}


def _stage_views(s, rows) -> tuple[StageView, ...]:
    ids = [st.id for st in rows]
    level_names = dict(s.exec(select(Level.id, Level.name)).all())
    involved: dict[int, list[int]] = {}
    for stage_id, agency_id in s.exec(select(StageAgency.stage_id, StageAgency.agency_id)
                                      .where(StageAgency.stage_id.in_(ids))):
        involved.setdefault(stage_id, []).append(agency_id)
    return tuple(StageView(
        id=st.id, position=st.position, name=st.name, lead_agency_id=st.lead_agency_id,
        agency_ids=tuple(involved.get(st.id, ())), level_id=st.level_id,
        level_name=level_names.get(st.level_id, ""), days=st.days,
        waiting_days=st.waiting_days, time_note=st.time_note, what_happens=st.what_happens,
        decision=st.decision, decision_options=st.decision_options,
        context_considered=st.context_considered, gaps=st.gaps,
        evidence_notes=st.evidence_notes, archived=st.archived) for st in rows)


def _links(s, ids: list[int]) -> tuple[LinkView, ...]:
    """Every arrow between these stages, and every arrow from one of them to a live stage of
    another live journey (saying where it goes). Arrows to archived stages are not shown."""
    inside = set(ids)
    result = []
    for link in s.exec(select(StageLink).where(StageLink.from_stage_id.in_(ids)
                                               | StageLink.to_stage_id.in_(ids))
                       .order_by(StageLink.id)):
        ends = (link.from_stage_id, link.to_stage_id)
        other = None
        if not all(end in inside for end in ends):
            far = s.get(Stage, next(end for end in ends if end not in inside))
            other = s.get(Journey, far.journey_id)
            if far.archived or other.archived or far.journey_id in (
                    s.get(Stage, end).journey_id for end in ends if end in inside):
                continue
        result.append(LinkView(link.id, link.from_stage_id, link.to_stage_id, link.kind,
                               link.note, other.id if other else None,
                               other.title if other else "", far.name if other else ""))
    return tuple(result)


def _lanes(s, stages: tuple[StageView, ...]) -> tuple[Lane, ...]:
    leads = {st.lead_agency_id for st in stages}
    lanes = [Lane(a.id, a.name, a.sector) for a in
             s.exec(select(Agency).order_by(Agency.position, Agency.id)) if a.id in leads]
    if None in leads:
        lanes.append(Lane(None, NO_LEAD))
    return tuple(lanes)


# --- Time through the system ---------------------------------------------------------------------


@dataclass(frozen=True)
class PathStep:
    stage_id: int
    name: str
    waiting_days: int | None
    days: int | None
    elapsed: int  # days from the start of the journey to the end of this stage
    waited: int  # of which waiting at hand-offs


@dataclass(frozen=True)
class JourneyTime:
    path: tuple[PathStep, ...]  # the main path: "next" arrows from the first stage
    unknown: tuple[str, ...]  # stages on the path with no time or wait recorded
    longest_waits: tuple[tuple[str, int], ...]  # up to three (stage, days), longest first

    @property
    def total(self) -> int:
        return self.path[-1].elapsed if self.path else 0

    @property
    def waited(self) -> int:
        return self.path[-1].waited if self.path else 0

    def summary(self) -> str:
        """e.g. "Referral to step-down: about 38 days, 21 of them waiting." """
        if len(self.path) < 2:
            return "Fewer than two stages mapped: no time through the system yet."
        if len(self.unknown) == len(self.path):
            return "No typical times recorded yet for this journey's stages."
        text = (f"{self.path[0].name} to {self.path[-1].name}: about {self.total} days, "
                f"{self.waited} of them waiting.")
        if self.unknown:
            text += f" No time recorded for {len(self.unknown)} stage(s) on the way."
        return text


def main_path(journey: JourneyView) -> list[StageView]:
    """From the first stage: follow its "next" arrow (the earliest where there are several);
    a stage with no arrows out at all goes on to the stage after it; one with only branches
    ends the path (the branches are alternatives, not one route). Never loops."""
    active = [st for st in journey.stages if not st.archived]
    by_id = {st.id: st for st in active}
    nexts: dict[int, list[StageView]] = {}
    leaves: set[int] = set()
    for link in journey.links:
        if link.from_stage_id in by_id and link.to_stage_id in by_id:
            leaves.add(link.from_stage_id)
            if link.kind == LinkKind.NEXT:
                nexts.setdefault(link.from_stage_id, []).append(by_id[link.to_stage_id])
    following = dict(zip((st.id for st in active), active[1:]))
    path, seen = [], set()
    stage = active[0] if active else None
    while stage is not None and stage.id not in seen:
        path.append(stage)
        seen.add(stage.id)
        if stage.id in nexts:
            options = sorted(nexts[stage.id], key=lambda st: st.position)
            stage = next((st for st in options if st.id not in seen), None)
        else:
            stage = None if stage.id in leaves else following.get(stage.id)
    return path


def journey_time(journey: JourneyView) -> JourneyTime:
    steps, elapsed, waited = [], 0, 0
    for stage in main_path(journey):
        waited += stage.waiting_days or 0
        elapsed += (stage.waiting_days or 0) + (stage.days or 0)
        steps.append(PathStep(stage.id, stage.name, stage.waiting_days, stage.days, elapsed,
                              waited))
    unknown = tuple(st.name for st in steps if st.days is None and st.waiting_days is None)
    waits = sorted(((st.name, st.waiting_days) for st in journey.stages
                    if not st.archived and st.waiting_days), key=lambda w: -w[1])
    return JourneyTime(tuple(steps), unknown, tuple(waits[:3]))
