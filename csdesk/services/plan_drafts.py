"""Draft actions from the gaps no action addresses yet (the "Develop a plan" wizard): one
draft per gap, or one per group of gaps (a domain in one journey). The user edits each draft,
accepts or skips it; the accepted ones join the plan in one edit, so one Undo takes them back.
No Qt."""

from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import select

from ..models import Journey, JourneyKind, PlanLevel, Priority, Rag, RoadmapStep, Stage
from . import plan
from .plan_view import SYSTEM_WIDE, GapGroup, GapView
from .project import OpenProject

PLAN_STEP = "develop a plan"  # the roadmap step drafts serve, found by name


@dataclass(frozen=True)
class Draft:
    title: str
    description: str
    gaps: tuple[GapView, ...]
    plan_level: PlanLevel
    priority: Priority
    roadmap_step_id: int | None
    lead_agency_id: int | None = None
    owner_role: str = ""
    due_on: date | None = None

    def edited(self, **changes) -> "Draft":
        return replace(self, **changes)


def _describe(gaps: tuple[GapView, ...]) -> str:
    lines = [f"- {g.journey}: {g.label}: {g.rating_words}" for g in gaps]
    return "Addresses these gaps from the latest review round:\n" + "\n".join(lines)


def draft_actions(project: OpenProject, groups: list[GapGroup],
                  per_group: bool = False) -> list[Draft]:
    """A draft action for each gap in `groups` (or, with per_group, for each group)."""
    with project.read() as s:
        kinds, leads = {}, {}
        for st_id, lead, kind in s.exec(select(Stage.id, Stage.lead_agency_id, Journey.kind)
                                        .join(Journey, Journey.id == Stage.journey_id)):
            kinds[st_id], leads[st_id] = kind, lead
        step = next((st.id for st in s.exec(select(RoadmapStep))
                     if st.name.strip().lower() == PLAN_STEP), None)

    def level(gaps) -> PlanLevel:
        found = {PlanLevel.LEVEL_1 if kinds.get(g.key.stage_id) == JourneyKind.CHILD
                 else PlanLevel.LEVEL_2 if g.key.stage_id is not None else PlanLevel.BOTH
                 for g in gaps}
        return found.pop() if len(found) == 1 else PlanLevel.BOTH

    def lead(gaps) -> int | None:
        """The stages' lead agency, when they share one: a first guess to change."""
        found = {leads.get(g.key.stage_id) for g in gaps}
        return found.pop() if len(found) == 1 else None

    def make(title: str, gaps: tuple[GapView, ...]) -> Draft:
        priority = Priority.HIGH if any(g.rag == Rag.RED for g in gaps) else Priority.MEDIUM
        return Draft(title, _describe(gaps), gaps, level(gaps), priority, step,
                     lead_agency_id=lead(gaps))

    drafts = []
    for group in groups:
        if per_group and len(group.gaps) > 1:
            where = "system-wide areas" if group.journey == SYSTEM_WIDE else group.journey
            drafts.append(make(f"Close the {group.domain} gaps in {where}", group.gaps))
        else:
            drafts += [make(f"{g.item}: close the {g.domain} gap", (g,)) for g in group.gaps]
    return drafts


def accept_drafts(project: OpenProject, drafts: list[Draft]) -> list[int]:
    """Add the drafts to the plan, in order, as one edit ("develop plan"). Returns the new
    actions' ids. A refused draft refuses them all, with its title in the message."""
    ids = []
    with project.write("develop plan"):
        for d in drafts:
            try:
                ids.append(plan.add_action(
                    project, d.title, description=d.description, plan_level=d.plan_level,
                    priority=d.priority, roadmap_step_id=d.roadmap_step_id,
                    lead_agency_id=d.lead_agency_id, owner_role=d.owner_role, due_on=d.due_on,
                    gaps=tuple(g.key for g in d.gaps)))
            except ValueError as exc:
                raise ValueError(f"Draft \u201c{d.title}\u201d: {exc}") from exc
    return ids
