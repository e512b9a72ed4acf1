"""The plan: roadmap steps, the people leading the change, and actions that close gaps."""

from datetime import date

from sqlalchemy import CheckConstraint, Index, text
from sqlmodel import Field, SQLModel

from .enums import ActionStatus, MemberGroup, PlanLevel, Priority, StepStatus
from .review import ONE_RATED_ITEM
from .types import EnumText


class RoadmapStep(SQLModel, table=True):
    """One of the steps on the roadmap to system change (order is flexible)."""

    __tablename__ = "roadmap_step"
    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    name: str
    description: str = ""
    status: StepStatus = Field(default=StepStatus.NOT_STARTED, sa_type=EnumText(StepStatus))
    started_on: date | None = None
    completed_on: date | None = None
    notes: str = ""


class Member(SQLModel, table=True):
    """Someone in the governance group, a champion or a critical friend.
    Role and agency are enough; a name is optional. A critical friend is from outside the
    partnership, so names an organisation rather than one of the agencies."""

    __tablename__ = "member"
    id: int | None = Field(default=None, primary_key=True)
    member_group: MemberGroup = Field(sa_type=EnumText(MemberGroup))
    agency_id: int | None = Field(default=None, foreign_key="agency.id", ondelete="SET NULL",
                                  index=True)
    organisation: str = ""
    role: str
    name: str = ""
    trained: bool = False  # champions: trained to support others
    notes: str = ""


class Vision(SQLModel, table=True):
    """What the area's Contextual Safeguarding system will look like, one statement a
    domain (e.g. "contexts can be referred at the front door")."""

    __tablename__ = "vision"
    id: int | None = Field(default=None, primary_key=True)
    domain_id: int = Field(foreign_key="domain.id", ondelete="CASCADE", unique=True)
    statement: str


class Action(SQLModel, table=True):
    """An action in the plan. For context work, goal / response / measure follow the
    Contextual Outcomes Framework shape."""

    __tablename__ = "action"
    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    title: str
    description: str = ""
    plan_level: PlanLevel = Field(default=PlanLevel.BOTH, sa_type=EnumText(PlanLevel))
    lead_agency_id: int | None = Field(default=None, foreign_key="agency.id", ondelete="SET NULL",
                                       index=True)
    owner_role: str = ""
    start_on: date | None = None
    due_on: date | None = None
    review_on: date | None = None
    status: ActionStatus = Field(default=ActionStatus.NOT_STARTED, sa_type=EnumText(ActionStatus))
    priority: Priority = Field(default=Priority.MEDIUM, sa_type=EnumText(Priority))
    goal: str = ""
    response: str = ""
    measure: str = ""
    success_looks_like: str = ""
    roadmap_step_id: int | None = Field(
        default=None, foreign_key="roadmap_step.id", ondelete="SET NULL", index=True
    )
    journey_id: int | None = Field(default=None, foreign_key="journey.id", ondelete="SET NULL",
                                   index=True)


class ActionPartner(SQLModel, table=True):
    __tablename__ = "action_partner"
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", ondelete="CASCADE", primary_key=True,
                           index=True)


class ActionGap(SQLModel, table=True):
    """A gap an action addresses: a rated item and a domain, not a rating, so the link
    holds from one review round to the next."""

    __tablename__ = "action_gap"
    __table_args__ = (
        CheckConstraint(ONE_RATED_ITEM, name="one_rated_item"),
        Index("action_gap_stage", "action_id", "stage_id", "domain_id", unique=True,
              sqlite_where=text("stage_id IS NOT NULL")),
        Index("action_gap_area", "action_id", "area_id", "domain_id", unique=True,
              sqlite_where=text("area_id IS NOT NULL")),
    )
    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    stage_id: int | None = Field(default=None, foreign_key="stage.id", ondelete="CASCADE",
                                 index=True)
    area_id: int | None = Field(default=None, foreign_key="system_area.id", ondelete="CASCADE",
                                index=True)
    domain_id: int = Field(foreign_key="domain.id", ondelete="CASCADE", index=True)


class ProgressNote(SQLModel, table=True):
    __tablename__ = "progress_note"
    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    noted_on: date
    text: str
