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
    expression over the old columns (e.g. a new NOT NULL column to "''"); every other column
    the two shapes share is copied as it is.
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
    copy = {**{c: f'"{c}"' for c in new_cols if c in old_cols}, **(copy or {})}
    names = ", ".join(f'"{c}"' for c in copy)
    conn.execute(f'INSERT INTO "{temp}" ({names}) SELECT {", ".join(copy.values())} '
                 f'FROM "{table}"')
    conn.execute(f'DROP TABLE "{table}"')
    # Legacy mode: the rename must not re-check other triggers and views that name `table`
    # (it is briefly missing); they name it again once the rename is done.
    conn.execute("PRAGMA legacy_alter_table = ON")
    conn.execute(f'ALTER TABLE "{temp}" RENAME TO "{table}"')
    conn.execute("PRAGMA legacy_alter_table = OFF")
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


FORMAT_4_TABLES = {
    "agency": """CREATE TABLE agency (
	id INTEGER NOT NULL, position INTEGER NOT NULL, name VARCHAR NOT NULL,
	sector VARCHAR NOT NULL, notes VARCHAR NOT NULL, PRIMARY KEY (id), UNIQUE (name))""",
    "level": """CREATE TABLE level (
	id INTEGER NOT NULL, position INTEGER NOT NULL, name VARCHAR NOT NULL,
	criteria VARCHAR NOT NULL, approx_count INTEGER, count_note VARCHAR NOT NULL,
	PRIMARY KEY (id),
	CONSTRAINT count_not_negative CHECK (approx_count IS NULL OR approx_count >= 0))""",
    "stage": """CREATE TABLE stage (
	id INTEGER NOT NULL, journey_id INTEGER NOT NULL, position INTEGER NOT NULL,
	name VARCHAR NOT NULL, lead_agency_id INTEGER, what_happens VARCHAR NOT NULL,
	decision VARCHAR NOT NULL, decision_options VARCHAR NOT NULL, level_id INTEGER,
	days INTEGER, waiting_days INTEGER, time_note VARCHAR NOT NULL,
	context_considered VARCHAR NOT NULL, gaps VARCHAR NOT NULL,
	evidence_notes VARCHAR NOT NULL, archived BOOLEAN NOT NULL, PRIMARY KEY (id),
	CONSTRAINT days_not_negative CHECK (days IS NULL OR days >= 0),
	CONSTRAINT waiting_days_not_negative CHECK (waiting_days IS NULL OR waiting_days >= 0),
	FOREIGN KEY(journey_id) REFERENCES journey (id) ON DELETE CASCADE,
	FOREIGN KEY(lead_agency_id) REFERENCES agency (id) ON DELETE SET NULL,
	FOREIGN KEY(level_id) REFERENCES level (id) ON DELETE SET NULL)""",
}

_UNITS = {"min": 1 / 1440, "h": 1 / 24, "hr": 1 / 24, "hour": 1 / 24, "day": 1, "wk": 7,
          "week": 7, "fortnight": 14, "month": 30, "yr": 365, "year": 365}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12}
_NUMBER = r"\d+(?:\.\d+)?|" + "|".join(_NUMBERS)
_TIME = re.compile(
    rf"\b({_NUMBER})(?:\s*(?:-|\u2013|to)\s*({_NUMBER}))?\s*(?:working\s+)?"
    r"(minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|fortnights?|months?|years?|yrs?)\b")


def days_in(text: str) -> int | None:
    """The typical number of days a phrase such as "5 to 10 working days", "2-4 weeks",
    "48hrs", "a fortnight" or "same day" describes (a range: its middle), or None. A number
    counts only with its unit, so "section 47: 15 days" is 15 and "24/7" is nothing."""
    text = text.lower()
    if re.search(r"\bsame day\b|\bimmediate", text):
        return 0
    m = _TIME.search(text)
    if not m:
        return None
    low, high = (float(_NUMBERS.get(g, g)) if g else None for g in m.group(1, 2))
    unit = next(u for u in sorted(_UNITS, key=len, reverse=True) if m.group(3).startswith(u))
    return max(0, round((low + (high if high is not None else low)) / 2 * _UNITS[unit]))


def _stage_times_in_days(conn: sqlite3.Connection) -> None:
    """Format 4: a stage's time taken and waiting time are numbers of days (so the map can
    add them up) with the words kept as a note; a stage has a lead agency (its lane); an
    agency has notes; a level's count cannot be negative."""
    old = conn.execute("SELECT id, time_taken, waiting_time FROM stage").fetchall()
    rebuild_table(conn, "agency", FORMAT_4_TABLES["agency"], {"notes": "''"})
    rebuild_table(conn, "level", FORMAT_4_TABLES["level"])
    rebuild_table(conn, "stage", FORMAT_4_TABLES["stage"], {"time_note": "''"})
    conn.execute("CREATE INDEX ix_stage_lead_agency_id ON stage (lead_agency_id)")
    for stage_id, taken, waiting in old:
        note = "; ".join(part for part in (
            taken.strip(), f"waiting: {waiting.strip()}" if waiting.strip() else "") if part)
        conn.execute("UPDATE stage SET days = ?, waiting_days = ?, time_note = ? WHERE id = ?",
                     (days_in(taken), days_in(waiting), note, stage_id))


FORMAT_5_TABLES = {
    "member": """CREATE TABLE member (
	id INTEGER NOT NULL, member_group VARCHAR NOT NULL, agency_id INTEGER,
	organisation VARCHAR NOT NULL, role VARCHAR NOT NULL, name VARCHAR NOT NULL,
	trained BOOLEAN NOT NULL, notes VARCHAR NOT NULL, PRIMARY KEY (id),
	FOREIGN KEY(agency_id) REFERENCES agency (id) ON DELETE SET NULL)""",
    "vision": """CREATE TABLE vision (
	id INTEGER NOT NULL, domain_id INTEGER NOT NULL, statement VARCHAR NOT NULL,
	PRIMARY KEY (id), UNIQUE (domain_id),
	FOREIGN KEY(domain_id) REFERENCES domain (id) ON DELETE CASCADE)""",
}


def _vision_and_people(conn: sqlite3.Connection) -> None:
    """Format 5: a vision statement per domain; a champion is trained or not; a critical
    friend names their organisation (from outside the partnership, so not an agency)."""
    rebuild_table(conn, "member", FORMAT_5_TABLES["member"],
                  {"organisation": "''", "trained": "0"})
    conn.execute(FORMAT_5_TABLES["vision"])


# target version -> the step that reaches it from the version before
STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _add_archived_flags,
    3: _one_project_row_and_indexes,
    4: _stage_times_in_days,
    5: _vision_and_people,
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
                if not conn.in_transaction:  # e.g. executescript() commits by itself
                    raise MigrationError(f"Format {target}'s step ended its own transaction.")
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
