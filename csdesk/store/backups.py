"""Rolling backups of a project, kept in the per-user data folder (not beside the project:
a shared drive or a synced folder is exactly where a file gets lost).

One is taken when a project is opened for editing, then at most every 30 minutes while it is
being changed. The newest few are kept, and the newest of each day for two weeks. Each is
copied with SQLite's backup API into a temp file, flushed, checked in full by opening it, and
only then given its name: a failed backup leaves no file and removes none. A backup is
restored as a new file, never over the project."""

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ..atomic import write_atomically
from ..paths import data_dir
from .backup import sqlite_copy
from .errors import ProjectFileError
from .sqlite_file import EXTENSION, inspect_file, uri

INTERVAL = timedelta(minutes=30)  # at most this often while editing
KEEP_RECENT = 10  # the newest ones, whatever their age
KEEP_DAYS = 14  # and the newest of each of the last two weeks' days

COUNTED = {"journeys": "journey", "stages": "stage", "agencies": "agency", "ratings": "rating",
           "actions": "action"}
_NAME = re.compile(r"^(\d{8}-\d{6})-(\d+)" + re.escape(EXTENSION) + "$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime  # UTC
    size: int  # bytes
    change: int  # the project's change counter when it was taken: same number, same content


# ----- the policy: pure -----

def due(last: datetime | None, now: datetime, interval: timedelta = INTERVAL) -> bool:
    """Is it time for another backup (of a file that has changed since the last)?"""
    return last is None or now - last >= interval


def to_keep(times: list[datetime], now: datetime, recent: int = KEEP_RECENT,
            days: int = KEEP_DAYS) -> set[datetime]:
    """Which backups (by when they were taken) to keep: the `recent` newest, and the newest
    of each calendar day (local time) in the last `days` days."""
    newest_first = sorted(times, reverse=True)
    keep = set(newest_first[:recent])
    oldest_day: date = (now - timedelta(days=days - 1)).astimezone().date()
    seen: set[date] = set()
    for taken in newest_first:
        day = taken.astimezone().date()
        if day >= oldest_day and day not in seen:
            seen.add(day)
            keep.add(taken)
    return keep


# ----- the files -----

def folder_for(project: Path) -> Path:
    """One folder per project path, named so a person can find it."""
    project = Path(project).resolve()
    key = hashlib.sha256(str(project).encode()).hexdigest()[:10]
    stem = re.sub(r"[^\w\- ]", "_", project.stem)[:40]
    return data_dir() / "backups" / f"{stem} {key}"


def list_backups(project: Path) -> list[Backup]:
    """The project's backups, newest first."""
    found = []
    folder = folder_for(project)
    for path in folder.glob(f"*{EXTENSION}") if folder.is_dir() else ():
        m = _NAME.match(path.name)
        if not m:
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue
        taken = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        found.append(Backup(path, taken, size, int(m.group(2))))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def change_counter(path: Path) -> int:
    """SQLite's file change counter: it goes up with every committed change."""
    with Path(path).open("rb") as f:
        return int.from_bytes(f.read(28)[24:28], "big")


def _copy_and_check(source: Path, tmp: Path) -> None:
    sqlite_copy(source, tmp)
    inspect_file(tmp, full_check=True)  # raises if the copy is not a sound project


def take(project: Path, now: datetime | None = None) -> Backup | None:
    """Back the project up now, unless it is unchanged since its newest backup (None).
    Raises ProjectFileError (the previous backups untouched) if it cannot be done."""
    project = Path(project)
    now = now or datetime.now(UTC)
    existing = list_backups(project)
    change = change_counter(project)
    if existing and existing[0].change == change:
        return None
    folder = folder_for(project)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for part in folder.glob(".csdesk-*.part*"):  # and their journals
            part.unlink(missing_ok=True)
        taken = now.astimezone(UTC).replace(microsecond=0)
        if existing and taken <= existing[0].taken:
            taken = existing[0].taken + timedelta(seconds=1)  # names stay unique and in order
        dest = folder / f"{taken:%Y%m%d-%H%M%S}-{change}{EXTENSION}"
        write_atomically(dest, lambda tmp: _copy_and_check(project, tmp), replace=False)
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise ProjectFileError(f"Could not back up {project.name}: {reason}.") from exc
    except ProjectFileError as exc:
        raise ProjectFileError(f"Could not back up {project.name}: {exc}") from exc
    backup = Backup(dest, taken, dest.stat().st_size, change)
    prune(project, now)
    return backup


def prune(project: Path, now: datetime) -> None:
    backups = list_backups(project)
    keep = to_keep([b.taken for b in backups], now)
    for b in backups:
        if b.taken not in keep:
            b.path.unlink(missing_ok=True)


def counts(path: Path) -> dict[str, int]:
    """How many journeys, stages, ratings and actions a project file holds."""
    conn = sqlite3.connect(uri(path, readonly=True), uri=True)
    try:
        return {word: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for word, table in COUNTED.items()}
    finally:
        conn.close()


def newest_sound(project: Path) -> Backup | None:
    """The newest backup that passes a full check."""
    for b in list_backups(project):
        try:
            inspect_file(b.path, full_check=True)
        except ProjectFileError:
            continue
        return b
    return None


def restore(backup: Backup, dest: Path, project: Path) -> Path:
    """Write `backup` as a new project file at `dest`: never over the project it came from,
    never over any existing file."""
    dest = Path(dest)
    if dest.suffix.lower() != EXTENSION:
        dest = dest.with_name(dest.name + EXTENSION)
    if dest.resolve() == Path(project).resolve():
        raise ProjectFileError("A backup is restored as a new file: choose a name other "
                               f"than {dest.name}.")
    try:
        return write_atomically(dest, lambda tmp: _copy_and_check(backup.path, tmp),
                                replace=False)
    except FileExistsError as exc:
        raise ProjectFileError(f"{dest.name} already exists: a backup is restored as a new "
                               "file; choose another name.") from exc
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise ProjectFileError(f"Could not write {dest.name}: {reason}.") from exc
