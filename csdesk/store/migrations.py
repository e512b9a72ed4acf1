"""Schema migrations, keyed on PRAGMA user_version.

Each step moves a file up one version, in one explicit transaction together with its version
bump: a step either lands whole or not at all. A copy of the file is taken before the first
step. Steps are raw SQL frozen at the time they were written; they never use today's models."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

from .backup import backup_path, copy_exact
from .errors import DamagedFileError
from .sqlite_file import SCHEMA_VERSION, connect


def _add_archived_flags(conn: sqlite3.Connection) -> None:
    """Format 2: journeys and stages are archived rather than deleted once rated."""
    conn.execute("ALTER TABLE journey ADD COLUMN archived BOOLEAN NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE stage ADD COLUMN archived BOOLEAN NOT NULL DEFAULT 0")


# target version -> the step that reaches it from the version before
STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _add_archived_flags,
}


def run_steps(path: Path, from_version: int, steps=None, to_version: int = SCHEMA_VERSION) -> None:
    steps = STEPS if steps is None else steps
    if from_version < 1:
        raise DamagedFileError(f"{path.name} has no format version: it was not finished.")
    conn = connect(path)
    try:
        for target in range(from_version + 1, to_version + 1):
            conn.execute("BEGIN IMMEDIATE")
            try:
                steps[target](conn)
                conn.execute(f"PRAGMA user_version = {int(target)}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # a failing statement may already have ended it
                    conn.execute("ROLLBACK")
                raise
    finally:
        conn.close()


def migrate(path: Path, from_version: int, steps=None) -> Path | None:
    """Bring a file up to SCHEMA_VERSION. Returns the backup taken first (None if nothing
    to do). On failure the file is left at the last version that completed."""
    if from_version >= SCHEMA_VERSION:
        return None
    backup = copy_exact(path, backup_path(path, f"format-{from_version}"))
    run_steps(path, from_version, steps)
    return backup
