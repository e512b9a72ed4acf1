"""One writer at a time: a lock file beside the project names who has it open.

A lock file (rather than an OS lock) works on network drives and synced folders, and lets us
tell the second person *who* has the project. A lock left by a crashed csdesk on this same
computer is noticed (its process is gone) and taken over."""

import getpass
import json
import os
import socket
import sys
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from ..atomic import write_atomically
from .errors import ProjectLockedError


@dataclass(frozen=True)
class LockHolder:
    user: str
    host: str
    pid: int
    since: str  # ISO time, local
    token: str = ""  # tells two opens by the same process apart

    def describe(self) -> str:
        when = self.since.replace("T", " ")[:16]
        return f"{self.user} on {self.host} (since {when})"


def lock_path(project: Path) -> Path:
    return project.with_name(project.name + ".lock")


def _me() -> LockHolder:
    try:
        user = getpass.getuser()
    except Exception:  # no login name (some service accounts)
        user = "unknown user"
    return LockHolder(user, socket.gethostname(), os.getpid(),
                      datetime.now().isoformat("T", "seconds"), uuid.uuid4().hex)


def read_holder(project: Path) -> LockHolder | None:
    return _parse(lock_path(project))


def _parse(path: Path) -> LockHolder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(str(data["user"]), str(data["host"]), int(data["pid"]),
                          str(data["since"]), str(data.get("token", "")))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError, OSError):
        return LockHolder("someone", "an unknown computer", -1, "")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill would terminate the process on Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            # Access denied means it exists (another user's process on a shared server).
            return ctypes.windll.kernel32.GetLastError() == 5
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_stale(holder: LockHolder) -> bool:
    """Only a lock from this computer can be known to be dead."""
    return holder.host == socket.gethostname() and not _pid_alive(holder.pid)


GUARD_STALE_AFTER = 10  # seconds: a breaker holds the guard for milliseconds


def _write_lock(path: Path, holder: LockHolder) -> bool:
    """Create the lock file, content and all, only if there is none: a reader never sees
    a half-written lock, and of two creators exactly one succeeds."""
    text = json.dumps(asdict(holder))
    try:
        write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"),
                         replace=False)
    except FileExistsError:
        return False
    return True


def _remove_if(project: Path, holder: LockHolder) -> None:
    """Remove the lock only if it is `holder`'s: it is first renamed aside (one step, so
    only one remover gets it) and put back if it turns out to be someone else's."""
    path = lock_path(project)
    aside = path.with_name(f"{path.name}.{uuid.uuid4().hex}.old")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return
    if _parse(aside) != holder:  # taken over meanwhile: not ours to remove
        os.rename(aside, path)
        return
    aside.unlink(missing_ok=True)


def _break(project: Path, judged: LockHolder, me: LockHolder) -> None:
    """Remove a lock judged stale (or that the user chose to take over), if it is still
    the one judged. Breakers take turns through a guard file, so two openers who both
    judged the same lock stale cannot both remove it and both go on to write."""
    path = lock_path(project)
    guard = path.with_name(path.name + ".breaking")
    if not _write_lock(guard, me):
        try:
            if time.time() - guard.stat().st_mtime > GUARD_STALE_AFTER:
                guard.unlink(missing_ok=True)  # left by a breaker that died mid-way
        except FileNotFoundError:
            pass
        time.sleep(0.02)
        return  # the caller looks again
    try:
        if read_holder(project) == judged:
            _remove_if(project, judged)
    finally:
        guard.unlink(missing_ok=True)


def acquire(project: Path, take_over: bool = False) -> LockHolder:
    """Take the lock or raise ProjectLockedError naming who has it.
    take_over=True replaces someone else's lock (the user chose to, after being told)."""
    path = lock_path(project)
    me = _me()
    chosen = None  # with take_over: the lock found first, the one the user was told about
    for _ in range(50):
        if _write_lock(path, me):
            return me
        holder = read_holder(project)
        if holder is None:
            continue  # released between our two calls: try again
        if take_over and chosen in (None, holder):
            chosen = holder
        elif not is_stale(holder):
            raise ProjectLockedError(
                f"{project.name} is open for editing by {holder.describe()}.", holder)
        _break(project, holder, me)
    raise ProjectLockedError(f"{project.name} is being opened by someone else; try again.", None)


def release(project: Path, mine: LockHolder) -> None:
    """Remove the lock if it is still ours (someone may have taken it over)."""
    if read_holder(project) == mine:
        _remove_if(project, mine)
