"""An open project and the operations on it.

Every write is one committed transaction: when an operation returns, the edit is on disk.
The change log (store/changes.py) records every row the transaction touched; the same record
goes onto the undo history and, as a change notice, to the listeners (the GUI's views), which
refresh just the rows that changed."""

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from .. import __version__, models
from ..models.types import utc_from_text
from ..store import ProjectFile, ProjectFileError, ReadOnlyError, create_project, read_holder
from ..store.changes import ChangeSet, ReplayMismatch, replay, take
from ..store.errors import explain
from ..store.project_file import begin_immediate
from .history import History

log = logging.getLogger(__name__)

Listener = Callable[[ChangeSet], None]

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


# column -> how the Edit menu names a change to it
EDITABLE_DETAILS = {"title": "title", "local_area": "local area", "marking": "marking",
                    "notes": "notes"}


def new_project(path: Path, title: str, local_area: str, marking: str = "",
                framework_path: Path | None = None, sector_agencies: bool = True) -> Path:
    """Create a project file with a copy of the framework and, unless sector_agencies is
    False, one agency per partner sector to start from (all editable). Returns the path."""
    title, local_area = title.strip(), local_area.strip()
    if not title or not local_area:
        raise ValueError("A project needs a title and a local area.")
    from .framework import install_framework, load_framework  # loads the models: not at start

    fw = load_framework(framework_path)
    created = now()

    def populate(session: Session) -> None:
        session.add(models.Project(title=title, local_area=local_area, marking=marking.strip(),
                                   created_at=created, changed_at=created,
                                   framework_name=fw["name"], framework_version=fw["version"],
                                   framework_source=fw.get("source", "")))
        install_framework(session, fw)
        if sector_agencies:
            for i, sector in enumerate(fw["sectors"]):
                session.add(models.Agency(position=i, name=sector, sector=sector))

    return create_project(path, populate)


def now() -> datetime:
    """Times are stored in UTC and shown in local time."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class _Transaction:
    session: Session
    changes: ChangeSet | None = None  # set once the work is done, before COMMIT


class OpenProject:
    """A project open in this process, for editing or read-only."""

    def __init__(self, file: ProjectFile):
        self.file = file
        self.history = History()
        self.clock: Callable[[], datetime] = now  # what "changed at" stamps; the demo fixes it
        self._listeners: list[Listener] = []
        self._writing: Session | None = None  # the outermost write's session, while open

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
        self.history.clear()
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
        """A session whose database failures reach the user as one plain sentence about
        what went wrong (a refused edit, a busy file, a full disk...). expire_on_commit=False:
        what a read returns stays usable after the session ends."""
        if self.file.closed:
            raise ProjectFileError(f"{self.path.name} has been closed.")
        try:
            with Session(self.file.engine, expire_on_commit=False) as session:
                yield session
        except (SQLAlchemyError, sqlite3.Error) as exc:
            raise explain(exc, self.path.name) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session to read from. Inside a write it is the write's own session, so an
        operation may read what it has just written (and a read never clashes with it)."""
        if self._writing is not None:
            yield self._writing
            return
        with self._session() as session:
            yield session

    def _check_writable(self) -> None:
        if self.readonly:
            raise ReadOnlyError(f"{self.path.name} is open read-only; changes cannot be saved.")
        if not self.file.closed and not self.file.holds_lock():
            holder = read_holder(self.path)
            who = holder.describe() if holder else "someone else"
            raise ReadOnlyError(
                f"{who} has taken over editing {self.path.name}, so this change was not saved. "
                "Close it and open it again to see their changes."
            )

    @contextmanager
    def write(self, label: str) -> Iterator[Session]:
        """One edit = one transaction, committed before this returns; then it goes onto the
        undo history (named `label`, e.g. "rename stage") and listeners hear which rows
        changed. Called inside another write, it joins that edit (in a savepoint, so the
        outer operation may catch its failure): the whole is one undo step and one notice."""
        if self._writing is not None:
            try:
                with self._writing.begin_nested():
                    yield self._writing
            except (SQLAlchemyError, sqlite3.Error) as exc:
                raise explain(exc, self.path.name) from exc
            return
        with self._transaction(label) as txn:
            yield txn.session
        if txn.changes:
            self.history.record(txn.changes)
        self._notify(txn.changes)

    @contextmanager
    def _transaction(self, label: str) -> Iterator["_Transaction"]:
        """The outermost write: BEGIN IMMEDIATE, the caller's work, the change log read
        back, the project stamped, COMMIT. The change set is on the transaction after."""
        self._check_writable()
        with self._session() as session:
            with begin_immediate():
                session.connection()
            self._writing = session
            txn = _Transaction(session)
            try:
                yield txn
                session.flush()
                txn.changes = ChangeSet(label, take(session.connection()))
                if txn.changes:
                    self._stamp(session)
                    take(session.connection())  # the stamp is not part of the edit
                session.commit()
            finally:
                self._writing = None

    def _stamp(self, session: Session) -> None:
        session.execute(update(models.Project).values(changed_at=self.clock()))
        session.merge(models.Meta(key="written_by", value=__version__))
        session.flush()

    def _notify(self, changes: ChangeSet | None) -> None:
        if not changes:
            return
        for listener in list(self._listeners):
            try:
                listener(changes)
            except Exception:  # the edit is saved; a view failing to refresh must not undo that
                log.exception("a listener failed after a saved change")

    def undo(self) -> ChangeSet | None:
        """Take back the last edit. If it fails the file and the history stay as they were
        (raises ProjectFileError with a message), so it can be tried again."""
        target = self.history.next_undo()
        if target is None:
            return None
        done = self._replay(target, backwards=True)
        self.history.undone()
        self._notify(done)
        return done

    def redo(self) -> ChangeSet | None:
        target = self.history.next_redo()
        if target is None:
            return None
        done = self._replay(target, backwards=False)
        self.history.redone()
        self._notify(done)
        return done

    def _replay(self, target: ChangeSet, backwards: bool) -> ChangeSet:
        if self._writing is not None:
            raise ProjectFileError("An edit is in progress; undo and redo wait for it.")
        word, done = ("undo", "undone") if backwards else ("redo", "redone")
        try:
            with self._transaction(f"{word} {target.label}") as txn:
                replay(txn.session.connection().connection.driver_connection, target, backwards)
        except ReplayMismatch as exc:
            # The file was changed outside csdesk: this step can never be replayed.
            self.history.discard(backwards)
            raise ProjectFileError(
                f"\u201c{target.label.capitalize()}\u201d can no longer be {done}: the project "
                "was changed outside csdesk since. Nothing was changed, and the step has been "
                f"taken off the {word.capitalize()} list.") from exc
        except ProjectFileError as exc:
            raise ProjectFileError(f"Could not {word} \u201c{target.label}\u201d. {exc} "
                                   "Nothing was changed; you can try again.") from exc
        return txn.changes

    def query(self, sql: str, *params) -> list:
        """The rows of one plain SQL read, without the ORM: for the Overview, which is on
        screen before the table models are loaded (models/__init__.py)."""
        with self.read() as s:
            return s.connection().exec_driver_sql(sql, params).all()

    def details(self) -> ProjectDetails:
        names = [f.name for f in fields(ProjectDetails)]
        (row,) = self.query(f"SELECT {', '.join(names)} FROM project")
        values = dict(zip(names, row))
        for name in ("created_at", "changed_at"):
            values[name] = utc_from_text(values[name])
        return ProjectDetails(**values)

    def update_details(self, **changes: str) -> None:
        """Change title, local area, marking or notes."""
        unknown = set(changes) - set(EDITABLE_DETAILS)
        if unknown:
            raise ValueError(f"Not an editable detail: {', '.join(sorted(unknown))}")
        if any(k in ("title", "local_area") and not v.strip() for k, v in changes.items()):
            raise ValueError("The title and local area cannot be empty.")
        label = "change " + " and ".join(EDITABLE_DETAILS[k] for k in changes)
        with self.write(label) as s:
            p = s.exec(select(models.Project)).one()
            for k, v in changes.items():
                setattr(p, k, v.strip() if k != "notes" else v)
