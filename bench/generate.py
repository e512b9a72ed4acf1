"""Synthetic projects for the benchmark, built through csdesk's own operations.

Everything goes through csdesk.services (journeys, mapping, review, plan) inside one outer
write, so building a project exercises the same code a workshop does, in one transaction."""

import json
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

WORDS = ("referral screening strategy meeting assessment contextual peer group school park "
         "online space partner agency police health education youth justice early help panel "
         "conference review plan response measure goal safety mapping observation audit "
         "practitioner focus group decision threshold allocation waiting handoff escalation "
         "outreach detached youth work community guardian business transport").split()


@dataclass(frozen=True)
class Scale:
    child_journeys: int
    context_journeys: int
    stages: int  # per journey
    areas: int  # system-wide areas (the framework's, plus more to reach this many)
    rounds: int  # review rounds, every cell rated in each
    actions: int
    notes_per_action: int = 2

    def times(self, k: int) -> "Scale":
        return replace(self, child_journeys=self.child_journeys * k,
                       context_journeys=self.context_journeys * k, areas=self.areas * k,
                       actions=self.actions * k)


LARGE = Scale(child_journeys=1, context_journeys=2, stages=40, areas=10, rounds=6, actions=400)
HUGE = LARGE.times(10)  # ten times the rows: 30 journeys, 100 areas, 4000 actions
TINY = Scale(child_journeys=1, context_journeys=1, stages=4, areas=7, rounds=1, actions=5,
             notes_per_action=1)


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _framework(areas: int, folder: Path) -> Path:
    """The default framework with `areas` system-wide areas (a project keeps its own copy)."""
    from csdesk.services.framework import default_framework_path

    fw = json.loads(default_framework_path().read_text(encoding="utf-8"))
    base = fw["system_areas"]
    fw["system_areas"] = [base[i] if i < len(base) else
                          {"name": f"System area {i + 1}", "description": "Synthetic."}
                          for i in range(areas)]
    path = folder / f"framework-{areas}-areas.json"
    path.write_text(json.dumps(fw), encoding="utf-8")
    return path


def generate(path: Path, scale: Scale, seed: int = 11) -> Path:
    """Write a new project at `path` (which must not exist) with `scale`'s rows."""
    from sqlmodel import select

    from csdesk.models import (
        Agency, ContextType, CsValue, Domain, EvidenceSource, JourneyKind, Level, LinkKind, Rag,
        SystemArea,
    )
    from csdesk.services import journeys, plan, review
    from csdesk.services.project import OpenProject, new_project

    rng = random.Random(seed)
    path = Path(path)
    new_project(path, f"Benchmark {scale.stages * (scale.child_journeys + scale.context_journeys)}"
                " stages", "Benchmarkshire", "OFFICIAL",
                framework_path=_framework(scale.areas, path.parent))
    project = OpenProject.open(path)
    try:
        with project.write("generate benchmark project") as s:
            agencies = s.exec(select(Agency.id).order_by(Agency.position)).all()
            levels = s.exec(select(Level.id).order_by(Level.position)).all()
            domains = s.exec(select(Domain.id)).all()
            areas = s.exec(select(SystemArea.id)).all()
            sources = s.exec(select(EvidenceSource.id)).all()
            values = s.exec(select(CsValue.id)).all()
            stages, child_stages, context_stages = [], [], []
            kinds = ([JourneyKind.CHILD] * scale.child_journeys
                     + [JourneyKind.CONTEXT] * scale.context_journeys)
            contexts = list(ContextType)
            for j, kind in enumerate(kinds):
                context = contexts[j % len(contexts)] if kind == JourneyKind.CONTEXT else None
                jid = journeys.add_journey(project, kind, f"Journey {j + 1}: {_text(rng, 3)}",
                                           _text(rng, 20), context)
                for k in range(scale.stages):
                    sid = journeys.add_stage(
                        project, jid, f"Stage {k + 1} {rng.choice(WORDS)}", link_from_last=True,
                        lead_agency_id=agencies[k % 6], level_id=rng.choice(levels),
                        agency_ids=rng.sample(agencies, 3), days=rng.randint(1, 20),
                        waiting_days=rng.randint(0, 30),
                        **{f: _text(rng, 25) for f in journeys.STAGE_TEXT})
                    stages.append(sid)
                    (child_stages if kind == JourneyKind.CHILD else context_stages).append(sid)
            for a, b in zip(child_stages[::10], context_stages[::10]):
                journeys.link_stages(project, a, b, LinkKind.TRIGGERS_CONTEXT, "Raised here")

            rated = [Rag.RED, Rag.AMBER, Rag.GREEN]
            start = date(2024, 1, 15)
            for r in range(scale.rounds):
                rid = review.add_round(project, f"Round {r + 1}", start + timedelta(days=120 * r),
                                       "Partnership leads and practitioners", _text(rng, 15))
                for item in [dict(stage_id=x) for x in stages] + [dict(area_id=x) for x in areas]:
                    for d in domains:
                        review.rate(project, rid, **item, domain_id=d, rag=rng.choice(rated),
                                    rationale=_text(rng, 20), evidence_notes=_text(rng, 15),
                                    confidence=rng.choice(["low", "medium", "high"]),
                                    source_ids=rng.sample(sources, 2))
                for v in values:
                    review.set_value_check(project, rid, v, rng.choice(rated), _text(rng, 15))

            for n in range(scale.actions):
                gap = rng.choice([dict(stage_id=rng.choice(stages)),
                                  dict(area_id=rng.choice(areas))])
                lead, *partners = rng.sample(agencies, 3)  # a lead is never its own partner
                aid = plan.add_action(
                    project, f"Action {n + 1}: {_text(rng, 5)}", description=_text(rng, 30),
                    lead_agency_id=lead, owner_role="Service manager",
                    start_on=start, due_on=start + timedelta(days=rng.randint(30, 600)),
                    status=rng.choice(["not started", "in progress", "done"]),
                    goal=_text(rng, 10), measure=_text(rng, 10),
                    partner_ids=partners,
                    gaps=(plan.Gap(domain_id=rng.choice(domains), **gap),))
                for k in range(scale.notes_per_action):
                    plan.add_progress_note(project, aid, start + timedelta(days=30 * (k + 1)),
                                           _text(rng, 30))
    finally:
        project.close()
    return path


def cached(name: str, scale: Scale, folder: Path) -> Path:
    """The project `name` in `folder`, generated once (a fingerprint of the scale in its name)."""
    folder.mkdir(parents=True, exist_ok=True)
    key = "-".join(str(v) for v in vars(scale).values())
    path = folder / f"{name}-{key}.csdesk"
    if not path.exists():
        tmp = path.with_name(f"{path.stem}.tmp.csdesk")
        tmp.unlink(missing_ok=True)
        generate(tmp, scale)
        tmp.rename(path)
    return path
