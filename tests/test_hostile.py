"""Hostile files: whatever is opened, a specific message (or a sound project), never a crash
or a hang, and the file byte-for-byte as it was. Both ways in: opening and `csdesk check`."""

import io
import os
import random
import sqlite3
import subprocess
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.services.project import OpenProject
from csdesk.store import (
    SCHEMA_VERSION, DamagedFileError, NewerFileError, NotAProjectError, NotWritableError,
    ProjectFileError, ProjectLockedError,
)
from csdesk.store.lock import lock_path

from .conftest import digest
from .test_migration import make_old_file


def refused(path, error, words, capsys, **open_args):
    """Opening and checking both refuse `path` with `words`, leaving it unchanged."""
    before = digest(path)
    with pytest.raises(error, match=words):
        OpenProject.open(path, **open_args)
    assert main(["check", str(path)]) == 1
    assert words.split("|")[0] in capsys.readouterr().err
    assert digest(path) == before
    assert not lock_path(path).exists()


def drop(path, sql):
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_a_pdf_renamed_is_not_a_project(tmp_path, capsys):
    path = tmp_path / "minutes.csdesk"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    refused(path, NotAProjectError, "not a database file", capsys)


def test_a_zip_renamed_is_not_a_project(tmp_path, capsys):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("plan.docx", "not a project")
    path = tmp_path / "plan.csdesk"
    path.write_bytes(data.getvalue())
    refused(path, NotAProjectError, "not a database file", capsys)


def test_an_empty_file(tmp_path, capsys):
    path = tmp_path / "empty.csdesk"
    path.write_bytes(b"")
    refused(path, NotAProjectError, "empty", capsys)


def test_another_apps_sqlite_file(tmp_path, capsys):
    path = tmp_path / "contacts.csdesk"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    refused(path, NotAProjectError, "another program", capsys)


@pytest.mark.parametrize("keep", ["header", 60, 100, "half-page", "pages", "last-byte"])
def test_a_file_cut_short_at_any_length(demo_file, tmp_path, capsys, keep):
    data = demo_file.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    length = {"header": 16, "half-page": page // 2, "pages": page * 3,
              "last-byte": len(data) - 1}.get(keep, keep)
    cut = tmp_path / "cut.csdesk"
    cut.write_bytes(data[:length])
    refused(cut, NotAProjectError if length < 16 else DamagedFileError,
            "cut short|not a database", capsys)


def test_a_file_with_a_table_dropped_is_refused(new_file, capsys):
    drop(new_file, "DROP TABLE value_check")
    refused(new_file, DamagedFileError, "table \u201cvalue_check\u201d is missing", capsys)
    refused(new_file, DamagedFileError, "value_check", capsys, readonly=True)


@pytest.mark.parametrize("sql, words", [
    ("DROP INDEX ix_stage_lead_agency_id", "indexes of its table \u201cstage\u201d"),
    ("DROP TRIGGER project_row_stays", "safeguard \u201cproject_row_stays\u201d"),
    ("ALTER TABLE agency DROP COLUMN notes", "columns of its table \u201cagency\u201d"),
])
def test_a_file_with_an_index_column_or_safeguard_gone_is_refused(new_file, capsys, sql, words):
    drop(new_file, sql)
    refused(new_file, DamagedFileError, words, capsys)


def test_an_older_file_missing_a_table_is_refused_before_migrating(tmp_path, capsys):
    old = make_old_file(tmp_path / "Old.csdesk", SCHEMA_VERSION - 1)
    drop(old, "DROP TABLE rating_evidence")
    refused(old, DamagedFileError, "rating_evidence", capsys)
    assert not list(tmp_path.glob("*backup*"))  # refused before any migration began


def test_a_newer_file(new_file, capsys):
    conn = sqlite3.connect(new_file)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = digest(new_file)
    with pytest.raises(NewerFileError, match="newer csdesk"):
        OpenProject.open(new_file)
    assert main(["check", str(new_file)]) == 0  # check reports it, naming the format
    assert f"format {SCHEMA_VERSION + 1}" in capsys.readouterr().out
    assert digest(new_file) == before


def test_a_locked_file_can_still_be_checked_and_read(new_file, capsys, tmp_path):
    holder = OpenProject.open(new_file)
    holder.update_details(title="Being edited")
    before = digest(new_file)
    with pytest.raises(ProjectLockedError, match="open for editing by"):
        OpenProject.open(new_file)
    assert main(["check", str(new_file)]) == 0  # neither takes the lock
    assert main(["export", str(new_file), "-o", str(tmp_path / "r.pdf")]) == 0
    assert holder.file.holds_lock()
    holder.close()
    assert digest(new_file) == before


@contextmanager
def write_protected(path: Path):
    """The file made read-only in a way that binds root too (CI runs as root, and root
    ignores mode bits): the immutable flag where chattr can set it, else mode 0444."""
    if os.name != "nt" and os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
            pytest.skip("root ignores mode bits and this file system has no immutable flag")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        path.chmod(0o444)
        yield


@pytest.mark.skipif(os.name == "nt", reason="Windows ACLs, not mode bits, make files read-only")
def test_a_read_only_file_opens_read_only_only(new_file):
    before = digest(new_file)
    with write_protected(new_file):
        with pytest.raises(NotWritableError, match="read-only"):
            OpenProject.open(new_file)
        OpenProject.open(new_file, readonly=True).close()
    assert digest(new_file) == before


def test_a_leftover_journal_that_holds_nothing_is_ignored(new_file):
    journal = new_file.with_name(new_file.name + "-journal")
    for content in (b"", b"\0" * 512):
        journal.write_bytes(content)
        OpenProject.open(new_file, readonly=True).close()
        project = OpenProject.open(new_file)
        assert project.details().title == "System review"
        project.close()


def test_a_leftover_garbage_journal_is_for_an_editing_open_to_clear(new_file, capsys):
    """SQLite deems any journal starting with a non-zero byte hot: reading alone cannot
    clear it, so it is refused with a message; opening for editing lets SQLite clear it."""
    journal = new_file.with_name(new_file.name + "-journal")
    journal.write_bytes(b"garbage that is not a journal" * 10)
    refused(new_file, DamagedFileError, "not closed properly", capsys, readonly=True)
    project = OpenProject.open(new_file)
    assert project.details().title == "System review"
    project.close()
    assert not journal.exists()


def test_random_bit_flips_give_a_message_or_a_sound_project(demo_file, tmp_path):
    data = demo_file.read_bytes()
    rng = random.Random(9)
    outcomes = {"refused": 0, "opened": 0}
    for i in range(100):
        flipped = bytearray(data)
        # Half in the header and the first pages (the structure), half anywhere.
        span = 4096 if i % 2 else len(data)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(span)
            flipped[at] ^= 1 << rng.randrange(8)
        path = tmp_path / f"flip{i}.csdesk"
        path.write_bytes(bytes(flipped))
        try:  # never another exception (garbled text, a nonsense page size...)
            OpenProject.open(path, readonly=i % 3 != 0).close()
            outcomes["opened"] += 1
        except ProjectFileError as exc:
            assert path.name in str(exc)
            outcomes["refused"] += 1
        assert path.read_bytes() == bytes(flipped)
    assert outcomes["refused"] >= 10  # the flips near the structure are caught
