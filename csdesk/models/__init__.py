"""SQLModel tables and pure domain rules. Nothing here imports Qt or touches files.

The enums load at once. The tables (and `metadata`) load on first use of any of them, all
together: building 26 SQLModel classes takes about 0.1 s, and the window's first screen (the
Overview, read with plain SQL) is on screen before anything needs them."""

from importlib import import_module

from .enums import (
    RATED_COLOURS, ActionStatus, Confidence, ContextType, JourneyKind, LinkKind, MemberGroup,
    PlanLevel, Priority, Rag, StepStatus,
)

_TABLES = {
    "journey": ("Agency", "Journey", "Level", "Stage", "StageAgency", "StageLink"),
    "plan": ("Action", "ActionGap", "ActionPartner", "Member", "ProgressNote", "RoadmapStep",
             "Vision"),
    "project": ("CsValue", "Domain", "EvidenceSource", "JourneyTemplate", "Meta", "Project",
                "RagMeaning", "Sector", "SystemArea"),
    "review": ("Rating", "RatingEvidence", "ReviewRound", "ValueCheck"),
}


def load() -> None:
    """Define every table now (each module once; later calls cost nothing)."""
    for module, names in _TABLES.items():
        loaded = import_module(f".{module}", __name__)
        for name in names:
            globals()[name] = getattr(loaded, name)
    from sqlmodel import SQLModel

    globals()["metadata"] = SQLModel.metadata  # complete only once every table is defined


def __getattr__(name: str):
    if name == "metadata" or any(name in names for names in _TABLES.values()):
        load()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "RATED_COLOURS", "Action", "ActionGap", "ActionPartner", "ActionStatus", "Agency",
    "Confidence", "ContextType", "CsValue", "Domain", "EvidenceSource", "Journey",
    "JourneyKind", "JourneyTemplate", "Level", "LinkKind", "Member", "MemberGroup", "Meta",
    "PlanLevel", "Priority", "ProgressNote", "Project", "Rag", "RagMeaning", "Rating",
    "RatingEvidence", "ReviewRound", "RoadmapStep", "Sector", "Stage", "StageAgency",
    "StageLink", "StepStatus", "SystemArea", "ValueCheck", "Vision", "metadata",
]
