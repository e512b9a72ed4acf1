"""The project itself and the copy of the framework it is rated against."""

from datetime import datetime

from sqlalchemy import DDL, CheckConstraint, event
from sqlmodel import Field, SQLModel

from .enums import ContextType, JourneyKind, Rag
from .types import EnumText, UtcDateTime


class Meta(SQLModel, table=True):
    """Key/value facts about the file (e.g. which csdesk last wrote it). Its shape never
    changes, so an older csdesk can read it from a newer file to explain a refusal."""

    __tablename__ = "meta"
    key: str = Field(primary_key=True)
    value: str = ""


class Project(SQLModel, table=True):
    """Exactly one row: what the project is and whose area it covers. Its id is always 1
    (a CHECK) and it cannot be deleted (a trigger, PROJECT_ROW_TRIGGER)."""

    __tablename__ = "project"
    __table_args__ = (CheckConstraint("id = 1", name="one_project_row"),)
    id: int | None = Field(default=None, primary_key=True)
    title: str
    local_area: str
    marking: str = ""  # protective marking, e.g. OFFICIAL-SENSITIVE; "" for none
    notes: str = ""
    created_at: datetime = Field(sa_type=UtcDateTime)
    changed_at: datetime = Field(sa_type=UtcDateTime)
    framework_name: str = ""
    framework_version: str = ""
    framework_source: str = ""


PROJECT_ROW_TRIGGER = (
    "CREATE TRIGGER project_row_stays BEFORE DELETE ON project "
    "BEGIN SELECT RAISE(ABORT, 'a project file keeps its project row'); END"
)
event.listen(Project.__table__, "after_create", DDL(PROJECT_ROW_TRIGGER))


class Domain(SQLModel, table=True):
    """One of the four Contextual Safeguarding domains a system is judged against."""

    __tablename__ = "domain"
    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    key: str = Field(unique=True)
    short_name: str
    meaning: str = ""
    question: str = ""
    prompts: str = ""  # one prompt a line


class CsValue(SQLModel, table=True):
    """A value that should be visible across the system (collaborative, ecological...)."""

    __tablename__ = "cs_value"
    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    name: str
    meaning: str = ""


class SystemArea(SQLModel, table=True):
    """A system-wide area that is rated alongside the journey stages."""

    __tablename__ = "system_area"
    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    name: str
    description: str = ""


class EvidenceSource(SQLModel, table=True):
    __tablename__ = "evidence_source"
    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    name: str


class RagMeaning(SQLModel, table=True):
    """What Red, Amber and Green mean in this project."""

    __tablename__ = "rag_meaning"
    id: int | None = Field(default=None, primary_key=True)
    rag: Rag = Field(sa_type=EnumText(Rag), unique=True)
    label: str
    meaning: str = ""


class Sector(SQLModel, table=True):
    """A partner sector (a swimlane); agencies belong to one."""

    __tablename__ = "sector"
    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    name: str = Field(unique=True)


class JourneyTemplate(SQLModel, table=True):
    """A starting set of stages for a new journey."""

    __tablename__ = "journey_template"
    id: int | None = Field(default=None, primary_key=True)
    kind: JourneyKind = Field(sa_type=EnumText(JourneyKind))
    context_type: ContextType | None = Field(default=None, sa_type=EnumText(ContextType))
    name: str
    description: str = ""
    stages: str = ""  # one stage name a line
