"""The Contextual Safeguarding framework as data: load it, check it, copy it into a project.

A project keeps its own copy, so a review stays tied to the framework it was rated against,
and a user can edit that copy or start a project from a framework file of their own. One
check (check_framework) vets every framework file, for a new project and for an import."""

import json
from pathlib import Path

from sqlmodel import Session

from ..models import (
    ContextType, CsValue, Domain, EvidenceSource, JourneyKind, JourneyTemplate, Level, Meta, Rag,
    RagMeaning, RoadmapStep, Sector, SystemArea,
)
from ..resource_path import resource

REQUIRED = ("name", "version", "domains", "values", "levels", "system_areas",
            "evidence_sources", "rag_meanings", "sectors", "roadmap_steps", "journey_templates")
STAGE_PROMPTS_KEY = "stage_prompts"  # the meta row holding the project's stage prompts (JSON)
MAX_PROBLEMS = 6  # a file wrong everywhere is described by its first few problems

# Text: required, not empty. Optional text may be missing or "". Lines: a list of text.
TEXT, OPTIONAL, LINES, NULLABLE = "text", "optional", "lines", "nullable"
# list key -> (what one entry is called, its fields, the field no two entries may share)
ENTRIES = {
    "domains": ("Domain", {"key": TEXT, "short_name": TEXT, "meaning": OPTIONAL,
                           "question": OPTIONAL, "prompts": LINES}, "key"),
    "values": ("Value", {"name": TEXT, "meaning": OPTIONAL}, "name"),
    "levels": ("Level", {"name": TEXT, "criteria": OPTIONAL}, None),
    "system_areas": ("System-wide area", {"name": TEXT, "description": OPTIONAL}, "name"),
    "rag_meanings": ("Colour meaning", {"rag": TEXT, "label": TEXT, "meaning": OPTIONAL}, "rag"),
    "roadmap_steps": ("Roadmap step", {"name": TEXT, "description": OPTIONAL}, "name"),
    "journey_templates": ("Journey template", {"kind": TEXT, "context_type": NULLABLE,
                                               "name": TEXT, "description": OPTIONAL,
                                               "stages": LINES}, None),
}
NAME_LISTS = {"evidence_sources": "evidence source", "sectors": "sector"}
RAG_COLOURS = ("red", "amber", "green")


class FrameworkError(ValueError):
    """A framework file that cannot be used; the message says what is wrong."""


def default_framework_path() -> Path:
    return resource("framework", "default-framework.json")


def load_framework(path: Path | None = None) -> dict:
    """A framework file read and checked whole (check_framework): a FrameworkError naming
    what is wrong if it cannot be used."""
    path = Path(path or default_framework_path())
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FrameworkError(f"The framework file {path.name} is not a text file "
                             "(it should be JSON, saved as UTF-8).") from None
    except OSError as exc:
        raise FrameworkError(f"Cannot read the framework file {path.name}: "
                             f"{exc.strerror or exc}.") from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        where = f" (line {exc.lineno}, column {exc.colno}: {exc.msg})" \
            if isinstance(exc, json.JSONDecodeError) else ""
        raise FrameworkError(f"The framework file {path.name} is not valid JSON{where}.") from None
    return check_framework(data, path.name)


def check_framework(data, name: str = "") -> dict:
    """The parsed framework `data` checked whole and tidied (text trimmed, absent optional
    text as ""). Raises FrameworkError listing the problems if anything is malformed."""
    called = f"The framework file {name}".rstrip()
    if not isinstance(data, dict):
        raise FrameworkError(f"{called} must hold one JSON object ({{ ... }}), not a list or a "
                             "single value.")
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise FrameworkError(f"{called} lacks: {', '.join(missing)}.")
    problems: list[str] = []
    fw = dict(data)
    for key in ("name", "version"):
        fw[key] = _text(data[key], f"Its \u201c{key}\u201d", TEXT, problems)
    fw["source"] = _text(data.get("source", ""), "Its \u201csource\u201d", OPTIONAL, problems)
    for key, (what, fields, unique) in ENTRIES.items():
        fw[key] = _entries(data[key], key, what, fields, unique, problems)
    for key, what in NAME_LISTS.items():
        fw[key] = _names(data[key], key, what, problems)
    fw[STAGE_PROMPTS_KEY] = _prompts(data.get(STAGE_PROMPTS_KEY, {}), problems)
    if isinstance(data["domains"], list) and not data["domains"]:
        problems.append("It has no domains to rate against.")
    for i, entry in enumerate(fw["rag_meanings"] or (), 1):
        if entry.get("rag") and entry["rag"] not in RAG_COLOURS:
            problems.append(f"Colour meaning {i}: \u201crag\u201d must be red, amber or green.")
    for i, entry in enumerate(fw["journey_templates"] or (), 1):
        _check_template(i, entry, problems)
    if problems:
        more = len(problems) - MAX_PROBLEMS
        listed = "\n".join(f"\u2022 {p}" for p in problems[:MAX_PROBLEMS])
        raise FrameworkError(f"{called} cannot be used:\n{listed}"
                             + (f"\n\u2026 and {more} more." if more > 0 else ""))
    return fw


def _text(value, where: str, kind: str, problems: list[str]):
    if value is None and kind in (OPTIONAL, NULLABLE):
        return "" if kind == OPTIONAL else None
    if kind == LINES:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"{where} must be a list of text.")
            return []
        return [v.strip() for v in value if v.strip()]
    if not isinstance(value, str):
        problems.append(f"{where} must be text.")
        return ""
    if kind == TEXT and not value.strip():
        problems.append(f"{where} is empty.")
    return value.strip()


def _entries(items, key: str, what: str, fields: dict, unique: str | None,
             problems: list[str]) -> list[dict]:
    if not isinstance(items, list):
        problems.append(f"\u201c{key}\u201d must be a list.")
        return []
    result, seen = [], set()
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict):
            problems.append(f"{what} {i} must be an object ({{ ... }}).")
            continue
        label = item.get(unique) if unique and isinstance(item.get(unique), str) else None
        where = f"{what} {i}" + (f" (\u201c{label.strip()}\u201d)" if label else "")
        entry = dict(item)
        for field, kind in fields.items():
            if field not in item and kind == TEXT:
                problems.append(f"{where} has no \u201c{field}\u201d.")
                entry[field] = ""
            else:
                default = [] if kind == LINES else None if kind == NULLABLE else ""
                entry[field] = _text(item.get(field, default), f"{where}: \u201c{field}\u201d",
                                     kind, problems)
        if unique and entry[unique]:
            folded = entry[unique].casefold()
            if folded in seen:
                problems.append(f"Two {what.lower()}s share the {unique} "
                                f"\u201c{entry[unique]}\u201d.")
            seen.add(folded)
        result.append(entry)
    return result


def _names(items, key: str, what: str, problems: list[str]) -> list[str]:
    if not isinstance(items, list):
        problems.append(f"\u201c{key}\u201d must be a list of names.")
        return []
    result, seen = [], set()
    for i, item in enumerate(items, 1):
        name = _text(item, f"The {what} {i}", TEXT, problems)
        if name and name.casefold() in seen:
            problems.append(f"Two {what}s are called \u201c{name}\u201d.")
        elif name:
            seen.add(name.casefold())
            result.append(name)
    return result


def _prompts(prompts, problems: list[str]) -> dict[str, str]:
    if not isinstance(prompts, dict) or not all(isinstance(v, str) for v in prompts.values()):
        problems.append(f"\u201c{STAGE_PROMPTS_KEY}\u201d must be an object of text "
                        "(a prompt for each stage field).")
        return {}
    return {k: v.strip() for k, v in prompts.items()}


def _check_template(i: int, entry: dict, problems: list[str]) -> None:
    where = f"Journey template {i}"
    kind, context = entry.get("kind"), entry.get("context_type")
    if kind and kind not in set(JourneyKind):
        problems.append(f"{where}: \u201ckind\u201d must be child or context.")
    elif kind == JourneyKind.CHILD and context:
        problems.append(f"{where}: a child journey has no \u201ccontext_type\u201d (use null).")
    elif kind == JourneyKind.CONTEXT and context not in set(ContextType):
        allowed = ", ".join(c.value for c in ContextType)
        problems.append(f"{where}: \u201ccontext_type\u201d must be one of {allowed}.")


def stage_prompts(session: Session) -> dict[str, str]:
    """The project's prompt for each stage field (for projects made before the prompts were
    copied into the project, the default framework's)."""
    row = session.get(Meta, STAGE_PROMPTS_KEY)
    if row is None:
        return dict(load_framework()[STAGE_PROMPTS_KEY])
    return dict(json.loads(row.value))


def set_stage_prompts(session: Session, prompts: dict[str, str]) -> None:
    session.merge(Meta(key=STAGE_PROMPTS_KEY, value=json.dumps(prompts, ensure_ascii=False)))


def install_framework(session: Session, fw: dict) -> None:
    """Copy a (checked) framework into a new project (inside the caller's transaction)."""
    for i, d in enumerate(fw["domains"]):
        session.add(domain_row(d, i))
    for i, v in enumerate(fw["values"]):
        session.add(CsValue(position=i, name=v["name"], meaning=v["meaning"]))
    for i, lv in enumerate(fw["levels"]):
        session.add(Level(position=i, name=lv["name"], criteria=lv["criteria"]))
    for i, a in enumerate(fw["system_areas"]):
        session.add(SystemArea(position=i, name=a["name"], description=a["description"]))
    for i, name in enumerate(fw["evidence_sources"]):
        session.add(EvidenceSource(position=i, name=name))
    for m in fw["rag_meanings"]:
        session.add(RagMeaning(rag=Rag(m["rag"]), label=m["label"], meaning=m["meaning"]))
    for i, name in enumerate(fw["sectors"]):
        session.add(Sector(position=i, name=name))
    for i, step in enumerate(fw["roadmap_steps"]):
        session.add(RoadmapStep(position=i, name=step["name"], description=step["description"]))
    for t in fw["journey_templates"]:
        session.add(template_row(t))
    set_stage_prompts(session, fw[STAGE_PROMPTS_KEY])


def domain_row(d: dict, position: int) -> Domain:
    return Domain(position=position, key=d["key"], short_name=d["short_name"],
                  meaning=d["meaning"], question=d["question"], prompts="\n".join(d["prompts"]))


def template_row(t: dict) -> JourneyTemplate:
    return JourneyTemplate(kind=JourneyKind(t["kind"]),
                           context_type=ContextType(t["context_type"]) if t["context_type"]
                           else None,
                           name=t["name"], description=t["description"],
                           stages="\n".join(t["stages"]))


def project_stage_prompts(project) -> dict[str, str]:
    """stage_prompts for an open project (services.project.OpenProject)."""
    with project.read() as s:
        return stage_prompts(s)
