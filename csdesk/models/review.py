"""The System Review: rounds of RAG ratings against the domains, and value checks."""

from datetime import date

from sqlalchemy import CheckConstraint, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from .enums import Confidence, Rag
from .types import EnumText

# A rated item is either a journey stage or a system-wide area, never both.
ONE_RATED_ITEM = "(stage_id IS NULL) <> (area_id IS NULL)"


class ReviewRound(SQLModel, table=True):
    """A baseline or a later re-rating of the system."""

    __tablename__ = "review_round"
    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    label: str
    held_on: date | None = None
    participants: str = ""  # roles and agencies, not names
    notes: str = ""


class Rating(SQLModel, table=True):
    """One cell of the review: round x rated item x domain."""

    __tablename__ = "rating"
    __table_args__ = (
        CheckConstraint(ONE_RATED_ITEM, name="one_rated_item"),
        CheckConstraint(
            "rag <> 'not applicable' OR na_reason <> ''", name="not_applicable_needs_reason"
        ),
        Index(
            "rating_stage_cell", "round_id", "stage_id", "domain_id",
            unique=True, sqlite_where=text("stage_id IS NOT NULL"),
        ),
        Index(
            "rating_area_cell", "round_id", "area_id", "domain_id",
            unique=True, sqlite_where=text("area_id IS NOT NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="review_round.id", ondelete="CASCADE", index=True)
    stage_id: int | None = Field(default=None, foreign_key="stage.id", ondelete="CASCADE",
                                 index=True)
    area_id: int | None = Field(default=None, foreign_key="system_area.id", ondelete="CASCADE",
                                index=True)
    domain_id: int = Field(foreign_key="domain.id", ondelete="CASCADE", index=True)
    rag: Rag = Field(default=Rag.NOT_RATED, sa_type=EnumText(Rag))
    na_reason: str = ""
    rationale: str = ""
    evidence_notes: str = ""
    confidence: Confidence | None = Field(default=None, sa_type=EnumText(Confidence))


class RatingEvidence(SQLModel, table=True):
    """Which evidence sources a rating rests on."""

    __tablename__ = "rating_evidence"
    rating_id: int = Field(foreign_key="rating.id", ondelete="CASCADE", primary_key=True)
    source_id: int = Field(foreign_key="evidence_source.id", ondelete="CASCADE", primary_key=True,
                           index=True)


class ValueCheck(SQLModel, table=True):
    """How visible one value is across the system in one round."""

    __tablename__ = "value_check"
    __table_args__ = (UniqueConstraint("round_id", "value_id"),)
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="review_round.id", ondelete="CASCADE", index=True)
    value_id: int = Field(foreign_key="cs_value.id", ondelete="CASCADE", index=True)
    rag: Rag = Field(default=Rag.NOT_RATED, sa_type=EnumText(Rag))
    evidence: str = ""
    confidence: Confidence | None = Field(default=None, sa_type=EnumText(Confidence))
