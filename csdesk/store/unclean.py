"""Which projects were left open by a csdesk that stopped without closing them (a crash, a
kill, a power cut)? A marker in the per-user data folder is written when a project is opened
for editing and removed when it is closed. A marker whose process is gone means the next
open must check the file in full, and the next start can say what happened."""

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..atomic import write_atomically
from ..paths import data_dir
from .lock import _pid_alive

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LeftOpen:
    project: Path
    pid: int
    since: str  # ISO time, local
    reported: bool  # the user has been told about it once


def _folder() -> Path:
    return data_dir(create=False) / "open projects"  # made only when a marker is written


def _marker(project: Path) -> Path:
    key = hashlib.sha256(str(Path(project).resolve()).encode()).hexdigest()[:20]
    return _folder() / f"{key}.json"


def _write(marker: Path, entry: LeftOpen) -> None:
    text = json.dumps({"project": str(entry.project), "pid": entry.pid, "since": entry.since,
                       "reported": entry.reported})
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(marker, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    except OSError:  # a full or read-only profile must not stop the user working
        log.warning("could not write %s", marker, exc_info=True)


def _read(marker: Path) -> LeftOpen | None:
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        return LeftOpen(Path(data["project"]), int(data["pid"]), str(data["since"]),
                        bool(data.get("reported")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def mark_open(project: Path) -> None:
    _write(_marker(project), LeftOpen(Path(project).resolve(), os.getpid(),
                                      datetime.now().isoformat("T", "seconds"), False))


def mark_closed(project: Path) -> None:
    marker = _marker(project)
    entry = _read(marker)
    if entry is None or entry.pid == os.getpid():
        try:
            marker.unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove %s", marker, exc_info=True)


def left_unclean(project: Path) -> bool:
    """True if the last csdesk to edit `project` on this computer stopped without closing it."""
    entry = _read(_marker(project))
    return entry is not None and not _pid_alive(entry.pid)


def not_yet_reported() -> list[LeftOpen]:
    """Projects left open by a csdesk that has stopped, that the user has not been told of."""
    found = []
    for marker in sorted(_folder().glob("*.json")) if _folder().is_dir() else ():
        entry = _read(marker)
        if entry and not entry.reported and not _pid_alive(entry.pid):
            found.append(entry)
    return found


def mark_reported(entry: LeftOpen) -> None:
    """The user has been told; the marker stays, so the next open still checks in full."""
    marker = _marker(entry.project)
    if _read(marker) == entry:
        _write(marker, LeftOpen(entry.project, entry.pid, entry.since, True))
