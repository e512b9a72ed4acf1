"""A journey in words: the outline the screen's Outline tab and the PDF both show, so they say
the same things with the same labels (and screen-reader users get all the map holds)."""

from dataclasses import dataclass

from .journey_view import NO_LEAD, JourneyView, LinkView, StageView, journey_time

NOT_KNOWN = "Not known"


def days_text(days: int | None) -> str:
    """'1 day', '45 days', or 'Not known'."""
    if days is None:
        return NOT_KNOWN
    return "1 day" if days == 1 else f"{days} days"


def in_words(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def longest_waits_text(view: JourneyView) -> str:
    waits = journey_time(view).longest_waits
    if not waits:
        return ""
    return "Longest waits: " + ", ".join(f"{name} {days_text(d)}" for name, d in waits) + "."


@dataclass(frozen=True)
class OutlineStage:
    stage_id: int
    heading: str  # "Stage 3: Strategy discussion", or "Archived: ..."
    rows: tuple[tuple[str, str], ...]  # (label, text); text "" where nothing is recorded
    arrows: tuple[str, ...]  # "→ Assessment (next)", "← Park journey: Raised (triggers ...)"


def arrow_texts(view: JourneyView, stage: StageView) -> list[tuple[int, str]]:
    """(link id, text) for every arrow from and to a stage, outgoing first:
    "→ Assessment (next)", "← Front door (branch) – Significant harm suspected"."""
    def far_name(link: LinkView, stage_id: int) -> str:
        if link.other_journey_id is not None:
            return f"{link.other_journey_title}: {link.other_stage_name}"
        far = view.stage(stage_id)
        return far.name if far else "a stage not shown"

    out, into = [], []
    for link in view.links:
        if link.from_stage_id == stage.id:
            text, bucket = f"→ {far_name(link, link.to_stage_id)} ({link.kind})", out
        elif link.to_stage_id == stage.id:
            text, bucket = f"← {far_name(link, link.from_stage_id)} ({link.kind})", into
        else:
            continue
        bucket.append((link.id, text + (f" – {link.note}" if link.note else "")))
    return out + into


def outline(view: JourneyView, agency_names: dict[int, str]) -> tuple[OutlineStage, ...]:
    """Every stage in order, with every field, its level, agencies and arrows in words."""
    result = []
    for st in view.stages:
        others = [agency_names[a] for a in st.agency_ids if a in agency_names]
        rows = (
            ("Lead agency", agency_names.get(st.lead_agency_id, NO_LEAD)),
            ("Other agencies involved", in_words(others) or "None"),
            ("Who decides", st.decision),
            ("Decision options", st.decision_options),
            ("Level held at", st.level_name or "Level not set"),
            ("Time it takes", days_text(st.days)),
            ("Waiting before it", days_text(st.waiting_days)),
            ("Time note", st.time_note),
            ("What happens", st.what_happens),
            ("How extra-familial context is considered today", st.context_considered),
            ("Gaps and pain points", st.gaps),
            ("What this picture is based on", st.evidence_notes),
        )
        number = "Archived" if st.archived else f"Stage {st.position + 1}"
        result.append(OutlineStage(st.id, f"{number}: {st.name}", rows,
                                   tuple(text for _, text in arrow_texts(view, st))))
    return tuple(result)
