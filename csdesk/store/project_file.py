"""Create and open project files: the checks, the lock, migrations and the SQLAlchemy engine."""

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import SingletonThreadPool
from sqlmodel import Session

from .. import __version__, models
from ..atomic import write_atomically
from . import changes, lock, unclean
from .backup import copy_project
from .errors import ProjectFileError
from .migrations import migrate, run_steps
from .sqlite_file import (
    APPLICATION_ID, EXTENSION, SCHEMA_VERSION, connect, hot_journal, inspect_file,
)

# How the next transaction on this thread begins: "BEGIN IMMEDIATE" for a write, so a busy
# file fails at the start of an edit rather than half-way through it.
_BEGIN: ContextVar[str] = ContextVar("csdesk_begin", default="BEGIN")


@contextmanager
def begin_immediate() -> Iterator[None]:
    token = _BEGIN.set("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        _BEGIN.reset(token)


def make_engine(path: Path, readonly: bool) -> Engine:
    def creator() -> sqlite3.Connection:
        conn = connect(path, readonly)
        if not readonly:
            changes.install(conn)  # every write records its row changes (undo, notices)
        return conn

    engine = create_engine("sqlite://", creator=creator, poolclass=SingletonThreadPool)

    # The raw connection is in autocommit mode; SQLAlchemy's transactions begin here, so
    # every session is exactly one SQLite transaction, DDL included.
    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql(_BEGIN.get())

    # A COMMIT that fails (a busy file, a broken link found at COMMIT) leaves SQLite inside
    # the transaction, and SQLAlchemy does not roll it back: do it when the connection
    # returns to the pool, or the next edit fails with "transaction within a transaction".
    @event.listens_for(engine.pool, "checkin")
    def _end_transaction(dbapi_conn, _record):
        if dbapi_conn is not None and dbapi_conn.in_transaction:
            dbapi_conn.rollback()

    return engine


def create_project(path: Path, populate: Callable[[Session], None]) -> Path:
    """Write a new project file. It is built in a temp file beside `path` and renamed into
    place only when complete, so a failure never leaves a half-made project."""
    path = Path(path)
    if path.suffix.lower() != EXTENSION:
        path = path.with_name(path.name + EXTENSION)
    if path.exists():
        raise ProjectFileError(f"{path.name} already exists; choose another name.")

    def build(tmp: Path) -> None:
        conn = connect(tmp, create=True)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.close()
        engine = make_engine(tmp, readonly=False)
        try:
            with Session(engine) as session:
                models.metadata.create_all(session.connection())
                session.add(models.Meta(key="written_by", value=__version__))
                session.add(models.Meta(key="created_by", value=__version__))
                populate(session)
                session.connection().exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
                session.commit()
        finally:
            engine.dispose()

    try:
        write_atomically(path, build, replace=False)  # never overwrite, even if it appeared
    except FileExistsError as exc:
        raise ProjectFileError(f"{path.name} already exists; choose another name.") from exc
    except (sqlite3.Error, SQLAlchemyError, OSError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise ProjectFileError(f"{path.name} could not be created ({reason}).") from exc
    return path


class ProjectFile:
    """An open project file. Writable opens hold the lock until close()."""

    def __init__(self, path: Path, engine: Engine, readonly: bool, holder, backup, temp_dir):
        self.path = path
        self.engine = engine
        self.readonly = readonly
        self.backup = backup  # copy taken before a migration on this open, if any
        self._holder = holder
        self._temp_dir = temp_dir
        self._closed = False

    @classmethod
    def open(cls, path: Path, readonly: bool = False,
             take_over_lock: bool = False) -> "ProjectFile":
        """Check, lock, migrate if needed, and open. Raises ProjectFileError subclasses with
        a message for the user; a file that is refused is never modified."""
        path = Path(path).resolve()
        try:
            return cls._open(path, readonly, take_over_lock)
        except (sqlite3.Error, OSError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise ProjectFileError(f"{path.name} could not be opened ({reason}).") from exc

    @classmethod
    def _open(cls, path: Path, readonly: bool, take_over_lock: bool) -> "ProjectFile":
        info = inspect_file(path, recover=not readonly, full_check=was_unclean(path))
        if readonly:
            return cls._open_readonly(path, info.schema_version)
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise NotWritableError(
                f"{path.name} cannot be changed here (the file or its folder is read-only)."
            )
        try:
            holder = lock.acquire(path, take_over=take_over_lock)
        except PermissionError as exc:  # e.g. a read-only share (Windows ignores os.access)
            raise NotWritableError(
                f"{path.name} cannot be changed here (its folder is read-only).") from exc
        try:
            backup = migrate(path, info.schema_version)
            project = cls(path, make_engine(path, readonly=False), False, holder, backup, None)
            unclean.mark_open(path)
            return project
        except BaseException:
            lock.release(path, holder)
            raise

    @classmethod
    def _open_readonly(cls, path: Path, version: int) -> "ProjectFile":
        if version == SCHEMA_VERSION:
            return cls(path, make_engine(path, readonly=True), True, None, None, None)
        # An older file is read through a migrated temporary copy; the file itself is untouched.
        temp_dir = Path(tempfile.mkdtemp(prefix="csdesk-"))
        try:
            copy = copy_project(path, temp_dir / path.name)
            run_steps(copy, version)
        except BaseException:
            shutil.rmtree(temp_dir, ignore_errors=True)
            raise
        return cls(path, make_engine(copy, readonly=True), True, None, None, temp_dir)

    @property
    def closed(self) -> bool:
        return self._closed

    def holds_lock(self) -> bool:
        """False once someone else has taken the project over for editing."""
        return self._holder is not None and lock.read_holder(self.path) == self._holder

    def close(self) -> None:
        self._closed = True
        self.engine.dispose()
        if self._holder is not None:
            unclean.mark_closed(self.path)
            lock.release(self.path, self._holder)
            self._holder = None
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    def save_copy(self, dest: Path) -> Path:
        dest = Path(dest)
        if dest.resolve() == self.path:
            raise ProjectFileError("Choose a different file from the one that is open.")
        try:
            return copy_project(self.path, dest)
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise ProjectFileError(f"Could not write {dest.name}: {reason}.") from exc


def was_unclean(path: Path) -> bool:
    """Did the last csdesk to edit this file stop without closing it (a crash, a kill, a
    power cut)? Its marker, a crash journal or a dead process's lock says so."""
    holder = lock.read_holder(path)
    return (unclean.left_unclean(path) or hot_journal(path) is not None
            or (holder is not None and lock.is_stale(holder)))


class NotWritableError(ProjectFileError):
    """The file or its folder is read-only on disk; it can still be opened read-only."""



