"""The demo project: Harrowmere, a fictional local area part-way through its move to Contextual
Safeguarding.

Its content is data, resources/demo/harrowmere.json (invented, with no personal data in it). It
is loaded through the same operations a user's edits use, in one edit ("load the demo"), so
the demo exercises them; the same file is written every time."""

import json
import os
import shutil
import sqlite3
import tempfile
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from ..atomic import write_atomically
from ..models import (
    CsValue, Domain, EvidenceSource, Level, Project, RoadmapStep, SystemArea,
)
from ..resource_path import resource
from ..store.errors import ProjectFileError, ProjectLockedError
from ..store.lock import is_stale, read_holder
from ..store.sqlite_file import EXTENSION
from . import journeys as journey_ops
from . import mapping, plan, review
from .project import OpenProject, new_project

DEMO_FILE_NAME = "Harrowmere demo.csdesk"  # the name fresh_demo gives its copy


DEMO_DATA = ("demo", "harrowmere.json")  # under resources/


def demo_data() -> dict:
    """The demo's content, as written in its JSON file."""
    try:
        return json.loads(resource(*DEMO_DATA).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ProjectFileError(f"csdesk cannot read its demo project ({exc}).") from exc


def write_demo(path: Path) -> Path:
    """Write the Harrowmere demo project to `path` (a new file; never overwrites). It is built
    in a temporary folder beside `path` and moved into place only when complete.
    Returns the path written (".csdesk" is added if it lacks it)."""
    path = Path(path)
    if path.suffix.lower() != EXTENSION:
        path = path.with_name(path.name + EXTENSION)
    if path.exists():
        raise ProjectFileError(f"{path.name} already exists; choose another name.")
    data = demo_data()
    try:
        work = Path(tempfile.mkdtemp(prefix=".csdesk-demo-", dir=path.parent))
    except OSError as exc:
        raise ProjectFileError(f"{path.name} could not be created ({exc.strerror}).") from exc
    try:
        built = _build(work / path.name, data)
        write_atomically(path, lambda tmp: os.replace(built, tmp), replace=False)
    except FileExistsError as exc:
        raise ProjectFileError(f"{path.name} already exists; choose another name.") from exc
    except (KeyError, ValueError) as exc:  # a mistake in the demo's JSON file
        raise ProjectFileError(f"csdesk cannot build its demo project ({DEMO_DATA[1]}: "
                               f"{type(exc).__name__} {exc}).") from exc
    except (sqlite3.Error, SQLAlchemyError, OSError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise ProjectFileError(f"{path.name} could not be created ({reason}).") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return path


def fresh_demo(folder: Path) -> Path:
    """An untouched demo project in `folder` (csdesk's own data folder), replacing the copy
    left there last time, unless that copy is open in a csdesk somewhere. Returns its path."""
    folder = Path(folder)
    path = folder / DEMO_FILE_NAME
    holder = read_holder(path)
    if holder is not None and not is_stale(holder):
        raise ProjectLockedError(
            f"The demo project is open in another csdesk window ({holder.describe()}); "
            "use that window, or close it there first.", holder)
    new = folder / f".{DEMO_FILE_NAME}.new.csdesk"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        new.unlink(missing_ok=True)  # left by an earlier attempt that failed
        write_demo(new)
        os.replace(new, path)
    except OSError as exc:
        new.unlink(missing_ok=True)
        raise ProjectFileError(f"Cannot write the demo project in {folder}: {exc}.") from exc
    return path


def _build(path: Path, data: dict) -> Path:
    """Create the project at `path` and load the demo into it, in one edit."""
    about = data["project"]
    new_project(path, about["title"], about["local_area"], about["marking"],
                sector_agencies=False)
    project = OpenProject.open(path)
    try:
        changed_at = datetime.fromisoformat(about["changed_at"])
        project.clock = lambda: changed_at
        with project.write("load the demo") as s:
            project.update_details(notes=about["notes"])
            s.exec(select(Project)).one().created_at = datetime.fromisoformat(about["created_at"])
            _load(project, s, data)
    finally:
        project.close()
    return path


def _dates(fields: dict, *names: str) -> dict:
    """`fields` with the named ISO dates ("2026-03-12") read as dates."""
    return fields | {n: date.fromisoformat(fields[n]) for n in names if fields.get(n)}


def _load(project: OpenProject, s: Session, data: dict) -> None:
    """Every section of the demo, through the operations; names and keys become ids."""
    ids = {table: {getattr(row, key): row.id for row in s.exec(select(table))}
           for table, key in ((Level, "name"), (Domain, "key"), (SystemArea, "name"),
                              (EvidenceSource, "name"), (CsValue, "name"), (RoadmapStep, "name"))}
    agencies = {a["key"]: mapping.add_agency(project, a["name"], a["sector"])
                for a in data["agencies"]}
    for lv in data["levels"]:
        fields = {k: v for k, v in lv.items() if k != "name"}
        mapping.update_level(project, ids[Level][lv["name"]], **fields)

    journeys, stages = {}, {}
    for j in data["journeys"]:
        journeys[j["key"]] = journey_ops.add_journey(
            project, j["kind"], j["title"], j.get("description", ""), j.get("context_type"))
        for st in j["stages"]:
            fields = {k: v for k, v in st.items() if k in journey_ops.STAGE_FIELDS}
            stages[st["key"]] = journey_ops.add_stage(
                project, journeys[j["key"]], level_id=ids[Level].get(st.get("level")),
                lead_agency_id=agencies.get(st.get("lead")),
                agency_ids=[agencies[a] for a in st["agencies"]], **fields)
    for ln in data["links"]:
        journey_ops.link_stages(project, stages[ln["from"]], stages[ln["to"]], ln["kind"],
                                ln.get("note", ""))

    def item(ref: dict) -> dict:  # {"stage": key} or {"area": name} -> ids
        if "stage" in ref:
            return dict(stage_id=stages[ref["stage"]])
        return dict(area_id=ids[SystemArea][ref["area"]])

    for rnd in data["rounds"]:
        round_id = review.add_round(project, rnd["label"], date.fromisoformat(rnd["held_on"]),
                                    rnd.get("participants", ""), rnd.get("notes", ""))
        for r in rnd["ratings"]:
            review.rate(project, round_id, **item(r), domain_id=ids[Domain][r["domain"]],
                        rag=r["rag"], na_reason=r.get("na_reason", ""),
                        rationale=r.get("rationale", ""),
                        evidence_notes=r.get("evidence_notes", ""),
                        confidence=r.get("confidence"),
                        source_ids=[ids[EvidenceSource][n] for n in r.get("sources", ())])
        for c in rnd["value_checks"]:
            review.set_value_check(project, round_id, ids[CsValue][c["value"]], c["rag"],
                                   c.get("evidence", ""), c.get("confidence"))

    for step in data["roadmap"]:
        fields = _dates({k: v for k, v in step.items() if k != "step"},
                        "started_on", "completed_on")
        plan.update_roadmap_step(project, ids[RoadmapStep][step["step"]], **fields)
    for m in data["members"]:
        plan.add_member(project, m["group"], m["role"], agencies.get(m.get("agency")),
                        m.get("name", ""), m.get("notes", ""),
                        organisation=m.get("organisation", ""), trained=m.get("trained", False))
    for v in data.get("vision", ()):
        plan.set_vision(project, ids[Domain][v["domain"]], v["statement"])

    links = ("lead", "step", "journey", "partners", "gaps", "progress_notes")
    for a in data["actions"]:
        fields = _dates({k: v for k, v in a.items() if k not in links},
                        "start_on", "due_on", "review_on")
        action_id = plan.add_action(
            project, **fields, lead_agency_id=agencies.get(a.get("lead")),
            roadmap_step_id=ids[RoadmapStep].get(a.get("step")),
            journey_id=journeys.get(a.get("journey")),
            partner_ids=[agencies[k] for k in a.get("partners", ())],
            gaps=[plan.Gap(domain_id=ids[Domain][g["domain"]], **item(g))
                  for g in a.get("gaps", ())])
        for note in a.get("progress_notes", ()):
            plan.add_progress_note(project, action_id, date.fromisoformat(note["noted_on"]),
                                   note["text"])
