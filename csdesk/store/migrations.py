"""Schema migrations, keyed on PRAGMA user_version.

Each step moves a file up one version, in one explicit transaction together with its version
bump: a step either lands whole or not at all. A copy of the file is taken before the first
step. Steps are raw SQL frozen at the time they were written; they never use today's models.

Steps follow SQLite's documented procedure for schema changes: foreign keys are switched OFF
outside the transaction (with them ON, dropping a parent table to rebuild it deletes or
nulls every child row), and PRAGMA foreign_key_check must find nothing before COMMIT."""

import re
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path

from .backup import backup_path, copy_exact
from .errors import DamagedFileError, ProjectFileError
from .sqlite_file import SCHEMA_VERSION, connect


class MigrationError(ProjectFileError):
    """A step would have left the file inconsistent; it was rolled back."""


def rebuild_table(conn: sqlite3.Connection, table: str, create_sql: str,
                  copy: Mapping[str, str] | None = None) -> None:
    """Change a table the only way SQLite allows: create the new shape under a temporary
    name, copy the rows, drop the old table, rename, and put back its indexes and triggers.
    `create_sql` creates `table` in its new shape; `copy` maps a new column to an SQL
    expression over the old columns (default: every column the two shapes share, as is).
    Runs inside a migration step (foreign keys OFF)."""
    old_cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
    extras = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
        "AND sql IS NOT NULL", (table,))]
    temp = f"_csdesk_new_{table}"
    renamed, found = re.subn(rf'^\s*CREATE\s+TABLE\s+"?{re.escape(table)}"?(?=[\s(])',
                             f'CREATE TABLE "{temp}"', create_sql, count=1, flags=re.IGNORECASE)
    if not found:
        raise ValueError(f"create_sql must create the table {table}")
    conn.execute(renamed)
    new_cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{temp}")')]
    copy = dict(copy or {c: f'"{c}"' for c in new_cols if c in old_cols})
    names = ", ".join(f'"{c}"' for c in copy)
    conn.execute(f'INSERT INTO "{temp}" ({names}) SELECT {", ".join(copy.values())} '
                 f'FROM "{table}"')
    conn.execute(f'DROP TABLE "{table}"')
    conn.execute(f'ALTER TABLE "{temp}" RENAME TO "{table}"')
    for sql in extras:
        conn.execute(sql)


def _add_archived_flags(conn: sqlite3.Connection) -> None:
    """Format 2: journeys and stages are archived rather than deleted once rated."""
    conn.execute("ALTER TABLE journey ADD COLUMN archived BOOLEAN NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE stage ADD COLUMN archived BOOLEAN NOT NULL DEFAULT 0")


FORMAT_3_TABLES = {
    "project": """CREATE TABLE project (
	id INTEGER NOT NULL, title VARCHAR NOT NULL, local_area VARCHAR NOT NULL,
	marking VARCHAR NOT NULL, notes VARCHAR NOT NULL, created_at DATETIME NOT NULL,
	changed_at DATETIME NOT NULL, framework_name VARCHAR NOT NULL,
	framework_version VARCHAR NOT NULL, framework_source VARCHAR NOT NULL,
	PRIMARY KEY (id), CONSTRAINT one_project_row CHECK (id = 1))""",
    # Files migrated from format 1 carry DEFAULT 0 on `archived`; new ones do not. One shape.
    "journey": """CREATE TABLE journey (
	id INTEGER NOT NULL, position INTEGER NOT NULL, kind VARCHAR NOT NULL,
	context_type VARCHAR, title VARCHAR NOT NULL, description VARCHAR NOT NULL,
	archived BOOLEAN NOT NULL, PRIMARY KEY (id),
	CONSTRAINT child_has_no_context_type CHECK (kind = 'context' OR context_type IS NULL))""",
    "stage": """CREATE TABLE stage (
	id INTEGER NOT NULL, journey_id INTEGER NOT NULL, position INTEGER NOT NULL,
	name VARCHAR NOT NULL, what_happens VARCHAR NOT NULL, decision VARCHAR NOT NULL,
	decision_options VARCHAR NOT NULL, level_id INTEGER, time_taken VARCHAR NOT NULL,
	waiting_time VARCHAR NOT NULL, context_considered VARCHAR NOT NULL, gaps VARCHAR NOT NULL,
	evidence_notes VARCHAR NOT NULL, archived BOOLEAN NOT NULL, PRIMARY KEY (id),
	FOREIGN KEY(journey_id) REFERENCES journey (id) ON DELETE CASCADE,
	FOREIGN KEY(level_id) REFERENCES level (id) ON DELETE SET NULL)""",
}

# (table, column) pairs the screens filter by that had no index before format 3.
FORMAT_3_INDEXES = (
    ("action", "journey_id"), ("action", "roadmap_step_id"), ("action", "lead_agency_id"),
    ("member", "agency_id"), ("stage", "level_id"), ("value_check", "value_id"),
    ("action_gap", "domain_id"), ("action_gap", "stage_id"), ("action_gap", "area_id"),
    ("action_partner", "agency_id"), ("rating", "stage_id"), ("rating", "area_id"),
    ("rating", "domain_id"), ("stage_agency", "agency_id"), ("rating_evidence", "source_id"),
)


def _one_project_row_and_indexes(conn: sqlite3.Connection) -> None:
    """Format 3: a file holds exactly one project row (id 1, never deleted); every link
    column the screens filter by has an index; journey and stage have one shape however
    the file began."""
    for table, sql in FORMAT_3_TABLES.items():
        rebuild_table(conn, table, sql)
    conn.execute("CREATE TRIGGER project_row_stays BEFORE DELETE ON project "
                 "BEGIN SELECT RAISE(ABORT, 'a project file keeps its project row'); END")
    for table, column in FORMAT_3_INDEXES:
        conn.execute(f"CREATE INDEX ix_{table}_{column} ON {table} ({column})")


# target version -> the step that reaches it from the version before
STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _add_archived_flags,
    3: _one_project_row_and_indexes,
}


def _broken_links(conn: sqlite3.Connection) -> list[str]:
    return sorted({row[0] for row in conn.execute("PRAGMA foreign_key_check")})


def run_steps(path: Path, from_version: int, steps=None, to_version: int = SCHEMA_VERSION) -> None:
    steps = STEPS if steps is None else steps
    if from_version < 1:
        raise DamagedFileError(f"{path.name} has no format version: it was not finished.")
    conn = connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set first
        for target in range(from_version + 1, to_version + 1):
            conn.execute("BEGIN IMMEDIATE")
            try:
                steps[target](conn)
                broken = _broken_links(conn)
                if broken:
                    raise MigrationError(
                        f"{path.name} could not be updated to format {target}: the change "
                        f"would break links in {', '.join(broken)}. It has not been changed "
                        "by this step.")
                conn.execute(f"PRAGMA user_version = {int(target)}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # a failing statement may already have ended it
                    conn.execute("ROLLBACK")
                raise
        conn.execute("PRAGMA foreign_keys = ON")
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
