"""The action plan as a CSV file that opens cleanly in Excel: UTF-8 with a byte-order mark
(so accents and curly quotes survive), ISO dates, one row an action, every field a column.
Written whole through a temp file, so a failure leaves nothing half-written. No Qt."""

import csv
from datetime import date
from pathlib import Path

from ..atomic import write_atomically
from ..store import ProjectFileError
from .plan_view import ActionView, actions
from .project import OpenProject


class CsvExportError(ProjectFileError):
    """The CSV could not be written; nothing was."""


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


COLUMNS: tuple[tuple[str, object], ...] = (
    ("No.", lambda a: str(a.position + 1)),
    ("Title", lambda a: a.title),
    ("Description", lambda a: a.description),
    ("Status", lambda a: a.status.value),
    ("Overdue", lambda a: "yes" if a.overdue else "no"),
    ("Priority", lambda a: a.priority.value),
    ("Level of work", lambda a: a.plan_level.value),
    ("Lead agency", lambda a: a.lead_agency),
    ("Owner role", lambda a: a.owner_role),
    ("Partners", lambda a: "; ".join(a.partners)),
    ("Start date", lambda a: _iso(a.start_on)),
    ("Due date", lambda a: _iso(a.due_on)),
    ("Review date", lambda a: _iso(a.review_on)),
    ("Roadmap step", lambda a: a.roadmap_step),
    ("Domains", lambda a: "; ".join(a.domains)),
    ("Gaps (latest rating)", lambda a: "\n".join(g.words for g in a.gaps)),
    ("Goal", lambda a: a.goal),
    ("Response", lambda a: a.response),
    ("Measure", lambda a: a.measure),
    ("What success looks like", lambda a: a.success_looks_like),
    ("Progress notes", lambda a: "\n".join(f"{_iso(n.noted_on)}: {n.text}" for n in a.notes)),
)


def rows(views: list[ActionView]) -> list[list[str]]:
    """The header and one row an action, as the CSV holds them."""
    return [[title for title, _ in COLUMNS],
            *([cell(a) for _, cell in COLUMNS] for a in views)]


def export_csv(project: OpenProject, out: Path, today: date | None = None) -> Path:
    """Write the action plan to `out` (".csv" added if missing). Returns the path written.
    Raises CsvExportError with a message for the user (the file is open in another program,
    the folder is missing or read-only...)."""
    out = Path(out)
    if out.suffix.lower() != ".csv":
        out = out.with_name(out.name + ".csv")
    if out.is_dir():
        raise CsvExportError(f"{out} is a folder; give the CSV file to write.")
    if not out.parent.is_dir():
        raise CsvExportError(f"Cannot write {out.name}: the folder {out.parent} does not exist.")
    table = rows(actions(project, today))

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, dialect="excel").writerows(table)

    try:
        write_atomically(out, write)
    except PermissionError as exc:
        raise CsvExportError(
            f"Cannot write {out.name}: it is open in another program (such as Excel) or the "
            "folder is read-only. Close it and try again; nothing was written.") from exc
    except OSError as exc:
        raise CsvExportError(f"Cannot write {out.name}: {exc.strerror or exc}. Nothing was "
                             "written.") from exc
    return out
