"""System Review operations: review rounds, the rating of each cell, and value checks.

A cell is one round x one rated item (a journey stage or a system-wide area) x one domain;
it has at most one rating, which rate() creates or replaces. Each operation is one undoable
edit (OpenProject.write); bad input is refused with a ValueError whose message can be shown,
and an id not in the project by the file itself (EditRefusedError)."""

from datetime import date

from sqlmodel import select

from ..models import Confidence, Rag, Rating, RatingEvidence, ReviewRound, Stage, ValueCheck
from .checks import (
    added, existing, known_fields, next_position, one_of, optional_date, renumber, replace_links,
    required,
)
from .project import OpenProject


ROUND_FIELDS = ("label", "held_on", "participants", "notes")


def _check_round(changes: dict) -> dict:
    known_fields(changes, ROUND_FIELDS, "a review round")
    if "label" in changes:
        changes["label"] = required(changes["label"], "A review round's name")
    if "held_on" in changes:
        changes["held_on"] = optional_date(changes["held_on"], "The date a review was held")
    return changes


def add_round(project: OpenProject, label: str, held_on: date | None = None,
              participants: str = "", notes: str = "", carry_from: int | None = None) -> int:
    """A review round (a baseline or a later re-rating), last in the list. Participants are
    roles and agencies, not names. With carry_from, the new round starts with a copy of that
    round's ratings (evidence included) and value checks, to re-rate; otherwise blank."""
    fields = _check_round(dict(label=label, held_on=held_on, participants=participants,
                               notes=notes))
    with project.write("add review round") as s:
        position = next_position(s, ReviewRound.position)
        round_id = added(s, ReviewRound(position=position, **fields)).id
        if carry_from is not None:
            existing(s, ReviewRound, carry_from, "review round")
            _carry(s, carry_from, round_id)
        return round_id


def _carry(s, from_id: int, to_id: int) -> None:
    sources: dict[int, list[int]] = {}
    for rating_id, source_id in s.exec(
            select(RatingEvidence.rating_id, RatingEvidence.source_id)
            .join(Rating, Rating.id == RatingEvidence.rating_id)
            .where(Rating.round_id == from_id)):
        sources.setdefault(rating_id, []).append(source_id)
    archived = set(s.exec(select(Stage.id).where(Stage.archived)).all())
    for old in s.exec(select(Rating).where(Rating.round_id == from_id)).all():
        if old.stage_id in archived:
            continue  # an archived stage is no longer rated; its history stays in `from`
        new = added(s, Rating(**old.model_dump(exclude={"id", "round_id"}), round_id=to_id))
        s.add_all(RatingEvidence(rating_id=new.id, source_id=src)
                  for src in sources.get(old.id, ()))
    for old in s.exec(select(ValueCheck).where(ValueCheck.round_id == from_id)).all():
        s.add(ValueCheck(**old.model_dump(exclude={"id", "round_id"}), round_id=to_id))
    s.flush()


def update_round(project: OpenProject, round_id: int, **changes) -> None:
    """Change a round's label, held_on, participants or notes."""
    changes = _check_round(changes)
    with project.write("change review round") as s:
        row = existing(s, ReviewRound, round_id, "review round")
        row.sqlmodel_update(changes)
        s.add(row)


def delete_round(project: OpenProject, round_id: int) -> int:
    """Remove a round with its ratings and value checks (Edit > Undo brings them back).
    Returns how many ratings went with it."""
    with project.write("delete review round") as s:
        row = existing(s, ReviewRound, round_id, "review round")
        n = len(s.exec(select(Rating.id).where(Rating.round_id == round_id)).all())
        s.delete(row)
        s.flush()
        renumber(s, ReviewRound)
        return n


def clear_rating(project: OpenProject, round_id: int, *, domain_id: int,
                 stage_id: int | None = None, area_id: int | None = None) -> None:
    """Make a cell "not yet rated" again, forgetting its rationale and evidence."""
    with project.write("clear rating") as s:
        rating = _find(s, round_id, domain_id, stage_id, area_id)
        if rating is not None:
            s.delete(rating)


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
        rating = _find(s, round_id, domain_id, stage_id, area_id)
        if rating is None:
            rating = Rating(round_id=round_id, stage_id=stage_id, area_id=area_id,
                            domain_id=domain_id)
        rating.sqlmodel_update(dict(rag=rag, na_reason=na_reason, rationale=rationale,
                                    evidence_notes=evidence_notes, confidence=confidence))
        added(s, rating)
        replace_links(s, RatingEvidence, "rating_id", rating.id, "source_id", source_ids)
        return rating.id


def _find(s, round_id: int, domain_id: int, stage_id: int | None, area_id: int | None):
    return s.exec(select(Rating).where(
        Rating.round_id == round_id, Rating.domain_id == domain_id,
        Rating.stage_id == stage_id if stage_id is not None else Rating.area_id == area_id,
    )).first()


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
