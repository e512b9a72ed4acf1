"""SQLModel tables and pure domain rules. Nothing here imports Qt or touches files."""

from sqlmodel import SQLModel

from .enums import (
    RATED_COLOURS, ActionStatus, Confidence, ContextType, JourneyKind, LinkKind, MemberGroup,
    PlanLevel, Priority, Rag, StepStatus,
)
from .journey import Agency, Journey, Level, Stage, StageAgency, StageLink
from .plan import Action, ActionGap, ActionPartner, Member, ProgressNote, RoadmapStep, Vision
from .project import (
    CsValue, Domain, EvidenceSource, JourneyTemplate, Meta, Project, RagMeaning, Sector,
    SystemArea,
)
from .review import Rating, RatingEvidence, ReviewRound, ValueCheck

metadata = SQLModel.metadata

__all__ = [
    "RATED_COLOURS", "Action", "ActionGap", "ActionPartner", "ActionStatus", "Agency",
    "Confidence", "ContextType", "CsValue", "Domain", "EvidenceSource", "Journey",
    "JourneyKind", "JourneyTemplate", "Level", "LinkKind", "Member", "MemberGroup", "Meta",
    "PlanLevel", "Priority", "ProgressNote", "Project", "Rag", "RagMeaning", "Rating",
    "RatingEvidence", "ReviewRound", "RoadmapStep", "Sector", "Stage", "StageAgency",
    "StageLink", "StepStatus", "SystemArea", "ValueCheck", "Vision", "metadata",
]
