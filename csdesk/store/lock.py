"""One writer at a time: a lock file beside the project names who has it open.

A lock file (rather than an OS lock) works on network drives and synced folders, and lets us
tell the second person *who* has the project. A lock left by a crashed csdesk on this same
computer is noticed (its process is gone) and taken over."""

import getpass
import json
import os
import socket
import sys
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

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
    try:
        data = json.loads(lock_path(project).read_text(encoding="utf-8"))
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


def acquire(project: Path, take_over: bool = False) -> LockHolder:
    """Take the lock or raise ProjectLockedError naming who has it.
    take_over=True replaces someone else's lock (the user chose to, after being told)."""
    path = lock_path(project)
    me = _me()
    for _ in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = read_holder(project)
            if holder is None:
                continue  # released between our two calls: try again
            if take_over or is_stale(holder):
                path.unlink(missing_ok=True)
                continue
            raise ProjectLockedError(
                f"{project.name} is open for editing by {holder.describe()}.", holder
            ) from None
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(asdict(me), f)
        return me
    raise ProjectLockedError(f"{project.name} is being opened by someone else; try again.", None)


def release(project: Path, mine: LockHolder) -> None:
    """Remove the lock if it is still ours (someone may have taken it over)."""
    if read_holder(project) == mine:
        lock_path(project).unlink(missing_ok=True)
