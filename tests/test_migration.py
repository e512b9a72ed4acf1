"""Opening a file of a past format migrates it, after a backup, in transactions that keep
every row; the result has exactly the schema of a file made today."""

import sqlite3
from pathlib import Path

import pytest

from csdesk.services.project import OpenProject
from csdesk.store import SCHEMA_VERSION
from csdesk.store.migrations import MigrationError, migrate, rebuild_table, run_steps
from csdesk.store.schema import describe

from .conftest import digest

DATA = Path(__file__).parent / "data"
PAST_FORMATS = range(1, SCHEMA_VERSION)  # tests/data/formatN.sql for each


def make_old_file(path: Path, version: int) -> Path:
    """A project as csdesk wrote it at a past format, with a little content."""
    conn = sqlite3.connect(path)
    conn.executescript((DATA / f"format{version}.sql").read_text())
    # From format 2 on, journeys and stages have an archived flag (no default in new files).
    flag, value = (", archived", ", 0") if version >= 2 else ("", "")
    conn.executescript(f"""
        INSERT INTO meta VALUES ('written_by', '0.0.9');
        INSERT INTO project (id, title, local_area, marking, notes, created_at, changed_at,
            framework_name, framework_version, framework_source)
            VALUES (1, 'Old review', 'Oldshire', 'OFFICIAL', '', '2026-01-05 10:00:00.000000',
                    '2026-02-01 12:00:00.000000', 'csdesk default', '2025.9', '');
        INSERT INTO journey (id, position, kind, context_type, title, description{flag})
            VALUES (1, 0, 'child', NULL, 'Child journey', ''{value});
        INSERT INTO member (id, member_group, agency_id, role, name, notes)
            VALUES (1, 'champion', NULL, 'Senior youth worker', '', '');
    """)
    # Format 4 keeps a stage's times in days, with the words as a note.
    times = ("days, waiting_days, time_note", "1, 14, '1 day; waiting: 2 weeks at Christmas'") \
        if version >= 4 else ("time_taken, waiting_time", "'1 day', '2 weeks at Christmas'")
    conn.executescript(f"""
        INSERT INTO stage (id, journey_id, position, name, what_happens, decision,
            decision_options, level_id, {times[0]}, context_considered, gaps,
            evidence_notes{flag})
            VALUES (1, 1, 0, 'Front door', 'Screening', '', '', NULL, {times[1]},
                    '', '', ''{value});
    """)
    conn.commit()
    conn.close()
    return path


def make_format1_file(path: Path) -> Path:
    return make_old_file(path, 1)


def schema(path: Path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return describe(conn)
    finally:
        conn.close()


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, by rowid."""
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    rows = {t: conn.execute(f'SELECT rowid, * FROM "{t}" ORDER BY rowid').fetchall()
            for t in tables}
    conn.close()
    return rows


@pytest.mark.parametrize("version", PAST_FORMATS)
def test_past_format_is_migrated_with_a_backup_to_todays_schema(tmp_path, new_file, version):
    old = make_old_file(tmp_path / "Oldshire.csdesk", version)
    original = digest(old)
    project = OpenProject.open(old)
    backup = project.file.backup
    assert project.details().title == "Old review"
    project.update_details(title="Old review, carried on")
    project.close()

    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT name, archived FROM stage").fetchall() == [("Front door", 0)]
    # Format 4: times became numbers of days; the words are kept as a note.
    assert conn.execute("SELECT days, waiting_days, time_note FROM stage").fetchall() == [
        (1, 14, "1 day; waiting: 2 weeks at Christmas")]
    # Format 5: champions are trained or not, critical friends name their organisation;
    # the vision table starts empty.
    assert conn.execute("SELECT role, organisation, trained FROM member").fetchall() == [
        ("Senior youth worker", "", 0)]
    assert conn.execute("SELECT count(*) FROM vision").fetchone() == (0,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    assert backup is not None and backup.exists() and digest(backup) == original
    # Migrated == made new today: columns, types, NOT NULL, defaults, links and their ON
    # DELETE, CHECKs, indexes, triggers.
    assert schema(old) == schema(new_file)


@pytest.mark.parametrize("old, new", [
    ("ON DELETE SET NULL", "ON DELETE CASCADE"),  # what a link does
    ("time_note VARCHAR NOT NULL", "time_note VARCHAR NOT NULL DEFAULT ''"),  # a default
    ("CHECK (days IS NULL OR days >= 0)", "CHECK (days IS NULL OR days > 0)"),  # a rule
    ("evidence_notes VARCHAR NOT NULL", "evidence_notes VARCHAR"),  # NOT NULL
])
def test_the_schema_comparison_sees_what_matters(new_file, old, new):
    base = schema(new_file)
    conn = sqlite3.connect(new_file)
    conn.execute("PRAGMA foreign_keys = OFF")
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'stage'").fetchone()[0]
    assert old in sql
    rebuild_table(conn, "stage", sql.replace(old, new))
    conn.commit()
    conn.close()
    assert schema(new_file) != base


def test_rebuilding_a_parent_table_keeps_every_child_row(demo_file):
    """SQLite's way to change a column: new table, copy, drop, rename. With foreign keys on,
    the drop would take every stage (and its links and ratings) with the journeys."""
    before = dump(demo_file)
    assert before["stage"] and before["rating"]

    def step(conn):
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'journey'").fetchone()[0]
        rebuild_table(conn, "journey", sql)

    run_steps(demo_file, SCHEMA_VERSION, {SCHEMA_VERSION + 1: step}, SCHEMA_VERSION + 1)
    assert dump(demo_file) == before


def test_rebuilding_every_table_one_by_one_keeps_every_row(demo_file):
    before, shape = dump(demo_file), schema(demo_file)
    tables = sorted(before)
    steps = {}
    for i, table in enumerate(tables, start=SCHEMA_VERSION + 1):
        def step(conn, table=table):
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                               (table,)).fetchone()[0]
            rebuild_table(conn, table, sql)
        steps[i] = step
    run_steps(demo_file, SCHEMA_VERSION, steps, SCHEMA_VERSION + len(tables))
    assert dump(demo_file) == before
    assert schema(demo_file) == shape


def test_a_step_that_leaves_an_orphan_is_rolled_back(demo_file):
    before = digest(demo_file)

    def careless(conn):
        conn.execute("DELETE FROM journey")  # foreign keys are off: the stages stay, orphaned

    with pytest.raises(MigrationError, match="stage"):
        run_steps(demo_file, SCHEMA_VERSION, {SCHEMA_VERSION + 1: careless}, SCHEMA_VERSION + 1)
    assert digest(demo_file) == before


def test_a_file_holds_exactly_one_project_row(new_file):
    conn = sqlite3.connect(new_file)
    row = conn.execute("SELECT * FROM project").fetchone()
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(f"INSERT INTO project VALUES (2{', ?' * (len(row) - 1)})", row[1:])
    with pytest.raises(sqlite3.IntegrityError, match="keeps its project row"):
        conn.execute("DELETE FROM project")
    conn.close()


def test_a_failing_step_leaves_the_file_at_its_last_good_version(tmp_path):
    old = make_format1_file(tmp_path / "Oldshire.csdesk")

    def broken_step(conn):
        conn.execute("ALTER TABLE stage ADD COLUMN half_done TEXT")
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        migrate(old, 1, steps={2: broken_step})
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "half_done" not in [r[1] for r in conn.execute("PRAGMA table_info(stage)")]
    conn.close()


def test_read_only_open_of_an_old_file_never_changes_it(tmp_path):
    old = make_format1_file(tmp_path / "Oldshire.csdesk")
    before = digest(old)
    project = OpenProject.open(old, readonly=True)
    assert project.details().local_area == "Oldshire"
    project.close()
    assert digest(old) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Oldshire.csdesk"]


@pytest.mark.parametrize("words, days", [
    ("Same day", 0), ("Up to 2 working days for police notices", 2), ("5-10 days", 8),
    ("2 to 4 weeks", 21), ("Section 47: 15 days", 15), ("S47 within 15 days", 15),
    ("48hrs", 2), ("6 wks", 42), ("1 year", 365), ("About a week", 7), ("two weeks", 14),
    ("a fortnight", 14), ("10 to 15 minutes", 0), ("24/7 service", None),
    ("Not known yet", None), ("", None),
])
def test_old_time_words_become_days(words, days):
    """Format 4 turned the free-text times of older files into days (the words are kept)."""
    from csdesk.store.migrations import days_in

    assert days_in(words) == days
