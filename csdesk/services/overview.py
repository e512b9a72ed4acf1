"""The figures on the Overview screen and the report's first pages.

Read for the window's first screen, so only what it shows, counted by SQLite: no ORM
object is loaded but the journeys' and rounds' titles (a handful)."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlmodel import func, select

from ..models import (
    Action, ActionStatus, Agency, Journey, JourneyKind, Level, Member, Rag, Rating, ReviewRound,
    RoadmapStep, Stage, StepStatus,
)
from .project import OpenProject, ProjectDetails


@dataclass(frozen=True)
class JourneyCount:
    title: str
    kind: JourneyKind
    stages: int


@dataclass(frozen=True)
class RoundCount:
    label: str
    held_on: str  # "12 March 2026" or ""
    by_rag: dict[Rag, int]

    @property
    def rated(self) -> int:
        return sum(n for rag, n in self.by_rag.items() if rag != Rag.NOT_RATED)


@dataclass(frozen=True)
class Overview:
    details: ProjectDetails
    journeys: list[JourneyCount]
    levels: int
    agencies: int
    members: int
    rounds: list[RoundCount]
    actions_by_status: dict[ActionStatus, int]
    roadmap_by_status: dict[StepStatus, int]
    standing: str  # where the area stands on the roadmap, in a sentence (standing())

    @property
    def stages(self) -> int:
        return sum(j.stages for j in self.journeys)

    @property
    def actions(self) -> int:
        return sum(self.actions_by_status.values())


def _count(model):
    return select(func.count()).select_from(model).scalar_subquery()


def long_date(d) -> str:
    return f"{d.day} {d:%B %Y}" if d else ""


def standing(steps) -> str:
    """Where the area stands on the roadmap, in one sentence for the Overview, the Roadmap
    screen and the report: "4 of 10 steps done. In progress: ... To revisit: ... Not
    started: ..." `steps` in their order, each with a .name and a .status."""
    if not steps:
        return "No roadmap steps."
    by = defaultdict(list)
    for st in steps:
        by[st.status].append(st.name)
    parts = [f"{len(by[StepStatus.DONE])} of {len(steps)} steps done."]
    for status, words in ((StepStatus.IN_PROGRESS, "In progress"),
                          (StepStatus.REVISIT, "To revisit"),
                          (StepStatus.NOT_STARTED, "Not started")):
        if by[status]:
            parts.append(f"{words}: {', '.join(by[status])}.")
    return " ".join(parts)


def overview(project: OpenProject) -> Overview:
    details = project.details()
    with project.read() as s:
        stage_counts = dict(
            s.exec(select(Stage.journey_id, func.count()).where(~Stage.archived)
                   .group_by(Stage.journey_id)).all()
        )
        journeys = [
            JourneyCount(title, kind, stage_counts.get(journey_id, 0))
            for journey_id, title, kind in s.exec(
                select(Journey.id, Journey.title, Journey.kind).where(~Journey.archived)
                .order_by(Journey.kind, Journey.position))
        ]
        tally = Counter()  # a big review is thousands of ratings
        for round_id, rag, n in s.exec(select(Rating.round_id, Rating.rag, func.count())
                                       .group_by(Rating.round_id, Rating.rag)).all():
            tally[round_id, rag] = n
        rounds = [RoundCount(label, long_date(held_on), {rag: tally[round_id, rag] for rag in Rag})
                  for round_id, label, held_on in s.exec(
                      select(ReviewRound.id, ReviewRound.label, ReviewRound.held_on)
                      .order_by(ReviewRound.position, ReviewRound.id))]
        actions = dict(s.exec(select(Action.status, func.count()).group_by(Action.status)).all())
        steps = s.exec(select(RoadmapStep.name, RoadmapStep.status)
                       .order_by(RoadmapStep.position, RoadmapStep.id)).all()
        levels, agencies, members = s.exec(
            select(_count(Level), _count(Agency), _count(Member))).one()
        by_step_status = Counter(st.status for st in steps)
        return Overview(
            details=details,
            journeys=journeys,
            levels=levels,
            agencies=agencies,
            members=members,
            rounds=rounds,
            actions_by_status={st: actions.get(st, 0) for st in ActionStatus},
            roadmap_by_status={st: by_step_status[st] for st in StepStatus},
            standing=standing(steps),
        )
