"""The plan as plain data: actions with their gaps (and how each gap's rating moved), the
roadmap, the people on board, the vision, and the trace both ways between rated cells and
actions. For the Actions and Roadmap screens, the System review and the report; no Qt.

A gap is a rated item (a journey stage or a system-wide area) x a domain. Its rating is read
from the latest review round, and its change from the round before, so an action's gaps say
at a glance whether the ratings it set out to move have moved."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlmodel import Session, select

from ..models import (
    Action, ActionGap, ActionPartner, ActionStatus, Agency, Domain, Journey, Member, MemberGroup,
    PlanLevel, Priority, ProgressNote, Rag, Rating, ReviewRound, RoadmapStep, Stage, StepStatus,
    SystemArea, Vision,
)
from .overview import standing  # noqa: F401  (shared with the Overview and the report)
from .plan import Gap
from .project import OpenProject

SYSTEM_WIDE = "System-wide areas"  # the "journey" system-wide areas are grouped under
GAP_COLOURS = (Rag.RED, Rag.AMBER)  # the ratings that make a cell a gap
CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)  # an action that can no longer be late
_SCORE = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}


class Movement(StrEnum):
    """How a cell's rating changed between two rounds."""

    IMPROVED = "improved"
    STAYED = "stayed the same"
    WORSE = "got worse"
    UNKNOWN = "not comparable"  # not rated (or not applicable) in one of the rounds


def movement(before: Rag | None, after: Rag | None) -> Movement:
    if before not in _SCORE or after not in _SCORE:
        return Movement.UNKNOWN
    change = _SCORE[after] - _SCORE[before]
    return Movement.IMPROVED if change > 0 else Movement.WORSE if change < 0 else Movement.STAYED


# --- Plain data ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundRef:
    id: int
    label: str


@dataclass(frozen=True)
class GapView:
    """One gap: the cell, its latest rating and its change since the round before."""

    key: Gap
    item: str  # the stage or area name
    journey: str  # the journey title, or SYSTEM_WIDE
    domain: str  # the domain's short name
    domain_position: int
    rag: Rag  # in the latest round (NOT_RATED if that round has not rated it)
    previous: Rag | None  # in the round before (None if there is no round before)
    archived: bool = False  # the stage (or its journey) has been archived

    @property
    def label(self) -> str:
        """ "Front door × Target" """
        return f"{self.item} \u00d7 {self.domain}"

    @property
    def change(self) -> Movement:
        return movement(self.previous, self.rag)

    @property
    def rating_words(self) -> str:
        """ "Amber (A), was Red (R): improved", "Red (R)", "Not rated" """
        now = f"{self.rag.label} ({self.rag.letter})" if self.rag in _SCORE else self.rag.label
        if self.previous is None or self.previous == Rag.NOT_RATED:
            return now
        was = f"{self.previous.label} ({self.previous.letter})" \
            if self.previous in _SCORE else self.previous.label
        return f"{now}, was {was}: {movement(self.previous, self.rag).value}"

    @property
    def words(self) -> str:
        """The gap in one line: "Child journey: Front door × Target: Red (R)" """
        return f"{self.journey}: {self.label}: {self.rating_words}"


@dataclass(frozen=True)
class NoteView:
    id: int
    noted_on: date
    text: str


@dataclass(frozen=True)
class ActionView:
    """An action with everything a list or a form shows about it."""

    id: int
    position: int
    title: str
    description: str
    plan_level: PlanLevel
    lead_agency_id: int | None
    lead_agency: str  # its name, "" for none
    owner_role: str
    partner_ids: tuple[int, ...]
    partners: tuple[str, ...]  # names, in the agencies' order
    start_on: date | None
    due_on: date | None
    review_on: date | None
    status: ActionStatus
    priority: Priority
    goal: str
    response: str
    measure: str
    success_looks_like: str
    roadmap_step_id: int | None
    roadmap_step: str
    journey_id: int | None
    gaps: tuple[GapView, ...]
    notes: tuple[NoteView, ...]  # newest first
    overdue: bool  # due before today and neither done nor dropped

    @property
    def domains(self) -> tuple[str, ...]:
        """The domains of its gaps, in the framework's order."""
        seen = sorted({(g.domain_position, g.domain) for g in self.gaps})
        return tuple(name for _, name in seen)

    @property
    def linked(self) -> bool:
        return bool(self.gaps)

    @property
    def due_words(self) -> str:
        """ "30 Jun 2026", "30 Jun 2026 (overdue)" or "" """
        if self.due_on is None:
            return ""
        return f"{short_date(self.due_on)}{' (overdue)' if self.overdue else ''}"


@dataclass(frozen=True)
class StepView:
    id: int
    position: int
    name: str
    description: str
    status: StepStatus
    started_on: date | None
    completed_on: date | None
    notes: str
    actions: int  # how many actions serve it


@dataclass(frozen=True)
class MemberView:
    id: int
    group: MemberGroup
    agency_id: int | None
    agency: str  # its name, "" for none
    organisation: str  # a critical friend's organisation (from outside the partnership)
    role: str
    name: str
    trained: bool
    notes: str

    @property
    def where(self) -> str:
        """The agency, or the organisation of someone from outside."""
        return self.agency or self.organisation


@dataclass(frozen=True)
class VisionView:
    id: int  # the domain's id: there is one statement a domain
    domain: str
    meaning: str
    statement: str  # "" while none is written


@dataclass(frozen=True)
class GapGroup:
    """Gaps of one domain in one journey (or the system-wide areas)."""

    domain: str
    journey: str
    gaps: tuple[GapView, ...]

    @property
    def title(self) -> str:
        return f"{self.domain}: {self.journey}"


@dataclass(frozen=True)
class MovedGap:
    gap: GapView  # its rating as of the latest round
    before: Rag | None  # in round a
    after: Rag | None  # in round b

    @property
    def change(self) -> Movement:
        return movement(self.before, self.after)


@dataclass(frozen=True)
class MovedAction:
    id: int
    title: str
    status: ActionStatus
    gaps: tuple[MovedGap, ...]

    @property
    def change(self) -> Movement:
        """More of its gaps improved than got worse: improved; and the other way round.
        Gaps not rated in both rounds do not count."""
        up = sum(g.change == Movement.IMPROVED for g in self.gaps)
        down = sum(g.change == Movement.WORSE for g in self.gaps)
        if up == down == 0 and all(g.change == Movement.UNKNOWN for g in self.gaps):
            return Movement.UNKNOWN
        return Movement.IMPROVED if up > down else Movement.WORSE if down > up \
            else Movement.STAYED


@dataclass(frozen=True)
class WhatMoved:
    round_a: RoundRef
    round_b: RoundRef
    improved: tuple[MovedAction, ...]
    stayed: tuple[MovedAction, ...]
    worse: tuple[MovedAction, ...]
    not_comparable: tuple[MovedAction, ...]  # linked to no gap rated in both rounds


def short_date(d: date | None) -> str:
    return f"{d.day} {d:%b %Y}" if d else ""


# --- Reading -------------------------------------------------------------------------------------


def rounds(project: OpenProject) -> list[RoundRef]:
    """The review rounds, oldest first."""
    with project.read() as s:
        return [RoundRef(r.id, r.label) for r in _rounds(s)]


def _rounds(s: Session) -> list[ReviewRound]:
    return list(s.exec(select(ReviewRound).order_by(ReviewRound.position, ReviewRound.id)))


def _ratings(s: Session, round_id: int | None) -> dict[Gap, Rag]:
    if round_id is None:
        return {}
    return {Gap(domain_id, stage_id, area_id): rag
            for domain_id, stage_id, area_id, rag in s.exec(
                select(Rating.domain_id, Rating.stage_id, Rating.area_id, Rating.rag)
                .where(Rating.round_id == round_id))}


class _Cells:
    """Names and latest ratings of cells, read once per call."""

    def __init__(self, s: Session):
        self.domains = {d.id: d for d in s.exec(select(Domain))}
        journeys = {j.id: j for j in s.exec(select(Journey))}
        self.stages = {st.id: (st, journeys[st.journey_id]) for st in s.exec(select(Stage))}
        self.areas = {a.id: a for a in s.exec(select(SystemArea))}
        all_rounds = _rounds(s)
        self.latest = all_rounds[-1] if all_rounds else None
        self.previous = all_rounds[-2] if len(all_rounds) > 1 else None
        self.now = _ratings(s, self.latest.id if self.latest else None)
        self.before = _ratings(s, self.previous.id if self.previous else None)

    def view(self, key: Gap) -> GapView:
        domain = self.domains[key.domain_id]
        if key.stage_id is not None:
            stage, journey = self.stages[key.stage_id]
            item, group, archived = stage.name, journey.title, stage.archived or journey.archived
        else:
            item, group, archived = self.areas[key.area_id].name, SYSTEM_WIDE, False
        return GapView(key, item, group, domain.short_name, domain.position,
                       self.now.get(key, Rag.NOT_RATED),
                       self.before.get(key, Rag.NOT_RATED) if self.previous else None, archived)

    def order(self, key: Gap) -> tuple:
        """Child journey first, then context journeys, system-wide areas last."""
        if key.stage_id is not None:
            stage, journey = self.stages[key.stage_id]
            return (0, journey.kind != "child", journey.position, journey.id, stage.position,
                    stage.id, self.domains[key.domain_id].position)
        area = self.areas[key.area_id]
        return (1, 0, 0, 0, area.position, area.id, self.domains[key.domain_id].position)


def _gap_key(g: ActionGap) -> Gap:
    return Gap(g.domain_id, g.stage_id, g.area_id)


def _actions(s: Session, where=(), today: date | None = None) -> list[ActionView]:
    today = today or date.today()
    cells = _Cells(s)
    agencies = {a.id: a for a in s.exec(select(Agency))}
    steps = {st.id: st.name for st in s.exec(select(RoadmapStep))}
    rows = list(s.exec(select(Action).where(*where).order_by(Action.position, Action.id)))
    ids = [a.id for a in rows]
    gaps, partners, notes = defaultdict(list), defaultdict(list), defaultdict(list)
    for g in s.exec(select(ActionGap).where(ActionGap.action_id.in_(ids))):
        gaps[g.action_id].append(_gap_key(g))
    for p in s.exec(select(ActionPartner).where(ActionPartner.action_id.in_(ids))):
        partners[p.action_id].append(agencies[p.agency_id])
    for n in s.exec(select(ProgressNote).where(ProgressNote.action_id.in_(ids))
                    .order_by(ProgressNote.noted_on.desc(), ProgressNote.id.desc())):
        notes[n.action_id].append(NoteView(n.id, n.noted_on, n.text))
    out = []
    for a in rows:
        lead = agencies.get(a.lead_agency_id)
        mine = sorted(partners[a.id], key=lambda ag: (ag.position, ag.id))
        out.append(ActionView(
            id=a.id, position=a.position, title=a.title, description=a.description,
            plan_level=a.plan_level, lead_agency_id=a.lead_agency_id,
            lead_agency=lead.name if lead else "", owner_role=a.owner_role,
            partner_ids=tuple(ag.id for ag in mine), partners=tuple(ag.name for ag in mine),
            start_on=a.start_on, due_on=a.due_on, review_on=a.review_on, status=a.status,
            priority=a.priority, goal=a.goal, response=a.response, measure=a.measure,
            success_looks_like=a.success_looks_like, roadmap_step_id=a.roadmap_step_id,
            roadmap_step=steps.get(a.roadmap_step_id, ""), journey_id=a.journey_id,
            gaps=tuple(cells.view(k) for k in sorted(gaps[a.id], key=cells.order)),
            notes=tuple(notes[a.id]),
            overdue=is_overdue(a.status, a.due_on, today)))
    return out


def is_overdue(status: ActionStatus, due_on: date | None, today: date) -> bool:
    return due_on is not None and due_on < today and status not in CLOSED


def actions(project: OpenProject, today: date | None = None) -> list[ActionView]:
    """Every action, in the plan's order."""
    with project.read() as s:
        return _actions(s, today=today)


def action(project: OpenProject, action_id: int, today: date | None = None) -> ActionView:
    with project.read() as s:
        found = _actions(s, (Action.id == action_id,), today)
    if not found:
        raise ValueError("That action is not in this project (it may have been deleted).")
    return found[0]


def actions_for_cell(project: OpenProject, *, stage_id: int | None = None,
                     area_id: int | None = None, domain_id: int,
                     today: date | None = None) -> list[ActionView]:
    """The actions that address one cell (a stage or a system-wide area, in one domain)."""
    if (stage_id is None) == (area_id is None):
        raise ValueError("A cell is of one stage or one system-wide area.")
    with project.read() as s:
        item = ActionGap.stage_id == stage_id if stage_id is not None \
            else ActionGap.area_id == area_id
        linked = select(ActionGap.action_id).where(item, ActionGap.domain_id == domain_id)
        return _actions(s, (Action.id.in_(linked),), today)


def actions_without_gap(project: OpenProject, today: date | None = None) -> list[ActionView]:
    """Actions linked to no gap: the plan cannot show what they are meant to change."""
    with project.read() as s:
        return _actions(s, (~Action.id.in_(select(ActionGap.action_id)),), today)


def all_cells(project: OpenProject) -> list[GapView]:
    """Every cell that can be a gap (stages of current journeys and system-wide areas, in
    every domain), in map order, with its latest rating: what the gaps chooser offers."""
    with project.read() as s:
        cells = _Cells(s)
        keys = [Gap(d, stage_id=st) for st, (stage, journey) in cells.stages.items()
                if not (stage.archived or journey.archived) for d in cells.domains]
        keys += [Gap(d, area_id=a) for a in cells.areas for d in cells.domains]
        return [cells.view(k) for k in sorted(keys, key=cells.order)]


def gaps_without_action(project: OpenProject) -> list[GapGroup]:
    """The Red and Amber cells of the latest round that no action addresses (a dropped action
    addresses nothing), grouped by domain and then by journey, in the framework's order."""
    with project.read() as s:
        cells = _Cells(s)
        if cells.latest is None:
            return []
        addressed = {_gap_key(g) for g, status in s.exec(
            select(ActionGap, Action.status).join(Action, Action.id == ActionGap.action_id))
            if status != ActionStatus.DROPPED}
        open_gaps = [cells.view(k) for k, rag in cells.now.items()
                     if rag in GAP_COLOURS and k not in addressed]
        open_gaps = [g for g in open_gaps if not g.archived]
        groups: dict[tuple, list[GapView]] = defaultdict(list)
        for g in sorted(open_gaps, key=lambda g: (g.domain_position, cells.order(g.key))):
            groups[(g.domain_position, g.domain, g.journey)].append(g)
        return [GapGroup(domain, journey, tuple(gs))
                for (_, domain, journey), gs in groups.items()]


def what_moved(project: OpenProject, round_a: int, round_b: int,
               plan: Sequence[ActionView] | None = None) -> WhatMoved:
    """For two rounds, the actions whose gaps improved, stayed the same or got worse from
    round_a to round_b (by the balance of their gaps), and those with no gap rated in both.
    plan: every action, as actions() gives it, if already read (the report has it)."""
    with project.read() as s:
        found = {r.id: RoundRef(r.id, r.label) for r in _rounds(s)}
        if round_a not in found or round_b not in found:
            raise ValueError("That review round is not in this project.")
        before, after = _ratings(s, round_a), _ratings(s, round_b)
        moved = [MovedAction(a.id, a.title, a.status, tuple(
            MovedGap(g, before.get(g.key), after.get(g.key)) for g in a.gaps))
            for a in (_actions(s) if plan is None else plan) if a.gaps]
    by = defaultdict(list)
    for m in moved:
        by[m.change].append(m)
    return WhatMoved(found[round_a], found[round_b], tuple(by[Movement.IMPROVED]),
                     tuple(by[Movement.STAYED]), tuple(by[Movement.WORSE]),
                     tuple(by[Movement.UNKNOWN]))


def roadmap(project: OpenProject) -> list[StepView]:
    """The roadmap steps in their order, each with how many actions serve it."""
    with project.read() as s:
        served = defaultdict(int)
        for step_id in s.exec(select(Action.roadmap_step_id)):
            served[step_id] += 1
        return [StepView(st.id, st.position, st.name, st.description, st.status, st.started_on,
                         st.completed_on, st.notes, served[st.id])
                for st in s.exec(select(RoadmapStep).order_by(RoadmapStep.position,
                                                              RoadmapStep.id))]


def members(project: OpenProject) -> dict[MemberGroup, list[MemberView]]:
    """The people on board, by group (every group present, perhaps empty), in the order
    they were added."""
    with project.read() as s:
        agencies = {a.id: a.name for a in s.exec(select(Agency))}
        out = {group: [] for group in MemberGroup}
        for m in s.exec(select(Member).order_by(Member.id)):
            out[m.member_group].append(MemberView(
                m.id, m.member_group, m.agency_id, agencies.get(m.agency_id, ""),
                m.organisation, m.role, m.name, m.trained, m.notes))
        return out


def vision(project: OpenProject) -> list[VisionView]:
    """One vision statement a domain, in the framework's order ("" where none is written)."""
    with project.read() as s:
        written = {v.domain_id: v.statement for v in s.exec(select(Vision))}
        return [VisionView(d.id, d.short_name, d.meaning, written.get(d.id, ""))
                for d in s.exec(select(Domain).order_by(Domain.position, Domain.id))]
