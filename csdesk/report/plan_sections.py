"""The plan's sections of the report: the action plan and its timeline, the roadmap and the
people leading the change, and the vision, from services/plan_view (plain data)."""

from ..models import MemberGroup
from ..services.plan_view import ActionView, short_date, standing
from .content import Block, Bullets, Figure, GroupRow, Heading, Para, Table
from .data import ReportData

GROUP_TITLES = {MemberGroup.GOVERNANCE: "Governance group", MemberGroup.CHAMPION: "Champions",
                MemberGroup.CRITICAL_FRIEND: "Critical friends"}


def _when(a: ActionView) -> str:
    parts = []
    if a.start_on:
        parts.append(f"from {short_date(a.start_on)}")
    if a.due_on:
        parts.append(f"due {a.due_words}")
    if a.review_on:
        parts.append(f"review {short_date(a.review_on)}")
    return "\n".join(parts) or "No dates"


def _action_rows(a: ActionView) -> tuple[tuple[str, str], ...]:
    """One action as label and text, a line each: read at a board meeting, not decoded."""
    status = a.status.value.capitalize() + (" (overdue)" if a.overdue else "")
    rows = [("Status", f"{status}; {a.priority.value} priority"),
            ("Lead agency", a.lead_agency or "No lead agency")]
    for label, text in (("Owner (role)", a.owner_role), ("Partners", ", ".join(a.partners)),
                        ("When", _when(a)), ("What it is", a.description),
                        ("Goal", a.goal), ("Response", a.response), ("Measure", a.measure),
                        ("Success looks like", a.success_looks_like)):
        if text.strip():
            rows.append((label, text.strip()))
    rows.append(("Gaps it addresses", "\n".join(g.words for g in a.gaps) or "No gap linked"))
    return tuple(rows)


def action_plan(data: ReportData) -> list[Block]:
    blocks: list[Block] = [Heading("Action plan")]
    if not data.actions:
        return blocks + [Para("No actions in the plan yet.")]
    overdue = sum(a.overdue for a in data.actions)
    blocks.append(Para(f"{len(data.actions)} actions"
                       + (f", {overdue} of them overdue" if overdue else "") + ". Each with "
                       "its lead, dates, status and the gaps (rated item × domain) it "
                       "addresses, with their latest rating."))
    blocks.append(Heading("The actions, one by one", 2))
    for n, a in enumerate(data.actions, start=1):
        blocks.append(Heading(f"{n}. {a.title}", 3))
        blocks.append(Table((), _action_rows(a), (0.24, 0.76)))
    if any(a.start_on or a.due_on for a in data.actions):
        blocks.append(Figure("timeline", data.actions, "The timeline: each action's dates "
                             "and status are in the table above."))
    else:
        blocks.append(Para("No action has dates yet, so there is no timeline."))
    if data.open_gaps:
        blocks.append(Heading("Gaps no action addresses yet", 2))
        rows = []
        for group in data.open_gaps:
            rows.append(GroupRow(group.title))
            rows += [(g.item, g.rating_words) for g in group.gaps]
        blocks.append(Table(("Rated item", "Latest rating"), tuple(rows), (0.6, 0.4)))
    return blocks


def roadmap_and_people(data: ReportData) -> list[Block]:
    blocks: list[Block] = [Heading("Roadmap and people")]
    if data.steps:
        blocks += [Para(standing(data.steps)), Table(
            ("Step", "Status", "Started", "Done", "Notes", "Actions"),
            tuple((f"{s.position + 1}. {s.name}", s.status.value.capitalize(),
                   short_date(s.started_on), short_date(s.completed_on), s.notes,
                   str(s.actions)) for s in data.steps),
            (0.3, 0.12, 0.12, 0.12, 0.24, 0.1))]
    else:
        blocks.append(Para("No roadmap steps."))
    blocks.append(Heading("The people leading the change", 2))
    if not any(data.members.values()):
        return blocks + [Para("No one recorded yet in the governance group, as a champion "
                              "or as a critical friend.")]
    rows = []
    for group, people in data.members.items():
        if people:
            rows.append(GroupRow(GROUP_TITLES.get(group, str(group).capitalize())))
            rows += [(m.role, m.where, m.name, "Yes" if m.trained else "") for m in people]
    return blocks + [Table(("Role", "Agency or organisation", "Name (optional)", "Trained"),
                           tuple(rows), (0.34, 0.34, 0.2, 0.12))]


def vision(data: ReportData) -> list[Block]:
    blocks: list[Block] = [Heading("Vision")]
    written = [v for v in data.vision if v.statement.strip()]
    if not written:
        return blocks + [Para("No vision statement written yet.")]
    blocks.append(Para("What the area's Contextual Safeguarding system will look like, "
                       "domain by domain."))
    return blocks + [Table((), tuple((v.domain, v.statement) for v in data.vision
                                     if v.statement.strip()), (0.25, 0.75))]


def what_moved(data: ReportData) -> list[Block]:
    """For the progress section: the actions whose gaps' ratings moved."""
    moved = data.moved
    if moved is None:
        return []
    blocks: list[Block] = [Heading("Which actions moved which ratings", 2), Para(
        f"From {moved.round_a.label} to {moved.round_b.label}, by the balance of each "
        "action's gaps.")]
    for title, group in (("Improved", moved.improved), ("Stayed the same", moved.stayed),
                         ("Got worse", moved.worse)):
        blocks.append(Heading(title, 3))
        blocks.append(Bullets(tuple(f"{m.title} ({m.status.value})" for m in group))
                      if group else Para("None."))
    return blocks
