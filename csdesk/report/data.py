"""Everything the report shows, read from the project at once as plain frozen data.

Reading is quick (a few queries); laying the pages out is the slow part. So the GUI reads in
its own thread (SQLite connections belong to one thread) and renders in a worker, and the
command line does both in turn. Nothing here holds a database row."""

from dataclasses import dataclass
from datetime import date

from ..services import framework_view, journey_outline, mapping, plan_view, review_view
from ..services.journey_view import JourneyView, journey_list, journey_view
from ..services.overview import Overview, overview
from ..services.project import OpenProject
from .gc_pause import with_collector_paused


@dataclass(frozen=True)
class ReportData:
    overview: Overview
    exported_on: date
    journeys: tuple[JourneyView, ...]
    outlines: dict[int, tuple[journey_outline.OutlineStage, ...]]  # journey id -> its stages
    agencies: dict[int, str]
    levels: tuple[mapping.LevelRow, ...]
    heatmaps: tuple[review_view.Heatmap, ...]  # every review round, first (the baseline) first
    value_checks: tuple[tuple[review_view.ValueRow, ...], ...]  # per round, as heatmaps
    domains: tuple[review_view.DomainHead, ...]
    evidence_sources: dict[int, str]
    rag_meanings: dict
    areas: tuple[review_view.RatedItem, ...]  # the system-wide areas
    values: tuple[framework_view.ValueText, ...]
    shares: tuple[review_view.RoundShare, ...]  # each round's counts per domain, for the chart
    actions: tuple[plan_view.ActionView, ...]
    open_gaps: tuple[plan_view.GapGroup, ...]  # Red and Amber cells no action addresses
    steps: tuple[plan_view.StepView, ...]
    members: dict  # MemberGroup -> list of MemberView
    vision: tuple[plan_view.VisionView, ...]
    moved: plan_view.WhatMoved | None  # from the baseline to the latest round, if two

    @property
    def details(self):
        return self.overview.details

    @property
    def level_order(self) -> list[int]:
        return [lv.id for lv in self.levels]


@with_collector_paused
def gather(project: OpenProject, exported_on: date | None = None) -> ReportData:
    journeys = tuple(journey_view(project, j.id) for j in journey_list(project))
    agencies = {a.id: a.name for a in mapping.agencies(project)}
    rounds = review_view.rounds(project)
    exported_on = exported_on or date.today()
    heatmaps = tuple(review_view.heatmap(project, r.id) for r in rounds)
    actions = tuple(plan_view.actions(project, today=exported_on))
    return ReportData(
        overview=overview(project),
        exported_on=exported_on,
        journeys=journeys,
        outlines={j.id: journey_outline.outline(j, agencies) for j in journeys},
        agencies=agencies,
        levels=tuple(mapping.levels(project)),
        heatmaps=heatmaps,
        value_checks=tuple(review_view.value_checks(project, r.id) for r in rounds),
        domains=review_view.domains(project),
        evidence_sources=review_view.evidence_sources(project),
        rag_meanings=review_view.rag_meanings(project),
        areas=tuple(i for i in review_view.rated_items(project) if i.ref.kind == "area"),
        values=framework_view.values(project),
        shares=review_view.shares_of(heatmaps),
        actions=actions,
        open_gaps=tuple(plan_view.gaps_without_action(project)),
        steps=tuple(plan_view.roadmap(project)),
        members=plan_view.members(project),
        vision=tuple(plan_view.vision(project)),
        moved=(plan_view.what_moved(project, rounds[0].id, rounds[-1].id, actions)
               if len(rounds) > 1 else None),
    )
