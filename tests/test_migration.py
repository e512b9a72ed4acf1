"""Opening a file of the previous format migrates it, after a backup, in transactions."""

import sqlite3
from pathlib import Path

import pytest

from csdesk.services.project import OpenProject
from csdesk.store import SCHEMA_VERSION
from csdesk.store.migrations import migrate

from .conftest import digest

FORMAT_1 = Path(__file__).parent / "data" / "format1.sql"


def make_format1_file(path: Path) -> Path:
    """A project as csdesk wrote it at format 1, with a little content."""
    conn = sqlite3.connect(path)
    conn.executescript(FORMAT_1.read_text())
    conn.executescript("""
        INSERT INTO meta VALUES ('written_by', '0.0.9');
        INSERT INTO project (id, title, local_area, marking, notes, created_at, changed_at,
            framework_name, framework_version, framework_source)
            VALUES (1, 'Old review', 'Oldshire', 'OFFICIAL', '', '2026-01-05 10:00:00.000000',
                    '2026-02-01 12:00:00.000000', 'csdesk default', '2025.9', '');
        INSERT INTO journey (id, position, kind, context_type, title, description)
            VALUES (1, 0, 'child', NULL, 'Child journey', '');
        INSERT INTO stage (id, journey_id, position, name, what_happens, decision,
            decision_options, level_id, time_taken, waiting_time, context_considered, gaps,
            evidence_notes)
            VALUES (1, 1, 0, 'Front door', 'Screening', '', '', NULL, '1 day', '', '', '', '');
    """)
    conn.commit()
    conn.close()
    return path


def columns(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    result = {t: sorted(r[1] for r in conn.execute(f"PRAGMA table_info({t})")) for t in tables}
    conn.close()
    return result


def test_previous_format_is_migrated_with_a_backup(tmp_path, new_file):
    old = make_format1_file(tmp_path / "Oldshire.csdesk")
    original = digest(old)
    project = OpenProject.open(old)
    backup = project.file.backup
    assert project.details().title == "Old review"
    project.update_details(title="Old review, carried on")
    project.close()

    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT name, archived FROM stage").fetchall() == [("Front door", 0)]
    conn.close()
    assert backup is not None and backup.exists() and digest(backup) == original
    assert columns(old) == columns(new_file)  # migrated == made new today


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
