"""The figures on the Overview screen and the report's first pages.

Read for the window's first screen, so only what it shows, counted by SQLite. Plain SQL,
not the ORM: the Overview is on screen before the table models are loaded (see
models/__init__.py), which on an old laptop is a tenth of a second of the start."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from ..models import ActionStatus, JourneyKind, Rag, StepStatus
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


class Step(NamedTuple):
    name: str
    status: StepStatus


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
    q = project.query
    stage_counts = dict(q("SELECT journey_id, count(*) FROM stage WHERE NOT archived "
                          "GROUP BY journey_id"))
    journeys = [JourneyCount(title, JourneyKind(kind), stage_counts.get(journey_id, 0))
                for journey_id, title, kind in q("SELECT id, title, kind FROM journey "
                                                 "WHERE NOT archived ORDER BY kind, position")]
    tally = Counter()  # a big review is thousands of ratings
    for round_id, rag, n in q("SELECT round_id, rag, count(*) FROM rating "
                              "GROUP BY round_id, rag"):
        tally[round_id, Rag(rag)] = n
    rounds = [RoundCount(label, long_date(held_on and date.fromisoformat(held_on)),
                         {rag: tally[round_id, rag] for rag in Rag})
              for round_id, label, held_on in q("SELECT id, label, held_on FROM review_round "
                                                "ORDER BY position, id")]
    actions = {ActionStatus(status): n
               for status, n in q("SELECT status, count(*) FROM action GROUP BY status")}
    steps = [Step(name, StepStatus(status)) for name, status in
             q("SELECT name, status FROM roadmap_step ORDER BY position, id")]
    (levels, agencies, members), = q("SELECT (SELECT count(*) FROM level), "
                                     "(SELECT count(*) FROM agency), (SELECT count(*) FROM member)")
    by_step_status = Counter(st.status for st in steps)
    return Overview(
        details=project.details(),
        journeys=journeys,
        levels=levels,
        agencies=agencies,
        members=members,
        rounds=rounds,
        actions_by_status={st: actions.get(st, 0) for st in ActionStatus},
        roadmap_by_status={st: by_step_status[st] for st in StepStatus},
        standing=standing(steps),
    )
