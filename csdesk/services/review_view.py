"""The System Review as plain data, for the screens, the wizard and the report.

What is rated: every stage of every journey (child journeys first) and every system-wide
area, each against every domain, round by round. A cell is one rated item x one domain in one
round; a cell nobody has rated yet is "not rated". Items are named by ItemRef, not by rating,
so a cell can be followed from one round to the next (and actions' gaps point at the same
thing).

Figures drawn from this data, once for the screen and the PDF: csdesk/figures/heatmap.py (the
heatmap grid with marks and totals) and csdesk/figures/rag_share.py (the Red / Amber / Green
share per domain across rounds)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import select

from ..models import (
    Confidence, CsValue, Domain, EvidenceSource, Journey, JourneyKind, Level, Rag, RagMeaning,
    Rating, RatingEvidence, ReviewRound, Stage, SystemArea, ValueCheck,
)
from .project import OpenProject

SYSTEM_WIDE = "System-wide areas"
# Better is higher; "not rated" and "not applicable" are not on the scale.
RAG_SCALE = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}


@dataclass(frozen=True, order=True)
class ItemRef:
    """A rated item: a journey stage ("stage") or a system-wide area ("area")."""

    kind: str
    id: int

    @property
    def stage_id(self) -> int | None:
        return self.id if self.kind == "stage" else None

    @property
    def area_id(self) -> int | None:
        return self.id if self.kind == "area" else None

    @classmethod
    def of(cls, stage_id: int | None, area_id: int | None) -> "ItemRef":
        return cls("stage", stage_id) if stage_id is not None else cls("area", area_id)


@dataclass(frozen=True)
class DomainHead:
    id: int
    key: str
    short_name: str
    meaning: str = ""
    question: str = ""
    prompts: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoundRow:
    id: int
    position: int
    label: str
    held_on: date | None = None
    participants: str = ""
    notes: str = ""


@dataclass(frozen=True)
class RatedItem:
    ref: ItemRef
    label: str
    group: str  # the journey's title, or SYSTEM_WIDE
    description: str = ""  # the stage's "what happens" or the area's description
    archived: bool = False
    journey_id: int | None = None
    cs_level: int | None = None  # 1: a child journey's stage, 2: a context journey's; None: area
    held_at_id: int | None = None  # the level (Early Help, CIN...) the stage holds the child at
    held_at: str = ""


@dataclass(frozen=True)
class Cell:
    item: ItemRef
    domain_id: int
    rag: Rag = Rag.NOT_RATED
    na_reason: str = ""
    rationale: str = ""
    evidence_notes: str = ""
    confidence: Confidence | None = None
    source_ids: tuple[int, ...] = ()
    rating_id: int | None = None

    @property
    def rated(self) -> bool:
        return self.rag != Rag.NOT_RATED

    @property
    def low_confidence(self) -> bool:
        return self.rated and self.confidence == Confidence.LOW

    @property
    def no_evidence(self) -> bool:
        """A colour given with no evidence source and no evidence notes."""
        return (self.rag in RAG_SCALE and not self.source_ids
                and not self.evidence_notes.strip())


@dataclass(frozen=True)
class Heatmap:
    """One round: every rated item against every domain."""

    round: RoundRow
    domains: tuple[DomainHead, ...]
    items: tuple[RatedItem, ...]
    cells: dict[tuple[ItemRef, int], Cell] = field(default_factory=dict)

    def cell(self, item: ItemRef, domain_id: int) -> Cell:
        return self.cells.get((item, domain_id)) or Cell(item, domain_id)

    def counts(self, domain_id: int | None = None) -> Counter:
        """How many cells of each colour (one domain, or all), not-rated cells included."""
        return Counter(self.cell(i.ref, d.id).rag for i in self.items for d in self.domains
                       if domain_id in (None, d.id))

    @property
    def size(self) -> int:
        return len(self.items) * len(self.domains)

    @property
    def rated(self) -> int:
        return sum(1 for c in self.cells.values() if c.rated)


@dataclass(frozen=True)
class ValueRow:
    value_id: int
    name: str
    meaning: str
    rag: Rag = Rag.NOT_RATED
    evidence: str = ""
    confidence: Confidence | None = None


@dataclass(frozen=True)
class CellChange:
    item: RatedItem
    domain: DomainHead
    before: Rag
    after: Rag

    @property
    def direction(self) -> str:
        """"better", "worse", "same", or "" when either side is off the Red-Green scale."""
        a, b = RAG_SCALE.get(self.before), RAG_SCALE.get(self.after)
        if a is None or b is None:
            return ""
        return "better" if b > a else "worse" if b < a else "same"


@dataclass(frozen=True)
class Progress:
    before: Heatmap
    after: Heatmap
    changes: tuple[CellChange, ...]  # every cell, in heatmap order

    def moved(self, direction: str) -> list[CellChange]:
        return [c for c in self.changes if c.direction == direction]


# --- Reading -------------------------------------------------------------------------------------


def domains(project: OpenProject) -> tuple[DomainHead, ...]:
    with project.read() as s:
        return _domains(s)


def _domains(s) -> tuple[DomainHead, ...]:
    return tuple(
        DomainHead(d.id, d.key, d.short_name, d.meaning, d.question,
                   tuple(p.strip() for p in d.prompts.splitlines() if p.strip()))
        for d in s.exec(select(Domain).order_by(Domain.position, Domain.id)))


def evidence_sources(project: OpenProject) -> dict[int, str]:
    """Every evidence source, in the framework's order: id -> name."""
    with project.read() as s:
        return dict(s.exec(select(EvidenceSource.id, EvidenceSource.name)
                           .order_by(EvidenceSource.position, EvidenceSource.id)).all())


def rag_meanings(project: OpenProject) -> dict[Rag, str]:
    """What each colour means in this project's framework (csdesk's default guidance unless
    the area changed it)."""
    with project.read() as s:
        return {m.rag: m.meaning for m in s.exec(select(RagMeaning))}


def rounds(project: OpenProject) -> tuple[RoundRow, ...]:
    with project.read() as s:
        return tuple(RoundRow(r.id, r.position, r.label, r.held_on, r.participants, r.notes)
                     for r in s.exec(select(ReviewRound)
                                     .order_by(ReviewRound.position, ReviewRound.id)))


def latest_round(project: OpenProject) -> RoundRow | None:
    all_rounds = rounds(project)
    return all_rounds[-1] if all_rounds else None


def rated_items(project: OpenProject) -> tuple[RatedItem, ...]:
    """What a new round rates: active stages of active journeys, child journeys first, then the
    system-wide areas."""
    with project.read() as s:
        return _items(s, round_id=None)


def _items(s, round_id: int | None) -> tuple[RatedItem, ...]:
    """Active items, plus archived stages that the round rated (history stays visible)."""
    rated_stages = set()
    if round_id is not None:
        rated_stages = set(s.exec(select(Rating.stage_id).where(
            Rating.round_id == round_id, Rating.stage_id.is_not(None))).all())
    items = []
    level_names = dict(s.exec(select(Level.id, Level.name)).all())
    # "child" sorts before "context": child journeys first
    for j in s.exec(select(Journey).order_by(Journey.kind, Journey.position, Journey.id)).all():
        for st in s.exec(select(Stage).where(Stage.journey_id == j.id)
                         .order_by(Stage.archived, Stage.position, Stage.id)):
            archived = st.archived or j.archived
            if archived and st.id not in rated_stages:
                continue
            items.append(RatedItem(
                ItemRef("stage", st.id), st.name, j.title, st.what_happens, archived, j.id,
                1 if j.kind == JourneyKind.CHILD else 2, st.level_id,
                level_names.get(st.level_id, "")))
    for a in s.exec(select(SystemArea).order_by(SystemArea.position, SystemArea.id)):
        items.append(RatedItem(ItemRef("area", a.id), a.name, SYSTEM_WIDE, a.description))
    return tuple(items)


def heatmap(project: OpenProject, round_id: int) -> Heatmap:
    """One round's every cell."""
    with project.read() as s:
        r = s.get(ReviewRound, round_id)
        if r is None:
            raise ValueError("That review round is not in this project (it may have been "
                             "deleted).")
        row = RoundRow(r.id, r.position, r.label, r.held_on, r.participants, r.notes)
        sources: dict[int, list[int]] = {}
        for rating_id, source_id in s.exec(
                select(RatingEvidence.rating_id, RatingEvidence.source_id)
                .join(Rating, Rating.id == RatingEvidence.rating_id)
                .join(EvidenceSource, EvidenceSource.id == RatingEvidence.source_id)
                .where(Rating.round_id == round_id)
                .order_by(EvidenceSource.position, EvidenceSource.id)):
            sources.setdefault(rating_id, []).append(source_id)
        cells = {}
        # columns, not ORM objects: a round of a large project has thousands of cells
        for (rating_id, stage_id, area_id, domain_id, rag, na_reason, rationale, notes,
             confidence) in s.exec(
                select(Rating.id, Rating.stage_id, Rating.area_id, Rating.domain_id, Rating.rag,
                       Rating.na_reason, Rating.rationale, Rating.evidence_notes,
                       Rating.confidence).where(Rating.round_id == round_id)):
            ref = ItemRef.of(stage_id, area_id)
            cells[(ref, domain_id)] = Cell(ref, domain_id, rag, na_reason, rationale, notes,
                                           confidence, tuple(sources.get(rating_id, ())),
                                           rating_id)
        return Heatmap(row, _domains(s), _items(s, round_id), cells)


def rag_in_round(project: OpenProject, round_id: int, item: ItemRef, domain_id: int) -> Rag:
    """One cell's colour in a round (not rated if it has no rating), read alone: the System
    review says what a cell was in the round before each time the cursor moves to it."""
    with project.read() as s:
        rag = s.exec(select(Rating.rag).where(
            Rating.round_id == round_id, Rating.domain_id == domain_id,
            Rating.stage_id == item.stage_id, Rating.area_id == item.area_id)).first()
    return Rag.NOT_RATED if rag is None else rag


def progress(project: OpenProject, before_round_id: int, after_round_id: int) -> Progress:
    """Every cell of two rounds side by side, over the later round's items."""
    before, after = heatmap(project, before_round_id), heatmap(project, after_round_id)
    changes = tuple(
        CellChange(item, d, before.cell(item.ref, d.id).rag, after.cell(item.ref, d.id).rag)
        for item in after.items for d in after.domains)
    return Progress(before, after, changes)


def value_checks(project: OpenProject, round_id: int) -> tuple[ValueRow, ...]:
    """Every value of the framework with its check in one round (not rated if none yet)."""
    with project.read() as s:
        checks = {c.value_id: c for c in s.exec(select(ValueCheck)
                                                 .where(ValueCheck.round_id == round_id))}
        rows = []
        for v in s.exec(select(CsValue).order_by(CsValue.position, CsValue.id)):
            c = checks.get(v.id)
            rows.append(ValueRow(v.id, v.name, v.meaning, c.rag if c else Rag.NOT_RATED,
                                 c.evidence if c else "", c.confidence if c else None))
        return tuple(rows)


def cell_words(item: RatedItem, domain: DomainHead, cell: Cell) -> str:
    """A cell in words, for a screen reader and the report:
    "Front door, Target: Red, low confidence"."""
    words = [f"{item.label}, {domain.short_name}: {cell.rag.label}"]
    if cell.low_confidence:
        words.append("low confidence")
    if cell.no_evidence:
        words.append("no evidence recorded")
    if item.archived:
        words.append("archived stage")
    return ", ".join(words)


@dataclass(frozen=True)
class RoundShare:
    """One round's cells per domain, counted by colour (not-rated cells included)."""

    round: RoundRow
    by_domain: dict[int, Counter]


def shares(project: OpenProject) -> tuple[tuple[DomainHead, ...], tuple[RoundShare, ...]]:
    """Every round's counts per domain, oldest first: the data of the progress chart."""
    return domains(project), shares_of(heatmap(project, r.id) for r in rounds(project))


def shares_of(heatmaps) -> tuple[RoundShare, ...]:
    """The chart's counts from rounds' heatmaps already read, oldest first."""
    return tuple(RoundShare(h.round, {d.id: h.counts(d.id) for d in h.domains})
                 for h in heatmaps)
