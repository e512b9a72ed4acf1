"""The project's own copy of the framework, as plain data: what the ratings were made
against, for the report's appendix (domains, colour meanings and evidence sources are in
review_view)."""

from dataclasses import dataclass

from sqlmodel import select

from ..models import CsValue
from .project import OpenProject


@dataclass(frozen=True)
class ValueText:
    name: str
    meaning: str


def values(project: OpenProject) -> tuple[ValueText, ...]:
    with project.read() as s:
        return tuple(ValueText(v.name, v.meaning)
                     for v in s.exec(select(CsValue).order_by(CsValue.position, CsValue.id)))
