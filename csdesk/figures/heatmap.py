"""The heatmap laid out once, for the screen (a table a screen reader walks cell by cell) and
the PDF (a table that prints in greyscale): which rows, in what order, under which headings,
what each cell says, and the totals.

Each cell carries its letter (never colour alone), a mark when confidence is low (?) or no
evidence is recorded (*), and the same cell in words. Rows are grouped by journey, then the
system-wide areas; totals per domain follow for what is shown, and for Level 1 (child
journeys) and Level 2 (context journeys) apart, since an area can be strong at one level and
absent at the other."""

from collections import Counter
from dataclasses import dataclass

from ..models import Rag
from ..services.review_view import (
    RAG_SCALE, SYSTEM_WIDE, DomainHead, Heatmap, ItemRef, RatedItem, cell_words,
)

LOW_CONFIDENCE_MARK = "?"
NO_EVIDENCE_MARK = "*"
LEGEND = (f"R Red, A Amber, G Green, N/A not applicable, – not yet rated. "
          f"{LOW_CONFIDENCE_MARK} low confidence; {NO_EVIDENCE_MARK} no evidence recorded.")

SCOPES = {  # what the heatmap shows: key -> words
    "all": "Everything",
    "level1": "Level 1: child journeys",
    "level2": "Level 2: context journeys",
    "areas": SYSTEM_WIDE,
}


@dataclass(frozen=True)
class Show:
    """A filter: which items (scope, or one journey), held at which level, which domains."""

    scope: str = "all"
    journey_id: int | None = None
    held_at_id: int | None = None
    domain_ids: tuple[int, ...] = ()  # () for every domain

    def keeps(self, item: RatedItem) -> bool:
        if self.journey_id is not None and item.journey_id != self.journey_id:
            return False
        if self.held_at_id is not None and item.held_at_id != self.held_at_id:
            return False
        return {"all": True, "level1": item.cs_level == 1, "level2": item.cs_level == 2,
                "areas": item.cs_level is None}[self.scope]


@dataclass(frozen=True)
class GridCell:
    text: str  # "R", "A?", "G*", "N/A", "–", or a total such as "R 3 · A 5 · G 2"
    words: str  # what a screen reader says
    rag: Rag | None = None  # the colour to fill with; None for headings and totals
    item: ItemRef | None = None
    domain_id: int | None = None


@dataclass(frozen=True)
class GridRow:
    kind: str  # "group" (a journey's heading), "item" or "total"
    label: str
    cells: tuple[GridCell, ...] = ()
    item: RatedItem | None = None


@dataclass(frozen=True)
class HeatmapGrid:
    columns: tuple[DomainHead, ...]
    rows: tuple[GridRow, ...]
    legend: str = LEGEND

    def item_rows(self) -> list[GridRow]:
        return [r for r in self.rows if r.kind == "item"]


def cell_text(rag: Rag, low_confidence: bool, no_evidence: bool) -> str:
    return (rag.letter + (LOW_CONFIDENCE_MARK if low_confidence else "")
            + (NO_EVIDENCE_MARK if no_evidence else ""))


def totals_text(counts: Counter) -> str:
    """"R 3 · A 5 · G 2 · 4 not rated": colours with their letters, zeros left out."""
    parts = [f"{rag.letter} {counts[rag]}" for rag in RAG_SCALE if counts[rag]]
    if counts[Rag.NOT_APPLICABLE]:
        parts.append(f"N/A {counts[Rag.NOT_APPLICABLE]}")
    if counts[Rag.NOT_RATED]:
        parts.append(f"{counts[Rag.NOT_RATED]} not rated")
    return " · ".join(parts) or "nothing to rate"


def totals_words(counts: Counter) -> str:
    parts = [f"{counts[rag]} {rag.label}" for rag in (*RAG_SCALE, Rag.NOT_APPLICABLE)
             if counts[rag]]
    if counts[Rag.NOT_RATED]:
        parts.append(f"{counts[Rag.NOT_RATED]} not yet rated")
    return ", ".join(parts) or "nothing to rate"


def heatmap_grid(heatmap: Heatmap, show: Show = Show()) -> HeatmapGrid:
    columns = tuple(d for d in heatmap.domains if not show.domain_ids or d.id in show.domain_ids)
    items = [i for i in heatmap.items if show.keeps(i)]
    rows: list[GridRow] = []
    group = None
    for item in items:
        if item.group != group:
            group = item.group
            rows.append(GridRow("group", group))
        cells = []
        for d in columns:
            c = heatmap.cell(item.ref, d.id)
            cells.append(GridCell(cell_text(c.rag, c.low_confidence, c.no_evidence),
                                  cell_words(item, d, c), c.rag, item.ref, d.id))
        rows.append(GridRow("item", item.label, tuple(cells), item))
    rows.extend(_totals(heatmap, columns, items, show))
    return HeatmapGrid(columns, tuple(rows))


def _totals(heatmap: Heatmap, columns, items: list[RatedItem], show: Show) -> list[GridRow]:
    """Totals per domain for what is shown; with everything shown, also Level 1, Level 2 and
    the system-wide areas apart."""
    parts = [("Total", items)]
    if show == Show(domain_ids=show.domain_ids):
        parts += [(f"Total, {SCOPES[key]}", [i for i in items if Show(key).keeps(i)])
                  for key in ("level1", "level2", "areas")]
    rows = []
    for label, part in parts:
        if not part and label != "Total":
            continue
        cells = []
        for d in columns:
            counts = Counter(heatmap.cell(i.ref, d.id).rag for i in part)
            cells.append(GridCell(totals_text(counts),
                                  f"{label}, {d.short_name}: {totals_words(counts)}",
                                  domain_id=d.id))
        rows.append(GridRow("total", label, tuple(cells)))
    return rows
