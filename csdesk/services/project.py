"""An open project and the operations on it.

Every write is one committed transaction: when an operation returns, the edit is on disk.
Listeners (the GUI's views) are told which kinds of record changed, and refresh themselves."""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from .. import __version__
from ..models import Meta, Project
from ..store import ProjectFile, ProjectFileError, ReadOnlyError, create_project, read_holder
from .framework import install_framework, load_framework

log = logging.getLogger(__name__)

# Kinds of change a listener can be told about.
PROJECT = "project"
MAP = "map"
RATINGS = "ratings"
PLAN = "plan"

Listener = Callable[[frozenset[str]], None]

MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE", "")


@dataclass(frozen=True)
class ProjectDetails:
    title: str
    local_area: str
    marking: str
    notes: str
    created_at: datetime
    changed_at: datetime
    framework_name: str
    framework_version: str


EDITABLE_DETAILS = ("title", "local_area", "marking", "notes")


def new_project(path: Path, title: str, local_area: str, marking: str = "",
                framework_path: Path | None = None) -> Path:
    """Create a project file with a copy of the framework. Returns the path written."""
    title, local_area = title.strip(), local_area.strip()
    if not title or not local_area:
        raise ValueError("A project needs a title and a local area.")
    fw = load_framework(framework_path)
    created = now()

    def populate(session: Session) -> None:
        session.add(Project(title=title, local_area=local_area, marking=marking.strip(),
                            created_at=created, changed_at=created, framework_name=fw["name"],
                            framework_version=fw["version"],
                            framework_source=fw.get("source", "")))
        install_framework(session, fw)

    return create_project(path, populate)


def now() -> datetime:
    """Times are stored in UTC and shown in local time."""
    return datetime.now(timezone.utc).replace(microsecond=0)


class OpenProject:
    """A project open in this process, for editing or read-only."""

    def __init__(self, file: ProjectFile):
        self.file = file
        self._listeners: list[Listener] = []

    @classmethod
    def open(cls, path: Path, readonly: bool = False, take_over_lock: bool = False):
        return cls(ProjectFile.open(path, readonly=readonly, take_over_lock=take_over_lock))

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def readonly(self) -> bool:
        return self.file.readonly

    def close(self) -> None:
        self._listeners.clear()
        self.file.close()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @property
    def backup(self) -> Path | None:
        """The copy kept beside the file if opening it migrated it to this version's format."""
        return self.file.backup

    def save_copy(self, dest: Path) -> Path:
        return self.file.save_copy(dest)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """A session whose database failures (a network drive gone, a full disk) reach the
        user as one plain sentence. expire_on_commit=False: what a read returns stays
        usable after the session ends."""
        if self.file.closed:
            raise ProjectFileError(f"{self.path.name} has been closed.")
        try:
            with Session(self.file.engine, expire_on_commit=False) as session:
                yield session
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise ProjectFileError(
                f"{self.path.name} could not be read or saved ({reason}). If it is on a "
                "network or synced drive, check the drive is still there."
            ) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._session() as session:
            yield session

    @contextmanager
    def write(self, *changed: str) -> Iterator[Session]:
        """One edit = one transaction, committed before this returns; then listeners hear."""
        if self.readonly:
            raise ReadOnlyError(f"{self.path.name} is open read-only; changes cannot be saved.")
        if not self.file.closed and not self.file.holds_lock():
            holder = read_holder(self.path)
            who = holder.describe() if holder else "someone else"
            raise ReadOnlyError(
                f"{who} has taken over editing {self.path.name}, so this change was not saved. "
                "Close it and open it again to see their changes."
            )
        with self._session() as session:
            yield session
            project = session.exec(select(Project)).one()
            project.changed_at = now()
            session.merge(Meta(key="written_by", value=__version__))
            session.commit()
        kinds = frozenset(changed)
        for listener in list(self._listeners):
            try:
                listener(kinds)
            except Exception:  # the edit is saved; a view failing to refresh must not undo that
                log.exception("a listener failed after a saved change")

    def details(self) -> ProjectDetails:
        with self.read() as s:
            p = s.exec(select(Project)).one()
            return ProjectDetails(**{f.name: getattr(p, f.name) for f in fields(ProjectDetails)})

    def update_details(self, **changes: str) -> dict[str, str]:
        """Change title, local area, marking or notes. Returns the previous values, so an
        undo can put them back with the same call."""
        unknown = set(changes) - set(EDITABLE_DETAILS)
        if unknown:
            raise ValueError(f"Not an editable detail: {', '.join(sorted(unknown))}")
        if any(k in ("title", "local_area") and not v.strip() for k, v in changes.items()):
            raise ValueError("The title and local area cannot be empty.")
        with self.write(PROJECT) as s:
            p = s.exec(select(Project)).one()
            before = {k: getattr(p, k) for k in changes}
            for k, v in changes.items():
                setattr(p, k, v.strip() if k != "notes" else v)
        return before
