"""The report's map of the current system: for each journey its time through the system and
its outline (every stage and what people know about it), then the levels table. The
swimlane map pages themselves come from csdesk/figures, drawn by journey_map.py."""

from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph

from ..models import JourneyKind
from ..services import journey_outline, mapping
from ..services.journey_view import JourneyView, journey_list, journey_time, journey_view
from ..services.project import OpenProject

def journeys(project: OpenProject) -> list[JourneyView]:
    """Every live journey, child journeys first, as plain data."""
    return [journey_view(project, j.id) for j in journey_list(project)]


def journey_heading(journey: JourneyView) -> str:
    if journey.kind == JourneyKind.CHILD:
        return f"{journey.title} (child journey, level 1)"
    return f"{journey.title} (context journey: {journey.context_type}, level 2)"


def time_summary(journey: JourneyView, st) -> list:
    story = [Paragraph(escape(journey_time(journey).summary()), st["body"])]
    waits = journey_outline.longest_waits_text(journey)
    if waits:
        story.append(Paragraph(escape(waits), st["body"]))
    return story


def outline(journey: JourneyView, agencies: dict[int, str], table, st, width) -> list:
    """Each stage as a small table of what is recorded about it (the Outline tab's words;
    fields with nothing recorded are left out), then its arrows."""
    if not journey.stages:
        return [Paragraph("No stages mapped yet.", st["body"])]
    story = []
    for stage in journey_outline.outline(journey, agencies):
        rows = [(label, text) for label, text in stage.rows if text.strip()]
        rows += [("Arrow", text) for text in stage.arrows]
        cells = [[Paragraph(escape(k), st["cell"]),
                  Paragraph(escape(v).replace("\n", "<br/>"), st["cell"])] for k, v in rows]
        story += [Paragraph(escape(stage.heading), st["h3"]),
                  table(cells, [width * 0.3, width * 0.7], header=False)]
    return story


def levels_table(project: OpenProject, table, st, width) -> list:
    rows = mapping.levels(project)
    story = [Paragraph("Levels at which children are held", st["h1"]),
             Paragraph("Approximate, aggregate numbers only.", st["small"])]
    if not rows:
        return story + [Paragraph("No levels recorded.", st["body"])]
    cells = [[Paragraph(f"<b>{h}</b>", st["cell"]) for h in
              ("Level", "Criteria", "Children held (approx.)")]] + [
        [Paragraph(escape(lv.name), st["cell"]), Paragraph(escape(lv.criteria), st["cell"]),
         Paragraph(escape(("not known" if lv.approx_count is None else f"about "
                           f"{lv.approx_count}") + (f" ({lv.count_note})" if lv.count_note
                                                    else "")), st["cell"])]
        for lv in rows]
    return story + [table(cells, [width * 0.25, width * 0.5, width * 0.25])]


def agency_names(project: OpenProject) -> dict[int, str]:
    return {a.id: a.name for a in mapping.agencies(project)}
