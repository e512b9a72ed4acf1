"""The Contextual Safeguarding framework as data: load it, check it, copy it into a project.

A project keeps its own copy, so a review stays tied to the framework it was rated against,
and a user can edit that copy or start a project from a framework file of their own."""

import json
from pathlib import Path

from sqlmodel import Session

from ..models import (
    CsValue, Domain, EvidenceSource, JourneyTemplate, Level, Rag, RagMeaning, RoadmapStep,
    Sector, SystemArea,
)
from ..resource_path import resource

REQUIRED = ("name", "version", "domains", "values", "levels", "system_areas",
            "evidence_sources", "rag_meanings", "sectors", "roadmap_steps", "journey_templates")


class FrameworkError(ValueError):
    """A framework file that cannot be used; the message says what is wrong."""


def default_framework_path() -> Path:
    return resource("framework", "default-framework.json")


def load_framework(path: Path | None = None) -> dict:
    path = path or default_framework_path()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FrameworkError(f"Cannot read the framework file {Path(path).name}: {exc}") from exc
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise FrameworkError(f"The framework file lacks: {', '.join(missing)}.")
    if not data["domains"]:
        raise FrameworkError("The framework file has no domains to rate against.")
    return data


def install_framework(session: Session, fw: dict) -> None:
    """Copy a framework into a new project (inside the caller's transaction)."""
    for i, d in enumerate(fw["domains"]):
        session.add(Domain(position=i, key=d["key"], short_name=d["short_name"],
                           meaning=d.get("meaning", ""), question=d.get("question", ""),
                           prompts="\n".join(d.get("prompts", []))))
    for i, v in enumerate(fw["values"]):
        session.add(CsValue(position=i, name=v["name"], meaning=v.get("meaning", "")))
    for i, lv in enumerate(fw["levels"]):
        session.add(Level(position=i, name=lv["name"], criteria=lv.get("criteria", "")))
    for i, a in enumerate(fw["system_areas"]):
        session.add(SystemArea(position=i, name=a["name"], description=a.get("description", "")))
    for i, name in enumerate(fw["evidence_sources"]):
        session.add(EvidenceSource(position=i, name=name))
    for m in fw["rag_meanings"]:
        session.add(RagMeaning(rag=Rag(m["rag"]), label=m["label"], meaning=m.get("meaning", "")))
    for i, name in enumerate(fw["sectors"]):
        session.add(Sector(position=i, name=name))
    for i, step in enumerate(fw["roadmap_steps"]):
        session.add(RoadmapStep(position=i, name=step["name"],
                                description=step.get("description", "")))
    for t in fw["journey_templates"]:
        session.add(JourneyTemplate(kind=t["kind"], context_type=t.get("context_type"),
                                    name=t["name"], description=t.get("description", ""),
                                    stages="\n".join(t["stages"])))
