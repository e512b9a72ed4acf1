"""The map of the current system: agencies, journeys, stages and levels."""

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from .enums import ContextType, JourneyKind, LinkKind
from .types import EnumText


class Agency(SQLModel, table=True):
    """A partner agency: a swimlane on a journey and an owner of actions."""

    __tablename__ = "agency"
    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    name: str = Field(unique=True)
    sector: str = ""
    notes: str = ""


class Level(SQLModel, table=True):
    """A level at which children affected by extra-familial harm are held.
    Counts are aggregate and approximate, never children's details."""

    __tablename__ = "level"
    __table_args__ = (
        CheckConstraint("approx_count IS NULL OR approx_count >= 0", name="count_not_negative"),
    )
    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    name: str
    criteria: str = ""
    approx_count: int | None = None
    count_note: str = ""  # e.g. "snapshot, March"


class Journey(SQLModel, table=True):
    """A child's journey (level 1) or the journey of a kind of context (level 2)."""

    __tablename__ = "journey"
    __table_args__ = (
        CheckConstraint("kind = 'context' OR context_type IS NULL",
                        name="child_has_no_context_type"),
    )
    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    kind: JourneyKind = Field(sa_type=EnumText(JourneyKind))
    context_type: ContextType | None = Field(default=None, sa_type=EnumText(ContextType))
    title: str
    description: str = ""
    archived: bool = False


class Stage(SQLModel, table=True):
    """One stage of a journey and what people know about it today."""

    __tablename__ = "stage"
    __table_args__ = (
        CheckConstraint("days IS NULL OR days >= 0", name="days_not_negative"),
        CheckConstraint("waiting_days IS NULL OR waiting_days >= 0",
                        name="waiting_days_not_negative"),
    )
    id: int | None = Field(default=None, primary_key=True)
    journey_id: int = Field(foreign_key="journey.id", ondelete="CASCADE", index=True)
    position: int = 0
    name: str
    lead_agency_id: int | None = Field(default=None, foreign_key="agency.id",
                                       ondelete="SET NULL", index=True)  # its lane on the map
    what_happens: str = ""
    decision: str = ""  # who decides
    decision_options: str = ""
    level_id: int | None = Field(default=None, foreign_key="level.id", ondelete="SET NULL",
                                  index=True)
    days: int | None = None  # typical time the stage takes
    waiting_days: int | None = None  # typical wait before it starts
    time_note: str = ""  # e.g. "5-10 days, longer in holidays"
    context_considered: str = ""  # how extra-familial context is (or is not) considered today
    gaps: str = ""
    evidence_notes: str = ""  # what this picture is based on
    archived: bool = False  # kept, not deleted, once it has ratings or actions


class StageAgency(SQLModel, table=True):
    __tablename__ = "stage_agency"
    stage_id: int = Field(foreign_key="stage.id", ondelete="CASCADE", primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", ondelete="CASCADE", primary_key=True,
                           index=True)


class StageLink(SQLModel, table=True):
    """An arrow between stages: the next stage, a branch, or a child stage that triggers
    or feeds a context journey stage."""

    __tablename__ = "stage_link"
    __table_args__ = (
        CheckConstraint("from_stage_id <> to_stage_id", name="no_self_link"),
        UniqueConstraint("from_stage_id", "to_stage_id", "kind"),
    )
    id: int | None = Field(default=None, primary_key=True)
    from_stage_id: int = Field(foreign_key="stage.id", ondelete="CASCADE", index=True)
    to_stage_id: int = Field(foreign_key="stage.id", ondelete="CASCADE", index=True)
    kind: LinkKind = Field(sa_type=EnumText(LinkKind))
    note: str = ""
