"""The project file: create, reopen, pragmas, refusals, the lock, copies."""

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import select

from csdesk.models import Project
from csdesk.services.project import OpenProject, new_project
from csdesk.store import (
    APPLICATION_ID, SCHEMA_VERSION, DamagedFileError, NewerFileError, NotAProjectError,
    ProjectFileError, ProjectLockedError, ReadOnlyError, read_holder,
)
from csdesk.store.lock import lock_path

from .conftest import digest


def assert_refused_unchanged(path, error, words, **open_args):
    before = digest(path)
    with pytest.raises(error, match=words):
        OpenProject.open(path, **open_args)
    assert digest(path) == before


def test_create_open_reopen_round_trip(tmp_path):
    path = new_project(tmp_path / "Round trip", "Baseline review", "Northshire", "OFFICIAL")
    assert path.name == "Round trip.csdesk"
    project = OpenProject.open(path)
    project.update_details(title="Baseline review 2026", notes="Workshop 1")
    project.close()

    again = OpenProject.open(path)
    d = again.details()
    again.close()
    assert (d.title, d.local_area, d.marking, d.notes) == (
        "Baseline review 2026", "Northshire", "OFFICIAL", "Workshop 1")
    assert d.changed_at >= d.created_at


def test_file_identity_and_pragmas(new_file):
    conn = sqlite3.connect(new_file)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    project = OpenProject.open(new_file)
    with project.read() as s:
        raw = s.connection().connection.driver_connection
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert raw.execute("PRAGMA secure_delete").fetchone()[0] == 1
    project.close()


def test_new_file_carries_the_framework(new_file):
    conn = sqlite3.connect(new_file)
    domains = [r[0] for r in conn.execute("SELECT short_name FROM domain ORDER BY position")]
    values = conn.execute("SELECT count(*) FROM cs_value").fetchone()[0]
    steps = conn.execute("SELECT count(*) FROM roadmap_step").fetchone()[0]
    assert domains == ["Target", "Legislative framework", "Partnerships", "Outcomes measurement"]
    assert values >= 5 and steps == 10


def test_every_edit_is_on_disk_when_the_call_returns(new_file):
    project = OpenProject.open(new_file)
    project.update_details(title="Seen by another reader")
    # A separate connection, as another process would see it, without closing ours.
    conn = sqlite3.connect(f"file:{new_file}?mode=ro", uri=True)
    assert conn.execute("SELECT title FROM project").fetchone()[0] == "Seen by another reader"
    conn.close()
    project.close()


def test_new_project_never_overwrites(new_file):
    before = digest(new_file)
    with pytest.raises(ProjectFileError, match="already exists"):
        new_project(new_file, "Other", "Elsewhere")
    assert digest(new_file) == before


@pytest.mark.parametrize("content, error, words", [
    (b"", NotAProjectError, "empty"),
    (b"Stage,Domain,Rating\nFront door,Target,Red\n", NotAProjectError, "not a csdesk project"),
])
def test_refuses_non_projects_and_leaves_them_alone(tmp_path, content, error, words):
    path = tmp_path / "bad.csdesk"
    path.write_bytes(content)
    with pytest.raises(error, match=words):
        OpenProject.open(path)
    assert path.read_bytes() == content
    assert not lock_path(path).exists()


def test_refuses_a_missing_file(tmp_path):
    with pytest.raises(NotAProjectError, match="no file"):
        OpenProject.open(tmp_path / "nowhere.csdesk")


def test_refuses_another_applications_database(tmp_path):
    path = tmp_path / "other.csdesk"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    assert_refused_unchanged(path, NotAProjectError, "another program")


def test_refuses_a_truncated_file(new_file, tmp_path):
    cut = tmp_path / "cut.csdesk"
    data = new_file.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    assert_refused_unchanged(cut, DamagedFileError, "cut short")


def test_refuses_a_newer_file_naming_the_version_and_leaves_it_unchanged(new_file):
    conn = sqlite3.connect(new_file)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.execute("UPDATE meta SET value = '9.4.0' WHERE key = 'written_by'")
    conn.commit()
    conn.close()
    before = digest(new_file)
    for readonly in (False, True):
        with pytest.raises(NewerFileError, match="csdesk 9.4.0"):
            OpenProject.open(new_file, readonly=readonly)
    assert digest(new_file) == before
    assert not lock_path(new_file).exists()


def test_second_writer_is_told_who_has_it_and_may_read(new_file):
    first = OpenProject.open(new_file)
    with pytest.raises(ProjectLockedError) as caught:
        OpenProject.open(new_file)
    assert caught.value.holder.user in str(caught.value)
    reader = OpenProject.open(new_file, readonly=True)
    assert reader.details().title == "System review"
    with pytest.raises(ReadOnlyError):
        reader.update_details(title="Not allowed")
    reader.close()
    first.close()
    assert not lock_path(new_file).exists()


def test_a_lock_left_by_a_dead_process_is_taken_over(new_file):
    import json
    import socket

    lock_path(new_file).write_text(json.dumps(
        {"user": "someone", "host": socket.gethostname(), "pid": 2**22 + 12345,
         "since": "2026-01-01T09:00:00"}))
    project = OpenProject.open(new_file)
    assert read_holder(new_file).pid != 2**22 + 12345
    project.close()


def test_taking_over_a_live_lock_when_the_user_chooses(new_file):
    first = OpenProject.open(new_file)
    second = OpenProject.open(new_file, take_over_lock=True)
    second.update_details(title="Taken over")
    with pytest.raises(ReadOnlyError, match="taken over"):  # no second writer
        first.update_details(title="Lost update")
    assert second.details().title == "Taken over"
    first.close()  # must not remove the lock that is now someone else's
    assert lock_path(new_file).exists()
    second.close()
    assert not lock_path(new_file).exists()


def test_save_a_copy_is_a_complete_project(new_file, tmp_path):
    project = OpenProject.open(new_file)
    project.update_details(title="Copied")
    dest = project.file.save_copy(tmp_path / "copy.csdesk")
    project.close()
    copy = OpenProject.open(dest, readonly=True)
    assert copy.details().title == "Copied"
    with copy.read() as s:
        assert s.exec(select(Project)).one().local_area == "Testshire"
    copy.close()
    assert not list(tmp_path.glob(".csdesk-copy-*"))


def test_file_uris_for_local_and_shared_drive_paths():
    from pathlib import PureWindowsPath

    from csdesk.store.sqlite_file import posix_uri, uri

    assert uri(Path("/tmp/a b#1.csdesk"), readonly=True) == "file:///tmp/a%20b%231.csdesk?mode=ro"
    share = PureWindowsPath(r"\\council-fs\Social Care\CS review.csdesk").as_posix()
    assert posix_uri(share, "rw") == "file:////council-fs/Social%20Care/CS%20review.csdesk?mode=rw"
    drive = PureWindowsPath(r"C:\Users\lead\review.csdesk").as_posix()
    assert posix_uri(drive, "ro") == "file:///C:/Users/lead/review.csdesk?mode=ro"


def test_paths_with_awkward_characters_open(tmp_path):
    folder = tmp_path / "Team's drive #2 (50% done)"
    folder.mkdir()
    path = new_project(folder / "Área ? review", "Review", "Northshire")
    project = OpenProject.open(path)
    assert project.details().local_area == "Northshire"
    project.close()


def test_new_files_are_readable_by_colleagues_as_any_new_file_is(new_file, tmp_path):
    import os
    import stat

    umask = os.umask(0)
    os.umask(umask)
    project = OpenProject.open(new_file)
    copy = project.file.save_copy(tmp_path / "copy.csdesk")
    project.close()
    for path in (new_file, copy):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def _leave_hot_journal(path):
    """Make `path` look as if its writer died mid-transaction: a journal holding the
    original pages, and a changed page in the file."""
    import subprocess
    import sys

    script = (
        "import sqlite3, os, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode=DELETE'); c.execute('PRAGMA cache_size=1')\n"
        "c.execute('BEGIN')\n"
        "c.execute(\"UPDATE meta SET value = 'torn' WHERE key = 'written_by'\")\n"
        "c.execute(\"CREATE TABLE filler (x)\")\n"
        "c.executemany('INSERT INTO filler VALUES (?)', [('x' * 500,)] * 2000)\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0


def test_a_crashed_file_is_left_alone_until_opened_for_editing(new_file):
    _leave_hot_journal(new_file)
    assert_refused_unchanged(new_file, DamagedFileError, "not closed properly", readonly=True)
    project = OpenProject.open(new_file)  # for editing: SQLite rolls the torn change back
    assert project.details().title == "System review"
    project.close()
    conn = sqlite3.connect(new_file)
    assert conn.execute("SELECT value FROM meta WHERE key='written_by'").fetchone()[0] != "torn"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_foreign_database_with_a_crash_journal_is_refused_untouched(tmp_path):
    path = tmp_path / "other.csdesk"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE meta (key, value);"
                       "INSERT INTO meta VALUES ('written_by', 'x');")
    conn.close()
    _leave_hot_journal(path)
    assert_refused_unchanged(path, NotAProjectError, "another program")


def test_an_unfinished_file_is_refused(new_file):
    conn = sqlite3.connect(new_file)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    assert_refused_unchanged(new_file, DamagedFileError, "never finished")
    assert not list(new_file.parent.glob("*backup*"))


def test_a_closed_project_cannot_be_written(new_file):
    project = OpenProject.open(new_file)
    project.close()
    with pytest.raises(ProjectFileError, match="closed"):
        project.update_details(title="After close")
    again = OpenProject.open(new_file, readonly=True)
    assert again.details().title == "System review"
    again.close()


def test_a_failing_view_does_not_unsave_a_saved_edit(new_file):
    project = OpenProject.open(new_file)

    def broken_view(kinds):
        raise RuntimeError("view bug")

    project.subscribe(broken_view)
    project.update_details(title="Still saved")
    project.close()
    again = OpenProject.open(new_file, readonly=True)
    assert again.details().title == "Still saved"
    again.close()


def test_save_a_copy_never_pairs_a_file_with_a_crash_journal(new_file, tmp_path):
    crashed = new_project(tmp_path / "Crashed", "Other review", "Elsewhere")
    _leave_hot_journal(crashed)
    project = OpenProject.open(new_file)
    with pytest.raises(ProjectFileError, match="not closed properly"):
        project.save_copy(crashed)
    project.close()
