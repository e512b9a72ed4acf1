"""The figures on the Overview screen and the report's first pages."""

from collections import Counter
from dataclasses import dataclass

from sqlmodel import Session, func, select

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

    @property
    def stages(self) -> int:
        return sum(j.stages for j in self.journeys)

    @property
    def actions(self) -> int:
        return sum(self.actions_by_status.values())


def _count(s: Session, model) -> int:
    return s.exec(select(func.count()).select_from(model)).one()


def long_date(d) -> str:
    return f"{d.day} {d:%B %Y}" if d else ""


def overview(project: OpenProject) -> Overview:
    details = project.details()
    with project.read() as s:
        stage_counts = dict(
            s.exec(select(Stage.journey_id, func.count()).where(~Stage.archived)
                   .group_by(Stage.journey_id)).all()
        )
        journeys = [
            JourneyCount(j.title, j.kind, stage_counts.get(j.id, 0))
            for j in s.exec(select(Journey).where(~Journey.archived)
                            .order_by(Journey.kind, Journey.position)).all()
        ]
        tally = Counter()  # counted by SQLite: a big review is thousands of ratings
        for round_id, rag, n in s.exec(select(Rating.round_id, Rating.rag, func.count())
                                       .group_by(Rating.round_id, Rating.rag)).all():
            tally[round_id, rag] = n
        rounds = [RoundCount(r.label, long_date(r.held_on),
                             {rag: tally[r.id, rag] for rag in Rag})
                  for r in s.exec(select(ReviewRound)
                                  .order_by(ReviewRound.position, ReviewRound.id))]
        actions = dict(s.exec(select(Action.status, func.count()).group_by(Action.status)).all())
        steps = dict(s.exec(select(RoadmapStep.status, func.count())
                            .group_by(RoadmapStep.status)).all())
        return Overview(
            details=details,
            journeys=journeys,
            levels=_count(s, Level),
            agencies=_count(s, Agency),
            members=_count(s, Member),
            rounds=rounds,
            actions_by_status={st: actions.get(st, 0) for st in ActionStatus},
            roadmap_by_status={st: steps.get(st, 0) for st in StepStatus},
        )
