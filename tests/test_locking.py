"""One writer: the lock between processes, a stale lock raced for, and exclusive creation."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading

import pytest

from csdesk.atomic import write_atomically
from csdesk.services.project import OpenProject
from csdesk.store import ProjectLockedError, read_holder
from csdesk.store import lock
from csdesk.store.lock import lock_path

HOLDER = """
import sys, time
from csdesk.services.project import OpenProject
project = OpenProject.open(sys.argv[1])
print("open", flush=True)
time.sleep(120)
"""


def dead_lock(project, pid=2**22 + 4321):
    lock_path(project).write_text(json.dumps(
        {"user": "crashed", "host": socket.gethostname(), "pid": pid,
         "since": "2026-01-01T09:00:00", "token": "old"}))


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_second_process_is_refused_until_the_first_dies(new_file):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(new_file)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "open"
        with pytest.raises(ProjectLockedError, match="open for editing by") as caught:
            OpenProject.open(new_file)
        assert caught.value.holder.pid == proc.pid
        OpenProject.open(new_file, readonly=True).close()  # reading is always allowed
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    project = OpenProject.open(new_file)  # its lock is now stale: taken over
    assert read_holder(new_file).pid == os.getpid()
    project.close()
    assert not lock_path(new_file).exists()


def test_openers_racing_for_a_stale_lock_never_both_win(new_file):
    """Many threads judge the same dead lock stale at once; each round exactly one gets it."""
    path = new_file
    for round_ in range(20):
        dead_lock(path)
        start = threading.Barrier(6)
        winners, refused = [], []

        def opener():
            start.wait()
            try:
                winners.append(lock.acquire(path))
            except ProjectLockedError:
                refused.append(1)

        threads = [threading.Thread(target=opener) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(winners) == 1, f"round {round_}: {len(winners)} openers won"
        assert read_holder(path) == winners[0]
        assert not list(path.parent.glob("*.lock.*"))  # no guard or aside file left
        lock.release(path, winners[0])
        assert not lock_path(path).exists()


def test_an_opener_that_judged_a_lock_stale_too_late_cannot_remove_the_winners(new_file):
    """The race in slow motion: B saw the dead lock, A took it over first; B then tries to
    break what it saw."""
    dead_lock(new_file)
    judged_by_b = read_holder(new_file)
    a = lock.acquire(new_file)
    lock._break(new_file, judged_by_b, lock._me())
    assert read_holder(new_file) == a
    with pytest.raises(ProjectLockedError):
        lock.acquire(new_file)


def test_release_never_removes_a_lock_taken_over_since(new_file):
    mine = lock.acquire(new_file)
    theirs = lock.acquire(new_file, take_over=True)
    lock.release(new_file, mine)
    assert read_holder(new_file) == theirs
    lock.release(new_file, theirs)
    assert not lock_path(new_file).exists()


def test_a_lock_from_another_computer_names_who_and_since_when(new_file):
    lock_path(new_file).write_text(json.dumps(
        {"user": "asha", "host": "COUNCIL-LT-0042", "pid": 1, "since": "2026-03-02T14:05:09"}))
    with pytest.raises(ProjectLockedError) as caught:
        OpenProject.open(new_file)
    assert "asha on COUNCIL-LT-0042 (since 2026-03-02 14:05)" in str(caught.value)
    project = OpenProject.open(new_file, take_over_lock=True)  # the user decided
    assert read_holder(new_file).user != "asha"
    project.close()


def test_write_atomically_without_replace_never_replaces(tmp_path):
    dest = tmp_path / "taken.txt"

    def appears_meanwhile(tmp):
        tmp.write_text("new")
        dest.write_text("theirs")  # someone else makes dest while we write

    with pytest.raises(FileExistsError):
        write_atomically(dest, appears_meanwhile, replace=False)
    assert dest.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["taken.txt"]  # no temp file left
    write_atomically(tmp_path / "free.txt", lambda tmp: tmp.write_text("ok"), replace=False)
    assert (tmp_path / "free.txt").read_text() == "ok"
