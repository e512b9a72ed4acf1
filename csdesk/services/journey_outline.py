"""A journey in words: the outline the screen's Outline tab and the PDF both show, so they say
the same things with the same labels (and screen-reader users get all the map holds)."""

from dataclasses import dataclass

from .journey_view import NO_LEAD, JourneyView, LinkView, StageView, journey_time

NOT_KNOWN = "Not known"


# --- times, worded once for the map, the stage list, the Outline tab and the PDF ------------------

def days_text(days: int | None) -> str:
    """A count of days exactly: '0 days', '1 day', '45 days', or 'Not known' (the days
    fields show this, so it must read back as the same number)."""
    if days is None:
        return NOT_KNOWN
    return "1 day" if days == 1 else f"{days} days"


def took_text(days: int | None) -> str:
    """How long a stage takes: 'under a day', '1 day', '45 days', 'Not known'."""
    return "under a day" if days == 0 else days_text(days)


def waiting_text(days: int | None) -> str:
    """The wait before a stage: 'no wait', '1 day', '21 days', 'Not known'."""
    return "no wait" if days == 0 else days_text(days)


def takes_line(days: int | None, note: str = "") -> str:
    """A stage's time as one line: 'Takes 45 days (note)', 'Takes under a day', 'Time:
    note' when only a note is recorded, or '' when nothing is."""
    note = note.strip()
    if days is None:
        return f"Time: {note}" if note else ""
    took = f"Takes {took_text(days)}"
    return f"{took} ({note})" if note else took


def waits_label(days: int | None) -> str:
    """The hand-off before a stage, as the map labels its arrow: 'waits 7 days', or ''
    when there is no wait or it is not known."""
    return f"waits {waiting_text(days)}" if days else ""


def time_short(days: int | None, waiting: int | None) -> str:
    """For a narrow column: '45 days + 7 waiting', 'under a day', 'Not known'."""
    if days is None and waiting is None:
        return NOT_KNOWN
    text = took_text(days) if days is not None else "time not known"
    if waiting is None:
        return text
    return f"{text}, no wait" if waiting == 0 else f"{text} + {waiting} waiting"


def time_spoken(days: int | None, waiting: int | None) -> str:
    """The same for a screen reader: 'Takes 45 days, after waiting 7 days'."""
    if days is None and waiting is None:
        return "Time not known"
    text = f"Takes {took_text(days)}" if days is not None else "Time taken not known"
    if waiting is None:
        return text
    return f"{text}, no wait before it" if waiting == 0 else \
        f"{text}, after waiting {waiting_text(waiting)}"


def in_words(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def longest_waits_text(view: JourneyView) -> str:
    waits = journey_time(view).longest_waits
    if not waits:
        return ""
    return "Longest waits: " + ", ".join(f"{name} {waiting_text(d)}" for name, d in waits) + "."


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
            ("Time it takes", took_text(st.days)),
            ("Waiting before it", waiting_text(st.waiting_days)),
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
