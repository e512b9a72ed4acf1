"""The closed vocabularies of the domain. Stored in the project file by their value."""

from enum import StrEnum


class JourneyKind(StrEnum):
    CHILD = "child"
    CONTEXT = "context"


class ContextType(StrEnum):
    PLACE = "place"
    PEER_GROUP = "peer group"
    SCHOOL = "school"
    ONLINE = "online space"
    OTHER = "other"


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    NOT_RATED = "not rated"
    NOT_APPLICABLE = "not applicable"

    @property
    def letter(self) -> str:
        """The letter shown with the colour, so colour is never the only signal."""
        return {"red": "R", "amber": "A", "green": "G", "not rated": "–", "not applicable": "N/A"}[
            self.value
        ]

    @property
    def label(self) -> str:
        return self.value.capitalize()


RATED_COLOURS = (Rag.RED, Rag.AMBER, Rag.GREEN)


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class LinkKind(StrEnum):
    NEXT = "next"
    BRANCH = "branch"
    TRIGGERS_CONTEXT = "triggers context"


class ActionStatus(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"
    BLOCKED = "blocked"
    DROPPED = "dropped"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class PlanLevel(StrEnum):
    """Which level of Contextual Safeguarding work an action serves."""

    LEVEL_1 = "level 1"
    LEVEL_2 = "level 2"
    BOTH = "both"


class StepStatus(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"
    REVISIT = "revisit"  # done once, to come back to (the order of the steps is flexible)


class MemberGroup(StrEnum):
    GOVERNANCE = "governance group"
    CHAMPION = "champion"
    CRITICAL_FRIEND = "critical friend"
