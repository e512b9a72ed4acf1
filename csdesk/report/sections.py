"""The report's sections, in order, each under a stable key (`csdesk export --sections`, the
Export dialog's checkboxes). Each turns the plain ReportData into content blocks
(content.py), drawn by the PDF and the HTML renderers alike. A section with nothing to show
says so in one line. The cover and the contents are not sections: they are always there."""

from collections.abc import Callable
from dataclasses import dataclass

from ..figures.heatmap import LEGEND, heatmap_grid
from ..figures.rag_share import share_table
from ..models import RATED_COLOURS, JourneyKind, Rag
from ..services.journey_outline import longest_waits_text
from ..services.journey_view import JourneyView, journey_time
from ..services.overview import long_date
from ..services.plan_view import standing
from ..services.review_view import CellChange, Heatmap, RatedItem, cell_words
from .content import (
    Block, Bullets, Figure, GroupRow, Heading, PageBreak, Para, RagText, SectionContent, Table,
)
from . import plan_sections
from .data import ReportData

COUNTED = (*RATED_COLOURS, Rag.NOT_APPLICABLE, Rag.NOT_RATED)
MAIN_GAPS = 8  # the summary names this many gaps, then says how many more


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    holds: str  # what it holds, for the Export dialog and `--help`
    build: Callable[[ReportData], list[Block]]


def round_title(h: Heatmap) -> str:
    held = long_date(h.round.held_on)
    return f"{h.round.label} ({held})" if held else h.round.label


def _rag(rag: Rag) -> RagText:
    return RagText(rag, rag.letter)


def _rag_word(rag: Rag) -> RagText:
    return RagText(rag, f"{rag.label} ({rag.letter})" if rag in RATED_COLOURS else rag.label)


def _counts_text(counts) -> str:
    return ", ".join(f"{counts.get(c, 0)} {c.label.lower()}" for c in COUNTED)


# --- Summary -------------------------------------------------------------------------------------


def summary(data: ReportData) -> list[Block]:
    ov = data.overview
    blocks: list[Block] = [Heading("Summary")]
    blocks += [Heading("Where the area stands on the roadmap", 2),
               Para(standing(list(data.steps)))]
    blocks.append(Heading("Ratings by domain", 2))
    if not data.heatmaps:
        blocks.append(Para("No review round has been rated yet."))
    else:
        blocks += _domain_counts(data)
    blocks.append(Heading("Main gaps", 2))
    blocks += _main_gaps(data)
    blocks.append(Heading("The action plan", 2))
    rows = tuple((s.value.capitalize(), str(n)) for s, n in ov.actions_by_status.items())
    blocks.append(Table(("Status", "Actions"), (*rows, ("All actions", str(ov.actions))),
                        (0.75, 0.25), total_row=True))
    return blocks


def _domain_counts(data: ReportData) -> list[Block]:
    """Red / Amber / Green per domain in the latest round, and the change since the baseline."""
    first, last = data.heatmaps[0], data.heatmaps[-1]
    change = len(data.heatmaps) > 1
    head = ("Domain", *(f"{c.label} ({c.letter})" for c in RATED_COLOURS), "Not rated")
    if change:
        head += (f"Change since {first.round.label}",)
    rows = []
    for d in last.domains:
        now, then = last.counts(d.id), first.counts(d.id)
        row = (d.short_name, *(RagText(c, str(now[c])) for c in RATED_COLOURS),
               str(now[Rag.NOT_RATED]))
        if change:
            moves = [f"{c.label} {now[c] - then[c]:+d}".replace("-", "\u2212")  # minus sign
                     for c in RATED_COLOURS if now[c] != then[c]]
            row += ("; ".join(moves) or "no change",)
        rows.append(row)
    widths = (0.28, 0.1, 0.1, 0.1, 0.12, 0.3) if change else (0.4, 0.15, 0.15, 0.15, 0.15)
    intro = f"In {round_title(last)}, of {last.size} cells (rated items × domains)."
    if not change:
        intro += " Only one round so far: the change since the baseline shows after the next."
    return [Para(intro), Table(head, tuple(rows), widths)]


def _main_gaps(data: ReportData) -> list[Block]:
    if not data.heatmaps:
        return [Para("No gaps to show until a round is rated.")]
    last = data.heatmaps[-1]
    red = [cell_words(i, d, last.cell(i.ref, d.id)).rsplit(":", 1)[0]
           for i in last.items for d in last.domains if last.cell(i.ref, d.id).rag == Rag.RED]
    if not red:
        return [Para(f"Nothing is rated Red in {last.round.label}.")]
    more = len(red) - MAIN_GAPS
    blocks: list[Block] = [Para(f"Rated Red in {last.round.label} ({len(red)} in all):"),
                           Bullets(tuple(red[:MAIN_GAPS]))]
    if more > 0:
        blocks.append(Para(f"… and {more} more: see the heatmap.", "small"))
    return blocks


# --- The current system --------------------------------------------------------------------------


def journey_heading(journey: JourneyView) -> str:
    if journey.kind == JourneyKind.CHILD:
        return f"{journey.title} (child journey, level 1)"
    return f"{journey.title} (context journey: {journey.context_type}, level 2)"


def _time_summary(journey: JourneyView) -> list[Block]:
    blocks: list[Block] = [Para(journey_time(journey).summary())]
    waits = longest_waits_text(journey)
    if waits:
        blocks.append(Para(waits))
    return blocks


def current_system(data: ReportData) -> list[Block]:
    """Each journey's time through the system; then, per journey, its swimlane map
    (landscape pages) and its outline, every stage and what is recorded about it."""
    blocks: list[Block] = [Heading("The current system")]
    if not data.journeys:
        return blocks + [Para("No journeys have been mapped yet.")]
    blocks.append(Heading("Time through the system", 2))
    for journey in data.journeys:
        blocks += [Heading(journey_heading(journey), 3), *_time_summary(journey)]
    for journey in data.journeys:
        # the PDF puts a map on landscape pages of its own, from a new page
        blocks.append(Figure("map", journey, f"The swimlane map of {journey.title}: its "
                             "stages and arrows are listed in words below.")
                      if journey.stages else PageBreak())
        blocks += [Heading(journey_heading(journey), 2), *_time_summary(journey)]
        blocks += _outline(data, journey)
    return blocks


def _outline(data: ReportData, journey: JourneyView) -> list[Block]:
    if not journey.stages:
        return [Para("No stages mapped yet.")]
    blocks: list[Block] = []
    for stage in data.outlines[journey.id]:
        rows = tuple((label, text) for label, text in stage.rows if text.strip())
        rows += tuple(("Arrow", text) for text in stage.arrows)
        blocks += [Heading(stage.heading, 3), Table((), rows, (0.3, 0.7))]
    return blocks


def levels(data: ReportData) -> list[Block]:
    blocks: list[Block] = [Heading("Levels at which children are held"),
                           Para("Approximate, aggregate numbers only.", "small")]
    if not data.levels:
        return blocks + [Para("No levels recorded.")]
    rows = tuple((lv.name, lv.criteria,
                  ("not known" if lv.approx_count is None else f"about {lv.approx_count}")
                  + (f" ({lv.count_note})" if lv.count_note else "")) for lv in data.levels)
    return blocks + [Table(("Level", "Criteria", "Children held (approx.)"), rows,
                           (0.25, 0.5, 0.25))]


# --- The System Review ---------------------------------------------------------------------------


def _item_label(item: RatedItem) -> str:
    return item.label + (" (archived stage)" if item.archived else "")


def heatmap(data: ReportData) -> list[Block]:
    """Each round's grid as the System review screen lays it out (figures/heatmap.py): a
    table of letters, which reads in greyscale and to a screen reader, with the totals."""
    blocks: list[Block] = [Heading("Heatmap")]
    if not data.heatmaps:
        return blocks + [Para("No review round has been rated yet.")]
    blocks.append(Para("Every rated item (each journey stage, then the system-wide areas) "
                       "against each domain, round by round. " + LEGEND))
    first = 0.32
    for h in data.heatmaps:
        blocks += [Heading(round_title(h), 2),
                   Para(f"{h.rated} of {h.size} cells rated: {_counts_text(h.counts())}.",
                        "small")]
        if not h.items or not h.domains:
            blocks.append(Para("Nothing to rate in this round."))
            continue
        grid = heatmap_grid(h)
        rows: list = []
        for row in grid.rows:
            if row.kind == "group":
                rows.append(GroupRow(row.label))
            elif row.kind == "item":
                rows.append((_item_label(row.item),
                             *(RagText(c.rag, c.text) for c in row.cells)))
            else:
                rows.append((row.label, *(c.text for c in row.cells)))
        share = (1 - first) / len(grid.columns)
        blocks.append(Table(("Journey stage or area", *(d.short_name for d in grid.columns)),
                            tuple(rows), (first, *[share] * len(grid.columns)), compact=True,
                            caption=f"Heatmap of {h.round.label}"))
    return blocks


def rating_detail(data: ReportData) -> list[Block]:
    """The latest round's ratings with their reasons (earlier rounds' reasons stay in the
    project: the heatmap and the progress section show how the colours moved)."""
    blocks: list[Block] = [Heading("Rating detail")]
    if not data.heatmaps:
        return blocks + [Para("No review round has been rated yet.")]
    h = data.heatmaps[-1]
    blocks.append(Para(f"Each rating of {round_title(h)} with its rationale, the evidence it "
                       "rests on and how confident the raters were. Cells not yet rated are "
                       "left out."))
    if h.round.participants.strip():
        blocks.append(Para(f"Taking part: {h.round.participants}", "small"))
    if not h.rated:
        return blocks + [Para("No cell of this round has been rated yet.")]
    groups: dict[str, list] = {}
    for item in h.items:
        rows = [_detail_row(data, d.short_name, h.cell(item.ref, d.id)) for d in h.domains
                if h.cell(item.ref, d.id).rated]
        if rows:
            groups.setdefault(item.group, []).extend([GroupRow(_item_label(item)), *rows])
    for group, rows in groups.items():
        blocks += [Heading(group, 2),
                   Table(("Domain", "Rating", "Rationale and evidence", "Confidence"),
                         tuple(rows), (0.2, 0.13, 0.52, 0.15))]
    return blocks


def _detail_row(data: ReportData, domain: str, cell) -> tuple:
    why = [cell.rationale.strip() or "No rationale recorded."]
    if cell.na_reason.strip():
        why.insert(0, f"Not applicable: {cell.na_reason.strip()}")
    sources = [data.evidence_sources[i] for i in cell.source_ids if i in data.evidence_sources]
    if sources:
        why.append("Evidence: " + ", ".join(sources) + ".")
    if cell.evidence_notes.strip():
        why.append(cell.evidence_notes.strip())
    return (domain, _rag_word(cell.rag), "\n".join(why),
            cell.confidence.value.capitalize() if cell.confidence else "Not said")


def values(data: ReportData) -> list[Block]:
    blocks: list[Block] = [Heading("Values")]
    if not data.heatmaps:
        return blocks + [Para("No review round has been rated yet.")]
    blocks.append(Para("How visible each value is across the system, round by round."))
    for h, checks in zip(data.heatmaps, data.value_checks):
        blocks.append(Heading(round_title(h), 2))
        if not checks:
            blocks.append(Para("The framework lists no values."))
            continue
        rows = tuple((v.name, _rag_word(v.rag), v.evidence.strip() or "None recorded.",
                      v.confidence.value.capitalize() if v.confidence else "Not said")
                     for v in checks)
        blocks.append(Table(("Value", "Rating", "Evidence", "Confidence"), rows,
                            (0.22, 0.16, 0.48, 0.14)))
    return blocks


def progress(data: ReportData) -> list[Block]:
    blocks: list[Block] = [Heading("Progress between rounds")]
    if len(data.heatmaps) < 2:
        return blocks + [Para("Progress shows once a second review round is rated.")]
    head, rows = share_table(data.domains, data.shares)
    blocks += [Heading("Red, Amber and Green in every round", 2),
               Figure("share", (data.domains, data.shares),
                      "A chart of each domain's cells by colour in every round; its numbers "
                      "are in the table that follows."),
               Table(head, tuple(rows), (0.3, *[0.7 / (len(head) - 1)] * (len(head) - 1)),
                     caption="Cells of each colour per domain and round")]
    before, after = data.heatmaps[0], data.heatmaps[-1]
    blocks += [Heading("From the baseline to the latest round", 2),
               Para(f"From {round_title(before)} to {round_title(after)}, over the items "
                    f"rated in {after.round.label}.")]
    head = ("Domain", *(f"{c.label} ({c.letter})" for c in RATED_COLOURS))
    rows = tuple((d.short_name, *(f"{before.counts(d.id)[c]} → {after.counts(d.id)[c]}"
                                  for c in RATED_COLOURS)) for d in after.domains)
    blocks.append(Table(head, rows, (0.4, 0.2, 0.2, 0.2),
                        caption="Cells of each colour, before → after"))
    by_id = {d.id: d for d in after.domains}
    moved = {"better": [], "worse": []}
    for item in after.items:
        for d in after.domains:
            change = CellChange(item, by_id[d.id], before.cell(item.ref, d.id).rag,
                                after.cell(item.ref, d.id).rag)
            if change.direction in moved:
                moved[change.direction].append((_item_label(item), d.short_name,
                                                _rag_word(change.before), _rag_word(change.after)))
    for direction, title in (("better", "Ratings that improved"),
                             ("worse", "Ratings that went down")):
        blocks.append(Heading(title, 3))
        if moved[direction]:
            blocks.append(Table(("Item", "Domain", "Before", "After"),
                                tuple(moved[direction]), (0.4, 0.2, 0.2, 0.2)))
        else:
            blocks.append(Para("None."))
    return blocks + plan_sections.what_moved(data)


# --- Appendix ------------------------------------------------------------------------------------


def framework(data: ReportData) -> list[Block]:
    d = data.details
    blocks: list[Block] = [
        Heading("Appendix: the framework the ratings used"),
        Para(f"{d.framework_name} (version {d.framework_version}), as kept in this project. "
             "This wording is csdesk's default guidance unless the area changed it; it is not "
             "official Contextual Safeguarding wording.", "small"),
        Heading("The four domains", 2)]
    if data.domains:
        blocks.append(Table(("Domain", "What it means", "The question"), tuple(
            (x.short_name, x.meaning + ("\nPrompts: " + "; ".join(x.prompts)
                                        if x.prompts else ""), x.question)
            for x in data.domains), (0.2, 0.5, 0.3)))
    else:
        blocks.append(Para("No domains in this project's framework."))
    blocks.append(Heading("What the colours mean", 2))
    meanings = [(f"{r.label} ({r.letter})", data.rag_meanings[r]) for r in COUNTED
                if data.rag_meanings.get(r)]
    blocks.append(Table((), tuple(meanings), (0.25, 0.75)) if meanings
                  else Para("No colour meanings recorded."))
    blocks.append(Heading("Values", 2))
    blocks.append(Table((), tuple((v.name, v.meaning) for v in data.values), (0.25, 0.75))
                  if data.values else Para("No values in this project's framework."))
    blocks.append(Heading("System-wide areas rated", 2))
    blocks.append(Table((), tuple((a.label, a.description) for a in data.areas), (0.3, 0.7))
                  if data.areas else Para("No system-wide areas."))
    blocks.append(Heading("Evidence sources", 2))
    sources = tuple(data.evidence_sources.values())
    blocks.append(Bullets(sources) if sources else Para("No evidence sources listed."))
    return blocks


SECTIONS: tuple[Section, ...] = (
    Section("summary", "Summary", "roadmap standing, ratings by domain, main gaps, plan status",
            summary),
    Section("maps", "The current system", "each journey's map, time and outline",
            current_system),
    Section("levels", "Levels", "the levels at which children are held", levels),
    Section("heatmap", "Heatmap", "every round's ratings as a grid", heatmap),
    Section("ratings", "Rating detail",
            "the latest round's ratings with their rationale and evidence", rating_detail),
    Section("values", "Values", "each round's value checks", values),
    Section("progress", "Progress", "the colours round by round, and what changed from the "
            "baseline", progress),
    Section("plan", "Action plan", "the actions, their timeline, and gaps no action addresses",
            plan_sections.action_plan),
    Section("roadmap", "Roadmap and people", "the roadmap's steps and who leads the change",
            plan_sections.roadmap_and_people),
    Section("vision", "Vision", "what the system will look like, domain by domain",
            plan_sections.vision),
    Section("framework", "Appendix: framework", "the framework wording the ratings used",
            framework),
)
KEYS = tuple(s.key for s in SECTIONS)


def chosen(keys=None) -> tuple[Section, ...]:
    """The sections for a list of keys (None: all), in report order; an unknown key is a
    ValueError naming the known ones."""
    if keys is None:
        return SECTIONS
    keys = [k.strip().lower() for k in keys if k.strip()]
    unknown = [k for k in keys if k not in KEYS]
    if unknown:
        raise ValueError(f"No report section called {', '.join(unknown)}. "
                         f"The sections are: {', '.join(KEYS)}.")
    if not keys:
        raise ValueError(f"Choose at least one section: {', '.join(KEYS)}.")
    return tuple(s for s in SECTIONS if s.key in keys)


def build(data: ReportData, keys=None) -> list[SectionContent]:
    return [SectionContent(s.key, s.title, tuple(s.build(data))) for s in chosen(keys)]
