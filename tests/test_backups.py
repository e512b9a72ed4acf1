"""Rolling backups: when they are taken, which are kept, restoring one as a new file, and
that a failed or cut-off backup never costs a good one."""

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from csdesk.services.project import OpenProject
from csdesk.store import DamagedFileError, ProjectFileError, inspect_file
from csdesk.store import backups
from csdesk.store.backups import due, to_keep

from .conftest import digest

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_due_at_most_every_thirty_minutes():
    assert due(None, NOW)
    assert not due(NOW - timedelta(minutes=29), NOW)
    assert due(NOW - timedelta(minutes=30), NOW)


def test_keeps_the_newest_and_one_a_day_for_two_weeks():
    hourly = [NOW - timedelta(hours=h) for h in range(24 * 20)]  # 20 days, every hour
    kept = to_keep(hourly, NOW, recent=10, days=14)
    assert set(sorted(hourly, reverse=True)[:10]) <= kept
    older = sorted(kept)[: len(kept) - 10]
    days = [t.astimezone().date() for t in older]
    assert len(days) == len(set(days))  # one a day beyond the newest ten
    assert min(kept) >= NOW - timedelta(days=14)
    assert len(kept) <= 10 + 14


def test_nothing_old_is_kept_beyond_the_newest_when_there_is_a_gap():
    times = [NOW - timedelta(days=30 + d) for d in range(15)]
    assert to_keep(times, NOW, recent=3, days=14) == set(sorted(times, reverse=True)[:3])


def edit(path, text):
    project = OpenProject.open(path)
    project.update_details(notes=text)
    project.close()


def notes(path):
    project = OpenProject.open(path, readonly=True)
    try:
        return project.details().notes
    finally:
        project.close()


def test_a_backup_is_a_sound_copy_taken_only_when_the_file_changed(new_file, user_dir):
    first = backups.take(new_file, NOW)
    assert first is not None and first.path.exists()
    assert first.path.is_relative_to(user_dir / "data" / "backups")  # not beside the project
    inspect_file(first.path, full_check=True)
    assert backups.take(new_file, NOW + timedelta(minutes=40)) is None  # unchanged
    edit(new_file, "after the first backup")
    second = backups.take(new_file, NOW + timedelta(minutes=41))
    assert [b.path for b in backups.list_backups(new_file)] == [second.path, first.path]
    assert backups.counts(second.path)["journeys"] >= 0


def test_rotation_keeps_what_the_policy_says(new_file):
    project = OpenProject.open(new_file)
    for i in range(30):
        project.update_details(notes=f"edit {i}")
        backups.take(new_file, NOW - timedelta(hours=12 * (29 - i)))
    project.close()
    on_disk = {b.taken for b in backups.list_backups(new_file)}
    assert on_disk == to_keep(on_disk, NOW)
    assert len(on_disk) < 30


def test_restore_is_a_new_file_never_the_original(new_file, tmp_path):
    edit(new_file, "in the backup")
    b = backups.take(new_file, NOW)
    edit(new_file, "after the backup")
    before = digest(new_file)
    with pytest.raises(ProjectFileError, match="new file"):
        backups.restore(b, new_file, new_file)
    other = tmp_path / "other.csdesk"
    other.write_bytes(b"theirs")
    with pytest.raises(ProjectFileError, match="already exists"):
        backups.restore(b, other, new_file)
    assert digest(new_file) == before and other.read_bytes() == b"theirs"
    restored = backups.restore(b, tmp_path / "Restored", new_file)
    assert restored.name == "Restored.csdesk"
    assert notes(restored) == "in the backup"
    assert notes(new_file) == "after the backup"


def test_a_failed_backup_removes_nothing_and_leaves_nothing(new_file):
    good = backups.take(new_file, NOW)
    kept = digest(good.path)
    # Damage the project's schema: its backup fails the check and is never named.
    import sqlite3

    conn = sqlite3.connect(new_file)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE value_check")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectFileError, match="Could not back up"):
        backups.take(new_file, NOW + timedelta(hours=1))
    assert [b.path for b in backups.list_backups(new_file)] == [good.path]
    assert digest(good.path) == kept
    assert not list(good.path.parent.glob(".csdesk-*"))
    assert backups.newest_sound(new_file) == good
    with pytest.raises(DamagedFileError):
        inspect_file(new_file)


BACKER = r"""
import os, random, signal, sys, time
from datetime import UTC, datetime, timedelta
from csdesk.services.project import OpenProject
from csdesk.store import backups
path = sys.argv[1]
rng = random.Random(3)
project = OpenProject.open(path)
start = datetime(2026, 11, 23, tzinfo=UTC)
for r in range(8):
    project.update_details(notes=f"round {r}")
    pid = os.fork()
    if pid == 0:  # takes backups (of a changing file) until killed
        for i in range(100000):
            backups.take(project.path, start + timedelta(hours=100 * r + i))
        os._exit(0)
    time.sleep(rng.uniform(0.05, 0.3))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    print(r, flush=True)
project.close()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork")
def test_a_backup_cut_off_half_way_leaves_the_others_sound(demo_file):
    done = subprocess.run([sys.executable, "-c", BACKER, str(demo_file)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    found = backups.list_backups(demo_file)
    assert found
    for b in found:
        inspect_file(b.path, full_check=True)  # every named backup is whole and sound
    folder = backups.folder_for(demo_file)
    edit(demo_file, "after the kills")
    assert backups.take(demo_file) is not None
    assert not list(folder.glob(".csdesk-*"))  # what the kills cut off is cleared
