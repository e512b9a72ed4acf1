"""The report's map of the current system: for each journey its time through the system and
its outline (every stage and what people know about it), then the levels table. The
swimlane map pages themselves come from csdesk/figures, drawn by journey_map.py."""

from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph

from ..models import JourneyKind
from ..services import mapping
from ..services.journey_view import JourneyView, journey_list, journey_time, journey_view
from ..services.project import OpenProject

OUTLINE_FIELDS = (
    ("what_happens", "What happens"), ("decision", "Who decides"),
    ("decision_options", "Decision options"),
    ("context_considered", "How extra-familial context is considered today"),
    ("gaps", "Gaps and pain points"), ("evidence_notes", "What this picture is based on"),
)


def journeys(project: OpenProject) -> list[JourneyView]:
    """Every live journey, child journeys first, as plain data."""
    return [journey_view(project, j.id) for j in journey_list(project)]


def journey_heading(journey: JourneyView) -> str:
    if journey.kind == JourneyKind.CHILD:
        return f"{journey.title} (child journey, level 1)"
    return f"{journey.title} (context journey: {journey.context_type}, level 2)"


def _days(value: int | None) -> str:
    return "not known" if value is None else f"{value} day{'s' if value != 1 else ''}"


def time_summary(journey: JourneyView, st) -> list:
    time = journey_time(journey)
    story = [Paragraph(escape(time.summary()), st["body"])]
    if time.longest_waits:
        waits = "; ".join(f"{name}: {days} days" for name, days in time.longest_waits)
        story.append(Paragraph(escape(f"Longest waits: {waits}."), st["body"]))
    return story


def outline(journey: JourneyView, agencies: dict[int, str], table, st, width) -> list:
    """Each stage as a small table of what people know about it; arrows in words."""
    if not journey.stages:
        return [Paragraph("No stages mapped yet.", st["body"])]
    names = {s.id: s.name for s in journey.stages}
    story = []
    for number, stage in enumerate(journey.stages, start=1):
        rows = [["Lead agency", agencies.get(stage.lead_agency_id, "not set")]]
        if stage.agency_ids:
            rows.append(["Also taking part", ", ".join(agencies.get(a, "") for a in
                                                       stage.agency_ids)])
        rows.append(["Level held at", stage.level_name or "not set"])
        rows.append(["Time", f"takes {_days(stage.days)}; waiting before it "
                             f"{_days(stage.waiting_days)}"
                     + (f" ({stage.time_note})" if stage.time_note else "")])
        rows += [[label, getattr(stage, key)] for key, label in OUTLINE_FIELDS
                 if getattr(stage, key).strip()]
        for link in journey.links:
            if link.from_stage_id == stage.id:
                target = names.get(link.to_stage_id) or \
                    f"{link.other_journey_title}: {link.other_stage_name}"
                rows.append([f"Leads to ({link.kind.value})", target +
                             (f": {link.note}" if link.note else "")])
            elif link.to_stage_id == stage.id and link.other_journey_id is not None:
                rows.append([f"Fed by ({link.kind.value})", f"{link.other_journey_title}: "
                             f"{link.other_stage_name}" + (f": {link.note}" if link.note
                                                             else "")])
        cells = [[Paragraph(escape(k), st["cell"]), Paragraph(escape(v), st["cell"])]
                 for k, v in rows]
        story += [Paragraph(escape(f"{number}. {stage.name}"), st["h3"]),
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
