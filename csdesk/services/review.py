"""System Review operations: review rounds, the rating of each cell, and value checks.

A cell is one round x one rated item (a journey stage or a system-wide area) x one domain;
it has at most one rating, which rate() creates or replaces. Each operation is one undoable
edit (OpenProject.write); bad input is refused with a ValueError whose message can be shown,
and an id not in the project by the file itself (EditRefusedError)."""

from datetime import date

from sqlmodel import select

from ..models import Confidence, Rag, Rating, RatingEvidence, ReviewRound, ValueCheck
from .checks import added, next_position, one_of, optional_date, replace_links, required
from .project import OpenProject


def add_round(project: OpenProject, label: str, held_on: date | None = None,
              participants: str = "", notes: str = "") -> int:
    """A review round (a baseline or a later re-rating), last in the list. Participants are
    roles and agencies, not names."""
    label = required(label, "A review round's name")
    held_on = optional_date(held_on, "The date a review was held")
    with project.write("add review round") as s:
        position = next_position(s, ReviewRound.position)
        return added(s, ReviewRound(position=position, label=label, held_on=held_on,
                                    participants=participants, notes=notes)).id


def _confidence(value) -> Confidence | None:
    return None if value is None else one_of(Confidence, value, "a level of confidence")


def rate(project: OpenProject, round_id: int, *, domain_id: int, rag: Rag | str,
         stage_id: int | None = None, area_id: int | None = None, na_reason: str = "",
         rationale: str = "", evidence_notes: str = "", confidence: Confidence | str | None = None,
         source_ids=()) -> int:
    """Rate one cell: a stage (stage_id) or a system-wide area (area_id) against one domain in
    one round. The cell's rating is created, or replaced whole (its evidence sources become
    exactly `source_ids`). "Not applicable" needs na_reason. Returns the rating's id."""
    rag = one_of(Rag, rag, "a rating")
    confidence = _confidence(confidence)
    if (stage_id is None) == (area_id is None):
        raise ValueError("A rating is of one stage or one system-wide area.")
    if rag == Rag.NOT_APPLICABLE and not na_reason.strip():
        raise ValueError("A rating marked not applicable needs a reason.")
    with project.write("rate cell") as s:
        rating = s.exec(select(Rating).where(
            Rating.round_id == round_id, Rating.domain_id == domain_id,
            Rating.stage_id == stage_id if stage_id is not None else Rating.area_id == area_id,
        )).first()
        if rating is None:
            rating = Rating(round_id=round_id, stage_id=stage_id, area_id=area_id,
                            domain_id=domain_id)
        rating.sqlmodel_update(dict(rag=rag, na_reason=na_reason, rationale=rationale,
                                    evidence_notes=evidence_notes, confidence=confidence))
        added(s, rating)
        replace_links(s, RatingEvidence, "rating_id", rating.id, "source_id", source_ids)
        return rating.id


def set_value_check(project: OpenProject, round_id: int, value_id: int, rag: Rag | str,
                    evidence: str = "", confidence: Confidence | str | None = None) -> int:
    """How visible one value is across the system in one round: created, or replaced whole.
    Returns the check's id."""
    rag = one_of(Rag, rag, "a rating")
    confidence = _confidence(confidence)
    with project.write("check value") as s:
        check = s.exec(select(ValueCheck).where(ValueCheck.round_id == round_id,
                                                ValueCheck.value_id == value_id)).first()
        check = check or ValueCheck(round_id=round_id, value_id=value_id)
        check.sqlmodel_update(dict(rag=rag, evidence=evidence, confidence=confidence))
        return added(s, check).id
